#!/bin/sh
# The catalogues' printf arguments: in every msgstr of po/*.po, the
# conversions of its msgid in the same order and of the same types, or
# positional (%2$s) with each position of the msgid's type, so that a
# translation never prints one value where another belongs. msgfmt --check
# counts them; it does not see two of them swapped. And the network's terms
# as debian-installer's catalogues have them, which these owners met when
# they installed the VM.
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

top=$(cd "$(dirname "$0")/../.." && pwd)
ARGS_PY=$PW_TMP/args.py
cat >"$ARGS_PY" <<'PY'
import ast, re, sys

CONV = re.compile(r"%(?:(\d+)\$)?[-+ #0']*(?:\*|\d+)?(?:\.(?:\*|\d+))?"
                  r"(hh|h|ll|l|L|q|j|z|Z|t)?([diouxXeEfFgGaAcspn%])")

def convs(text):
    out = []
    for m in CONV.finditer(text):
        if m.group(3) == "%":
            continue
        kind = (m.group(2) or "") + m.group(3).replace("i", "d")
        out.append((int(m.group(1)) if m.group(1) else None, kind))
    return out

def entries(path):
    # a small reader of PO files: flags, msgid, msgid_plural, msgstr[N]
    cur, key, flags = {}, None, ""
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("#~"):
            continue
        if line.startswith("#,"):
            flags = line
        elif line.startswith('"') and key:
            cur[key] += ast.literal_eval(line)
        elif line.startswith("msg"):
            word, rest = line.split(" ", 1)
            if word == "msgid" and cur:
                yield cur
                cur = {}
            if word == "msgid":
                cur["flags"] = flags
                flags = ""
            key = word
            cur[key] = ast.literal_eval(rest)
    if cur:
        yield cur

bad = []
for path in ([] if sys.argv[1:2] == ["--render"] else sys.argv[1:]):
    for e in entries(path):
        # a fuzzy translation is not used; the header has no arguments
        if "c-format" not in e.get("flags", "") or "fuzzy" in e.get("flags", ""):
            continue
        want = [k for _, k in convs(e["msgid"])]
        for key in [k for k in e if k.startswith("msgstr")]:
            text = e[key]
            if not text:
                continue
            got = convs(text)
            ref = want
            # a plural form may follow either English form (Russian "%zu файл"
            # for 1, 21, 31; Japanese has the one form)
            if "msgid_plural" in e:
                other = [k for _, k in convs(e["msgid_plural"])]
                if [k for _, k in got] == other or any(p is not None for p, _ in got):
                    ref = other
            where = "%s: %r" % (path.rsplit("/", 1)[-1], e["msgid"][:60])
            if any(p is not None for p, _ in got):
                if any(p is None for p, _ in got):
                    bad.append(where + ": positional and plain conversions mixed")
                    continue
                for p, k in got:
                    if not 1 <= p <= len(ref) or ref[p - 1] != k:
                        bad.append(where + ": %%%d$ is not the msgid's %s" % (p, k))
                if {p for p, _ in got} != set(range(1, len(ref) + 1)) and len(ref) > 1:
                    bad.append(where + ": not every argument is used")
            elif [k for _, k in got] != ref:
                bad.append(where + ": conversions %s, the msgid has %s" % ([k for _, k in got], ref))
if len(sys.argv) > 2 and sys.argv[1] == "--render":
    # --render PO MSGID-START ARG...: that translation filled in, as printf would
    for e in entries(sys.argv[2]):
        if e.get("msgid", "").startswith(sys.argv[3]):
            args, n = sys.argv[4:], iter(range(len(sys.argv[4:])))
            print(CONV.sub(lambda m: "%" if m.group(3) == "%" else
                           args[int(m.group(1)) - 1 if m.group(1) else next(n)], e["msgstr"]))
    sys.exit(0)
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY

for po in "$top"/po/*.po; do
	if out=$(python3 "$ARGS_PY" "$po" 2>&1); then
		ok "$(basename "$po"): every translation keeps its arguments in order, or names them"
	else
		not_ok "$(basename "$po"): every translation keeps its arguments in order, or names them" "$out"
	fi
done
# the check sees what it is for: a swap of a number and a name, and a
# position that names the wrong type
cat >"$PW_TMP/swapped.po" <<'PO'
#, c-format
msgid "%s, line %u: %s"
msgstr "Zeile %u von %s: %s"

#, c-format
msgid "%s has %u"
msgstr "%2$s hat %1$s"
PO
if ! out=$(python3 "$ARGS_PY" "$PW_TMP/swapped.po" 2>&1) &&
   [ "$(printf '%s\n' "$out" | wc -l)" -eq 2 ]; then
	ok "a swapped argument and a position of the wrong type are both found"
else
	not_ok "a swapped argument and a position of the wrong type are both found" "$out"
fi

# the Russian message that said "on vt220 the terminal type hvc0"
said=$(python3 "$ARGS_PY" --render "$top/po/ru.po" "systemd sets the terminal type" vt220 hvc0)
if printf '%s\n' "$said" | grep -Fq "на hvc0 тип терминала vt220"; then
	ok "ru: systemd sets on hvc0 the terminal type vt220, in that order"
else
	not_ok "ru: systemd sets on hvc0 the terminal type vt220, in that order" "$said"
fi

# term LL WORD NOT: po/LL.po says WORD, and never NOT
term() {
	if grep -Fq -- "$2" "$top/po/$1.po" && ! grep -Fiq -- "$3" "$top/po/$1.po"; then
		ok "$1: $2, as debian-installer says, not \"$3\""
	else
		not_ok "$1: $2, as debian-installer says, not \"$3\"" \
			"$(grep -Fin -- "$3" "$top/po/$1.po" | head -5)"
	fi
}
term es 'msgstr "Pasarela:"' "puerta de enlace"
term ru 'msgstr "Маска подсети:"' "Маска сети"
# (French puts a no-break space before the colon)
term fr "$(printf 'msgstr "Masque-r\303\251seau\302\240:"')" "masque de réseau"

done_testing
