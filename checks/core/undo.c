// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Putting files back: a failed step's rollback, --undo (the newest backup
 * not yet undone) and --undo --all (every one of them, newest first).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pw-root.h"
#include "pw-txn.h"
#include "txn-private.h"

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
		ret = pw_fio_read_all(txn->root, copy, &data, &len, &st);
		if (ret < 0)
			return ret;
		/* Already as it was (never replaced): leave it, and its times, alone. */
		same = pw_fio_read_all(txn->root, e->path, &now, &now_len, &now_st) == 0 &&
		       now_len == len && memcmp(now, data, len) == 0 &&
		       (now_st.st_mode & 07777) == e->mode && now_st.st_uid == e->uid &&
		       now_st.st_gid == e->gid;
		if (now)
			free(now);
		ret = same ? 0 : pw_fio_replace(txn->root, e->path, data, len, e->mode, e->uid, e->gid,
						(struct timespec[]){ st.st_atim, st.st_mtim });
		free(data);
		return ret;
	}
	if (strcmp(e->kind, "link") == 0)
		return pw_fio_symlink(txn->root, e->path, e->hash_or_target);
	/* absent, dir: made by the apply (a directory only if left empty) */
	dirfd = pw_fio_open_parent(txn->root, e->path, &name);
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

int pw_txn_restore_dir(struct pw_txn *txn, const char *dir, struct pw_error *err)
{
	struct entry *entries;
	size_t count;
	int ret;

	ret = pw_manifest_load(txn, dir, &entries, &count, err);
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
int pw_txn_mark_undone(struct pw_txn *txn, const char *dir, struct pw_error *err)
{
	char marker[PATH_MAX + 16], stamp[32];
	int ret;

	snprintf(marker, sizeof(marker), "%s/" UNDONE_NAME, dir);
	pw_utc_stamp(stamp, sizeof(stamp), "undone %Y-%m-%dT%H:%M:%SZ\n");
	ret = pw_fio_replace(txn->root, marker, stamp, strlen(stamp), 0600, getuid(), getgid(), NULL);
	if (ret < 0)
		pw_error_set(err, PW_EXIT_CANTCREAT, _("%s cannot be written: %s."), marker,
			     pw_root_strerror(ret));
	return ret;
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
	ret = pw_txn_restore_dir(txn, backup, err);
	return ret < 0 ? ret : pw_txn_mark_undone(txn, backup, err);
}

int pw_undo_all(struct pw_txn *txn, unsigned int *count, char *oldest, size_t size,
		struct pw_error *err)
{
	int ret;

	*count = 0;
	/* newest first: each backup holds the files as the run before it left them */
	while ((ret = pw_undo_latest(txn, oldest, size, err)) == 0)
		(*count)++;
	if (ret < 0)
		return ret;
	return *count ? 0 : 1;
}
