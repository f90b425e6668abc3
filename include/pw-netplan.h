/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * netplan's YAML, read with libyaml (the library netplan itself is built
 * on): the network definitions of every file netplan reads, merged as
 * netplan merges them, as far as the network step needs them.
 */
#ifndef PW_NETPLAN_H
#define PW_NETPLAN_H

#include <stdbool.h>
#include <stddef.h>

enum pw_np_renderer { PW_NP_DEFAULT = 0, PW_NP_NETWORKD, PW_NP_NM };

#define PW_NP_MAX_DEFS 32
#define PW_NP_MAX_ADDRS 8

/* One definition (ethernets: ID: ...), after the merge. */
struct pw_np_def {
	char id[64];
	char kind[24];		/* "ethernets", "bonds", "wifis", ... */
	char file[128];		/* where it was first defined */
	unsigned int line;
	char match_mac[32];
	char match_driver[64];
	char match_name[64];
	bool has_match;
	char set_name[16];
	int dhcp4;		/* -1 not said, 0 false, 1 true */
	enum pw_np_renderer renderer;
	size_t naddrs;
	char addrs[PW_NP_MAX_ADDRS][48];	/* as written: "18.181.1.23/16", IPv6 too */
	char gateway4[48];
	char route_via[48];	/* of the IPv4 default route */
	char nameservers[256];	/* blank-separated */
};

enum pw_np_problem {
	PW_NP_OK = 0,
	PW_NP_SYNTAX,		/* libyaml refuses it (tabs, bad indentation, ...) */
	PW_NP_NOT_MAPPING,	/* the file, or a part that must be one, is not a mapping */
	PW_NP_DUPLICATE,	/* a key twice in one mapping */
	PW_NP_RENDERER,		/* a renderer netplan does not know */
	PW_NP_UNKNOWN_KEY,	/* a key under network: that netplan does not know */
	PW_NP_TOO_MANY,		/* more definitions, or nodes, than the wizard holds */
};

struct pw_np_error {
	enum pw_np_problem problem;
	char file[128];
	unsigned int line, column;	/* 1-based */
	char what[128];			/* the key, value, or libyaml's own words (English) */
};

struct pw_netplan {
	enum pw_np_renderer renderer;	/* network: renderer: */
	size_t ndefs;
	struct pw_np_def defs[PW_NP_MAX_DEFS];
	struct pw_np_error error;
};

void pw_netplan_init(struct pw_netplan *np);
/*
 * Merge one file's @text into @np, as netplan does with the files it reads
 * in lexical order: a scalar of a later file replaces the earlier one, a
 * mapping is merged key by key. 0; -EINVAL with np->error filled (and @np
 * as it was before this file).
 */
int pw_netplan_parse(struct pw_netplan *np, const char *file, const char *text, size_t len);
const struct pw_np_def *pw_netplan_find(const struct pw_netplan *np, const char *id);
/* The renderer in charge of @def: its own, else the file's global one, else networkd. */
enum pw_np_renderer pw_netplan_renderer(const struct pw_netplan *np, const struct pw_np_def *def);

/*
 * A cloud-init config file (cloud.cfg, cloud.cfg.d/ *.cfg), YAML too: does
 * it turn cloud-init's network configuration off ("network: {config:
 * disabled}")? 0 with *disabled 1 (off), 0 (it says something else) or -1
 * (it says nothing of it); -EINVAL if libyaml cannot read it.
 */
int pw_cloudcfg_network(const char *text, size_t len, int *disabled);

#endif /* PW_NETPLAN_H */
