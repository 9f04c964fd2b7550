#!/bin/sh
# Fails unless every catalogue translates every message of the sources,
# with nothing fuzzy and nothing obsolete.  Usage: check-po.sh [top]
set -eu
top=$(cd "${1:-.}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$top/po/update-po.sh" "$top" "$work/juki.pot"
status=0
for po in "$top"/po/*.po; do
	name=$(basename "$po")
	msgmerge --quiet --no-fuzzy-matching -o "$work/$name" "$po" "$work/juki.pot"
	missing=$(msgattrib --untranslated --no-obsolete "$work/$name" | grep -c '^msgid ' || true)
	fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$work/$name" | grep -c '^msgid ' || true)
	stale=$(msgattrib --only-obsolete "$po" | grep -c '^#~ msgid ' || true)
	# msgattrib prints the header entry too when it prints anything.
	[ "$missing" -gt 0 ] && missing=$((missing - 1))
	[ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
	if [ "$missing" -ne 0 ] || [ "$fuzzy" -ne 0 ] || [ "$stale" -ne 0 ]; then
		echo "$name: $missing untranslated, $fuzzy fuzzy, $stale obsolete" >&2
		msgattrib --untranslated --no-obsolete "$work/$name" >&2 || true
		status=1
	fi
	msgfmt --check -o /dev/null "$po"
done
[ $status -eq 0 ] && echo "all catalogues complete"
exit $status
