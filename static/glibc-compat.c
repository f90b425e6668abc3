// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Where the build mirror serves no source of slang or newt, the static
 * build links Debian's own libslang.a and libnewt.a, compiled for glibc
 * with _FORTIFY_SOURCE: these are the checked functions they call,
 * which musl does not have. Each checks as glibc's does, then does the
 * plain call.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>

long __fdelt_chk(long fd);
char *__strcpy_chk(char *dst, const char *src, size_t dstlen);
int __sprintf_chk(char *dst, int flag, size_t dstlen, const char *fmt, ...);

long __fdelt_chk(long fd)
{
	if (fd < 0 || fd >= FD_SETSIZE)
		abort();
	return fd / (8 * (long)sizeof(unsigned long));
}

char *__strcpy_chk(char *dst, const char *src, size_t dstlen)
{
	size_t len = strlen(src);

	if (len >= dstlen)
		abort();
	return memcpy(dst, src, len + 1);
}

int __sprintf_chk(char *dst, int flag, size_t dstlen, const char *fmt, ...)
{
	va_list ap;
	int n;

	(void)flag;
	va_start(ap, fmt);
	n = vsnprintf(dst, dstlen, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= dstlen)
		abort();
	return n;
}
