// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The dpkg status file, read directly: one pass, a block at a time, keeping
 * only the few packages asked for. The guest may have no working dpkg (a
 * mounted image), and reading is far faster than calling dpkg-query.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pw-model.h"
#include "pw-root.h"
#include "pw-text.h"

#define DPKG_STATUS "/var/lib/dpkg/status"
/*
 * About 1 KiB a package: this is some 250 000 packages, far more than any
 * system holds, yet a file of gigabytes (a disk image put there by mistake)
 * is refused by its size instead of being read to the end.
 */
#define DPKG_STATUS_MAX (256 * 1024 * 1024)

void pw_dpkg_want(struct pw_dpkg *dpkg, const char *name)
{
	if (pw_dpkg_find(dpkg, name) || dpkg->count >= PW_DPKG_MAX)
		return;
	memset(&dpkg->pkgs[dpkg->count], 0, sizeof(dpkg->pkgs[0]));
	pw_copy(dpkg->pkgs[dpkg->count++].name, sizeof(dpkg->pkgs[0].name), name, strlen(name));
}

const struct pw_dpkg_pkg *pw_dpkg_find(const struct pw_dpkg *dpkg, const char *name)
{
	/* called for every package of the status file: the first byte rules most out */
	for (size_t i = 0; i < dpkg->count; i++)
		if (dpkg->pkgs[i].name[0] == name[0] && strcmp(dpkg->pkgs[i].name, name) == 0)
			return &dpkg->pkgs[i];
	return NULL;
}

bool pw_dpkg_installed(const struct pw_dpkg *dpkg, const char *name)
{
	const struct pw_dpkg_pkg *p = pw_dpkg_find(dpkg, name);

	return p && p->installed;
}

/* The fields of the paragraph being read. */
struct paragraph {
	char package[128];
	char status[64];
	char version[64];
	char arch[24];
};

static void field(char *dst, size_t size, const char *line, size_t len, size_t skip)
{
	const char *v = pw_skip_blanks(line + skip, line + len);

	pw_copy(dst, size, v, (size_t)(line + len - v));
}

static void end_paragraph(struct pw_dpkg *dpkg, struct paragraph *par)
{
	struct pw_dpkg_pkg *p;

	if (par->package[0]) {
		dpkg->packages++;
		p = (struct pw_dpkg_pkg *)pw_dpkg_find(dpkg, par->package);
		/* Several architectures of one name: the installed one wins. */
		if (p && !(p->found && p->installed)) {
			p->found = true;
			p->installed = strcmp(par->status, "install ok installed") == 0;
			memcpy(p->status, par->status, sizeof(p->status));
			memcpy(p->version, par->version, sizeof(p->version));
			memcpy(p->arch, par->arch, sizeof(p->arch));
		}
	}
	memset(par, 0, sizeof(*par));
}

int pw_dpkg_scan(struct pw_root *root, struct pw_dpkg *dpkg)
{
	struct stat st;
	struct pw_linereader *lr;
	struct paragraph par = { 0 };
	const char *line;
	size_t len;
	bool cut, unwanted = false;
	int fd, ret;

	dpkg->packages = 0;
	fd = pw_root_open(root, DPKG_STATUS, O_RDONLY | O_NONBLOCK, 0);
	if (fd < 0)
		return dpkg->error = fd;
	if (fstat(fd, &st) < 0)
		ret = -errno;
	else if (!S_ISREG(st.st_mode))
		ret = S_ISDIR(st.st_mode) ? -EISDIR : PW_ENOTREG;
	else
		ret = st.st_size > DPKG_STATUS_MAX ? PW_ETOOBIG : 0;
	if (ret < 0) {
		close(fd);
		return dpkg->error = ret;
	}
	lr = malloc(sizeof(*lr));
	if (!lr) {
		close(fd);
		return dpkg->error = -ENOMEM;
	}
	pw_linereader_init(lr, fd);
	while ((ret = pw_linereader_next(lr, &line, &len, &cut)) > 0) {
		if (len == 0) {
			end_paragraph(dpkg, &par);
			continue;
		}
		if (line[0] == ' ' || line[0] == '\t')
			continue; /* continuation of a multi-line field */
		/* Only the fields dpkg writes first matter; compare cheaply. */
		switch (line[0]) {
		case 'P':
			/* a repeated field (a broken file) does not rename it */
			if (!par.package[0] && pw_has_prefix(line, len, "Package:")) {
				field(par.package, sizeof(par.package), line, len, 8);
				unwanted = par.package[0] && !pw_dpkg_find(dpkg, par.package);
			}
			break;
		case 'S':
			if (pw_has_prefix(line, len, "Status:"))
				field(par.status, sizeof(par.status), line, len, 7);
			break;
		case 'V':
			if (pw_has_prefix(line, len, "Version:"))
				field(par.version, sizeof(par.version), line, len, 8);
			break;
		case 'A':
			if (pw_has_prefix(line, len, "Architecture:"))
				field(par.arch, sizeof(par.arch), line, len, 13);
			break;
		}
		/*
		 * Nearly every package is one not asked for: the rest of its
		 * paragraph is skipped unread, which keeps a large status file
		 * cheap (most of its bytes are descriptions and conffiles).
		 */
		if (unwanted) {
			unwanted = false;
			ret = pw_linereader_skip_paragraph(lr);
			if (ret <= 0)
				break;
			dpkg->packages++;
			memset(&par, 0, sizeof(par));
		}
	}
	/*
	 * dpkg ends every paragraph with a blank line: one that is missing
	 * means a damaged file, whose last entry is no fact to report on.
	 */
	if (ret == 0 && par.package[0])
		ret = PW_ETRUNCATED;
	free(lr);
	close(fd);
	if (ret == 0 && dpkg->packages == 0)
		ret = PW_EFORMAT; /* empty, or not a status file */
	return dpkg->error = ret < 0 ? ret : 0;
}
