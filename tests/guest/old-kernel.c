// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * old-kernel: run a program as if on Linux 2.6.18, etch's kernel.
 *
 *   setarch --uname-2.6 old-kernel [--all] [--chroot DIR] PROGRAM ARGS...
 *
 * Installs a seccomp filter that answers ENOSYS to every system call newer
 * than 2.6.18 (on x86-64, every number above 279, move_pages), as that
 * kernel would, then runs PROGRAM (after chroot to DIR, if given). setarch
 * --uname-2.6 makes uname() say 2.6 as well.
 *
 * A filter holds for PROGRAM's children too. On a real etch, those (apt,
 * dpkg, update-grub) are etch's own, built for 2.6.18; here they are this
 * machine's or a guest's of today, whose glibc needs newer calls (pipe2 for
 * pipe). So when PROGRAM is a program at a fixed address (a static, non-PIE
 * ELF file) only the calls made from its own code get ENOSYS; --all
 * answers ENOSYS to every process. Exit status: PROGRAM's, or 126 when it
 * could not be started.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#define LAST_2_6_18_SYSCALL 279 /* move_pages, on x86-64 */

/*
 * The addresses of @path's code when it is loaded at a fixed address
 * (ET_EXEC, below 4 GiB): 0, or -1 for a program that is not such a file.
 */
static int code_range(const char *path, uint32_t *start, uint32_t *end)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	int fd = open(path, O_RDONLY), ret = -1;

	if (fd < 0)
		return -1;
	*start = UINT32_MAX;
	*end = 0;
	if (pread(fd, &eh, sizeof(eh), 0) == sizeof(eh) && !memcmp(eh.e_ident, ELFMAG, SELFMAG) &&
	    eh.e_ident[EI_CLASS] == ELFCLASS64 && eh.e_type == ET_EXEC) {
		for (unsigned int i = 0; i < eh.e_phnum; i++) {
			if (pread(fd, &ph, sizeof(ph), (off_t)(eh.e_phoff + i * sizeof(ph))) != sizeof(ph))
				break;
			if (ph.p_type != PT_LOAD || !(ph.p_flags & PF_X) ||
			    ph.p_vaddr + ph.p_memsz > UINT32_MAX)
				continue;
			if (ph.p_vaddr < *start)
				*start = (uint32_t)ph.p_vaddr;
			if (ph.p_vaddr + ph.p_memsz > *end)
				*end = (uint32_t)(ph.p_vaddr + ph.p_memsz);
		}
		ret = *end > *start ? 0 : -1;
	}
	close(fd);
	return ret;
}

static int install_filter(bool all, uint32_t start, uint32_t end)
{
	const unsigned int ip = offsetof(struct seccomp_data, instruction_pointer);
	struct sock_filter code[] = {
		/* another ABI (i386 through int 0x80): let it be */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		/* the x32 calls have bit 30 set: above 279 too */
		BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, LAST_2_6_18_SYSCALL, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		/* made from the program's own code? (little-endian: low word first) */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ip + 4),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ip),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, start, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, end, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
	};
	struct sock_filter every[] = {
		code[0], code[1], code[2], code[3],
		BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, LAST_2_6_18_SYSCALL, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {
		.len = all ? sizeof(every) / sizeof(every[0]) : sizeof(code) / sizeof(code[0]),
		.filter = all ? every : code,
	};

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -errno;
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0)
		return -errno;
	return 0;
}

int main(int argc, char **argv)
{
	const char *dir = NULL;
	bool all = false;
	uint32_t start = 0, end = 0;
	int i = 1, ret;

	if (i < argc && strcmp(argv[i], "--all") == 0) {
		all = true;
		i++;
	}
	if (i + 1 < argc && strcmp(argv[i], "--chroot") == 0) {
		dir = argv[i + 1];
		i += 2;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: old-kernel [--chroot DIR] PROGRAM ARGS...\n");
		return 64;
	}
	if (dir && (chroot(dir) < 0 || chdir("/") < 0)) {
		fprintf(stderr, "old-kernel: chroot %s: %s\n", dir, strerror(errno));
		return 126;
	}
	if (!all && code_range(argv[i], &start, &end) < 0)
		all = true; /* a program that may be loaded anywhere: every process */
	ret = install_filter(all, start, end);
	if (ret < 0) {
		fprintf(stderr, "old-kernel: the seccomp filter: %s\n", strerror(-ret));
		return 126;
	}
	execvp(argv[i], argv + i);
	fprintf(stderr, "old-kernel: %s: %s\n", argv[i], strerror(errno));
	return 126;
}
