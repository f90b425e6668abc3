// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Transactions on the guest: the lock, the log, the backup of each file
 * before it is first changed, and the changes themselves. See
 * include/pw-txn.h; file I/O is in fileio.c, the manifest's format in
 * manifest.c, putting files back in undo.c.
 *
 * The manifest is written ahead: a file's line is on disk before the file is
 * touched, so whatever instant a run is killed at, every file is either
 * still the old one or wholly the new one, and the manifest can put it back.
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

#include "pw-debug.h"
#include "pw-root.h"
#include "sha256.h"
#include "pw-text.h"
#include "pw-txn.h"
#include "txn-private.h"

/* ---- log ------------------------------------------------------------ */

void pw_txn_log(struct pw_txn *txn, const char *fmt, ...)
{
	char line[2048], stamp[32];
	va_list ap;
	int n;

	if (txn->log_fd < 0)
		return;
	pw_utc_stamp(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ");
	n = snprintf(line, sizeof(line), "%s [%ld] ", stamp, (long)getpid());
	va_start(ap, fmt);
	vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	PW_DBG(TXN, "%s", line + n);
	n = (int)strlen(line);
	line[n++] = '\n';
	/* the log is a record, not the data: a failed write stops nothing */
	(void)!write(txn->log_fd, line, (size_t)n);
}

/* ---- lock ----------------------------------------------------------- */

/* The lock file's content, and its first line: who holds it, since when. */
static void read_holder(int fd, char *content, size_t size, char *holder, size_t hsize)
{
	ssize_t n = pread(fd, content, size - 1, 0);

	content[n > 0 ? n : 0] = '\0';
	pw_copy(holder, hsize, content, strcspn(content, "\n"));
}

static int take_lock(struct pw_txn *txn, struct pw_error *err)
{
	char content[PATH_MAX + 256] = "", holder[256], info[128], stamp[32];
	const char *backup_line;
	int fd, ret;

	ret = pw_root_mkdirs(txn->root, "/var/lib/paravm-wizard", 0755);
	fd = ret < 0 ? ret : pw_root_open(txn->root, PW_LOCK_PATH, O_RDWR | O_CREAT | O_NOFOLLOW, 0644);
	if (fd < 0) {
		pw_error_set(err, PW_EXIT_CANTCREAT,
			     _("%s cannot be written: %s. Is the guest's filesystem read-only or full?"),
			     PW_LOCK_PATH, pw_root_strerror(fd));
		return fd;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		ret = -errno;
		read_holder(fd, content, sizeof(content), holder, sizeof(holder));
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
	 * Read only now, under the lock: a run that ended between our open and
	 * our flock has emptied the file by then, and must not be taken for
	 * one that was killed.
	 *
	 * A holder left in the file means its run never reached the end; the
	 * backup it had started is the one to go on with, so that --undo
	 * still reaches the state from before that run.
	 */
	read_holder(fd, content, sizeof(content), holder, sizeof(holder));
	txn->resumed = holder[0] != '\0';
	backup_line = strstr(content, "\nbackup ");
	if (txn->resumed && backup_line)
		pw_copy(txn->resume_backup, sizeof(txn->resume_backup), backup_line + 8,
			strcspn(backup_line + 8, "\n"));
	pw_utc_stamp(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ");
	snprintf(info, sizeof(info), "pid %ld, started %s\n", (long)getpid(), stamp);
	if (ftruncate(fd, 0) < 0 || pwrite(fd, info, strlen(info), 0) < 0 || fsync(fd) < 0) {
		ret = -errno;
		close(fd);
		pw_error_set(err, PW_EXIT_CANTCREAT, _("%s cannot be written: %s."), PW_LOCK_PATH,
			     strerror(-ret));
		return ret;
	}
	txn->lock_fd = fd;
	PW_DBG(TXN, "%s locked; %s", PW_LOCK_PATH,
	       txn->resumed ? "the run before did not finish" : "the run before finished");
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
		pw_manifest_unescape(++path);
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
	pw_utc_stamp(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ");
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
			ret = pw_fio_write_all(txn->manifest_fd, MANIFEST_HEADER, strlen(MANIFEST_HEADER));
		if (!ret && fsync(txn->manifest_fd) < 0)
			ret = -errno;
		if (!ret)
			ret = pw_fio_sync_parent(txn->root, dir);
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
	ret = pw_fio_write_all(txn->manifest_fd, line, strlen(line));
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
	pw_manifest_escape(path, escaped, sizeof(escaped));
	ret = pw_root_lstat(txn->root, path, &st);
	if (ret == -ENOENT) {
		ret = add_manifest_line(txn, "absent - - - - %s\n", escaped);
	} else if (ret == 0 && S_ISLNK(st.st_mode)) {
		char etarget[4 * PATH_MAX];

		ret = pw_root_readlink(txn->root, path, target, sizeof(target));
		pw_manifest_escape(target, etarget, sizeof(etarget));
		if (!ret)
			ret = add_manifest_line(txn, "link - - - %s %s\n", etarget, escaped);
	} else if (ret == 0) {
		ret = pw_fio_read_all(txn->root, path, &data, &len, &st);
		snprintf(copy, sizeof(copy), "%s/files%s", txn->backup, path);
		if (!ret) {
			char dir[2 * PATH_MAX];

			pw_copy(dir, sizeof(dir), copy, (size_t)(strrchr(copy, '/') - copy));
			ret = pw_root_mkdirs(txn->root, dir, 0700);
		}
		if (!ret)
			ret = pw_fio_replace(txn->root, copy, data, len, st.st_mode, st.st_uid,
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
	pw_manifest_escape(path, escaped, sizeof(escaped));
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
	ret = pw_fio_read_all(txn->root, real, &old, &old_len, &st);
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
	ret = pw_fio_replace(txn->root, real, data, len, mode, uid, gid, NULL);
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
	dirfd = pw_fio_open_parent(txn->root, real, &name);
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
	ret = pw_fio_symlink(txn->root, real, target);
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

int pw_txn_rollback(struct pw_txn *txn, struct pw_error *err)
{
	int ret;

	if (!txn->backup[0])
		return 0;
	pw_txn_log(txn, "rolling back the changes of this run");
	ret = pw_txn_restore_dir(txn, txn->backup, err);
	return ret < 0 ? ret : pw_txn_mark_undone(txn, txn->backup, err);
}

