#!/bin/sh
# Fails if a C source uses a function our style bans (unbounded or
# error-blind ones, as curl's checksrc does).  Usage: check-source.sh [top]
set -eu
top=${1:-.}
cd "$top"
banned='\<(sprintf|vsprintf|strcpy|strcat|strncpy|strncat|strtok|atoi|atol|atoll|gets|tmpnam|mktemp|rand|srand)[[:space:]]*\('
dirs=
for d in common client server-stub include tests; do
	[ -d "$d" ] && dirs="$dirs $d"
done
# shellcheck disable=SC2086
files=$(find $dirs -name '*.[ch]')
[ -n "$files" ] || { echo "no sources found under $top" >&2; exit 1; }
if grep -nE "$banned" $files; then
	echo "banned function used (see above)" >&2
	exit 1
fi
echo "checked $(echo "$files" | wc -l) files: no banned functions"
