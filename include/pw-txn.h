/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Changing the guest safely: every file the wizard writes goes through one
 * transaction, which
 *   - holds the guest's lock, so that two runs never write at once (flock:
 *     a killed run's lock goes with it, and the next run says so);
 *   - before a file is first replaced, copies it into
 *     /var/backups/paravm-wizard/<timestamp>/ and records it in the
 *     manifest (or records that it did not exist), flushed to disk first;
 *   - replaces the file atomically: a temporary file in the same directory,
 *     fsync, rename, fsync of the directory; mode and owner kept;
 *   - logs each action to /var/log/paravm-wizard.log.
 * A transaction that changes nothing leaves no backup behind.
 */
#ifndef PW_TXN_H
#define PW_TXN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "pw-config.h"

struct pw_root;
struct pw_txn;

#define PW_LOCK_PATH "/var/lib/paravm-wizard/lock"
#define PW_BACKUP_DIR "/var/backups/paravm-wizard"
#define PW_LOG_PATH "/var/log/paravm-wizard.log"

/* Take the lock. A run already holding it: -EBUSY, @err says whose it is. */
int pw_txn_begin(struct pw_root *root, struct pw_txn **out, struct pw_error *err);
/* Did the previous run end without releasing its lock (killed, crashed)? */
bool pw_txn_resumed(const struct pw_txn *txn);

/*
 * Make @path hold exactly @data. 0 replaced, 1 already so (nothing done),
 * negative errno with @err filled. @mode is for a file that is created.
 */
int pw_txn_write(struct pw_txn *txn, const char *path, const void *data, size_t len,
		 mode_t mode, struct pw_error *err);
/* Remove @path (backed up first); 1 if it did not exist. */
int pw_txn_remove(struct pw_txn *txn, const char *path, struct pw_error *err);
/* Make @path a symlink to @target (systemd's wants links); 1 if already so. */
int pw_txn_symlink(struct pw_txn *txn, const char *path, const char *target,
		   struct pw_error *err);

/*
 * Save @path as it is now, before a command (apt, update-grub) that may
 * change it runs: --undo then puts back the file as it was before the run.
 */
int pw_txn_protect(struct pw_txn *txn, const char *path, struct pw_error *err);

/* One line to the log: what is being done and why. */
void pw_txn_log(struct pw_txn *txn, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The backup directory of this transaction, in the guest; "" if none yet. */
const char *pw_txn_backup_dir(const struct pw_txn *txn);
unsigned int pw_txn_changes(const struct pw_txn *txn);

/*
 * Put back what this transaction changed so far (after a failed write, so
 * that a step is applied whole or not at all). 0, or negative with @err.
 */
int pw_txn_rollback(struct pw_txn *txn, struct pw_error *err);

/* Release the lock and free. */
void pw_txn_end(struct pw_txn *txn);

/*
 * Restore every file of the most recent backup not yet undone, byte for
 * byte, with mode and owner; remove the files it created. 0 restored,
 * 1 nothing to undo, negative with @err filled.
 */
int pw_undo_latest(struct pw_txn *txn, char *backup, size_t size, struct pw_error *err);

/*
 * --undo --all: every backup not yet undone, newest first, so that every
 * file is as it was before the conversion's first run. @count says how
 * many; @oldest is the last one restored. 0, 1 nothing to undo, negative
 * with @err filled (the backups before the failing one stay restored).
 */
int pw_undo_all(struct pw_txn *txn, unsigned int *count, char *oldest, size_t size,
		struct pw_error *err);

#endif /* PW_TXN_H */
