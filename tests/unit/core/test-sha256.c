// SPDX-License-Identifier: GPL-2.0-or-later
/* pw_sha256 against the FIPS 180-4 examples and sha256sum(1). */
#include "unit.h"

#include "sha256.h"

static void expect(const char *data, size_t len, const char *want)
{
	char hex[65];

	pw_sha256_hex(data, len, hex);
	assert_string_equal(hex, want);
}

static void test_known_answers(void **state)
{
	(void)state;
	expect("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	expect("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	expect("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
	       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_against_sha256sum(void **state)
{
	char path[] = "/tmp/pw-sha-XXXXXX", cmd[128], hex[65], want[65] = "";
	unsigned char *data = malloc(100003);
	int fd = mkstemp(path);
	FILE *p;

	(void)state;
	/* lengths around the block and padding boundaries, then a large one */
	for (size_t i = 0; i < 100003; i++)
		data[i] = (unsigned char)(i * 7 + 3);
	assert_int_equal(write(fd, data, 100003), 100003);
	close(fd);
	snprintf(cmd, sizeof(cmd), "sha256sum %s", path);
	p = popen(cmd, "r");
	assert_int_equal(fscanf(p, "%64s", want), 1);
	pclose(p);
	unlink(path);
	pw_sha256_hex(data, 100003, hex);
	assert_string_equal(hex, want);
	free(data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_answers),
		cmocka_unit_test(test_against_sha256sum),
	};

	return cmocka_run_group_tests_name("pw_sha256", tests, NULL, NULL);
}
