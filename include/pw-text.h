/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Small text helpers shared by the parsers in checks/: a line iterator over
 * a buffer, a streaming line reader for large files, and word splitting.
 */
#ifndef PW_TEXT_H
#define PW_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <wchar.h>

/* Iterate the lines of a NUL-terminated buffer (no copy). */
struct pw_lines {
	const char *pos;
	const char *end;
	unsigned int number; /* 1-based number of the line last returned */
	/* its ending, for editors that copy it: "\n", "\r\n", or "" at the end */
	const char *eol;
	size_t eol_len;
};

void pw_lines_init(struct pw_lines *it, const char *text, size_t len);
/* Next line without its '\n' (and without a '\r' before it); it->eol follows it. */
bool pw_lines_next(struct pw_lines *it, const char **line, size_t *len);

/*
 * Read a file a block at a time, for files too large to hold (the dpkg
 * status file). A line longer than the buffer is returned cut to the buffer
 * size, with @cut set, and the rest of it skipped.
 */
#define PW_LINEREADER_BUF (64 * 1024)
struct pw_linereader {
	int fd;
	size_t start, end;
	bool eof;
	bool skipping; /* inside a line handed out cut */
	unsigned long number;
	char buf[PW_LINEREADER_BUF];
};

void pw_linereader_init(struct pw_linereader *lr, int fd);
/* 1: a line; 0: end of file; negative errno (PW_EBINARY for a NUL byte). */
int pw_linereader_next(struct pw_linereader *lr, const char **line, size_t *len, bool *cut);
/*
 * Skip to just after the next empty line (the end of a dpkg paragraph)
 * without handing out the lines: 1 when one was found, 0 at the end of the
 * file first, negative errno. Far cheaper per line than pw_linereader_next.
 */
int pw_linereader_skip_paragraph(struct pw_linereader *lr);

/* Skip blanks (space, tab). */
const char *pw_skip_blanks(const char *s, const char *end);
/* Copy the next blank-separated word of [*s, end) into @word; false if none. */
bool pw_next_word(const char **s, const char *end, char *word, size_t size);
/* Does [s, s+len) start with @prefix? */
bool pw_has_prefix(const char *s, size_t len, const char *prefix);
/* Is @word one of the blank-separated words of @list? */
bool pw_word_in_list(const char *list, const char *word);

/* Copy at most @size-1 bytes of [s, s+len) and terminate (snprintf-safe). */
void pw_copy(char *dst, size_t size, const char *s, size_t len);

/*
 * A growing text, for the planners that build a file's new content. A
 * failed allocation is noted once (@failed) and checked at the end, so
 * that building code need not test every append.
 */
struct pw_buf {
	char *data;	/* NUL-terminated; NULL while empty */
	size_t len, cap;
	bool failed;
};

void pw_buf_add(struct pw_buf *b, const char *s, size_t n);
void pw_buf_str(struct pw_buf *b, const char *s);
void pw_buf_printf(struct pw_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void pw_buf_free(struct pw_buf *b);

/* Length of the UTF-8 sequence at @p (at most @left bytes); 0 if not valid. */
size_t pw_utf8_length(const unsigned char *p, size_t left);
/*
 * Make @s safe to print: bytes that are not UTF-8, and control characters
 * (C0 but tab and newline, DEL, C1: a terminal may act on them), become
 * '?'. A message quoting a value from a file can hold anything.
 */
void pw_text_printable(char *s);
/*
 * Do the @used bytes at @s end in a kana, kanji or full-width character
 * (UTF-8)? Japanese puts no space after such a sentence: the sentences
 * joined into a message or a plan's note skip it there.
 */
bool pw_ends_cjk(const char *s, size_t used);

/*
 * Display cells that a string in the locale's encoding takes on a terminal
 * (a kanji takes two, a Cyrillic letter one): for layout, never strlen().
 */
int pw_text_width(const char *s);
/*
 * The character at @s (at most @left bytes): its length in bytes, and its
 * width in @cells. What does not decode counts as one byte and one cell.
 */
size_t pw_next_char(const char *s, size_t left, mbstate_t *st, int *cells);
/* Write @s and pad it with spaces to @cells display cells. */
void pw_fput_padded(FILE *out, const char *s, int cells);
/* Write @s as a JSON string; bytes that are not UTF-8 become U+FFFD. */
void pw_fput_json_string(FILE *out, const char *s);

static inline int pw_max(int a, int b)
{
	return a > b ? a : b;
}

#endif /* PW_TEXT_H */
