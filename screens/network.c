// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The network values: address, netmask, gateway and name servers of the
 * card, prefilled with what the plan would use. Next checks them with
 * pw_net_validate, the one validator; a value it refuses is marked next to
 * its field and the reason is shown in words, and nothing is kept until
 * the whole set is valid.
 */
#include <stdio.h>
#include <string.h>

#include "pw-text.h"
#include "scr.h"

#define FIELDS 4
#define REASON_ROWS 3

/* A field's mark and the reason under the fields, while its value is refused. */
struct refused {
	newtComponent mark, why;
	/* blanks over the mark and the reason: newt draws a text's new width only */
	const char *blank, *blank_why;
	bool shown;
};

/* The field is being corrected: its mark and the reason go at once. */
static void unmark(struct refused *r)
{
	if (!r->shown)
		return;
	newtLabelSetText(r->mark, r->blank);
	newtTextboxSetText(r->why, r->blank_why);
	r->shown = false;
}

/* Only what an address, a netmask, or a list of them is made of. */
static int ip_filter(newtComponent entry, void *data, int ch, int cursor)
{
	bool edit = ch == NEWT_KEY_BKSPC || ch == NEWT_KEY_DELETE || ch == '\b' || ch == 0x7f ||
		    ch == ('U' & 0x1f) || ch == ('K' & 0x1f);

	(void)entry;
	(void)cursor;
	if (ch < 0x20 || ch >= 0x7f) {	/* keys: arrows, backspace, Tab, Enter */
		if (edit)
			unmark(data);
		return ch;
	}
	if ((ch >= '0' && ch <= '9') || ch == '.' || ch == '/' || ch == ' ') {
		unmark(data);
		return ch;
	}
	return 0;
}

static void copy_value(char *dst, size_t size, const char *value)
{
	const char *s = value ? value : "";
	size_t len;

	/* blanks around a value are a slip of the keyboard, not part of it */
	while (*s == ' ')
		s++;
	len = strlen(s);
	while (len > 0 && s[len - 1] == ' ')
		len--;
	pw_copy(dst, size, s, len);
}

enum pw_scr_result pw_scr_network(struct pw_ctx *ctx, const struct pw_net_config *prefill,
				  const char *title)
{
	static const enum pw_net_field ids[FIELDS] = {
		PW_NET_ADDRESS, PW_NET_NETMASK, PW_NET_GATEWAY, PW_NET_NAMESERVERS,
	};
	const char *labels[FIELDS] = {
		_("Address:"), _("Netmask:"), _("Gateway:"), _("Name servers:"),
	};
	const char *values[FIELDS] = {
		prefill->address, prefill->netmask, prefill->gateway, prefill->nameservers,
	};
	const int wanted[FIELDS] = { 18, 18, 18, 34 };
	struct scr_page p = { 0 };
	struct refused refused[FIELDS];
	newtComponent entry[FIELDS], mark[FIELDS], why_box, other;
	char intro[1024], label[128], blank[64], m[64];
	char blank_why[(SCR_WIDTH + 1) * REASON_ROWS];
	int label_w, mark_w, gap, ret;

	snprintf(intro, sizeof(intro),
		 _("Under ParaVM this VM cannot get its address by DHCP: it needs a fixed one. "
		   "The values below are those the wizard found (the DHCP lease, the current "
		   "settings, the site's defaults). Check them, then choose Next."));
	label_w = pw_text_width(_("Interface:"));
	for (int i = 0; i < FIELDS; i++)
		label_w = pw_max(label_w, pw_text_width(labels[i]));
	scr_cut(m, sizeof(m), _("<- not right"), 20);
	mark_w = pw_text_width(m);

	p.title = title;
	p.help = _("Address: the VM's own IPv4 address, such as 18.181.1.23.\n"
		   "Netmask: the size of the network, as 255.255.0.0 or /16.\n"
		   "Gateway: the router's address; it must be on the same network.\n"
		   "Name servers: one or more addresses, separated by blanks.\n\n"
		   "The hosting service's page about your VM lists these values. "
		   "Nothing is written until you have seen the change and confirmed it.");
	p.text = intro;
	/*
	 * Under the interface and the fields, a blank row, then the reason a
	 * value is refused (the longest takes three rows, in French). Where
	 * the text above needs that blank row, the reason goes right under the
	 * fields: a text that had to scroll would hide its end.
	 */
	gap = scr_text_rows(intro, SCR_WIDTH - 2) + 1 + (1 + FIELDS + 1 + REASON_ROWS) + 1 +
	      SCR_BUTTON_ROWS <= SCR_MAX_HEIGHT;
	p.extra_rows = 1 + FIELDS + gap + REASON_ROWS;
	if (scr_page_open(&p) != 0)
		return PW_ERROR;

	scr_pad(label, sizeof(label), _("Interface:"), label_w + 1);
	newtFormAddComponent(p.form, newtLabel(1, p.extra_top, label));
	newtFormAddComponent(p.form, newtLabel(label_w + 3, p.extra_top, prefill->interface));
	why_box = newtTextbox(1, p.extra_top + 1 + FIELDS + gap, p.width - 2, REASON_ROWS, 0);
	memset(blank_why, ' ', sizeof(blank_why) - 1);
	for (int r = 1; r < REASON_ROWS; r++)
		blank_why[r * (p.width - 1) - 1] = '\n';
	blank_why[REASON_ROWS * (p.width - 1) - 1] = '\0';
	memset(blank, ' ', sizeof(blank) - 1);
	blank[mark_w] = '\0';
	for (int i = 0; i < FIELDS; i++) {
		int row = p.extra_top + 1 + i;
		/* a field leaves room for its mark inside the window, in every language */
		int room = p.width - 1 - (label_w + 3) - 1 - mark_w;
		int width = pw_max(8, wanted[i] < room ? wanted[i] : room);
		int mark_x = label_w + 3 + width + 1;

		newtFormAddComponent(p.form, newtLabel(1, row, labels[i]));
		entry[i] = newtEntry(label_w + 3, row, values[i], width, NULL,
				     NEWT_FLAG_SCROLL | NEWT_FLAG_RETURNEXIT);
		/* kept blank until a value is refused */
		mark[i] = newtLabel(mark_x, row, blank);
		refused[i] = (struct refused){ .mark = mark[i], .why = why_box, .blank = blank,
					       .blank_why = blank_why };
		newtEntrySetFilter(entry[i], ip_filter, &refused[i]);
		newtFormAddComponents(p.form, entry[i], mark[i], NULL);
	}
	newtFormAddComponent(p.form, why_box);
	p.focus = entry[0];

	for (;;) {
		struct pw_net_config cfg;
		enum pw_net_field field = PW_NET_NONE;
		char why[PW_MSG_MAX], shown[PW_MSG_MAX + 64];
		int at = -1;

		ret = scr_page_run(&p, &other);
		if (ret == SCR_OTHER) {
			/* Enter in a field: on to the next one, or Next after the last */
			for (int i = 0; i < FIELDS - 1; i++)
				if (other == entry[i])
					at = i;
			if (at >= 0) {
				newtFormSetCurrent(p.form, entry[at + 1]);
				continue;
			}
			ret = PW_NEXT;
		}
		if (ret != PW_NEXT)
			break;

		memset(&cfg, 0, sizeof(cfg));
		snprintf(cfg.interface, sizeof(cfg.interface), "%s", prefill->interface);
		copy_value(cfg.address, sizeof(cfg.address), newtEntryGetValue(entry[0]));
		copy_value(cfg.netmask, sizeof(cfg.netmask), newtEntryGetValue(entry[1]));
		copy_value(cfg.gateway, sizeof(cfg.gateway), newtEntryGetValue(entry[2]));
		copy_value(cfg.nameservers, sizeof(cfg.nameservers), newtEntryGetValue(entry[3]));
		for (int i = 0; i < FIELDS; i++)
			unmark(&refused[i]);
		if (pw_net_validate(&cfg, &field, why, sizeof(why)) == 0) {
			struct pw_answers *a = &ctx->answers;

			/* the owner's values, exactly as an answers file gives them */
			a->have_network = true;
			snprintf(a->interface, sizeof(a->interface), "%s", cfg.interface);
			snprintf(a->address, sizeof(a->address), "%s", cfg.address);
			snprintf(a->netmask, sizeof(a->netmask), "%s", cfg.netmask);
			snprintf(a->gateway, sizeof(a->gateway), "%s", cfg.gateway);
			snprintf(a->nameservers, sizeof(a->nameservers), "%s", cfg.nameservers);
			break;
		}
		for (int i = 0; i < FIELDS; i++)
			if (ids[i] == field)
				at = i;
		if (at >= 0) {
			newtLabelSetText(mark[at], m);
			refused[at].shown = true;
			newtFormSetCurrent(p.form, entry[at]);
			snprintf(shown, sizeof(shown), "%s %s", labels[at], why);
		} else {
			snprintf(shown, sizeof(shown), "%s", why);
		}
		scr_textbox_set(why_box, shown, p.width - 2);
		newtBell();
	}
	scr_page_close(&p);
	return ret == PW_NEXT ? PW_NEXT : (enum pw_scr_result)ret;
}
