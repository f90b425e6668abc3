/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The network step's editors: an old text to a new text, every byte they
 * do not mean to change kept. /etc/network/interfaces and the files it
 * sources (checks/edit/interfaces-edit.c); udev rules files
 * (checks/edit/udev-rules-edit.c).
 */
#ifndef PW_NET_EDIT_H
#define PW_NET_EDIT_H

#include <stdbool.h>
#include <stddef.h>

struct pw_iface;
struct pw_net_config;

/* What becomes of one stanza of the file. */
struct pw_ifaces_change {
	const struct pw_iface *ifc;	/* the stanza, where the parser saw it */
	bool add_auto;			/* an "auto NAME" line before it */
	bool rewrite;			/* made "inet static" with the values (else kept) */
	const char *new_name;		/* a stanza for this name after it, or NULL */
	bool new_hotplug;		/* ... after an "allow-hotplug NAME" line */
};

/*
 * @text with @changes (sorted here by place) made with the values @cfg:
 * 0 with @out (malloc()ed), -EAGAIN when a stanza is no longer where the
 * parser saw it (the file changed in between), -ENOMEM.
 */
int pw_ifaces_edit(const char *text, size_t len, const struct pw_net_config *cfg,
		   struct pw_ifaces_change *changes, size_t n, char **out, size_t *out_len);
/* Does @text still hold the stanza @ifc where the parser saw it? */
bool pw_ifaces_stanza_at(const char *text, size_t len, const struct pw_iface *ifc);

/*
 * @text with the rule at @line (and the lines that continue it) made a
 * comment, after a line saying that the Xen card would otherwise match no
 * rule and not be called @name. 0 with @out, -EAGAIN when that line holds
 * no rule setting NAME (the file changed in between), -ENOMEM.
 */
int pw_udev_rule_disable(const char *text, size_t len, unsigned int line, const char *name,
			 char **out, size_t *out_len);

#endif /* PW_NET_EDIT_H */
