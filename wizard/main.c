// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * paravm-wizard: command line, set-up of the model, and the one reporter
 * of errors before the screens start (stderr; wizard/flow.c reports in a
 * dialog while they are up).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <iconv.h>
#include <langinfo.h>
#include <libgen.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pw-root.h"
#include "pw-steps.h"

#ifndef PW_DATADIR
#define PW_DATADIR "/usr/local/share/paravm-wizard"
#endif
#ifndef PW_LOCALEDIR
#define PW_LOCALEDIR "/usr/local/share/locale"
#endif
#define PW_VERSION "0.1"

#define GUEST_SITE_CONFIG "/etc/paravm-wizard/site.ini"

enum pw_format { PW_FORMAT_TEXT, PW_FORMAT_JSON };

struct pw_options {
	const char *root;
	const char *config;
	const char *lang;
	const char *answers;
	bool check;
	bool yes;
	bool dry_run;
	bool undo;
	bool all;
	enum pw_format format;
	unsigned int only;
};

static const char *program = "paravm-wizard";

static void __attribute__((noreturn)) usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", program);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, _("\nTry \"%s --help\" for the options.\n"), program);
	exit(PW_EXIT_USAGE);
}

/* A long text in every language: setup_language probes the charset with it. */
static const char *const usage_text = N_("Usage: %s [options]\n"
		 "Convert this Xen VM from HVM to ParaVM, step by step, or check how far it is.\n"
		 "\n"
		 "Options:\n"
		 "  --check              report the state of every step; change nothing\n"
		 "  --format text|json   the report's form (default: text)\n"
		 "  --answers FILE       the answers to the wizard's questions (INI, [network])\n"
		 "  --yes                apply every step that is not done, without screens\n"
		 "  --dry-run            show every change as a diff; change nothing\n"
		 "  --undo               put back the files of the latest run that changed any\n"
		 "  --all                with --undo: every run's files, as before the first run\n"
		 "  --only ID[,ID...]    only these steps: arch, distro, network, packages,\n"
		 "                       grub, console, disks\n"
		 "  --root DIR           act on the guest mounted at DIR (default: /)\n"
		 "  --config FILE        site settings (INI, section [site])\n"
		 "  --lang LL            language of messages (de, es, fr, ru, ja, en)\n"
		 "  -h, --help           show this help\n"
		 "  -V, --version        show the version\n"
		 "\n"
		 "Exit status: 0 ready, 1 steps remain, 2 blocked, 64 usage error,\n"
		 "65 bad input data, 69 a command failed, 70 internal error, 73/74 a file\n"
		 "could not be written/read, 75 a file changed meanwhile (nothing written).\n");

static void usage(void)
{
	printf(_(usage_text), program);
}

static void parse_options(int argc, char **argv, struct pw_options *opt)
{
	enum { OPT_CHECK = 256, OPT_FORMAT, OPT_ONLY, OPT_ROOT, OPT_CONFIG, OPT_LANG,
	       OPT_ANSWERS, OPT_YES, OPT_DRY_RUN, OPT_UNDO, OPT_ALL };
	static const struct option longopts[] = {
		{ "check", no_argument, NULL, OPT_CHECK },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "only", required_argument, NULL, OPT_ONLY },
		{ "root", required_argument, NULL, OPT_ROOT },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "answers", required_argument, NULL, OPT_ANSWERS },
		{ "yes", no_argument, NULL, OPT_YES },
		{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
		{ "undo", no_argument, NULL, OPT_UNDO },
		{ "all", no_argument, NULL, OPT_ALL },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	bool format_given = false;
	char bad[64];
	int c;

	memset(opt, 0, sizeof(*opt));
	opt->root = "/";
	opt->only = (1u << PW_STEP_COUNT) - 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hV", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_CHECK:
			opt->check = true;
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "text") == 0)
				opt->format = PW_FORMAT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				opt->format = PW_FORMAT_JSON;
			else
				usage_error(_("--format takes \"text\" or \"json\", not \"%s\"."), optarg);
			format_given = true;
			break;
		case OPT_ONLY:
			if (pw_steps_parse(optarg, &opt->only, bad, sizeof(bad)) < 0)
				usage_error(_("--only: there is no step \"%s\" (the steps are arch, distro, network, packages, grub, console, disks)."),
					    bad);
			break;
		case OPT_ROOT:
			opt->root = optarg;
			break;
		case OPT_CONFIG:
			opt->config = optarg;
			break;
		case OPT_LANG:
			opt->lang = optarg;
			break;
		case OPT_ANSWERS:
			opt->answers = optarg;
			break;
		case OPT_YES:
			opt->yes = true;
			break;
		case OPT_DRY_RUN:
			opt->dry_run = true;
			break;
		case OPT_UNDO:
			opt->undo = true;
			break;
		case OPT_ALL:
			opt->all = true;
			break;
		case 'h':
			usage();
			exit(PW_EXIT_READY);
		case 'V':
			printf("%s %s\n", program, PW_VERSION);
			exit(PW_EXIT_READY);
		case ':':
			usage_error(_("%s needs a value."), argv[optind - 1]);
		default:
			usage_error(_("there is no option \"%s\"."), argv[optind - 1]);
		}
	}
	if (optind < argc)
		usage_error(_("unexpected argument \"%s\"."), argv[optind]);
	if (format_given && !opt->check)
		usage_error(_("%s goes with --check."), "--format");
	if (opt->check + opt->undo + (opt->yes || opt->dry_run) > 1)
		usage_error("%s", _("--check, --undo and --yes/--dry-run each do something else; give one of them."));
	if (opt->all && !opt->undo)
		usage_error(_("%s goes with --undo."), "--all");
	if (opt->undo && opt->only != (1u << PW_STEP_COUNT) - 1)
		usage_error(_("%s undoes a whole run; it does not take --only."), "--undo");
	if (opt->answers && !opt->yes && !opt->dry_run)
		usage_error(_("%s goes with --yes or --dry-run."), "--answers");
	/* no mode: the full-screen wizard, which needs a terminal to draw on */
	if (!opt->check && !opt->undo && !opt->yes && !opt->dry_run &&
	    (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)))
		usage_error("%s", _("without --check, --yes, --dry-run or --undo the wizard opens its screens, which need a terminal; run it from a console, or use --check, or --answers FILE --yes."));
}

/* Data next to an uninstalled build (build/../data), else the installed. */
static void find_datadir(char *buf, size_t size)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	const char *env = getenv("PARAVM_WIZARD_DATADIR");

	if (env && *env) {
		snprintf(buf, size, "%s", env);
		return;
	}
	if (n > 0) {
		exe[n] = '\0';
		snprintf(buf, size, "%s/../data", dirname(exe));
		if (access(buf, R_OK) == 0 && strcmp(PW_DATADIR, buf) != 0) {
			char probe[PATH_MAX + 32];

			snprintf(probe, sizeof(probe), "%s/profiles.ini", buf);
			if (access(probe, R_OK) == 0)
				return;
		}
	}
	snprintf(buf, size, "%s", PW_DATADIR);
}

/*
 * Catalogues next to an uninstalled build (build/locale), else the
 * installed ones.
 */
static const char *locale_dir(void)
{
	static char dir[PATH_MAX];
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n > 0) {
		exe[n] = '\0';
		snprintf(dir, sizeof(dir), "%s/locale", dirname(exe));
		if (access(dir, R_OK) == 0)
			return dir;
	}
	return PW_LOCALEDIR;
}

/*
 * Why the messages are in English when another language was asked for: the
 * full-screen wizard shows it at the top of every screen, where the line on
 * stderr would be drawn over (English, and short: the title shares the line).
 */
static const char *language_note;

/*
 * The Linux text console has no glyphs for kana and kanji: there, Japanese
 * would come out as boxes, so the messages fall back to English, and one
 * line (in English, the only language sure to show) says so.
 */
static void console_fallback(void)
{
	const char *term = getenv("TERM");
	const char *language = getenv("LANGUAGE");
	const char *messages = setlocale(LC_MESSAGES, NULL);
	bool japanese = (language && !strncmp(language, "ja", 2)) ||
			(!language && messages && !strncmp(messages, "ja", 2));

	if (!term || strcmp(term, "linux") != 0 || !japanese)
		return;
	setenv("LANGUAGE", "en", 1);
	setlocale(LC_MESSAGES, "C.UTF-8");
	fprintf(stderr, "paravm-wizard: the Linux console cannot show Japanese; "
			"messages are in English (use an ssh or xterm window for Japanese).\n");
	language_note = "In English: no Japanese on this console";
}

/* Can text in UTF-8 be written in @codeset, every character of it? */
static bool fits_charset(const char *text, const char *codeset)
{
	iconv_t cd = iconv_open(codeset, "UTF-8");
	char out[256], *in = (char *)text;
	size_t in_left = strlen(text);
	bool fits = true;

	if (cd == (iconv_t)-1)
		return false;
	while (in_left > 0 && fits) {
		char *o = out;
		size_t out_left = sizeof(out);

		if (iconv(cd, &in, &in_left, &o, &out_left) == (size_t)-1 && errno != E2BIG)
			fits = false;
	}
	iconv_close(cd);
	return fits;
}

/*
 * gettext gives the messages in the locale's character set (German in
 * ISO-8859-1, Russian in KOI8-R): said explicitly here. Where that set
 * cannot hold the language (Japanese in ISO-8859-1, anything but English
 * in the C locale's ASCII), glibc would print question marks, or, in the C
 * locale, ignore LANGUAGE without a word: English, and one line says so.
 */
static void charset_fallback(void)
{
	static bool said;
	const char *codeset = nl_langinfo(CODESET);
	const char *messages = setlocale(LC_MESSAGES, NULL);
	const char *language = getenv("LANGUAGE");
	bool posix = messages && !strcmp(messages, "POSIX");
	bool c_locale = posix || (messages && !strcmp(messages, "C"));
	bool fits = true;

	if (c_locale) {
		if (!language || !*language || !strncmp(language, "en", 2) ||
		    !strcmp(language, "C"))
			return;
		/* what LANGUAGE would give, to try it against the charset */
		if (!setlocale(LC_MESSAGES, "C.UTF-8"))
			return;
	}
	/* the translations as they are, to try them against the charset */
	bind_textdomain_codeset(PW_TEXTDOMAIN, "UTF-8");
	if (strcmp(codeset, "UTF-8") != 0) {
		fits = fits_charset(gettext(usage_text), codeset);
		for (size_t i = 0; fits && i < PW_STEP_COUNT; i++)
			fits = fits_charset(gettext(pw_steps[i].title), codeset);
	}
	bind_textdomain_codeset(PW_TEXTDOMAIN, codeset);
	if (c_locale)
		setlocale(LC_MESSAGES, posix ? "POSIX" : "C");
	if (fits)
		return;
	setenv("LANGUAGE", "en", 1);
	/* libc's own messages (strerror) too */
	setlocale(LC_MESSAGES, "C");
	if (!said)
		fprintf(stderr, "paravm-wizard: the character set of this locale (%s) cannot show "
				"this language; messages are in English (use a UTF-8 locale to "
				"read them in your language).\n",
			strcmp(codeset, "ANSI_X3.4-1968") ? codeset : "ASCII");
	said = true;
	language_note = "In English: locale charset cannot show it";
}

static void setup_language(const char *lang)
{
	const char *messages;

	if (lang)
		setenv("LANGUAGE", lang, 1);
	setlocale(LC_ALL, "");
	/*
	 * gettext ignores LANGUAGE in the C locale, which is what a bare
	 * console or a fresh guest runs in: a language asked for needs a
	 * locale that is not C: C.UTF-8 (Debian's libc has it; glibc builds it in
	 * from 2.35 on). Where it is missing, the messages stay English.
	 */
	messages = setlocale(LC_MESSAGES, NULL);
	if (lang && messages && (!strcmp(messages, "C") || !strcmp(messages, "POSIX")))
		setlocale(LC_ALL, "C.UTF-8");
	bindtextdomain(PW_TEXTDOMAIN, locale_dir());
	textdomain(PW_TEXTDOMAIN);
	console_fallback();
	charset_fallback();
}

/*
 * --lang, looked for before the options are parsed: --help and the usage
 * errors are then in that language too.
 */
static const char *lang_option(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			return argv[i + 1];
		if (strncmp(argv[i], "--lang=", 7) == 0)
			return argv[i] + 7;
	}
	return NULL;
}

static void __attribute__((noreturn)) fail(const struct pw_error *err)
{
	pw_report_error(err);
	exit(err->code);
}

int main(int argc, char **argv)
{
	struct pw_options opt;
	struct pw_ctx ctx;
	struct pw_error err = { 0 };
	char datadir[PATH_MAX], path[PATH_MAX + 32];
	enum pw_exit status;
	const char *lang;
	int ret;

	lang = lang_option(argc, argv);
	setup_language(lang ? lang : getenv("PARAVM_WIZARD_LANG"));
	parse_options(argc, argv, &opt);
	/* "--lan de" is --lang too, as getopt takes a prefix */
	if (opt.lang && (!lang || strcmp(opt.lang, lang) != 0))
		setup_language(opt.lang);

	memset(&ctx, 0, sizeof(ctx));
	ret = pw_root_open_dir(opt.root, &ctx.root);
	if (ret < 0) {
		pw_error_set(&err, PW_EXIT_IOERR,
			     _("the guest root %s cannot be opened: %s. Give the directory where the guest's files are mounted."),
			     opt.root, strerror(-ret));
		fail(&err);
	}

	/* A root that cannot be listed (mode 0700, not root) would fail later, vaguely. */
	ret = pw_root_open(ctx.root, "/", O_RDONLY | O_DIRECTORY, 0);
	if (ret < 0) {
		pw_error_set(&err, PW_EXIT_IOERR,
			     _("the guest root %s cannot be read: %s. Run the program as root."),
			     opt.root, strerror(-ret));
		fail(&err);
	}
	close(ret);

	find_datadir(datadir, sizeof(datadir));
	snprintf(path, sizeof(path), "%s/profiles.ini", datadir);
	if (pw_profiles_load(path, &ctx.profiles, &err) < 0)
		fail(&err);

	pw_site_defaults(&ctx.site);
	if (pw_site_load(&ctx.site, ctx.root, GUEST_SITE_CONFIG, &err) < 0)
		fail(&err);
	if (opt.config && pw_site_load(&ctx.site, NULL, opt.config, &err) != 0) {
		if (err.message[0] == '\0')
			pw_error_set(&err, PW_EXIT_IOERR,
				     _("%s: no such file. Give the path of a site config file."),
				     opt.config);
		fail(&err);
	}

	if (opt.answers && pw_answers_load(opt.answers, &ctx.answers, &err) < 0)
		fail(&err);

	pw_ctx_gather(&ctx);
	if (opt.undo) {
		status = pw_undo(&ctx, opt.all, stdout);
	} else if (opt.yes || opt.dry_run) {
		status = pw_apply_all(&ctx, opt.only, opt.dry_run, stdout);
	} else if (!opt.check) {
		status = pw_wizard_run(&ctx, opt.only, language_note);
	} else {
		pw_steps_inspect(&ctx, opt.only);
		if (opt.format == PW_FORMAT_JSON)
			pw_report_json(stdout, &ctx, opt.only);
		else
			pw_report_text(stdout, &ctx, opt.only);
		status = pw_steps_exit_status(&ctx, opt.only);
	}

	pw_profiles_free(ctx.profiles);
	pw_root_free(ctx.root);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		pw_report_line("%s", _("the report could not be written"));
		return PW_EXIT_CANTCREAT;
	}
	return status;
}
