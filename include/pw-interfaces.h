/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Debian's /etc/network/interfaces (ifupdown, interfaces(5)), read the way
 * ifup reads it: stanzas, the files it sources, and where each stanza lies
 * in its file, so that the network step can rewrite one stanza and keep
 * every other byte. The name the card will have under ParaVM is in
 * pw-netname.h.
 */
#ifndef PW_INTERFACES_H
#define PW_INTERFACES_H

#include <stdbool.h>
#include <stddef.h>

#include "pw.h"
#include "pw-net.h"
#include "pw-netname.h"

struct pw_root;
struct pw_ctx;

#define PW_IFACES_FILE "/etc/network/interfaces"
#define PW_IFACES_MAX_DEPTH 8		/* source inside source inside ... */
#define PW_IFACES_MAX_FILES 128
#define PW_IFACES_MAX_LINE (64 * 1024)	/* one line, continuations joined */

/* Why a file was refused; the message is built from this and the fields. */
enum pw_ifaces_problem {
	PW_IFP_NONE = 0,
	PW_IFP_READ,		/* the file could not be read: see err */
	PW_IFP_BINARY,		/* NUL bytes in it */
	PW_IFP_LONG_LINE,
	PW_IFP_IFACE_WORDS,	/* "iface" without name, family and method */
	PW_IFP_FAMILY,		/* unknown address family (word) */
	PW_IFP_METHOD,		/* unknown method (word) for the family (family) */
	PW_IFP_INHERITS,	/* inherits from an iface not defined before (word) */
	PW_IFP_MISPLACED,	/* an option (word) outside iface and mapping */
	PW_IFP_EMPTY_OPTION,	/* an option (word) with no value */
	PW_IFP_NO_ARGUMENT,	/* "source" (word) without a path */
	PW_IFP_DEPTH,		/* sources nested deeper than PW_IFACES_MAX_DEPTH */
	PW_IFP_FILES,		/* more than PW_IFACES_MAX_FILES files */
	PW_IFP_NOMEM,
	/* refused by the guest's ifupdown version only (family: the version) */
	PW_IFP_IFACE_EXTRA,	/* words after the method, before 0.8 (word) */
	PW_IFP_DUPLICATE_MARK,	/* "auto NAME" twice, 0.6 (word: NAME) */
	PW_IFP_DUPLICATE_IFACE,	/* a second stanza for NAME and family, 0.6 */
};

struct pw_ifaces_error {
	enum pw_ifaces_problem problem;
	int err;		/* PW_IFP_READ: negative errno or PW_E* */
	char file[512];		/* path in the guest */
	unsigned int line;	/* 1-based; 0 for the file as a whole */
	char word[64];
	char family[32];	/* PW_IFP_METHOD's family; the version for the version errors */
};

struct pw_iface_opt {
	char *name;
	char *value;		/* the rest of the line, blanks trimmed */
	unsigned int line;	/* 0: copied from the stanza it inherits */
};

/* One "iface NAME FAMILY METHOD" stanza and its option lines. */
struct pw_iface {
	char *name;
	char family[16];	/* inet, inet6, ipx, can, meta */
	char method[16];
	size_t file;		/* index in pw_ifaces.files */
	unsigned int first_line, last_line;
	/*
	 * Bytes [start, end) of its file hold the stanza: from the start of
	 * the iface line to the end (newline included) of its last option
	 * line. Comments between options lie inside; those after do not.
	 */
	size_t start, end;
	struct pw_iface_opt *opts;
	size_t nopts;
	bool classful;		/* no netmask means the address's class's (ifupdown 0.7+) */
};

/* A name listed on an "auto" or "allow-CLASS" line. */
struct pw_iface_mark {
	char *name;
	char class[32];		/* "auto" (also for allow-auto), "hotplug", ... */
	size_t file;
	unsigned int line;
};

/*
 * How a parse follows "source" and "source-directory" lines: the parser
 * itself opens nothing. For a guest, pw_ifaces_init gives one that reads
 * inside its root (checks/facts/ifaces-files.c).
 */
struct pw_ifaces_reader {
	/*
	 * The paths glob @pattern (absolute) matches, sorted; with @keep
	 * (source-directory), the files in each matching folder whose names
	 * @keep accepts. 0, or -ENOMEM; @paths and each of them malloc()ed.
	 */
	int (*expand)(void *arg, const char *pattern, bool (*keep)(const char *, const void *),
		      char ***paths, size_t *count);
	/* A file's text: 0, -ENOENT, or another negative errno or PW_E*. */
	int (*read)(void *arg, const char *path, char **text, size_t *len);
	void *arg;
};

/* A "rename CUR=NEW" word (ifupdown 0.8.35 and later). */
struct pw_iface_rename {
	char *from;		/* a name, or a pattern as interfaces(5) has them */
	char *to;
	size_t file;
	unsigned int line;
};

struct pw_ifaces {
	struct pw_ifaces_reader reader;	/* zero: source lines are not followed */
	/*
	 * The guest's ifupdown version, as dpkg has it ("0.8.41"); what the
	 * file means depends on it (interfaces.c says which version does
	 * what). Empty: unknown, read as the newest reads it.
	 */
	char version[32];
	char **files;		/* guest paths, in the order read */
	size_t nfiles;
	struct pw_iface *ifaces;
	size_t count;
	struct pw_iface_mark *marks;
	size_t nmarks;
	struct pw_iface_rename *renames;
	size_t nrenames;
	unsigned int unfollowed; /* source lines skipped for want of a root */
	struct pw_ifaces_error error;
};

/* Start with @rd (may be NULL: nothing is followed or loaded). */
void pw_ifaces_init_reader(struct pw_ifaces *ifs, const struct pw_ifaces_reader *rd);
/* The same, reading inside the guest root @root (NULL: nothing followed). */
void pw_ifaces_init(struct pw_ifaces *ifs, struct pw_root *root);
/* Read as ifupdown @version reads (before parsing; kept by pw_ifaces_free). */
void pw_ifaces_set_version(struct pw_ifaces *ifs, const char *version);
void pw_ifaces_free(struct pw_ifaces *ifs);

/*
 * Parse one file's text, known as @path (a guest path, for messages and
 * for relative source lines). 0, or negative (PW_EFORMAT for a file ifup
 * would refuse, -ENOMEM...) with ifs->error telling where and why.
 */
int pw_ifaces_parse(struct pw_ifaces *ifs, const char *path, const char *text, size_t len);
/*
 * Read @path from the guest root and parse it with every file it sources.
 * -ENOENT (error PW_IFP_READ) when @path itself does not exist.
 */
int pw_ifaces_load(struct pw_ifaces *ifs, const char *path);

/* The first value of option @name in the stanza, or NULL. */
const char *pw_iface_opt(const struct pw_iface *ifc, const char *name);
/* Is @name brought up at boot ("auto", "allow-auto" or "allow-hotplug")? */
bool pw_ifaces_at_boot(const struct pw_ifaces *ifs, const char *name);
/*
 * The rename line (0.8.35 and later) ifup follows for a card called @name,
 * or NULL: a plain name or a glob (patterns on sysfs values are not read).
 */
const struct pw_iface_rename *pw_ifaces_rename_of(const struct pw_ifaces *ifs, const char *name);
/* The first stanza for @name in @family ("inet"), or NULL. */
const struct pw_iface *pw_ifaces_find(const struct pw_ifaces *ifs, const char *name,
				      const char *family);
/*
 * The primary interface: the first "inet" stanza of a name other than lo
 * (aliases like eth0:1 excluded), preferring one brought up at boot.
 */
const struct pw_iface *pw_ifaces_primary(const struct pw_ifaces *ifs);
/* Describe ifs->error as a finding of status @st (names file and line). */
void pw_ifaces_report_error(const struct pw_ifaces_error *e, struct pw_result *r,
			    enum pw_status st);

/*
 * An "inet static" stanza's values, checked by the one validator,
 * pw_net_check (its policy is in pw-net.h), with what only a stanza can
 * lack (an address, a netmask, a gateway line) said first.
 */
enum pw_static_problem {
	PW_STATIC_OK = 0,
	PW_STATIC_NO_ADDRESS,
	PW_STATIC_BAD_ADDRESS,
	PW_STATIC_NO_NETMASK,
	PW_STATIC_BAD_NETMASK,
	PW_STATIC_ADDRESS_NOT_HOST,	/* the network or broadcast address */
	PW_STATIC_NO_GATEWAY,
	PW_STATIC_BAD_GATEWAY,
	PW_STATIC_GATEWAY_OUTSIDE,	/* not inside address/netmask */
	PW_STATIC_GATEWAY_NOT_HOST,	/* the address itself, network, broadcast */
	PW_STATIC_BAD_NAMESERVER,
	PW_STATIC_PREFIX,		/* a netmask outside /8 to /30 */
	PW_STATIC_NO_IPV4_NAMESERVER,	/* name servers, all IPv6 */
};

struct pw_iface_static {
	struct pw_ipv4 address, netmask, gateway;
	int prefix;
	enum pw_static_problem problem;
	char bad[64];		/* the value at fault, as written */
};

/*
 * The netmask ifupdown 0.7 and later give a static address without one
 * (its class's: /8, /16, /24), where 0.6 refuses the stanza: true with
 * @mask when that is the stanza's netmask.
 */
bool pw_iface_classful_netmask(const struct pw_iface *ifc, struct pw_ipv4 *mask);
enum pw_static_problem pw_iface_check_static(const struct pw_iface *ifc,
					     struct pw_iface_static *st);

/*
 * DHCP leases, as ISC dhclient keeps them (dhclient.conf(5), "lease { ... }"
 * blocks appended one after the other, the newest last): what the guest got
 * from the DHCP server, the defaults of the network step's plan.
 */
struct pw_lease {
	char interface[16];	/* "" when the lease does not say */
	char address[16];	/* fixed-address */
	char netmask[16];	/* option subnet-mask; "" if absent or malformed */
	char gateway[16];	/* option routers, the first */
	char nameservers[256];	/* option domain-name-servers, blank-separated */
	bool expires;		/* false: "expire never", or no expiry said */
	long long expire;	/* seconds since 1970 (UTC), when @expires */
	char expire_text[32];	/* as written, "2008/04/24 21:00:00" */
};

/*
 * The newest lease for interface @ifname in a lease file's @text: the last
 * complete block that names @ifname (or no interface at all) and gives a
 * well-formed fixed-address. One that expired before @now is passed over;
 * the newest of those goes to @expired (may be NULL) so a message can name
 * it. Any bytes are accepted; a block cut short is not a lease.
 * 0 found, 1 none.
 */
int pw_lease_parse(const char *text, size_t len, const char *ifname, long long now,
		   struct pw_lease *lease, struct pw_lease *expired);

/* What the guest's lease files say about one interface. */
struct pw_lease_found {
	bool found;
	struct pw_lease lease;		/* the newest current lease */
	char file[128];
	bool found_expired;
	struct pw_lease expired;	/* else the newest expired one */
	char expired_file[128];
};

/*
 * Look in the guest's /var/lib/dhcp/dhclient*.leases and (etch)
 * /var/lib/dhcp3/dhclient*.leases. Of large files, only the last
 * PW_TEXT_MAX bytes are read, where the newest leases are. 0 found, 1 none.
 */
int pw_lease_find(struct pw_root *root, const char *ifname, long long now,
		  struct pw_lease_found *out);

struct pw_plan;
struct pw_error;

/*
 * The network step's plan: the primary stanza made static (values from the
 * answers file, else the stanza itself, the DHCP lease, the site config), a
 * stanza for the name the card has under ParaVM, and a udev rule that would
 * rename the Xen card commented out. 0 planned, 1 nothing to do, negative
 * with @err (65: bad or missing values).
 */
int pw_plan_network(struct pw_ctx *ctx, struct pw_plan *plan, struct pw_error *err);
/*
 * The values the plan would use (answers, stanza, lease, site), for the
 * network screen to show: 0 all found and valid, 1 some missing or wrong
 * (@cfg holds what was found; the interface is "" if there is none).
 */
int pw_net_prefill(struct pw_ctx *ctx, struct pw_net_config *cfg);

#endif /* PW_INTERFACES_H */
