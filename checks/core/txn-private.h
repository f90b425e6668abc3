/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Inside the transaction (checks/core: txn.c, fileio.c, manifest.c,
 * undo.c); nothing outside core/ includes this.
 */
#ifndef PW_TXN_PRIVATE_H
#define PW_TXN_PRIVATE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "pw.h"

struct pw_root;
struct timespec;

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

/* ---- fileio.c ---- */
int pw_fio_write_all(int fd, const void *data, size_t len);
/* A whole regular file of at most BACKUP_FILE_MAX bytes, any bytes. */
int pw_fio_read_all(struct pw_root *root, const char *path, char **data, size_t *len,
		    struct stat *st);
/* The directory of @path, opened (for fsync), and its last name. */
int pw_fio_open_parent(struct pw_root *root, const char *path, const char **name);
int pw_fio_replace(struct pw_root *root, const char *path, const void *data, size_t len,
		   mode_t mode, uid_t uid, gid_t gid, const struct timespec *times);
int pw_fio_symlink(struct pw_root *root, const char *path, const char *target);
int pw_fio_sync_parent(struct pw_root *root, const char *path);
void pw_utc_stamp(char *buf, size_t size, const char *fmt);

/* ---- manifest.c ---- */
struct entry {
	char kind[8];
	unsigned int mode, uid, gid;
	char hash_or_target[PATH_MAX];
	char path[PATH_MAX];
};

void pw_manifest_escape(const char *in, char *out, size_t size);
void pw_manifest_unescape(char *s);
int pw_manifest_parse(char *line, struct entry *e);
/* Every entry of the backup @dir, each copy checked, before anything is restored. */
int pw_manifest_load(struct pw_txn *txn, const char *dir, struct entry **entries,
		     size_t *count, struct pw_error *err);

/* ---- undo.c ---- */
int pw_txn_restore_dir(struct pw_txn *txn, const char *dir, struct pw_error *err);
int pw_txn_mark_undone(struct pw_txn *txn, const char *dir, struct pw_error *err);

#endif /* PW_TXN_PRIVATE_H */
