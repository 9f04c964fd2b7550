#!/bin/sh
# Extracts every marked message of the sources into po/juki.pot and merges it
# into each catalogue.  Usage: po/update-po.sh [source-dir] [pot-file]
set -eu
top=${1:-.}
pot=${2:-$top/po/juki.pot}
cd "$top"
dirs=
for d in common client server-stub include; do
	[ -d "$d" ] && dirs="$dirs $d"
done
# shellcheck disable=SC2086
find $dirs -name '*.[ch]' | LC_ALL=C sort |
    xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=X:3 \
        --add-comments=TRANSLATORS --package-name=juki --no-location \
        --sort-output -f - -o "$pot"
if [ "$pot" = "$top/po/juki.pot" ]; then
	for po in po/*.po; do
		msgmerge --quiet --update --backup=none --no-location \
		    --sort-output "$po" "$pot"
	done
fi
