// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The files grub-mkconfig sources before it writes grub.cfg, found in the
 * guest and fed in its order to the reader of checks/formats/default-grub.c:
 * /etc/default/grub when `test -f` says it is a file, then each name the
 * glob "*.cfg" matches in /etc/default/grub.d that `[ -e ]` finds there.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pw-default-grub.h"
#include "pw-root.h"
#include "pw-text.h"

#define DEFAULT_GRUB "/etc/default/grub"
#define DEFAULT_GRUB_D "/etc/default/grub.d"

/* What the shell's *.cfg matches: no leading dot, ".cfg" at the end. */
static bool globbed(const char *name, const void *arg)
{
	size_t n = strlen(name);

	(void)arg;
	return name[0] != '.' && n > 4 && strcmp(name + n - 4, ".cfg") == 0;
}

int pw_default_grub_dropins(struct pw_root *root, char ***paths, size_t *count)
{
	char **names;
	size_t n;
	/*
	 * Sorted by bytes, the glob's order in the C locale; names that other
	 * locales would sort otherwise (capitals, punctuation) are rare here.
	 */
	int ret = pw_root_list(root, DEFAULT_GRUB_D, globbed, NULL, 256, &names, &n);

	*paths = NULL;
	*count = 0;
	if (ret < 0)
		return ret;
	for (size_t i = 0; i < n; i++) {
		size_t size = sizeof(DEFAULT_GRUB_D "/") + strlen(names[i]);
		char *path = malloc(size);

		if (!path) {
			pw_names_free(names, n);
			return -ENOMEM;
		}
		snprintf(path, size, "%s/%s", DEFAULT_GRUB_D, names[i]);
		free(names[i]);
		names[i] = path;
	}
	*paths = names;
	*count = n;
	return 0;
}

static int source(struct pw_root *root, struct pw_default_grub *dg, const char *path)
{
	char *text;
	size_t len;
	int ret = pw_root_read_text(root, path, PW_TEXT_MAX, &text, &len);

	if (ret < 0) {
		pw_copy(dg->bad_file, sizeof(dg->bad_file), path, strlen(path));
		dg->bad_error = ret;
		return ret;
	}
	ret = pw_default_grub_parse(dg, path, text, len);
	free(text);
	/* what was recorded points into the text */
	dg->assign_count = 0;
	return ret;
}

int pw_default_grub_load(struct pw_root *root, struct pw_default_grub *dg)
{
	struct stat st;
	char **paths;
	size_t count;
	int ret;

	pw_default_grub_init(dg);
	ret = pw_root_stat(root, DEFAULT_GRUB, &st);
	dg->have_main = ret == 0 && S_ISREG(st.st_mode);
	/*
	 * Unreadable is said so, not taken for missing; so is a folder there,
	 * which `test -f` would pass over but is surely not what was meant.
	 */
	if (ret == 0 || (ret != -ENOENT && ret != -ENOTDIR))
		ret = source(root, dg, DEFAULT_GRUB);
	else
		ret = 0;
	if (ret < 0)
		return ret;
	ret = pw_default_grub_dropins(root, &paths, &count);
	if (ret == -ENOENT || ret == -ENOTDIR)
		return 0;
	if (ret < 0) {
		pw_copy(dg->bad_file, sizeof(dg->bad_file), DEFAULT_GRUB_D, strlen(DEFAULT_GRUB_D));
		dg->bad_error = ret;
		return ret;
	}
	for (size_t i = 0; i < count && ret >= 0; i++) {
		ret = source(root, dg, paths[i]);
		/* [ -e "$x" ]: a link that leads nowhere is skipped */
		if (ret == -ENOENT) {
			dg->bad_file[0] = '\0';
			dg->bad_error = 0;
			ret = 0;
		}
	}
	pw_names_free(paths, count);
	return ret;
}
