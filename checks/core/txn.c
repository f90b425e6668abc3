// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Transactions on the guest: lock, backup with manifest, atomic replace,
 * log, rollback and undo. See include/pw-txn.h.
 *
 * The manifest is written ahead: a file's line is on disk before the file is
 * touched, so whatever instant a run is killed at, every file is either
 * still the old one or wholly the new one, and the manifest can put it back.
 *
 * Manifest lines (paths escaped as in fstab, \ooo for blanks, '\' and
 * control characters):
 *   file MODE UID GID SHA256 PATH   the file existed; its copy is files/PATH
 *   link - - - TARGET PATH          it was a symlink to TARGET
 *   absent - - - - PATH             it did not exist
 *   dir - - - - PATH                the directory did not exist: made by the run
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "pw-root.h"
#include "pw-sha256.h"
#include "pw-text.h"
#include "pw-txn.h"

#define MANIFEST_NAME "MANIFEST"
#define UNDONE_NAME "UNDONE"
#define MANIFEST_HEADER "# paravm-wizard backup manifest 1\n"
#define BACKUP_FILE_MAX (64 * 1024 * 1024)
#define TMP_SUFFIX ".paravm-wizard-tmp"

struct recorded {
	struct recorded *next;
	char path[];
};

struct pw_txn {
	struct pw_root *root;
	int lock_fd;
	int log_fd;
	int manifest_fd;
	bool resumed;
	char resume_backup[PATH_MAX]; /* the killed run's backup, to go on with */
	unsigned int changes;
	char backup[PATH_MAX];	/* guest path of this run's backup, "" until needed */
	struct recorded *recorded; /* paths already in the manifest */
};

/* ---- small file helpers -------------------------------------------- */

static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Read a whole regular file, any bytes. */
static int read_all(struct pw_root *root, const char *path, char **data, size_t *len,
		    struct stat *st)
{
	int fd = pw_root_open(root, path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK, 0);
	size_t used = 0;
	char *buf;

	*data = NULL;
	if (fd < 0)
		return fd;
	if (fstat(fd, st) < 0 || !S_ISREG(st->st_mode) || st->st_size > BACKUP_FILE_MAX) {
		int e = S_ISREG(st->st_mode) ? PW_ETOOBIG : PW_ENOTREG;

		close(fd);
		return e;
	}
	buf = malloc((size_t)st->st_size + 1);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	while (used < (size_t)st->st_size) {
		ssize_t n = read(fd, buf + used, (size_t)st->st_size - used);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = n < 0 ? -errno : -EIO;

			free(buf);
			close(fd);
			return e;
		}
		used += (size_t)n;
	}
	close(fd);
	buf[used] = '\0';
	*data = buf;
	*len = used;
	return 0;
}

/* Split a guest path into its directory (opened for fsync) and last name. */
static int open_parent(struct pw_root *root, const char *path, const char **name)
{
	char dir[PATH_MAX];
	const char *slash = strrchr(path, '/');

	if (!slash || slash[1] == '\0')
		return -EINVAL;
	*name = slash + 1;
	pw_copy(dir, sizeof(dir), path, slash == path ? 1 : (size_t)(slash - path));
	return pw_root_open(root, dir, O_RDONLY | O_DIRECTORY, 0);
}

/*
 * Atomically make @path (already resolved, see pw_root_realpath) hold @data
 * with @mode, @uid, @gid: temporary file beside it, fsync, rename, fsync dir.
 */
static int atomic_replace(struct pw_root *root, const char *path, const void *data, size_t len,
			  mode_t mode, uid_t uid, gid_t gid, const struct timespec *times)
{
	char tmp[NAME_MAX + 1];
	const char *name;
	int dirfd, fd, ret;

	dirfd = open_parent(root, path, &name);
	if (dirfd < 0)
		return dirfd;
	/* one writer at a time (the lock): a fixed name, so a killed run's is reused */
	snprintf(tmp, sizeof(tmp), ".%.200s" TMP_SUFFIX, name);
	unlinkat(dirfd, tmp, 0);
	fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		ret = -errno;
		close(dirfd);
		return ret;
	}
	ret = write_all(fd, data, len);
	/* root keeps the owner; others can only own what they write */
	if (!ret && fchown(fd, uid, gid) < 0 && !(errno == EPERM && uid == getuid()))
		ret = -errno;
	if (!ret && fchmod(fd, mode & 07777) < 0)
		ret = -errno;
	/* a backup copy keeps the file's times, and a restored file gets them back */
	if (!ret && times && futimens(fd, times) < 0)
		ret = -errno;
	if (!ret && fsync(fd) < 0)
		ret = -errno;
	if (close(fd) < 0 && !ret)
		ret = -errno;
	if (!ret && renameat(dirfd, tmp, dirfd, name) < 0)
		ret = -errno;
	if (ret)
		unlinkat(dirfd, tmp, 0);
	else if (fsync(dirfd) < 0)
		ret = -errno;
	close(dirfd);
	return ret;
}

static int sync_parent(struct pw_root *root, const char *path)
{
	const char *name;
	int dirfd = open_parent(root, path, &name), ret = 0;

	if (dirfd < 0)
		return dirfd;
	if (fsync(dirfd) < 0)
		ret = -errno;
	close(dirfd);
	return ret;
}

static void escape_path(const char *in, char *out, size_t size)
{
	size_t o = 0;

	for (const unsigned char *p = (const unsigned char *)in; *p && o + 5 < size; p++) {
		if (*p <= ' ' || *p == '\\' || *p == 0x7f)
			o += (size_t)snprintf(out + o, size - o, "\\%03o", *p);
		else
			out[o++] = (char)*p;
	}
	out[o] = '\0';
}

static void unescape_path(char *s)
{
	char *out = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' &&
		    s[3] >= '0' && s[3] <= '7') {
			*out++ = (char)((s[1] - '0') << 6 | (s[2] - '0') << 3 | (s[3] - '0'));
			s += 3;
		} else {
			*out++ = *s;
		}
	}
	*out = '\0';
}

static void utc_stamp(char *buf, size_t size, const char *fmt)
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(buf, size, fmt, &tm);
}

/* ---- log ------------------------------------------------------------ */

void pw_txn_log(struct pw_txn *txn, const char *fmt, ...)
{
	char line[2048], stamp[32];
	va_list ap;
	int n;

	if (txn->log_fd < 0)
		return;
	utc_stamp(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ");
	n = snprintf(line, sizeof(line), "%s [%ld] ", stamp, (long)getpid());
	va_start(ap, fmt);
	vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	n = (int)strlen(line);
	line[n++] = '\n';
	/* the log is a record, not the data: a failed write stops nothing */
	(void)!write(txn->log_fd, line, (size_t)n);
}

/* ---- lock ----------------------------------------------------------- */

static int take_lock(struct pw_txn *txn, struct pw_error *err)
{
	char content[PATH_MAX + 256] = "", holder[256], info[128], stamp[32];
	const char *backup_line;
	ssize_t n;
	int fd, ret;

	ret = pw_root_mkdirs(txn->root, "/var/lib/paravm-wizard", 0755);
	fd = ret < 0 ? ret : pw_root_open(txn->root, PW_LOCK_PATH, O_RDWR | O_CREAT | O_NOFOLLOW, 0644);
	if (fd < 0) {
		pw_error_set(err, PW_EXIT_CANTCREAT,
			     _("%s cannot be written: %s. Is the guest's filesystem read-only or full?"),
			     PW_LOCK_PATH, pw_root_strerror(fd));
		return fd;
	}
	n = pread(fd, content, sizeof(content) - 1, 0);
	content[n > 0 ? n : 0] = '\0';
	pw_copy(holder, sizeof(holder), content, strcspn(content, "\n"));
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		ret = -errno;
		close(fd);
		if (ret == -EWOULDBLOCK) {
			pw_error_set(err, PW_EXIT_CANTCREAT,
				     _("another paravm-wizard is changing this guest (%s). Wait until it has finished, then try again."),
				     holder[0] ? holder : _("unknown process"));
			return -EBUSY;
		}
		pw_error_set(err, PW_EXIT_CANTCREAT, _("%s cannot be locked: %s."), PW_LOCK_PATH,
			     strerror(-ret));
		return ret;
	}
	/*
	 * A holder left in the file means its run never reached the end; the
	 * backup it had started is the one to go on with, so that --undo
	 * still reaches the state from before that run.
	 */
	txn->resumed = holder[0] != '\0';
	backup_line = strstr(content, "\nbackup ");
	if (txn->resumed && backup_line)
		pw_copy(txn->resume_backup, sizeof(txn->resume_backup), backup_line + 8,
			strcspn(backup_line + 8, "\n"));
	utc_stamp(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ");
	snprintf(info, sizeof(info), "pid %ld, started %s\n", (long)getpid(), stamp);
	if (ftruncate(fd, 0) < 0 || pwrite(fd, info, strlen(info), 0) < 0 || fsync(fd) < 0) {
		ret = -errno;
		close(fd);
		pw_error_set(err, PW_EXIT_CANTCREAT, _("%s cannot be written: %s."), PW_LOCK_PATH,
			     strerror(-ret));
		return ret;
	}
	txn->lock_fd = fd;
	if (txn->resumed)
		pw_txn_log(txn, "the previous run (%s) did not finish; continuing", holder);
	return 0;
}

int pw_txn_begin(struct pw_root *root, struct pw_txn **out, struct pw_error *err)
{
	struct pw_txn *txn = calloc(1, sizeof(*txn));
	int ret;

	*out = NULL;
	if (!txn) {
		pw_error_set(err, PW_EXIT_CANTCREAT, _("out of memory"));
		return -ENOMEM;
	}
	txn->root = root;
	txn->lock_fd = txn->log_fd = txn->manifest_fd = -1;
	ret = pw_root_mkdirs(root, "/var/log", 0755);
	txn->log_fd = ret < 0 ? ret
		    : pw_root_open(root, PW_LOG_PATH, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW, 0640);
	if (txn->log_fd < 0) {
		ret = txn->log_fd;
		pw_error_set(err, PW_EXIT_CANTCREAT,
			     _("%s cannot be written: %s. Is the guest's filesystem read-only or full?"),
			     PW_LOG_PATH, pw_root_strerror(ret));
		free(txn);
		return ret;
	}
	ret = take_lock(txn, err);
	if (ret < 0) {
		close(txn->log_fd);
		free(txn);
		return ret;
	}
	*out = txn;
	return 0;
}

bool pw_txn_resumed(const struct pw_txn *txn)
{
	return txn->resumed;
}

const char *pw_txn_backup_dir(const struct pw_txn *txn)
{
	return txn->backup;
}

unsigned int pw_txn_changes(const struct pw_txn *txn)
{
	return txn->changes;
}

void pw_txn_end(struct pw_txn *txn)
{
	if (!txn)
		return;
	if (txn->manifest_fd >= 0)
		close(txn->manifest_fd);
	/* An empty lock file tells the next run that this one finished. */
	if (ftruncate(txn->lock_fd, 0) == 0)
		fsync(txn->lock_fd);
	close(txn->lock_fd);
	if (txn->log_fd >= 0)
		close(txn->log_fd);
	while (txn->recorded) {
		struct recorded *next = txn->recorded->next;

		free(txn->recorded);
		txn->recorded = next;
	}
	free(txn);
}

/* ---- backup --------------------------------------------------------- */

static void remember(struct pw_txn *txn, const char *path)
{
	struct recorded *rec = malloc(sizeof(*rec) + strlen(path) + 1);

	if (!rec)
		return; /* recorded twice at worst: the first line wins on restore */
	strcpy(rec->path, path);
	rec->next = txn->recorded;
	txn->recorded = rec;
}

/* Go on with a killed run's backup: its manifest, and the paths it holds. */
static int reopen_backup(struct pw_txn *txn, const char *dir)
{
	char manifest[PATH_MAX + 16], *text, *line, *save = NULL;
	size_t len;
	int ret;

	snprintf(manifest, sizeof(manifest), "%s/" MANIFEST_NAME, dir);
	ret = pw_root_read_text(txn->root, manifest, 16 * 1024 * 1024, &text, &len);
	if (ret < 0)
		return ret;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *path = strrchr(line, ' ');

		if (line[0] == '#' || !path)
			continue;
		unescape_path(++path);
		remember(txn, path);
	}
	free(text);
	txn->manifest_fd = pw_root_open(txn->root, manifest, O_WRONLY | O_APPEND | O_NOFOLLOW, 0);
	if (txn->manifest_fd < 0)
		return txn->manifest_fd;
	snprintf(txn->backup, sizeof(txn->backup), "%s", dir);
	pw_txn_log(txn, "going on with the backup of the unfinished run, %s", dir);
	return 0;
}

/* Note the backup in the lock file, for a run that has to go on after a kill. */
static int note_backup_in_lock(struct pw_txn *txn)
{
	char line[PATH_MAX + 16];
	struct stat st;

	snprintf(line, sizeof(line), "backup %s\n", txn->backup);
	if (fstat(txn->lock_fd, &st) < 0 ||
	    pwrite(txn->lock_fd, line, strlen(line), st.st_size) < 0 || fsync(txn->lock_fd) < 0)
		return -errno;
	return 0;
}

static int open_backup(struct pw_txn *txn, struct pw_error *err)
{
	char stamp[32], dir[PATH_MAX];
	int ret, dfd;

	if (txn->resume_backup[0] && reopen_backup(txn, txn->resume_backup) == 0)
		return note_backup_in_lock(txn) < 0 ? -EIO : 0;

	ret = pw_root_mkdirs(txn->root, PW_BACKUP_DIR, 0700);
	utc_stamp(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ");
	for (int i = 1; ret == 0; i++) {
		if (i == 1)
			snprintf(dir, sizeof(dir), "%s/%s", PW_BACKUP_DIR, stamp);
		else
			snprintf(dir, sizeof(dir), "%s/%s-%d", PW_BACKUP_DIR, stamp, i);
		dfd = pw_root_open(txn->root, PW_BACKUP_DIR, O_PATH | O_DIRECTORY, 0);
		if (dfd < 0) {
			ret = dfd;
			break;
		}
		ret = mkdirat(dfd, strrchr(dir, '/') + 1, 0700) < 0 ? -errno : 0;
		close(dfd);
		if (ret == -EEXIST && i < 100)
			ret = 0;
		else
			break;
	}
	if (ret == 0) {
		char manifest[PATH_MAX + 16];

		snprintf(manifest, sizeof(manifest), "%s/" MANIFEST_NAME, dir);
		txn->manifest_fd = pw_root_open(txn->root, manifest,
						O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_NOFOLLOW, 0600);
		ret = txn->manifest_fd < 0 ? txn->manifest_fd : 0;
		if (!ret)
			ret = write_all(txn->manifest_fd, MANIFEST_HEADER, strlen(MANIFEST_HEADER));
		if (!ret && fsync(txn->manifest_fd) < 0)
			ret = -errno;
		if (!ret)
			ret = sync_parent(txn->root, dir);
	}
	if (ret < 0) {
		pw_error_set(err, PW_EXIT_CANTCREAT,
			     _("the backup directory %s cannot be created: %s. Nothing was changed."),
			     PW_BACKUP_DIR, pw_root_strerror(ret));
		return ret;
	}
	snprintf(txn->backup, sizeof(txn->backup), "%s", dir);
	pw_txn_log(txn, "backups of changed files go to %s", dir);
	ret = note_backup_in_lock(txn);
	if (ret < 0)
		pw_error_set(err, PW_EXIT_CANTCREAT, _("%s cannot be written: %s."), PW_LOCK_PATH,
			     strerror(-ret));
	return ret;
}

static bool already_recorded(const struct pw_txn *txn, const char *path)
{
	for (const struct recorded *r = txn->recorded; r; r = r->next)
		if (strcmp(r->path, path) == 0)
			return true;
	return false;
}

static int add_manifest_line(struct pw_txn *txn, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int add_manifest_line(struct pw_txn *txn, const char *fmt, ...)
{
	char line[3 * PATH_MAX];
	va_list ap;
	int ret;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	ret = write_all(txn->manifest_fd, line, strlen(line));
	if (!ret && fsync(txn->manifest_fd) < 0)
		ret = -errno;
	return ret;
}

/* Record @path's current state in the manifest, once per transaction. */
static int record(struct pw_txn *txn, const char *path, struct pw_error *err)
{
	char escaped[4 * PATH_MAX], copy[2 * PATH_MAX], target[PATH_MAX], hex[65];
	struct stat st;
	char *data = NULL;
	size_t len = 0;
	int ret;

	/* open first: going on with a killed run's backup tells what it holds */
	if (!txn->backup[0]) {
		ret = open_backup(txn, err);
		if (ret < 0)
			return ret;
	}
	if (already_recorded(txn, path))
		return 0;
	escape_path(path, escaped, sizeof(escaped));
	ret = pw_root_lstat(txn->root, path, &st);
	if (ret == -ENOENT) {
		ret = add_manifest_line(txn, "absent - - - - %s\n", escaped);
	} else if (ret == 0 && S_ISLNK(st.st_mode)) {
		char etarget[4 * PATH_MAX];

		ret = pw_root_readlink(txn->root, path, target, sizeof(target));
		escape_path(target, etarget, sizeof(etarget));
		if (!ret)
			ret = add_manifest_line(txn, "link - - - %s %s\n", etarget, escaped);
	} else if (ret == 0) {
		ret = read_all(txn->root, path, &data, &len, &st);
		snprintf(copy, sizeof(copy), "%s/files%s", txn->backup, path);
		if (!ret) {
			char dir[2 * PATH_MAX];

			pw_copy(dir, sizeof(dir), copy, (size_t)(strrchr(copy, '/') - copy));
			ret = pw_root_mkdirs(txn->root, dir, 0700);
		}
		if (!ret)
			ret = atomic_replace(txn->root, copy, data, len, st.st_mode, st.st_uid,
					     st.st_gid, (struct timespec[]){ st.st_atim, st.st_mtim });
		if (!ret) {
			pw_sha256_hex(data, len, hex);
			ret = add_manifest_line(txn, "file %04o %u %u %s %s\n",
						(unsigned int)(st.st_mode & 07777),
						(unsigned int)st.st_uid, (unsigned int)st.st_gid, hex,
						escaped);
		}
		free(data);
	}
	if (ret < 0) {
		pw_error_set(err, PW_EXIT_CANTCREAT,
			     _("%s cannot be backed up to %s: %s. It was not changed."), path,
			     txn->backup, pw_root_strerror(ret));
		return ret;
	}
	remember(txn, path);
	return 0;
}

/* Record a directory the run is about to make. */
static int record_new_dir(struct pw_txn *txn, const char *path, struct pw_error *err)
{
	char escaped[4 * PATH_MAX];
	int ret = 0;

	if (!txn->backup[0])
		ret = open_backup(txn, err);
	if (ret < 0)
		return ret;
	escape_path(path, escaped, sizeof(escaped));
	ret = add_manifest_line(txn, "dir - - - - %s\n", escaped);
	if (ret < 0)
		pw_error_set(err, PW_EXIT_CANTCREAT, _("%s cannot be written: %s."), txn->backup,
			     pw_root_strerror(ret));
	else
		remember(txn, path);
	return ret;
}

/* ---- changes -------------------------------------------------------- */

/*
 * Make the missing directories above @path, each recorded first, so that
 * --undo removes them again (getty.target.wants, /etc/event.d, ...).
 */
static int make_parents(struct pw_txn *txn, const char *path, struct pw_error *err)
{
	char dir[PATH_MAX], real[PATH_MAX];
	int ret = 0;

	for (const char *p = strchr(path + 1, '/'); p && !ret; p = strchr(p + 1, '/')) {
		pw_copy(dir, sizeof(dir), path, (size_t)(p - path));
		if (pw_root_exists(txn->root, dir))
			continue;
		ret = pw_root_realpath(txn->root, dir, real, sizeof(real));
		if (!ret)
			ret = record_new_dir(txn, real, err);
		if (!ret)
			ret = pw_root_mkdirs(txn->root, real, 0755);
		if (ret < 0) {
			pw_error_set(err, PW_EXIT_CANTCREAT, _("%s cannot be created: %s."), dir,
				     pw_root_strerror(ret));
			return ret;
		}
		txn->changes++;
		pw_txn_log(txn, "made directory %s", real);
	}
	return ret;
}

static int resolve(struct pw_txn *txn, const char *path, bool follow, char *real,
		   struct pw_error *err)
{
	int ret;

	if (follow) {
		ret = pw_root_realpath(txn->root, path, real, PATH_MAX);
	} else {
		/* the link itself: resolve only its directory */
		char dir[PATH_MAX];
		const char *slash = strrchr(path, '/');

		ret = -EINVAL;
		if (slash && slash[1]) {
			pw_copy(dir, sizeof(dir), path, slash == path ? 1 : (size_t)(slash - path));
			ret = pw_root_realpath(txn->root, dir, real, PATH_MAX);
			if (!ret)
				snprintf(real + strlen(real), PATH_MAX - strlen(real), "%s%s",
					 strcmp(real, "/") ? "/" : "", slash + 1);
		}
	}
	if (ret < 0)
		pw_error_set(err, PW_EXIT_CANTCREAT, _("%s cannot be written: %s."), path,
			     pw_root_strerror(ret));
	return ret;
}

int pw_txn_write(struct pw_txn *txn, const char *path, const void *data, size_t len,
		 mode_t mode, struct pw_error *err)
{
	char real[PATH_MAX];
	struct stat st;
	char *old = NULL;
	size_t old_len = 0;
	uid_t uid = getuid();
	gid_t gid = getgid();
	int ret;

	ret = make_parents(txn, path, err);
	if (!ret)
		ret = resolve(txn, path, true, real, err);
	if (ret < 0)
		return ret;
	ret = read_all(txn->root, real, &old, &old_len, &st);
	if (ret == 0) {
		bool same = old_len == len && memcmp(old, data, len) == 0;

		free(old);
		if (same)
			return 1;
		mode = st.st_mode;
		uid = st.st_uid;
		gid = st.st_gid;
	} else if (ret != -ENOENT) {
		pw_error_set(err, PW_EXIT_IOERR, _("%s cannot be read: %s."), path,
			     pw_root_strerror(ret));
		return ret;
	}
	ret = record(txn, real, err);
	if (ret < 0)
		return ret;
	ret = atomic_replace(txn->root, real, data, len, mode, uid, gid, NULL);
	if (ret < 0) {
		pw_error_set(err, PW_EXIT_CANTCREAT,
			     _("%s cannot be written: %s. It was left as it was."), path,
			     pw_root_strerror(ret));
		return ret;
	}
	txn->changes++;
	pw_txn_log(txn, "wrote %s (%zu bytes)", real, len);
	return 0;
}

int pw_txn_protect(struct pw_txn *txn, const char *path, struct pw_error *err)
{
	char real[PATH_MAX];
	int ret = resolve(txn, path, true, real, err);

	if (ret < 0)
		return ret;
	ret = record(txn, real, err);
	if (ret == 0)
		txn->changes++; /* the command is about to change it: a real change */
	return ret;
}

int pw_txn_remove(struct pw_txn *txn, const char *path, struct pw_error *err)
{
	char real[PATH_MAX];
	const char *name;
	struct stat st;
	int dirfd, ret;

	ret = resolve(txn, path, false, real, err);
	if (ret < 0)
		return ret;
	if (pw_root_lstat(txn->root, real, &st) == -ENOENT)
		return 1;
	ret = record(txn, real, err);
	if (ret < 0)
		return ret;
	dirfd = open_parent(txn->root, real, &name);
	ret = dirfd < 0 ? dirfd : unlinkat(dirfd, name, 0) < 0 ? -errno : 0;
	if (!ret && fsync(dirfd) < 0)
		ret = -errno;
	if (dirfd >= 0)
		close(dirfd);
	if (ret < 0) {
		pw_error_set(err, PW_EXIT_CANTCREAT, _("%s cannot be removed: %s."), path,
			     pw_root_strerror(ret));
		return ret;
	}
	txn->changes++;
	pw_txn_log(txn, "removed %s", real);
	return 0;
}

/* Atomically make @path (resolved) a symlink to @target. */
static int atomic_symlink(struct pw_root *root, const char *path, const char *target)
{
	char tmp[NAME_MAX + 1];
	const char *name;
	int dirfd, ret = 0;

	dirfd = open_parent(root, path, &name);
	if (dirfd < 0)
		return dirfd;
	snprintf(tmp, sizeof(tmp), ".%.200s" TMP_SUFFIX, name);
	unlinkat(dirfd, tmp, 0);
	if (symlinkat(target, dirfd, tmp) < 0 || renameat(dirfd, tmp, dirfd, name) < 0) {
		ret = -errno;
		unlinkat(dirfd, tmp, 0);
	} else if (fsync(dirfd) < 0) {
		ret = -errno;
	}
	close(dirfd);
	return ret;
}

int pw_txn_symlink(struct pw_txn *txn, const char *path, const char *target,
		   struct pw_error *err)
{
	char real[PATH_MAX], current[PATH_MAX];
	int ret;

	ret = make_parents(txn, path, err);
	if (!ret)
		ret = resolve(txn, path, false, real, err);
	if (ret < 0)
		return ret;
	if (pw_root_readlink(txn->root, real, current, sizeof(current)) == 0 &&
	    strcmp(current, target) == 0)
		return 1;
	ret = record(txn, real, err);
	if (ret < 0)
		return ret;
	ret = atomic_symlink(txn->root, real, target);
	if (ret < 0) {
		pw_error_set(err, PW_EXIT_CANTCREAT, _("%s cannot be written: %s."), path,
			     pw_root_strerror(ret));
		return ret;
	}
	txn->changes++;
	pw_txn_log(txn, "linked %s -> %s", real, target);
	return 0;
}

/* ---- restore -------------------------------------------------------- */

struct entry {
	char kind[8];
	unsigned int mode, uid, gid;
	char hash_or_target[PATH_MAX];
	char path[PATH_MAX];
};

static int parse_entry(char *line, struct entry *e)
{
	char mode[16], uid[16], gid[16];

	if (sscanf(line, "%7s %15s %15s %15s %4095s %4095s", e->kind, mode, uid, gid,
		   e->hash_or_target, e->path) != 6 || e->path[0] != '/')
		return -EINVAL;
	unescape_path(e->path);
	unescape_path(e->hash_or_target);
	if (strcmp(e->kind, "file") == 0) {
		e->mode = (unsigned int)strtoul(mode, NULL, 8);
		e->uid = (unsigned int)strtoul(uid, NULL, 10);
		e->gid = (unsigned int)strtoul(gid, NULL, 10);
		return strlen(e->hash_or_target) == 64 ? 0 : -EINVAL;
	}
	return strcmp(e->kind, "link") == 0 || strcmp(e->kind, "absent") == 0 ||
	       strcmp(e->kind, "dir") == 0 ? 0 : -EINVAL;
}

/* Load and check every entry of a backup before anything is restored. */
static int load_manifest(struct pw_txn *txn, const char *dir, struct entry **entries,
			 size_t *count, struct pw_error *err)
{
	char path[PATH_MAX + 32], *text, *line, *save = NULL;
	size_t len, n = 0;
	struct entry *list = NULL;
	int ret;

	snprintf(path, sizeof(path), "%s/" MANIFEST_NAME, dir);
	ret = pw_root_read_text(txn->root, path, 16 * 1024 * 1024, &text, &len);
	if (ret < 0) {
		pw_error_set(err, PW_EXIT_IOERR, _("%s cannot be read: %s."), path,
			     pw_root_strerror(ret));
		return ret;
	}
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		struct entry *grown;

		if (line[0] == '#')
			continue;
		grown = realloc(list, (n + 1) * sizeof(*list));
		if (!grown) {
			ret = -ENOMEM;
			break;
		}
		list = grown;
		if (parse_entry(line, &list[n]) < 0) {
			pw_error_set(err, PW_EXIT_DATAERR,
				     _("%s: the line \"%s\" is damaged. Restore the files by hand from %s."),
				     path, line, dir);
			ret = -EINVAL;
			break;
		}
		if (strcmp(list[n].kind, "file") == 0) {
			char copy[2 * PATH_MAX], *data, hex[65];
			size_t dlen;
			struct stat st;

			snprintf(copy, sizeof(copy), "%s/files%s", dir, list[n].path);
			ret = read_all(txn->root, copy, &data, &dlen, &st);
			if (ret == 0) {
				pw_sha256_hex(data, dlen, hex);
				free(data);
				if (strcmp(hex, list[n].hash_or_target) != 0)
					ret = -EILSEQ;
			}
			if (ret < 0) {
				pw_error_set(err, PW_EXIT_DATAERR,
					     _("the backup copy %s is missing or damaged (%s); nothing was restored."),
					     copy, ret == -EILSEQ ? _("its checksum does not match")
								  : pw_root_strerror(ret));
				break;
			}
		}
		n++;
	}
	free(text);
	if (ret < 0) {
		free(list);
		return ret;
	}
	*entries = list;
	*count = n;
	return 0;
}

static int restore_entry(struct pw_txn *txn, const char *dir, const struct entry *e)
{
	char copy[2 * PATH_MAX], *data;
	const char *name;
	struct stat st;
	size_t len;
	int ret, dirfd;

	if (strcmp(e->kind, "file") == 0) {
		char *now;
		size_t now_len;
		struct stat now_st;
		bool same;

		snprintf(copy, sizeof(copy), "%s/files%s", dir, e->path);
		ret = read_all(txn->root, copy, &data, &len, &st);
		if (ret < 0)
			return ret;
		/* Already as it was (never replaced): leave it, and its times, alone. */
		same = read_all(txn->root, e->path, &now, &now_len, &now_st) == 0 &&
		       now_len == len && memcmp(now, data, len) == 0 &&
		       (now_st.st_mode & 07777) == e->mode && now_st.st_uid == e->uid &&
		       now_st.st_gid == e->gid;
		if (now)
			free(now);
		ret = same ? 0 : atomic_replace(txn->root, e->path, data, len, e->mode, e->uid, e->gid,
						(struct timespec[]){ st.st_atim, st.st_mtim });
		free(data);
		return ret;
	}
	if (strcmp(e->kind, "link") == 0)
		return atomic_symlink(txn->root, e->path, e->hash_or_target);
	/* absent, dir: made by the apply (a directory only if left empty) */
	dirfd = open_parent(txn->root, e->path, &name);
	if (dirfd == -ENOENT)
		return 0;
	if (dirfd < 0)
		return dirfd;
	if (strcmp(e->kind, "dir") == 0)
		ret = unlinkat(dirfd, name, AT_REMOVEDIR) < 0 && errno != ENOENT &&
		      errno != ENOTEMPTY && errno != EEXIST ? -errno : 0;
	else
		ret = unlinkat(dirfd, name, 0) < 0 && errno != ENOENT ? -errno : 0;
	if (!ret)
		fsync(dirfd);
	close(dirfd);
	return ret;
}

static int restore_dir(struct pw_txn *txn, const char *dir, struct pw_error *err)
{
	struct entry *entries;
	size_t count;
	int ret;

	ret = load_manifest(txn, dir, &entries, &count, err);
	if (ret < 0)
		return ret;
	/*
	 * Newest first, so a path recorded twice ends as its oldest state. A
	 * file that cannot be put back does not stop the others: the first
	 * failure is reported, the rest restored.
	 */
	for (size_t i = count; i-- > 0;) {
		int one = restore_entry(txn, dir, &entries[i]);

		if (one < 0) {
			pw_txn_log(txn, "cannot restore %s: %s", entries[i].path,
				   pw_root_strerror_en(one));
			if (ret == 0)
				pw_error_set(err, PW_EXIT_CANTCREAT,
					     _("%s cannot be restored: %s. Run --undo again once that is fixed."),
					     entries[i].path, pw_root_strerror(one));
			if (ret == 0)
				ret = one;
			continue;
		}
		pw_txn_log(txn, "restored %s from %s", entries[i].path, dir);
	}
	free(entries);
	return ret;
}

/* Mark a restored backup, so that the next --undo goes one apply further back. */
static int mark_undone(struct pw_txn *txn, const char *dir, struct pw_error *err)
{
	char marker[PATH_MAX + 16], stamp[32];
	int ret;

	snprintf(marker, sizeof(marker), "%s/" UNDONE_NAME, dir);
	utc_stamp(stamp, sizeof(stamp), "undone %Y-%m-%dT%H:%M:%SZ\n");
	ret = atomic_replace(txn->root, marker, stamp, strlen(stamp), 0600, getuid(), getgid(), NULL);
	if (ret < 0)
		pw_error_set(err, PW_EXIT_CANTCREAT, _("%s cannot be written: %s."), marker,
			     pw_root_strerror(ret));
	return ret;
}

int pw_txn_rollback(struct pw_txn *txn, struct pw_error *err)
{
	int ret;

	if (!txn->backup[0])
		return 0;
	pw_txn_log(txn, "rolling back the changes of this run");
	ret = restore_dir(txn, txn->backup, err);
	return ret < 0 ? ret : mark_undone(txn, txn->backup, err);
}

static bool backup_name(const char *name, const void *unused)
{
	(void)unused;
	/* 20261124T223100Z, maybe -N */
	return strlen(name) >= 16 && name[8] == 'T' && name[15] == 'Z' &&
	       strspn(name, "0123456789") == 8;
}

static int latest_backup(struct pw_txn *txn, char *out, size_t size)
{
	char **names;
	size_t count;
	int ret;

	ret = pw_root_list(txn->root, PW_BACKUP_DIR, backup_name, NULL, 100000, &names, &count);
	if (ret < 0)
		return ret == -ENOENT ? 1 : ret;
	/* the newest not yet undone; "…Z-2" sorts after "…Z" of the same second */
	ret = 1;
	for (size_t i = count; i-- > 0;) {
		char marker[PATH_MAX];
		struct stat st;

		snprintf(marker, sizeof(marker), "%s/%s/" UNDONE_NAME, PW_BACKUP_DIR, names[i]);
		if (pw_root_stat(txn->root, marker, &st) == 0)
			continue;
		snprintf(out, size, "%s/%s", PW_BACKUP_DIR, names[i]);
		ret = 0;
		break;
	}
	pw_names_free(names, count);
	return ret;
}

int pw_undo_latest(struct pw_txn *txn, char *backup, size_t size, struct pw_error *err)
{
	int ret;

	ret = latest_backup(txn, backup, size);
	if (ret < 0) {
		pw_error_set(err, PW_EXIT_IOERR, _("%s cannot be read: %s."), PW_BACKUP_DIR,
			     pw_root_strerror(ret));
		return ret;
	}
	if (ret == 1)
		return 1;
	pw_txn_log(txn, "undo: restoring the files saved in %s", backup);
	ret = restore_dir(txn, backup, err);
	return ret < 0 ? ret : mark_undone(txn, backup, err);
}
