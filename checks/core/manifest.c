// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The backup manifest: one line a saved path, written ahead of the change,
 * read back (every copy checked against its checksum) before an undo
 * restores anything.
 *
 * Lines (paths escaped as in fstab, \ooo for blanks, '\' and control
 * characters):
 *   file MODE UID GID SHA256 PATH   the file existed; its copy is files/PATH
 *   link - - - TARGET PATH          it was a symlink to TARGET
 *   absent - - - - PATH             it did not exist
 *   dir - - - - PATH                the directory did not exist: made by the run
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pw-root.h"
#include "sha256.h"
#include "txn-private.h"

void pw_manifest_escape(const char *in, char *out, size_t size)
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

void pw_manifest_unescape(char *s)
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

int pw_manifest_parse(char *line, struct entry *e)
{
	char mode[16], uid[16], gid[16];

	if (sscanf(line, "%7s %15s %15s %15s %4095s %4095s", e->kind, mode, uid, gid,
		   e->hash_or_target, e->path) != 6 || e->path[0] != '/')
		return -EINVAL;
	pw_manifest_unescape(e->path);
	pw_manifest_unescape(e->hash_or_target);
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
int pw_manifest_load(struct pw_txn *txn, const char *dir, struct entry **entries,
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
		if (pw_manifest_parse(line, &list[n]) < 0) {
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
			ret = pw_fio_read_all(txn->root, copy, &data, &dlen, &st);
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
