/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Access to files of the guest, which is mounted at some directory (the
 * "root"; "/" when the wizard runs inside the guest itself).
 *
 * Every path is resolved as if the root were "/": absolute symlinks start
 * again at the root, and ".." never climbs above it, the way chroot(2) would
 * see them. openat2(RESOLVE_IN_ROOT) does this in the kernel; where the kernel
 * lacks it (ENOSYS), pw_root walks the path one component at a time with
 * O_NOFOLLOW and resolves each symlink itself, holding an fd for every level
 * so that no swapped-in link can lead outside.
 *
 * All functions return 0 (or an fd) on success and a negative errno on
 * failure; they never print.
 */
#ifndef PW_ROOT_H
#define PW_ROOT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

struct pw_root;

/* Errors of our own, beyond errno: a file refused for its content. */
#define PW_EBINARY  (-1001) /* NUL bytes in what must be a text file */
#define PW_ETOOBIG  (-1002) /* larger than the caller's limit */
#define PW_ENOTREG  (-1003) /* not a regular file (a directory, a device) */
#define PW_EFORMAT  (-1004) /* empty, or nothing in it in the expected form */
#define PW_ETRUNCATED (-1005) /* ends in the middle of an entry: cut short */
#define PW_ETOOMANY (-1006) /* a folder with more entries than the caller reads */

/* Config files are small; anything larger is not what we expect. */
#define PW_TEXT_MAX (1024 * 1024)

int pw_root_open_dir(const char *dir, struct pw_root **out);
void pw_root_free(struct pw_root *root);
const char *pw_root_path(const struct pw_root *root);
bool pw_root_is_host(const struct pw_root *root); /* the root is "/" */
int pw_root_fd(const struct pw_root *root); /* O_PATH fd of the root directory */

/* Use the component walk even where openat2() exists (tests run both). */
void pw_root_force_walk(struct pw_root *root, bool on);

/* Like openat(2) with @path resolved inside the root. */
int pw_root_open(struct pw_root *root, const char *path, int flags, mode_t mode);
int pw_root_stat(struct pw_root *root, const char *path, struct stat *st);
/* lstat(2) of the last component; the rest is resolved inside the root. */
int pw_root_lstat(struct pw_root *root, const char *path, struct stat *st);
int pw_root_readlink(struct pw_root *root, const char *path, char *buf, size_t size);
bool pw_root_exists(struct pw_root *root, const char *path);

/*
 * Read a whole text file (at most @max bytes) into a NUL-terminated buffer
 * the caller frees. A regular file only; NUL bytes inside are refused
 * (PW_EBINARY), so that parsers can treat the buffer as a C string.
 */
int pw_root_read_text(struct pw_root *root, const char *path, size_t max,
		      char **text, size_t *len);

/* Read up to @size bytes from the start of a regular file. */
ssize_t pw_root_read_head(struct pw_root *root, const char *path, void *buf, size_t size);

/*
 * Where @path really is, inside the guest: symlinks resolved (the last one
 * too), as an absolute path from the guest's root. The file itself need not
 * exist, its directory must. Writers use it so that replacing a file that
 * is a link (/etc/resolv.conf) changes the file, not the link.
 */
int pw_root_realpath(struct pw_root *root, const char *path, char *out, size_t size);
/* mkdir -p inside the guest, each new directory with @mode. */
int pw_root_mkdirs(struct pw_root *root, const char *path, mode_t mode);

/*
 * The names in a guest directory ("." and ".." left out) that @keep accepts
 * (NULL: all), sorted in byte order, at most @max of them (more: PW_ETOOMANY), in an array the
 * caller frees with pw_names_free(). Sorted, because what a directory lists
 * first (the include order of interfaces.d, say) must not depend on the disk.
 */
int pw_root_list(struct pw_root *root, const char *dir,
		 bool (*keep)(const char *name, const void *arg), const void *arg, size_t max,
		 char ***names, size_t *count);
void pw_names_free(char **names, size_t count);

/* Describe an error of the functions above: in the owner's language, in English. */
const char *pw_root_strerror(int err);
const char *pw_root_strerror_en(int err);

#endif /* PW_ROOT_H */
