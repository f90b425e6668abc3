// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Guest-root file access: see include/pw-root.h for why and how.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <linux/openat2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <stdio.h>
#include <unistd.h>

#include "pw.h"
#include "pw-debug.h"
#include "pw-root.h"
#include "pw-text.h"

#define PW_MAX_LINKS 40  /* as the kernel's MAXSYMLINKS */
#define PW_MAX_DEPTH 256 /* directory levels held open during a walk */

struct pw_root {
	int fd;		/* O_PATH of the root directory */
	char *path;
	bool host;
	bool walk_only;
	bool no_openat2; /* the kernel said ENOSYS once; do not ask again */
};

int pw_root_open_dir(const char *dir, struct pw_root **out)
{
	struct pw_root *root;
	char *real;

	*out = NULL;
	real = realpath(dir, NULL);
	if (!real)
		return -errno;
	root = calloc(1, sizeof(*root));
	if (!root) {
		free(real);
		return -ENOMEM;
	}
	root->fd = open(real, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (root->fd < 0) {
		int err = -errno;

		free(real);
		free(root);
		return err;
	}
	root->path = real;
	root->host = strcmp(real, "/") == 0;
	*out = root;
	return 0;
}

void pw_root_free(struct pw_root *root)
{
	if (!root)
		return;
	close(root->fd);
	free(root->path);
	free(root);
}

const char *pw_root_path(const struct pw_root *root)
{
	return root->path;
}

bool pw_root_is_host(const struct pw_root *root)
{
	return root->host;
}

int pw_root_fd(const struct pw_root *root)
{
	return root->fd;
}

void pw_root_force_walk(struct pw_root *root, bool on)
{
	root->walk_only = on;
}

static int open_in_root_kernel(struct pw_root *root, const char *path, int flags, mode_t mode)
{
	struct open_how how = {
		.flags = (unsigned long long)flags,
		.mode = (flags & (O_CREAT | O_TMPFILE)) ? mode : 0,
		.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	};
	long fd;

	do {
		fd = syscall(SYS_openat2, root->fd, path, &how, sizeof(how));
	} while (fd < 0 && errno == EAGAIN); /* a concurrent rename: retry */

	return fd < 0 ? -errno : (int)fd;
}

/* Take the next component off *@rest, skipping slashes. */
static size_t next_component(const char **rest, const char **comp)
{
	const char *p = *rest;
	size_t len;

	while (*p == '/')
		p++;
	len = strcspn(p, "/");
	*comp = p;
	*rest = p + len;
	return len;
}

static bool only_slashes(const char *s)
{
	return s[strspn(s, "/")] == '\0';
}

/*
 * The link @name in @dirfd stands for a component: its target takes the
 * component's place at the head of what is left to resolve (@rest, inside
 * @pending, which it may overlap).
 */
static int splice_link(int dirfd, const char *name, char *pending, size_t size,
		       const char **rest)
{
	char target[PATH_MAX];
	size_t rest_len = strlen(*rest);
	ssize_t n = readlinkat(dirfd, name, target, sizeof(target) - 1);

	if (n < 0)
		return -errno;
	if ((size_t)n + 1 + rest_len >= size)
		return -ENAMETOOLONG;
	memmove(pending + n, *rest, rest_len + 1);
	memcpy(pending, target, (size_t)n);
	*rest = pending;
	return 0;
}

/*
 * The walk: @levels[0] is the root, @levels[depth] the directory reached so
 * far. A symlink's target replaces the component it stands for at the head
 * of the rest of the path, so one buffer holds what is left to resolve.
 */
static int open_in_root_walk(struct pw_root *root, const char *path, int flags, mode_t mode)
{
	int levels[PW_MAX_DEPTH];
	size_t depth = 0;
	unsigned int links = 0;
	char pending[2 * PATH_MAX];
	const char *rest;
	bool follow_last = !(flags & O_NOFOLLOW);
	int ret;

	if (strlen(path) >= sizeof(pending))
		return -ENAMETOOLONG;
	strcpy(pending, path);
	rest = pending;
	levels[0] = root->fd;

	for (;;) {
		const char *comp;
		size_t len = next_component(&rest, &comp);
		bool last = only_slashes(rest);
		char name[NAME_MAX + 1];
		struct stat st;

		if (len == 0) { /* the path ends in a directory: open it */
			ret = openat(levels[depth], ".", flags, mode);
			ret = ret < 0 ? -errno : ret;
			break;
		}
		if (len > NAME_MAX) {
			ret = -ENAMETOOLONG;
			break;
		}
		memcpy(name, comp, len);
		name[len] = '\0';

		if (strcmp(name, ".") == 0)
			continue;
		if (strcmp(name, "..") == 0) {
			if (depth > 0)
				close(levels[depth--]);
			continue;
		}
		if (fstatat(levels[depth], name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			if (errno == ENOENT && last && (flags & O_CREAT)) {
				ret = openat(levels[depth], name, flags | O_NOFOLLOW, mode);
				ret = ret < 0 ? -errno : ret;
			} else {
				ret = -errno;
			}
			break;
		}
		if (S_ISLNK(st.st_mode) && (!last || follow_last)) {
			if (++links > PW_MAX_LINKS) {
				ret = -ELOOP;
				break;
			}
			ret = splice_link(levels[depth], name, pending, sizeof(pending), &rest);
			if (ret < 0)
				break;
			if (pending[0] == '/')
				while (depth > 0)
					close(levels[depth--]);
			continue;
		}
		if (last) {
			ret = openat(levels[depth], name, flags | O_NOFOLLOW, mode);
			ret = ret < 0 ? -errno : ret;
			break;
		}
		if (!S_ISDIR(st.st_mode)) {
			ret = -ENOTDIR;
			break;
		}
		if (depth + 1 >= PW_MAX_DEPTH) {
			ret = -ENAMETOOLONG;
			break;
		}
		/* O_NOFOLLOW|O_DIRECTORY: a link swapped in since fstatat fails */
		ret = openat(levels[depth], name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (ret < 0) {
			ret = -errno;
			break;
		}
		levels[++depth] = ret;
	}

	while (depth > 0)
		close(levels[depth--]);
	return ret;
}

static int fd_guest_path(struct pw_root *root, int fd, char *out, size_t size);

/* PARAVM_WIZARD_DEBUG=root: each guest path and where it led. */
static void trace_open(struct pw_root *root, const char *path, int fd)
{
	char real[PATH_MAX];

	if (fd < 0)
		pw_debug_print(PW_DEBUG_ROOT, "%s: %s", path, pw_root_strerror_en(fd));
	else if (fd_guest_path(root, fd, real, sizeof(real)) == 0 && strcmp(real, path) != 0)
		pw_debug_print(PW_DEBUG_ROOT, "%s -> %s (%s)", path, real,
			       root->no_openat2 || root->walk_only ? "walk" : "openat2");
	else
		pw_debug_print(PW_DEBUG_ROOT, "%s (%s)", path,
			       root->no_openat2 || root->walk_only ? "walk" : "openat2");
}

int pw_root_open(struct pw_root *root, const char *path, int flags, mode_t mode)
{
	int fd = -ENOSYS;

	flags |= O_CLOEXEC;
	if (!root->walk_only && !root->no_openat2) {
		fd = open_in_root_kernel(root, path, flags, mode);
		if (fd == -ENOSYS)
			root->no_openat2 = true;
	}
	if (fd == -ENOSYS)
		fd = open_in_root_walk(root, path, flags, mode);
	if (pw_debug_on(PW_DEBUG_ROOT))
		trace_open(root, path, fd);
	return fd;
}

static int stat_in_root(struct pw_root *root, const char *path, struct stat *st, int nofollow)
{
	int fd = pw_root_open(root, path, O_PATH | nofollow, 0);
	int ret = 0;

	if (fd < 0)
		return fd;
	if (fstat(fd, st) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

int pw_root_stat(struct pw_root *root, const char *path, struct stat *st)
{
	return stat_in_root(root, path, st, 0);
}

int pw_root_lstat(struct pw_root *root, const char *path, struct stat *st)
{
	return stat_in_root(root, path, st, O_NOFOLLOW);
}

bool pw_root_exists(struct pw_root *root, const char *path)
{
	struct stat st;

	return pw_root_stat(root, path, &st) == 0;
}

int pw_root_readlink(struct pw_root *root, const char *path, char *buf, size_t size)
{
	int fd = pw_root_open(root, path, O_PATH | O_NOFOLLOW, 0);
	ssize_t n;

	if (fd < 0)
		return fd;
	n = readlinkat(fd, "", buf, size - 1);
	if (n < 0) {
		n = errno == ENOENT ? -EINVAL : -errno; /* not a symlink */
		close(fd);
		return (int)n;
	}
	close(fd);
	buf[n] = '\0';
	return 0;
}

/* Open a regular file for reading; FIFOs and devices are refused unopened. */
static int open_regular(struct pw_root *root, const char *path, struct stat *st)
{
	int fd = pw_root_open(root, path, O_RDONLY | O_NOCTTY | O_NONBLOCK, 0);

	if (fd < 0)
		return fd;
	if (fstat(fd, st) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	if (!S_ISREG(st->st_mode)) {
		close(fd);
		return S_ISDIR(st->st_mode) ? -EISDIR : PW_ENOTREG;
	}
	return fd;
}

int pw_root_read_text(struct pw_root *root, const char *path, size_t max,
		      char **text, size_t *len)
{
	struct stat st;
	char *buf;
	size_t used = 0;
	int fd, ret = 0;

	*text = NULL;
	*len = 0;
	fd = open_regular(root, path, &st);
	if (fd < 0)
		return fd;
	if ((unsigned long long)st.st_size > max) {
		close(fd);
		return PW_ETOOBIG;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	/* Read no more than stat said: a file that grows meanwhile is cut. */
	while (used < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + used, (size_t)st.st_size - used);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ret = -errno;
			break;
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	close(fd);
	if (ret == 0 && memchr(buf, '\0', used))
		ret = PW_EBINARY;
	if (ret < 0) {
		free(buf);
		return ret;
	}
	buf[used] = '\0';
	*text = buf;
	*len = used;
	return 0;
}

ssize_t pw_root_read_head(struct pw_root *root, const char *path, void *buf, size_t size)
{
	struct stat st;
	size_t used = 0;
	int fd = open_regular(root, path, &st);

	if (fd < 0)
		return fd;
	while (used < size) {
		ssize_t n = read(fd, (char *)buf + used, size - used);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = -errno;

			close(fd);
			return err;
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	close(fd);
	return (ssize_t)used;
}

/* The program's own words for an error, untranslated; NULL: libc's. */
static const char *own_words(int err)
{
	switch (err) {
	case PW_EBINARY:
		return N_("it holds binary data, not text");
	case PW_ETOOBIG:
		return N_("it is far larger than such a file can be");
	case PW_ENOTREG:
		return N_("it is not a regular file");
	case PW_EFORMAT:
		return N_("it is empty or not in the form this program expects");
	case PW_ETRUNCATED:
		return N_("it ends in the middle of an entry, as if it had been cut short");
	case PW_ETOOMANY:
		return N_("it holds more entries than this program reads");
	case -ENOENT:
		return N_("it does not exist in the guest");
	case -EISDIR:
		return N_("it is a directory, not a file");
	case -ELOOP:
		return N_("its symbolic links form a loop");
	case -EACCES:
	case -EPERM:
		return N_("permission denied");
	}
	return NULL;
}

const char *pw_root_strerror_en(int err)
{
	static locale_t c_locale;
	const char *own = own_words(err);

	if (own)
		return own;
	if (!c_locale)
		c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	return c_locale ? strerror_l(-err, c_locale) : strerror(-err);
}

const char *pw_root_strerror(int err)
{
	const char *own = own_words(err);

	return own ? gettext(own) : strerror(-err);
}

/* The guest path of an open fd, from the kernel's own name for it. */
static int fd_guest_path(struct pw_root *root, int fd, char *out, size_t size)
{
	char proc[64], real[PATH_MAX];
	size_t rootlen = strlen(root->path);
	ssize_t n;

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	n = readlink(proc, real, sizeof(real) - 1);
	if (n < 0)
		return -errno;
	real[n] = '\0';
	if (root->host)
		rootlen = 0;
	else if (strncmp(real, root->path, rootlen) != 0 ||
		 (real[rootlen] != '/' && real[rootlen] != '\0'))
		return -EXDEV; /* cannot happen with resolution in the root */
	if (snprintf(out, size, "%s", real[rootlen] ? real + rootlen : "/") >= (int)size)
		return -ENAMETOOLONG;
	return 0;
}

int pw_root_realpath(struct pw_root *root, const char *path, char *out, size_t size)
{
	char dir[PATH_MAX];
	const char *slash, *name;
	int fd, ret;

	fd = pw_root_open(root, path, O_PATH, 0);
	if (fd >= 0) {
		ret = fd_guest_path(root, fd, out, size);
		close(fd);
		return ret;
	}
	if (fd != -ENOENT)
		return fd;
	/* A file still to be created: resolve its directory. */
	slash = strrchr(path, '/');
	if (!slash || slash[1] == '\0')
		return -ENOENT;
	name = slash + 1;
	pw_copy(dir, sizeof(dir), path, slash == path ? 1 : (size_t)(slash - path));
	fd = pw_root_open(root, dir, O_PATH | O_DIRECTORY, 0);
	if (fd < 0)
		return fd;
	ret = fd_guest_path(root, fd, dir, sizeof(dir));
	close(fd);
	if (ret < 0)
		return ret;
	if (snprintf(out, size, "%s/%s", strcmp(dir, "/") ? dir : "", name) >= (int)size)
		return -ENAMETOOLONG;
	return 0;
}

/* mkdir of the last component of @path, in its parent resolved in the root. */
static int mkdir_in_parent(struct pw_root *root, const char *path, mode_t mode)
{
	char parent[PATH_MAX];
	const char *slash = strrchr(path, '/');
	int pfd, ret = 0;

	pw_copy(parent, sizeof(parent), path, slash == path ? 1 : (size_t)(slash - path));
	pfd = pw_root_open(root, parent, O_PATH | O_DIRECTORY, 0);
	if (pfd < 0)
		return pfd;
	if (mkdirat(pfd, slash + 1, mode) < 0 && errno != EEXIST)
		ret = -errno;
	close(pfd);
	return ret;
}

int pw_root_mkdirs(struct pw_root *root, const char *path, mode_t mode)
{
	char partial[PATH_MAX];
	size_t len = strlen(path);

	if (path[0] != '/')
		return -EINVAL;
	if (len >= sizeof(partial))
		return -ENAMETOOLONG;
	for (size_t i = 1; i <= len; i++) {
		int fd, ret;

		if (path[i] != '/' && path[i] != '\0')
			continue;
		memcpy(partial, path, i);
		partial[i] = '\0';
		fd = pw_root_open(root, partial, O_PATH | O_DIRECTORY, 0);
		if (fd >= 0) {
			close(fd);
			continue;
		}
		if (fd != -ENOENT)
			return fd;
		ret = mkdir_in_parent(root, partial, mode);
		if (ret < 0)
			return ret;
	}
	return 0;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void pw_names_free(char **names, size_t count)
{
	for (size_t i = 0; names && i < count; i++)
		free(names[i]);
	free(names);
}

int pw_root_list(struct pw_root *root, const char *dir,
		 bool (*keep)(const char *name, const void *arg), const void *arg, size_t max,
		 char ***names, size_t *count)
{
	struct dirent *de;
	char **list = NULL;
	size_t n = 0, size = 0;
	int fd, ret = 0;
	DIR *d;

	*names = NULL;
	*count = 0;
	fd = pw_root_open(root, dir, O_RDONLY | O_DIRECTORY, 0);
	if (fd < 0)
		return fd;
	d = fdopendir(fd);
	if (!d) {
		ret = -errno;
		close(fd);
		return ret;
	}
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0 ||
		    (keep && !keep(de->d_name, arg)))
			continue;
		/* a list cut short would judge the folder on part of it */
		if (n == max) {
			ret = PW_ETOOMANY;
			break;
		}
		if (n == size) {
			char **grown = realloc(list, (size ? size * 2 : 16) * sizeof(*list));

			if (!grown) {
				ret = -ENOMEM;
				break;
			}
			list = grown;
			size = size ? size * 2 : 16;
		}
		list[n] = strdup(de->d_name);
		if (!list[n]) {
			ret = -ENOMEM;
			break;
		}
		n++;
	}
	closedir(d);
	if (ret < 0) {
		pw_names_free(list, n);
		return ret;
	}
	if (n > 1)
		qsort(list, n, sizeof(*list), compare_names);
	*names = list;
	*count = n;
	return 0;
}
