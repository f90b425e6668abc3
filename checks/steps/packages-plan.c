// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The packages step's plan and apply: apt-get inside the guest, its
 * output read by formats/apt-output.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pw-apt.h"
#include "pw-root.h"
#include "pw-run.h"
#include "pw-text.h"
#include "pw-txn.h"

#define APT_GET "/usr/bin/apt-get"
#define APT_CACHE "/usr/bin/apt-cache"
#define STATUS_FD 3

/* A plan must write nothing: no package cache, no planner log (/var/log/apt). */
#define READ_ONLY_OPTIONS "-o", "Dir::Cache::pkgcache=", "-o", "Dir::Cache::srcpkgcache=", \
			  "-o", "Dir::Log::Planner=/dev/null"

/* Files a kernel's install scripts rewrite (update-grub): saved first for --undo. */
static const char *const kernel_hook_files[] = {
	"/boot/grub/menu.lst", "/boot/grub/grub.cfg", "/boot/grub/default",
};

/* The profile's packages not installed yet; optional ones only if apt knows them. */
struct wanted {
	char list[512];
	char missing_optional[512];
};

static void append_word(char *buf, size_t size, const char *word)
{
	size_t used = strlen(buf);

	snprintf(buf + used, size - used, "%s%s", used ? " " : "", word);
}

/* What apt-get -s and --print-uris said: the packages asked for, by version. */
struct collect {
	const char *asked;	/* blank-separated */
	char names[512];	/* "linux-image-amd64 6.1.0-1, ..." */
	unsigned int others;	/* dependencies apt adds */
	long long bytes;
	bool size_known;
};

static void collect_inst(void *data, const char *line)
{
	struct collect *c = data;
	char name[128], version[128];
	size_t used = strlen(c->names);

	if (!pw_apt_parse_inst(line, name, sizeof(name), version, sizeof(version)))
		return;
	if (!pw_word_in_list(c->asked, name)) {
		c->others++;
		return;
	}
	snprintf(c->names + used, sizeof(c->names) - used, "%s%s %s", used ? ", " : "", name,
		 version);
}

static void collect_size(void *data, const char *line)
{
	struct collect *c = data;
	long long size = pw_apt_parse_uri_size(line);

	if (size >= 0) {
		c->bytes += size;
		c->size_known = true;
	}
}

static int run_apt(struct pw_ctx *ctx, const char *const *argv, void (*on_output)(void *, const char *),
		   void *data, struct pw_run *run)
{
	memset(run, 0, sizeof(*run));
	run->argv = argv;
	run->on_output = on_output;
	run->data = data;
	return pw_run_in_guest(ctx->root, run);
}

static bool apt_knows(struct pw_ctx *ctx, const char *package)
{
	const char *argv[] = { APT_CACHE, READ_ONLY_OPTIONS, "show", "--no-all-versions", package,
			       NULL };
	struct pw_run run;

	return run_apt(ctx, argv, NULL, NULL, &run) == 0 && run.exit_status == 0;
}

static void wanted_packages(struct pw_ctx *ctx, struct wanted *w, bool ask_apt)
{
	const char *lists[] = { ctx->profile.kernel_packages, ctx->profile.optional_packages };
	char word[64];

	memset(w, 0, sizeof(*w));
	for (size_t i = 0; i < 2; i++) {
		const char *p = lists[i], *end = p + strlen(p);

		while (pw_next_word(&p, end, word, sizeof(word))) {
			if (pw_dpkg_installed(&ctx->dpkg, word))
				continue;
			if (i == 1 && ask_apt && !apt_knows(ctx, word)) {
				append_word(w->missing_optional, sizeof(w->missing_optional), word);
				continue;
			}
			append_word(w->list, sizeof(w->list), word);
		}
	}
}

/* argv for "apt-get [options] install PKG..." in @argv, words kept in @store. */
static void install_argv(const char *list, const char **argv, size_t max, const char *const *opts,
			 char store[][64])
{
	const char *p = list, *end = list + strlen(list);
	size_t n = 0, k = 0;

	argv[n++] = APT_GET;
	for (; *opts && n < max - 2; opts++)
		argv[n++] = *opts;
	argv[n++] = "install";
	while (n < max - 1 && k < 16 && pw_next_word(&p, end, store[k], 64))
		argv[n++] = store[k++];
	argv[n] = NULL;
}

int pw_plan_packages(struct pw_ctx *ctx, struct pw_plan *plan, struct pw_error *err)
{
	static const char *const sim[] = { "-s", READ_ONLY_OPTIONS, NULL };
	static const char *const uris[] = { "--print-uris", "-y", READ_ONLY_OPTIONS, NULL };
	struct wanted w;
	struct collect c = { .asked = w.list };
	struct pw_run run;
	const char *argv[32];
	char store[16][64], size_text[64] = "";
	bool root_user = geteuid() == 0;

	if (!ctx->have_profile)
		return 1;
	wanted_packages(ctx, &w, root_user);
	if (!w.list[0])
		return 1;
	snprintf(plan->packages, sizeof(plan->packages), "%s", w.list);
	if (!root_user) {
		snprintf(plan->note, sizeof(plan->note),
			 _("apt-get will install %s. (Run as root to see apt's own plan.)"), w.list);
		return 0;
	}
	install_argv(w.list, argv, ARRAY_SIZE(argv), sim, store);
	if (run_apt(ctx, argv, collect_inst, &c, &run) < 0 || run.exit_status != 0) {
		pw_error_set(err, PW_EXIT_UNAVAILABLE,
			     _("apt-get cannot plan the installation of %s in the guest: %s. Check the guest's /etc/apt/sources.list, then try again."),
			     w.list, run.last_error[0] ? run.last_error : _("it could not be started"));
		return -EIO;
	}
	install_argv(w.list, argv, ARRAY_SIZE(argv), uris, store);
	if (run_apt(ctx, argv, collect_size, &c, &run) == 0 && run.exit_status == 0 && c.size_known) {
		if (c.bytes >= 1000000)
			snprintf(size_text, sizeof(size_text), _(" (%.1f MB to download)"),
				 (double)c.bytes / 1e6);
		else
			snprintf(size_text, sizeof(size_text), _(" (%lld kB to download)"),
				 (c.bytes + 999) / 1000);
	}
	if (c.others)
		snprintf(plan->note, sizeof(plan->note),
			 P_("apt-get will install %s, plus %u dependency%s.",
			    "apt-get will install %s, plus %u dependencies%s.", c.others),
			 c.names, c.others, size_text);
	else
		snprintf(plan->note, sizeof(plan->note), _("apt-get will install %s%s."), c.names,
			 size_text);
	if (w.missing_optional[0])
		snprintf(plan->note + strlen(plan->note), sizeof(plan->note) - strlen(plan->note),
			 _(" Not in the guest's archive, left out (not needed to boot): %s."),
			 w.missing_optional);
	return 0;
}

struct install_progress {
	const struct pw_progress *progress;
	struct pw_txn *txn;
	char last_error[512];
};

static void on_status(void *data, const char *line)
{
	struct install_progress *ip = data;
	unsigned int percent;
	char what[256];
	bool is_error;

	if (!pw_apt_parse_status(line, &percent, what, sizeof(what), &is_error))
		return;
	if (is_error)
		pw_copy(ip->last_error, sizeof(ip->last_error), what, strlen(what));
	else if (ip->progress && ip->progress->report)
		ip->progress->report(ip->progress->data, percent, what);
}

static void on_output(void *data, const char *line)
{
	struct install_progress *ip = data;

	pw_txn_log(ip->txn, "apt: %s", line);
}

int pw_apply_packages(struct pw_ctx *ctx, const struct pw_plan *plan, struct pw_txn *txn,
		      const struct pw_progress *progress, struct pw_error *err)
{
	static const char *const opts[] = {
		"-y", "-o", "APT::Status-Fd=3", "-o", "Dpkg::Options::=--force-confdef",
		"-o", "Dpkg::Options::=--force-confold", NULL,
	};
	static const char *const update[] = { APT_GET, "update", NULL };
	static const char *const configure[] = { "/usr/bin/dpkg", "--configure", "-a", NULL };
	struct install_progress ip = { progress, txn, "" };
	struct pw_run run = { 0 };
	const char *argv[40];
	char store[16][64];
	int ret;

	(void)ctx;
	for (size_t i = 0; i < ARRAY_SIZE(kernel_hook_files); i++) {
		ret = pw_txn_protect(txn, kernel_hook_files[i], err);
		if (ret < 0)
			return ret;
	}
	/*
	 * A run killed while dpkg worked leaves packages half configured, and
	 * apt then refuses to go on: finish what dpkg started. Nothing to do
	 * is the usual case, and quick.
	 */
	run.argv = configure;
	run.on_output = on_output;
	run.data = &ip;
	if (pw_run_in_guest(ctx->root, &run) < 0 || run.exit_status != 0)
		pw_txn_log(txn, "dpkg --configure -a failed (%s); apt-get will say more",
			   run.last_error);
	memset(&run, 0, sizeof(run));

	/* Stale lists give 404s on old releases; a failed update is not fatal. */
	run.argv = update;
	run.on_output = on_output;
	run.data = &ip;
	if (progress && progress->report)
		progress->report(progress->data, 0, _("apt-get update"));
	if (pw_run_in_guest(ctx->root, &run) < 0 || run.exit_status != 0)
		pw_txn_log(txn, "apt-get update failed (%s); installing from the lists there are",
			   run.last_error);

	install_argv(plan->packages, argv, ARRAY_SIZE(argv), opts, store);
	memset(&run, 0, sizeof(run));
	run.argv = argv;
	run.status_fd = STATUS_FD;
	run.on_status = on_status;
	run.on_output = on_output;
	run.data = &ip;
	pw_txn_log(txn, "apt-get install %s", plan->packages);
	ret = pw_run_in_guest(ctx->root, &run);
	if (ret < 0) {
		pw_error_set(err, PW_EXIT_UNAVAILABLE,
			     _("apt-get could not be started in the guest: %s."), strerror(-ret));
		return ret;
	}
	if (run.exit_status != 0) {
		pw_error_set(err, PW_EXIT_UNAVAILABLE,
			     _("apt-get failed to install %s: %s. The details are in %s in the guest."),
			     plan->packages, run.last_error[0] ? run.last_error : ip.last_error,
			     PW_LOG_PATH);
		return -EIO;
	}
	if (progress && progress->report)
		progress->report(progress->data, 100, _("installed"));
	return 0;
}
