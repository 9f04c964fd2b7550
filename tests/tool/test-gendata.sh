#!/bin/sh
# juki-gendata as a user runs it: builds, refuses to overwrite, replaces
# atomically, rejects bad input with a clear message, survives an interrupt,
# and reproduces the trainers' demo listing in assets/ exactly.
# Usage: test-gendata.sh path/to/juki-gendata source-dir
set -u
gendata=$1
top=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

. "$(dirname "$0")/harness.sh"

# Runs juki-gendata in English, keeping status and output.
run() {
	LANGUAGE=en LANG=C.UTF-8 "$gendata" "$@" >"$work/out" 2>"$work/err"
	status=$?
}

db=$work/residents.db

run --db "$db" --count 3000 --seed 7
check "builds a file" '[ $status -eq 0 ] && [ -s "$db" ]'
check "file is private (0600)" '[ "$(stat -c %a "$db")" = 600 ]'
check "no temporary file left" '[ -z "$(ls "$work" | grep new-)" ]'
sum=$(sha256sum "$db")

run --db "$db" --count 10 --seed 8
check "refuses a non-empty file without --replace" \
	'[ $status -ne 0 ] && grep -q -- "--replace" "$work/err"'
check "refused run left the file alone" '[ "$(sha256sum "$db")" = "$sum" ]'

run --db "$db" --count 10 --seed 8 --replace
check "--replace replaces" '[ $status -eq 0 ] && [ "$(sha256sum "$db")" != "$sum" ]'

for bad in 0 -1 abc 10000001 1e3; do
	run --db "$work/bad.db" --count "$bad"
	check "count '$bad' refused" \
		'[ $status -eq 2 ] && grep -q "from 1 to 10,000,000" "$work/err" && [ ! -e "$work/bad.db" ]'
done
run --db "$work/bad.db" --as-of 2026-02-30
check "impossible --as-of refused" '[ $status -ne 0 ] && [ ! -e "$work/bad.db" ] && [ -s "$work/err" ]'

printf 'not a database at all, just text\n' >"$work/text.db"
run --db "$work/text.db" --count 10
check "a file that is not a database is refused and kept" \
	'[ $status -ne 0 ] && grep -qi "not a resident database\|cannot open" "$work/err" && grep -q "just text" "$work/text.db"'

run --db "$work/x.db" --count 10 --lang fr
check "unknown --lang refused" '[ $status -eq 2 ]'

# Same seed, same data: the export of two builds is identical.
run --db "$work/a.db" --count 500 --seed 99
run --db "$work/a.db" --export "$work/a.tsv"
run --db "$work/b.db" --count 500 --seed 99
run --db "$work/b.db" --export "$work/b.tsv"
check "deterministic from the seed" 'cmp -s "$work/a.tsv" "$work/b.tsv" && [ "$(wc -l <"$work/a.tsv")" -gt 500 ]'
check "export holds history rows" 'grep -q "^history" "$work/a.tsv"'

run --db "$work/a.db" --export "$work/a.tsv"
check "export never overwrites a file" '[ $status -ne 0 ]'

# A production file is never exported by this tool.
sqlite3 "$work/a.db" "UPDATE meta SET value = 'production' WHERE key = 'dataset'"
run --db "$work/a.db" --export -
check "production data not exported" '[ $status -ne 0 ] && [ ! -s "$work/out" ]'

# The trainers' listing in assets/ is exactly what --demo builds.
run --db "$work/demo.db" --demo
run --db "$work/demo.db" --export "$work/demo.tsv"
check "demo listing in assets/ is up to date" \
	'cmp -s "$work/demo.tsv" "$top/assets/demo/residents.tsv"'

# Interrupted mid-way: the previous file survives, nothing half-written.
run --db "$db" --count 10 --seed 1 --replace
sum=$(sha256sum "$db")
LANGUAGE=en "$gendata" --db "$db" --count 2000000 --replace 2>"$work/err" &
pid=$!
sleep 2
kill -TERM $pid
wait $pid
status=$?
check "interrupt stops the run with an error" '[ $status -ne 0 ] && grep -qi "interrupted" "$work/err"'
check "interrupt kept the previous file" '[ "$(sha256sum "$db")" = "$sum" ]'
check "interrupt left no temporary file" '[ -z "$(ls "$work" | grep new-)" ]'

finish
