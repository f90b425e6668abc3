// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "pw-root.h"
#include "pw-text.h"

void pw_lines_init(struct pw_lines *it, const char *text, size_t len)
{
	it->pos = text;
	it->end = text + len;
	it->number = 0;
	it->eol = text;
	it->eol_len = 0;
}

bool pw_lines_next(struct pw_lines *it, const char **line, size_t *len)
{
	const char *nl;
	size_t n;

	if (it->pos >= it->end)
		return false;
	nl = memchr(it->pos, '\n', (size_t)(it->end - it->pos));
	n = nl ? (size_t)(nl - it->pos) : (size_t)(it->end - it->pos);
	*line = it->pos;
	*len = n > 0 && it->pos[n - 1] == '\r' ? n - 1 : n;
	it->eol = *line + *len;
	it->eol_len = (nl ? (size_t)(nl + 1 - it->pos) : n) - *len;
	it->pos = nl ? nl + 1 : it->end;
	it->number++;
	return true;
}

void pw_linereader_init(struct pw_linereader *lr, int fd)
{
	lr->fd = fd;
	lr->start = lr->end = 0;
	lr->eof = false;
	lr->skipping = false;
	lr->number = 0;
}

/* Move what is left to the front and read more; 0, or negative errno. */
static int refill(struct pw_linereader *lr)
{
	ssize_t n;

	if (lr->start > 0) {
		memmove(lr->buf, lr->buf + lr->start, lr->end - lr->start);
		lr->end -= lr->start;
		lr->start = 0;
	}
	do {
		n = read(lr->fd, lr->buf + lr->end, sizeof(lr->buf) - lr->end);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if (n == 0)
		lr->eof = true;
	else if (memchr(lr->buf + lr->end, '\0', (size_t)n))
		return PW_EBINARY;
	lr->end += (size_t)n;
	return 0;
}

/* Drop the rest of a line that was handed out cut. */
static int skip_rest_of_line(struct pw_linereader *lr)
{
	for (;;) {
		char *nl = memchr(lr->buf + lr->start, '\n', lr->end - lr->start);
		int err;

		if (nl) {
			lr->start = (size_t)(nl - lr->buf) + 1;
			lr->skipping = false;
			return 0;
		}
		lr->start = lr->end;
		if (lr->eof) {
			lr->skipping = false;
			return 0;
		}
		err = refill(lr);
		if (err < 0)
			return err;
	}
}

int pw_linereader_next(struct pw_linereader *lr, const char **line, size_t *len, bool *cut)
{
	char *nl;
	int err;

	*cut = false;
	if (lr->skipping) {
		err = skip_rest_of_line(lr);
		if (err < 0)
			return err;
	}
	for (;;) {
		nl = memchr(lr->buf + lr->start, '\n', lr->end - lr->start);
		if (nl)
			break;
		if (lr->eof) {
			if (lr->start == lr->end)
				return 0;
			nl = lr->buf + lr->end; /* last line without a newline */
			break;
		}
		if (lr->start == 0 && lr->end == sizeof(lr->buf)) {
			/* Longer than the buffer: hand out its head only. */
			*line = lr->buf;
			*len = lr->end;
			*cut = true;
			lr->start = lr->end;
			lr->skipping = true;
			lr->number++;
			return 1;
		}
		err = refill(lr);
		if (err < 0)
			return err;
	}
	*line = lr->buf + lr->start;
	*len = (size_t)(nl - (lr->buf + lr->start));
	lr->start = nl < lr->buf + lr->end ? (size_t)(nl - lr->buf) + 1 : lr->end;
	lr->number++;
	return 1;
}

int pw_linereader_skip_paragraph(struct pw_linereader *lr)
{
	int err;

	for (;;) {
		if (lr->skipping) {
			err = skip_rest_of_line(lr);
			if (err < 0)
				return err;
		}
		/* lr->start is always the start of a line here */
		while (lr->start < lr->end) {
			char *line = lr->buf + lr->start;
			char *nl;

			if (*line == '\n') {
				lr->start++;
				lr->number++;
				return 1;
			}
			nl = memchr(line, '\n', lr->end - lr->start);
			if (!nl)
				break;
			lr->start = (size_t)(nl - lr->buf) + 1;
			lr->number++;
		}
		if (lr->eof) {
			if (lr->start < lr->end)
				lr->number++; /* a last line without a newline */
			lr->start = lr->end;
			return 0;
		}
		if (lr->start == 0 && lr->end == sizeof(lr->buf)) {
			/* a line longer than the buffer: the rest of it goes too */
			lr->start = lr->end;
			lr->skipping = true;
			lr->number++;
			continue;
		}
		err = refill(lr);
		if (err < 0)
			return err;
	}
}

const char *pw_skip_blanks(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

bool pw_next_word(const char **s, const char *end, char *word, size_t size)
{
	const char *p = pw_skip_blanks(*s, end), *q = p;

	while (q < end && *q != ' ' && *q != '\t')
		q++;
	*s = q;
	if (q == p)
		return false;
	pw_copy(word, size, p, (size_t)(q - p));
	return true;
}

bool pw_has_prefix(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && memcmp(s, prefix, n) == 0;
}

bool pw_word_in_list(const char *list, const char *word)
{
	const char *end = list + strlen(list);
	char w[256];

	while (pw_next_word(&list, end, w, sizeof(w)))
		if (strcmp(w, word) == 0)
			return true;
	return false;
}

void pw_copy(char *dst, size_t size, const char *s, size_t len)
{
	if (size == 0)
		return;
	if (len >= size)
		len = size - 1;
	memcpy(dst, s, len);
	dst[len] = '\0';
}

size_t pw_next_char(const char *s, size_t left, mbstate_t *st, int *cells)
{
	wchar_t wc;
	size_t n;

	/*
	 * Printable ASCII is one byte and one cell in every locale glibc has,
	 * and the state is always the initial one here (an incomplete
	 * sequence resets it): most text needs no mbrtowc.
	 */
	if ((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7f) {
		*cells = 1;
		return 1;
	}
	n = mbrtowc(&wc, s, left, st);

	if (n == (size_t)-1 || n == (size_t)-2) {
		/* undecodable: count one cell a byte, as a terminal shows '?' */
		memset(st, 0, sizeof(*st));
		*cells = 1;
		return 1;
	}
	*cells = wcwidth(wc);
	if (*cells < 0)
		*cells = 0;
	return n ? n : 1;
}

int pw_text_width(const char *s)
{
	mbstate_t st;
	int cells = 0;
	size_t left = strlen(s);

	memset(&st, 0, sizeof(st));
	while (left > 0) {
		int w;
		size_t n = pw_next_char(s, left, &st, &w);

		cells += w;
		s += n;
		left -= n;
	}
	return cells;
}

void pw_fput_padded(FILE *out, const char *s, int cells)
{
	fputs(s, out);
	for (int w = pw_text_width(s); w < cells; w++)
		fputc(' ', out);
}

size_t pw_utf8_length(const unsigned char *p, size_t left)
{
	size_t n;
	unsigned int cp;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2, cp = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3, cp = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4, cp = p[0] & 0x07;
	else
		return 0;
	if (left < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	/* overlong forms, surrogates and values past U+10FFFF */
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

void pw_text_printable(char *s)
{
	unsigned char *p = (unsigned char *)s;
	size_t left = strlen(s);

	while (left > 0) {
		size_t n = pw_utf8_length(p, left);

		/* C1 controls are U+0080..U+009F: 0xc2 0x80..0x9f in UTF-8 */
		if (n == 0 || (n == 1 && ((p[0] < 0x20 && p[0] != '\t' && p[0] != '\n') ||
					  p[0] == 0x7f)) ||
		    (n == 2 && p[0] == 0xc2 && p[1] < 0xa0)) {
			size_t bad = n ? n : 1;

			/* one '?' a character; the rest of its bytes close up */
			p[0] = '?';
			memmove(p + 1, p + bad, left - bad + 1);
			left -= bad;
			p++;
			continue;
		}
		p += n;
		left -= n;
	}
}

bool pw_ends_cjk(const char *msg, size_t used)
{
	const unsigned char *m = (const unsigned char *)msg, *p = m + used;
	size_t back = 0;
	unsigned int cp;

	/* index from the start: p[-1 - back] would wrap the size_t first */
	while (back < used && back < 4 && (m[used - 1 - back] & 0xc0) == 0x80)
		back++;
	if (back == 0 || back == used || back > 3 ||
	    pw_utf8_length(p - back - 1, back + 1) != back + 1)
		return false;
	p -= back + 1;
	cp = p[0] & (0x7f >> (back + 1));
	for (size_t i = 1; i <= back; i++)
		cp = cp << 6 | (p[i] & 0x3f);
	return (cp >= 0x3000 && cp <= 0x30ff) || (cp >= 0x4e00 && cp <= 0x9fff) ||
	       (cp >= 0xff01 && cp <= 0xff60);
}

void pw_fput_json_string(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t left = strlen(s);

	fputc('"', out);
	while (left > 0) {
		size_t n = pw_utf8_length(p, left);

		if (n == 0) {
			fputs("\\ufffd", out);
			n = 1;
		} else if (*p == '"' || *p == '\\') {
			fputc('\\', out);
			fputc(*p, out);
		} else if (*p == '\n') {
			fputs("\\n", out);
		} else if (*p < 0x20 || *p == 0x7f) {
			fprintf(out, "\\u%04x", *p);
		} else {
			fwrite(p, 1, n, out);
		}
		p += n;
		left -= n;
	}
	fputc('"', out);
}

void pw_buf_add(struct pw_buf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->len + n + 1) * 2;
		char *grown = realloc(b->data, cap);

		if (!grown) {
			b->failed = true;
			return;
		}
		b->data = grown;
		b->cap = cap;
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void pw_buf_str(struct pw_buf *b, const char *s)
{
	pw_buf_add(b, s, strlen(s));
}

void pw_buf_printf(struct pw_buf *b, const char *fmt, ...)
{
	char small[512], *big = NULL;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = true;
		return;
	}
	if ((size_t)n < sizeof(small)) {
		pw_buf_add(b, small, (size_t)n);
		return;
	}
	va_start(ap, fmt);
	n = vasprintf(&big, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = true;
		return;
	}
	pw_buf_add(b, big, (size_t)n);
	free(big);
}

void pw_buf_free(struct pw_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}
