// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * netplan's YAML files, read with libyaml's document loader, and merged
 * the way netplan merges the files it reads: one after the other, in
 * lexical order of their names, a definition of a later file adding to the
 * one of the same ID before it (a scalar replaced, a mapping merged key by
 * key, a list such as addresses added to), as libnetplan's parser does
 * when it meets an ID it has seen.
 *
 * What netplan refuses is refused here with the file and line: what
 * libyaml cannot parse (a tab where indentation is, say), a file whose top
 * is not a mapping, a renderer other than networkd and NetworkManager, a
 * key at the top or under "network:" that netplan does not know. A key
 * twice in one mapping is refused too: netplan 1.1 takes the last one
 * without a word, and which one the owner meant cannot be known. An empty
 * file is no error (netplan skips it). Only the first document of a file
 * counts, as for netplan.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "pw.h"
#include "pw-netplan.h"
#include "pw-text.h"

/* Node visits per file: aliases can make a small file a huge tree. */
#define MAX_VISITS 20000

/* What netplan (1.1) accepts under "network:". */
static const char *const network_keys[] = {
	"version", "renderer", "ethernets", "wifis", "bridges", "bonds", "vlans", "tunnels",
	"vrfs", "modems", "dummy-devices", "virtual-ethernets", "nm-devices", "openvswitch",
};

struct walk {
	yaml_document_t *doc;
	struct pw_netplan *np;
	const char *file;
	unsigned long visits;
};

void pw_netplan_init(struct pw_netplan *np)
{
	memset(np, 0, sizeof(*np));
}

static int fail(struct walk *w, enum pw_np_problem problem, const yaml_node_t *node,
		const char *what)
{
	struct pw_np_error *e = &w->np->error;

	e->problem = problem;
	pw_copy(e->file, sizeof(e->file), w->file, strlen(w->file));
	e->line = node ? (unsigned int)node->start_mark.line + 1 : 0;
	e->column = node ? (unsigned int)node->start_mark.column + 1 : 0;
	pw_copy(e->what, sizeof(e->what), what, strlen(what));
	return -EINVAL;
}

static const char *scalar(const yaml_node_t *node)
{
	return node && node->type == YAML_SCALAR_NODE ? (const char *)node->data.scalar.value
						      : NULL;
}

static yaml_node_t *node_at(struct walk *w, int index)
{
	w->visits++;
	return yaml_document_get_node(w->doc, index);
}

/* A mapping with no key twice; anything else is refused. */
static int check_mapping(struct walk *w, const yaml_node_t *node, const char *what)
{
	yaml_node_pair_t *a, *b;

	if (!node || node->type != YAML_MAPPING_NODE)
		return fail(w, PW_NP_NOT_MAPPING, node, what);
	for (a = node->data.mapping.pairs.start; a < node->data.mapping.pairs.top; a++) {
		const char *ka = scalar(node_at(w, a->key));

		if (w->visits > MAX_VISITS)
			return fail(w, PW_NP_TOO_MANY, node, what);
		for (b = node->data.mapping.pairs.start; ka && b < a; b++) {
			const char *kb = scalar(yaml_document_get_node(w->doc, b->key));

			if (kb && strcmp(ka, kb) == 0)
				return fail(w, PW_NP_DUPLICATE,
					    yaml_document_get_node(w->doc, a->key), ka);
		}
	}
	return 0;
}

/* YAML 1.1's booleans, as libnetplan takes them: -1 if neither. */
static int boolean(const char *s)
{
	static const char *const yes[] = { "true", "yes", "y", "on" };
	static const char *const no[] = { "false", "no", "n", "off" };

	for (size_t i = 0; s && i < ARRAY_SIZE(yes); i++) {
		if (strcasecmp(s, yes[i]) == 0)
			return 1;
		if (strcasecmp(s, no[i]) == 0)
			return 0;
	}
	return -1;
}

static void set(char *dst, size_t size, const char *value)
{
	if (value)
		pw_copy(dst, size, value, strlen(value));
}

static void add_addr(struct pw_np_def *d, const char *value)
{
	if (!value)
		return;
	for (size_t i = 0; i < d->naddrs; i++)
		if (strcmp(d->addrs[i], value) == 0)
			return;
	if (d->naddrs < PW_NP_MAX_ADDRS)
		set(d->addrs[d->naddrs++], sizeof(d->addrs[0]), value);
}

static void add_word(char *list, size_t size, const char *word)
{
	size_t used = strlen(list);

	if (!word || !word[0] || pw_word_in_list(list, word) || used + strlen(word) + 2 > size)
		return;
	snprintf(list + used, size - used, "%s%s", used ? " " : "", word);
}

static int renderer_of(struct walk *w, const yaml_node_t *node, enum pw_np_renderer *out)
{
	const char *s = scalar(node);

	if (s && strcmp(s, "networkd") == 0)
		*out = PW_NP_NETWORKD;
	else if (s && strcmp(s, "NetworkManager") == 0)
		*out = PW_NP_NM;
	else
		return fail(w, PW_NP_RENDERER, node, s ? s : "");
	return 0;
}

/* The items of a sequence (a lone scalar counts as one). */
static size_t items(struct walk *w, const yaml_node_t *node, yaml_node_t **out, size_t max)
{
	size_t n = 0;

	if (node && node->type == YAML_SCALAR_NODE) {
		out[0] = (yaml_node_t *)node;
		return 1;
	}
	if (!node || node->type != YAML_SEQUENCE_NODE)
		return 0;
	for (yaml_node_item_t *i = node->data.sequence.items.start;
	     i < node->data.sequence.items.top && n < max; i++)
		out[n++] = node_at(w, *i);
	return n;
}

static void read_routes(struct walk *w, struct pw_np_def *d, const yaml_node_t *node)
{
	yaml_node_t *list[64];
	size_t n = items(w, node, list, ARRAY_SIZE(list));

	for (size_t i = 0; i < n; i++) {
		const char *to = NULL, *via = NULL;

		if (!list[i] || list[i]->type != YAML_MAPPING_NODE)
			continue;
		for (yaml_node_pair_t *p = list[i]->data.mapping.pairs.start;
		     p < list[i]->data.mapping.pairs.top; p++) {
			const char *k = scalar(node_at(w, p->key));

			if (k && strcmp(k, "to") == 0)
				to = scalar(node_at(w, p->value));
			else if (k && strcmp(k, "via") == 0)
				via = scalar(node_at(w, p->value));
		}
		if (to && via && !strchr(via, ':') &&
		    (strcmp(to, "default") == 0 || strcmp(to, "0.0.0.0/0") == 0))
			set(d->route_via, sizeof(d->route_via), via);
	}
}

/* match: the keys that can pick the Xen card (macaddress, driver, name). */
static int read_match(struct walk *w, struct pw_np_def *d, yaml_node_t *v)
{
	int ret = check_mapping(w, v, "match");

	if (ret < 0)
		return ret;
	d->has_match = true;
	for (yaml_node_pair_t *m = v->data.mapping.pairs.start; m < v->data.mapping.pairs.top; m++) {
		const char *mk = scalar(node_at(w, m->key));
		const char *mv = scalar(node_at(w, m->value));

		if (mk && strcmp(mk, "macaddress") == 0)
			set(d->match_mac, sizeof(d->match_mac), mv);
		else if (mk && strcmp(mk, "driver") == 0)
			set(d->match_driver, sizeof(d->match_driver), mv);
		else if (mk && strcmp(mk, "name") == 0)
			set(d->match_name, sizeof(d->match_name), mv);
	}
	return 0;
}

static void read_addresses(struct walk *w, struct pw_np_def *d, yaml_node_t *v)
{
	yaml_node_t *list[64];
	size_t n = items(w, v, list, ARRAY_SIZE(list));

	for (size_t i = 0; i < n; i++) {
		/* newer netplan: "- 10.0.0.5/24: {lifetime: 0}" */
		if (list[i] && list[i]->type == YAML_MAPPING_NODE &&
		    list[i]->data.mapping.pairs.start < list[i]->data.mapping.pairs.top)
			add_addr(d, scalar(node_at(w, list[i]->data.mapping.pairs.start->key)));
		else
			add_addr(d, scalar(list[i]));
	}
}

/* nameservers: {addresses: [...]}; search domains are not the wizard's */
static void read_nameservers(struct walk *w, struct pw_np_def *d, yaml_node_t *v)
{
	yaml_node_t *list[64];

	for (yaml_node_pair_t *m = v->data.mapping.pairs.start; m < v->data.mapping.pairs.top; m++) {
		const char *mk = scalar(node_at(w, m->key));
		size_t n;

		if (!mk || strcmp(mk, "addresses") != 0)
			continue;
		n = items(w, node_at(w, m->value), list, ARRAY_SIZE(list));
		for (size_t i = 0; i < n; i++)
			add_word(d->nameservers, sizeof(d->nameservers), scalar(list[i]));
	}
}

static int read_def(struct walk *w, struct pw_np_def *d, const yaml_node_t *node)
{
	int ret = check_mapping(w, node, d->id);

	if (ret < 0)
		return ret;
	for (yaml_node_pair_t *p = node->data.mapping.pairs.start;
	     p < node->data.mapping.pairs.top; p++) {
		const char *k = scalar(node_at(w, p->key));
		yaml_node_t *v = node_at(w, p->value);

		if (!k)
			continue;
		if (strcmp(k, "match") == 0) {
			ret = read_match(w, d, v);
			if (ret < 0)
				return ret;
		} else if (strcmp(k, "set-name") == 0) {
			set(d->set_name, sizeof(d->set_name), scalar(v));
		} else if (strcmp(k, "dhcp4") == 0) {
			if (boolean(scalar(v)) >= 0)
				d->dhcp4 = boolean(scalar(v));
		} else if (strcmp(k, "renderer") == 0) {
			ret = renderer_of(w, v, &d->renderer);
			if (ret < 0)
				return ret;
		} else if (strcmp(k, "addresses") == 0) {
			read_addresses(w, d, v);
		} else if (strcmp(k, "gateway4") == 0) {
			set(d->gateway4, sizeof(d->gateway4), scalar(v));
		} else if (strcmp(k, "routes") == 0) {
			read_routes(w, d, v);
		} else if (strcmp(k, "nameservers") == 0 && v && v->type == YAML_MAPPING_NODE) {
			read_nameservers(w, d, v);
		}
		if (w->visits > MAX_VISITS)
			return fail(w, PW_NP_TOO_MANY, node, d->id);
	}
	return 0;
}

static int read_kind(struct walk *w, const char *kind, const yaml_node_t *node)
{
	int ret = check_mapping(w, node, kind);

	if (ret < 0)
		return ret;
	for (yaml_node_pair_t *p = node->data.mapping.pairs.start;
	     p < node->data.mapping.pairs.top; p++) {
		yaml_node_t *kn = node_at(w, p->key);
		const char *id = scalar(kn);
		struct pw_np_def *d = (struct pw_np_def *)pw_netplan_find(w->np, id ? id : "");

		if (!id || !id[0])
			return fail(w, PW_NP_NOT_MAPPING, kn, kind);
		if (!d) {
			if (w->np->ndefs >= PW_NP_MAX_DEFS)
				return fail(w, PW_NP_TOO_MANY, kn, id);
			d = &w->np->defs[w->np->ndefs++];
			memset(d, 0, sizeof(*d));
			d->dhcp4 = -1;
			set(d->id, sizeof(d->id), id);
			set(d->kind, sizeof(d->kind), kind);
			set(d->file, sizeof(d->file), w->file);
			d->line = (unsigned int)kn->start_mark.line + 1;
		}
		ret = read_def(w, d, node_at(w, p->value));
		if (ret < 0)
			return ret;
	}
	return 0;
}

static int read_network(struct walk *w, const yaml_node_t *node)
{
	int ret = check_mapping(w, node, "network");

	if (ret < 0)
		return ret;
	for (yaml_node_pair_t *p = node->data.mapping.pairs.start;
	     p < node->data.mapping.pairs.top; p++) {
		yaml_node_t *kn = node_at(w, p->key), *v = node_at(w, p->value);
		const char *k = scalar(kn);
		bool known = false;

		for (size_t i = 0; k && i < ARRAY_SIZE(network_keys); i++)
			known |= strcmp(k, network_keys[i]) == 0;
		if (!known)
			return fail(w, PW_NP_UNKNOWN_KEY, kn, k ? k : "");
		if (strcmp(k, "renderer") == 0)
			ret = renderer_of(w, v, &w->np->renderer);
		else if (strcmp(k, "version") != 0)
			ret = read_kind(w, k, v);
		if (ret < 0)
			return ret;
	}
	return 0;
}

int pw_netplan_parse(struct pw_netplan *np, const char *file, const char *text, size_t len)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;
	struct pw_netplan *before;
	struct walk w = { .doc = &doc, .np = np, .file = file };
	int ret = 0;

	if (!yaml_parser_initialize(&parser))
		return -ENOMEM;
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &doc)) {
		yaml_node_t at = { 0 };

		at.start_mark = parser.problem_mark;
		ret = fail(&w, PW_NP_SYNTAX, &at, parser.problem ? parser.problem : "");
		yaml_parser_delete(&parser);
		return ret;
	}
	yaml_parser_delete(&parser);
	root = yaml_document_get_root_node(&doc);
	if (!root)
		goto out; /* no document: an empty file */
	ret = check_mapping(&w, root, "");
	if (ret < 0)
		goto out;
	/* a failed file leaves nothing of itself behind */
	before = malloc(sizeof(*before));
	if (!before) {
		ret = -ENOMEM;
		goto out;
	}
	memcpy(before, np, sizeof(*np));
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
	     p < root->data.mapping.pairs.top && ret == 0; p++) {
		yaml_node_t *kn = node_at(&w, p->key);
		const char *k = scalar(kn);

		if (k && strcmp(k, "network") == 0)
			ret = read_network(&w, node_at(&w, p->value));
		else
			ret = fail(&w, PW_NP_UNKNOWN_KEY, kn, k ? k : "");
	}
	if (ret < 0) {
		struct pw_np_error e = np->error;

		memcpy(np, before, sizeof(*np));
		np->error = e;
	}
	free(before);
out:
	yaml_document_delete(&doc);
	return ret;
}

const struct pw_np_def *pw_netplan_find(const struct pw_netplan *np, const char *id)
{
	for (size_t i = 0; i < np->ndefs; i++)
		if (strcmp(np->defs[i].id, id) == 0)
			return &np->defs[i];
	return NULL;
}

enum pw_np_renderer pw_netplan_renderer(const struct pw_netplan *np, const struct pw_np_def *def)
{
	if (def && def->renderer)
		return def->renderer;
	return np->renderer ? np->renderer : PW_NP_NETWORKD;
}

int pw_cloudcfg_network(const char *text, size_t len, int *disabled)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;
	struct walk w = { .doc = &doc };

	*disabled = -1;
	if (!yaml_parser_initialize(&parser))
		return -ENOMEM;
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &doc)) {
		yaml_parser_delete(&parser);
		return -EINVAL;
	}
	yaml_parser_delete(&parser);
	root = yaml_document_get_root_node(&doc);
	for (yaml_node_pair_t *p = root && root->type == YAML_MAPPING_NODE
					   ? root->data.mapping.pairs.start : NULL;
	     p && p < root->data.mapping.pairs.top; p++) {
		const char *k = scalar(node_at(&w, p->key));
		yaml_node_t *v = node_at(&w, p->value);

		if (!k || strcmp(k, "network") != 0)
			continue;
		/* a later "network:" of the same file replaces the earlier one */
		*disabled = 0;
		if (!v || v->type != YAML_MAPPING_NODE)
			continue;
		for (yaml_node_pair_t *q = v->data.mapping.pairs.start;
		     q < v->data.mapping.pairs.top; q++) {
			const char *qk = scalar(node_at(&w, q->key));
			const char *qv = scalar(node_at(&w, q->value));

			if (qk && strcmp(qk, "config") == 0)
				*disabled = qv && strcmp(qv, "disabled") == 0;
		}
	}
	yaml_document_delete(&doc);
	return 0;
}
