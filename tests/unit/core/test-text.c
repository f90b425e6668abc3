// SPDX-License-Identifier: GPL-2.0-or-later
/* Line iteration, the streaming reader, widths in cells, JSON strings. */
#include "unit.h"

#include <locale.h>

#include "pw-root.h"
#include "pw-text.h"

static void test_lines(void **state)
{
	static const char text[] = "one\r\ntwo\n\nlast";
	struct pw_lines it;
	const char *line;
	size_t len;

	(void)state;
	pw_lines_init(&it, text, strlen(text));
	assert_true(pw_lines_next(&it, &line, &len));
	assert_int_equal(len, 3);
	assert_memory_equal(line, "one", 3);
	assert_true(pw_lines_next(&it, &line, &len));
	assert_memory_equal(line, "two", 3);
	assert_true(pw_lines_next(&it, &line, &len));
	assert_int_equal(len, 0);
	assert_true(pw_lines_next(&it, &line, &len));
	assert_int_equal(len, 4);
	assert_int_equal(it.number, 4);
	assert_false(pw_lines_next(&it, &line, &len));
}

static int pipe_with(const char *data, size_t len)
{
	char path[] = "/tmp/pw-text-XXXXXX";
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	unlink(path);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	lseek(fd, 0, SEEK_SET);
	return fd;
}

static void test_linereader_long_line(void **state)
{
	size_t big = 3 * PW_LINEREADER_BUF + 17;
	char *data = malloc(big + 32);
	struct pw_linereader *lr = malloc(sizeof(*lr));
	const char *line;
	size_t len;
	bool cut;
	int fd;

	(void)state;
	memcpy(data, "head\n", 5);
	memset(data + 5, 'x', big);
	memcpy(data + 5 + big, "\ntail", 5);
	fd = pipe_with(data, big + 10);
	pw_linereader_init(lr, fd);
	assert_int_equal(pw_linereader_next(lr, &line, &len, &cut), 1);
	assert_false(cut);
	assert_memory_equal(line, "head", 4);
	assert_int_equal(pw_linereader_next(lr, &line, &len, &cut), 1);
	assert_true(cut);
	assert_true(len > 0 && line[0] == 'x');
	assert_int_equal(pw_linereader_next(lr, &line, &len, &cut), 1);
	assert_false(cut);
	assert_int_equal(len, 4);
	assert_memory_equal(line, "tail", 4);
	assert_int_equal(lr->number, 3);
	assert_int_equal(pw_linereader_next(lr, &line, &len, &cut), 0);
	close(fd);
	free(data);
	free(lr);
}

static void test_linereader_skip_paragraph(void **state)
{
	size_t big = PW_LINEREADER_BUF + 100, n = 0;
	char *data = malloc(big + 20000 * 32 + 256);
	struct pw_linereader *lr = malloc(sizeof(*lr));
	const char *line;
	size_t len;
	bool cut;
	int fd, i;

	(void)state;
	/* a paragraph with a line longer than the buffer, ". " lines inside */
	n += (size_t)sprintf(data + n, "Package: a\nDescription: x\n .\n ");
	memset(data + n, 'x', big);
	n += big;
	n += (size_t)sprintf(data + n, "\n\n");
	/* enough short paragraphs to cross the buffer's end several times */
	for (i = 0; i < 20000; i++)
		n += (size_t)sprintf(data + n, "Package: p%d\nStatus: x\n\n", i);
	n += (size_t)sprintf(data + n, "Package: next\n\nPackage: last\nVersion: 1");
	fd = pipe_with(data, n);
	pw_linereader_init(lr, fd);
	assert_int_equal(pw_linereader_next(lr, &line, &len, &cut), 1);
	assert_memory_equal(line, "Package: a", 10);
	assert_int_equal(pw_linereader_skip_paragraph(lr), 1);
	assert_int_equal(lr->number, 5);
	for (i = 0; i < 20000; i++)
		assert_int_equal(pw_linereader_skip_paragraph(lr), 1);
	assert_int_equal(lr->number, 5 + 20000 * 3);
	assert_int_equal(pw_linereader_next(lr, &line, &len, &cut), 1);
	assert_int_equal(len, 13);
	assert_memory_equal(line, "Package: next", 13);
	/* an empty line right away ends the paragraph */
	assert_int_equal(pw_linereader_skip_paragraph(lr), 1);
	/* the last paragraph has no empty line: the end of the file comes first */
	assert_int_equal(pw_linereader_skip_paragraph(lr), 0);
	assert_int_equal(lr->number, 5 + 20000 * 3 + 4);
	assert_int_equal(pw_linereader_next(lr, &line, &len, &cut), 0);
	close(fd);
	free(data);
	free(lr);
}

static void test_linereader_binary(void **state)
{
	struct pw_linereader *lr = malloc(sizeof(*lr));
	const char *line;
	size_t len;
	bool cut;
	int fd = pipe_with("a\nb\0c\n", 6);

	(void)state;
	pw_linereader_init(lr, fd);
	assert_int_equal(pw_linereader_next(lr, &line, &len, &cut), PW_EBINARY);
	close(fd);
	free(lr);
}

static void test_words(void **state)
{
	const char *s = "  linux-image-xen-amd64\tlinux-headers-xen ", *end = s + strlen(s);
	char w[16];

	(void)state;
	assert_true(pw_next_word(&s, end, w, sizeof(w)));
	assert_string_equal(w, "linux-image-xen"); /* cut to the buffer */
	assert_true(pw_next_word(&s, end, w, sizeof(w)));
	assert_false(pw_next_word(&s, end, w, sizeof(w)));
	assert_true(pw_word_in_list("etch lenny", "lenny"));
	assert_false(pw_word_in_list("etch lenny", "len"));
}

static void test_width(void **state)
{
	(void)state;
	assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
	assert_int_equal(pw_text_width("Network"), 7);
	assert_int_equal(pw_text_width("Сеть"), 4);           /* 8 bytes, 4 cells */
	assert_int_equal(pw_text_width("ネットワーク"), 12);   /* 18 bytes, 12 cells */
	assert_int_equal(pw_text_width("a\xff" "b"), 3);       /* undecodable: a cell a byte */
}

static void test_json_string(void **state)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	(void)state;
	pw_fput_json_string(f, "a\"b\\c\n\x01\xff é");
	fclose(f);
	assert_string_equal(buf, "\"a\\\"b\\\\c\\n\\u0001\\ufffd é\"");
	free(buf);
}

/* Japanese sentences are joined without a space; others, and torn bytes, with one. */
static void test_ends_cjk(void **state)
{
	static const char kuten[] = "\xe3\x81\xa7\xe3\x81\x99\xe3\x80\x82"; /* desu + full stop */
	static const char yo[] = "\xd1\x91"; /* Cyrillic yo: two bytes, not CJK */

	(void)state;
	assert_true(pw_ends_cjk(kuten, strlen(kuten)));
	assert_false(pw_ends_cjk(kuten, strlen(kuten) - 1));
	assert_false(pw_ends_cjk("done.", 5));
	assert_false(pw_ends_cjk(yo, 2));
	assert_false(pw_ends_cjk("\x80\x80", 2));
	assert_false(pw_ends_cjk("", 0));
}

/* What a terminal could act on, or cannot decode, is shown as '?'. */
static void test_printable(void **state)
{
	char s[64];

	(void)state;
	strcpy(s, "plain \t text\nnext line");
	pw_text_printable(s);
	assert_string_equal(s, "plain \t text\nnext line");
	strcpy(s, "esc \x1b[2J bell \a del \x7f");
	pw_text_printable(s);
	assert_string_equal(s, "esc ?[2J bell ? del ?");
	/* a C1 CSI, a lone byte, a cut sequence; Cyrillic and kana kept */
	strcpy(s, "c1 \xc2\x9b latin1 \xe9 cut \xe3\x81 \xd0\x96\xe3\x81\x82");
	pw_text_printable(s);
	assert_string_equal(s, "c1 ? latin1 ? cut ?? \xd0\x96\xe3\x81\x82");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_linereader_long_line),
		cmocka_unit_test(test_linereader_skip_paragraph),
		cmocka_unit_test(test_linereader_binary),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_json_string),
		cmocka_unit_test(test_ends_cjk),
		cmocka_unit_test(test_printable),
	};

	return cmocka_run_group_tests_name("pw_text", tests, NULL, NULL);
}
