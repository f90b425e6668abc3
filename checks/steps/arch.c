// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * arch: the service boots only 64-bit ParaVM kernels, so the install must be
 * x86-64 all through. dpkg's own architecture says what the package manager
 * will install; the ELF header of /bin/sh says what the userland really is.
 */
#include <elf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "pw-model.h"
#include "pw-root.h"
#include "pw-text.h"

enum elf_kind { ELF_UNKNOWN, ELF_X86_64, ELF_I386, ELF_OTHER };

static enum elf_kind elf_kind_of(const unsigned char *h, size_t n)
{
	unsigned int machine;

	if (n < 20 || memcmp(h, ELFMAG, SELFMAG) != 0)
		return ELF_UNKNOWN;
	/* e_machine is at the same offset in both classes; x86 is little-endian */
	machine = h[18] | (unsigned int)h[19] << 8;
	if (h[EI_CLASS] == ELFCLASS64 && machine == EM_X86_64)
		return ELF_X86_64;
	if (h[EI_CLASS] == ELFCLASS32 && machine == EM_386)
		return ELF_I386;
	return ELF_OTHER;
}

/* dpkg's native architecture: its own package's, else the arch file's first. */
static void dpkg_arch(struct pw_ctx *ctx, char *arch, size_t size)
{
	const struct pw_dpkg_pkg *dpkg = pw_dpkg_find(&ctx->dpkg, "dpkg");
	char *text;
	size_t len;

	arch[0] = '\0';
	if (dpkg && dpkg->found && dpkg->arch[0]) {
		pw_copy(arch, size, dpkg->arch, strlen(dpkg->arch));
		return;
	}
	if (pw_root_read_text(ctx->root, "/var/lib/dpkg/arch", 4096, &text, &len) == 0) {
		pw_copy(arch, size, text, strcspn(text, " \t\r\n"));
		free(text);
	}
}

void pw_inspect_arch(struct pw_ctx *ctx, struct pw_result *r)
{
	unsigned char head[64];
	char arch[24];
	ssize_t n;
	enum elf_kind elf;

	dpkg_arch(ctx, arch, sizeof(arch));
	n = pw_root_read_head(ctx->root, "/bin/sh", head, sizeof(head));
	if (n < 0) {
		pw_result_file_problem(r, PW_BLOCKED, "/bin/sh", (int)n);
		return;
	}
	elf = elf_kind_of(head, (size_t)n);

	if (strcmp(arch, "i386") == 0 || elf == ELF_I386) {
		pw_result_add(r, PW_BLOCKED,
			      N_("This is a 32-bit install (%s). The service can only boot 64-bit ParaVM kernels, so this VM has to stay HVM, or be reinstalled as 64-bit (amd64)."),
			      arch[0] ? arch : "i386");
		return;
	}
	if (elf == ELF_UNKNOWN) {
		pw_result_add(r, PW_BLOCKED,
			      N_("/bin/sh is not a program this wizard can read, so the architecture is unknown. Check that /bin/sh is intact."));
		return;
	}
	if (elf == ELF_OTHER || (arch[0] && strcmp(arch, "amd64") != 0)) {
		pw_result_add(r, PW_BLOCKED,
			      N_("This install is not for 64-bit PCs (dpkg says \"%s\"). Only amd64 installs can become ParaVMs here."),
			      arch[0] ? arch : "?");
		return;
	}
	if (!arch[0]) {
		pw_result_add(r, PW_WARN,
			      N_("/bin/sh is a 64-bit program, but dpkg's architecture could not be read from /var/lib/dpkg/status."));
		return;
	}
	if (pw_root_is_host(ctx->root)) {
		struct utsname u;

		/* A 32-bit kernel under a 64-bit userland cannot run it: no check. */
		if (uname(&u) == 0 && strcmp(u.machine, "x86_64") != 0) {
			pw_result_add(r, PW_BLOCKED,
				      N_("The running kernel is %s, not x86_64."), u.machine);
			return;
		}
	}
	pw_result_add(r, PW_OK, N_("64-bit install (amd64): a ParaVM kernel can boot it."));
}
