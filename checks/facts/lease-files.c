// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The DHCP lease the guest holds: dhclient's lease files in the guest,
 * each read by formats/lease.c, the newest lease for the card kept.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pw-interfaces.h"
#include "pw-root.h"
#include "pw-text.h"

static const char *const lease_dirs[] = { "/var/lib/dhcp", "/var/lib/dhcp3" };

static bool keep_lease_file(const char *name, const void *unused)
{
	size_t len = strlen(name);

	(void)unused;
	return strncmp(name, "dhclient", 8) == 0 && len > 7 &&
	       strcmp(name + len - 7, ".leases") == 0;
}

/*
 * The last @max bytes of a guest file, starting at a line that begins a
 * lease when the file is longer (a cut inside a quoted string would turn
 * every quote after it inside out).
 */
static int read_tail(struct pw_root *root, const char *path, size_t max, char **text, size_t *len)
{
	struct stat st;
	size_t size, got = 0;
	off_t from;
	char *buf;
	int fd = pw_root_open(root, path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);

	if (fd < 0)
		return fd;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return PW_ENOTREG;
	}
	size = (size_t)st.st_size > max ? max : (size_t)st.st_size;
	from = st.st_size - (off_t)size;
	buf = malloc(size + 1);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	while (got < size) {
		ssize_t n = pread(fd, buf + got, size - got, from + (off_t)got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	if (from > 0) {
		const char *p = buf, *end = buf + got;

		for (;;) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));

			if (!nl) {
				got = 0;
				break;
			}
			p = nl + 1;
			if ((size_t)(end - p) >= 5 && memcmp(p, "lease", 5) == 0) {
				got = (size_t)(end - p);
				memmove(buf, p, got);
				break;
			}
		}
		buf[got] = '\0';
	}
	*text = buf;
	*len = got;
	return 0;
}

/* Is @a newer than @b? A lease that never expires beats one that does. */
static bool newer(const struct pw_lease *a, const struct pw_lease *b)
{
	if (!a->expires || !b->expires)
		return !a->expires;
	return a->expire >= b->expire;
}

int pw_lease_find(struct pw_root *root, const char *ifname, long long now,
		  struct pw_lease_found *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t d = 0; d < ARRAY_SIZE(lease_dirs); d++) {
		char **names;
		size_t count;

		if (pw_root_list(root, lease_dirs[d], keep_lease_file, NULL, 256, &names, &count) < 0)
			continue;
		for (size_t i = 0; i < count; i++) {
			struct pw_lease lease, expired;
			char path[128], *text;
			size_t len;
			int ret;

			if ((size_t)snprintf(path, sizeof(path), "%s/%s", lease_dirs[d], names[i]) >=
			    sizeof(path))
				continue;
			if (read_tail(root, path, PW_TEXT_MAX, &text, &len) < 0)
				continue; /* unreadable: as if absent */
			ret = pw_lease_parse(text, len, ifname, now, &lease, &expired);
			free(text);
			if (ret == 0 && (!out->found || newer(&lease, &out->lease))) {
				out->found = true;
				out->lease = lease;
				snprintf(out->file, sizeof(out->file), "%s", path);
			}
			if (expired.address[0] &&
			    (!out->found_expired || newer(&expired, &out->expired))) {
				out->found_expired = true;
				out->expired = expired;
				snprintf(out->expired_file, sizeof(out->expired_file), "%s", path);
			}
		}
		pw_names_free(names, count);
	}
	return out->found ? 0 : 1;
}
