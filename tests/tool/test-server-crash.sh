#!/bin/sh
# SIGKILL in the middle of a stream of updates from a 市町村CS: every update
# the server acknowledged is in the file afterwards, nothing half-applied,
# and once the server has restarted (cutting a torn last line, which was
# never acknowledged) the audit chain verifies.
# Usage: test-server-crash.sh build/bin source-dir
set -u
. "$(dirname "$0")/harness.sh"
harness_start "$@" server_stop
. "$top/tests/tool/server-env.sh"

server_setup 3000 || { echo "setup failed"; exit 1; }
server_start || { echo "server did not start"; exit 1; }
"$bin/juki-gendata" --db "$work/residents.db" --export - >"$work/all.tsv"
awk -F'\t' '$1 == "current" && $22 == 0 { print $2 }' "$work/all.tsv" |
	head -600 >"$work/codes"

# The stream: one 転居 each, sent one after another; an acknowledged one is
# written to acked only after its 200 arrived.
stream() {
	n=0
	while read -r code; do
		n=$((n + 1))
		body=$(update_json "K-$n" 21 2026-07-01 "$(record_json "$code" "熊本県熊本市北区新町$n番地")")
		api cs-CS431001 POST /v1/cs/update "$body"
		[ "$status" = 200 ] && echo "K-$n $code $n" >>"$work/acked"
	done <"$work/codes"
}
: >"$work/acked"
stream &
stream_pid=$!
sleep 3
kill -KILL "$server_pid"
wait "$server_pid" 2>/dev/null
server_pid=
wait "$stream_pid"

acked=$(wc -l <"$work/acked")
check "the kill came mid-stream ($acked of 600 acknowledged)" '[ "$acked" -gt 0 ] && [ "$acked" -lt 600 ]'
missing=0
while read -r id code n; do
	row=$(sqlite3 "$work/residents.db" "SELECT r.address FROM cs_update u JOIN resident r ON r.juminhyo_code = '$code' WHERE u.update_id = '$id'")
	[ "$row" = "熊本県熊本市北区新町${n}番地" ] || missing=$((missing + 1))
done <"$work/acked"
check "every acknowledged update is in the file" '[ "$missing" = 0 ]'
applied=$(sqlite3 "$work/residents.db" "SELECT count(*) FROM cs_update")
check "at most the one in flight was applied unacknowledged" '[ "$applied" -ge "$acked" ] && [ "$applied" -le $((acked + 1)) ]'
check "each applied update moved its resident once" \
	'[ "$(sqlite3 "$work/residents.db" "SELECT count(*) FROM resident WHERE address LIKE '"'"'熊本県熊本市北区新町%番地'"'"'")" = "$applied" ]'

server_start
check "the server starts again after the kill" '[ -n "$server_pid" ]'
server_stop
"$bin/juki-server" --config "$work/server.conf" verify-audit >"$work/verify.out"
check "the audit chain verifies after the restart" '[ $? = 0 ]'
logged=$(grep -c '"action":"cs.update".*"result":"ok"' "$work/audit.log")
check "every acknowledged update has its audit entry" '[ "$logged" -ge "$acked" ]'

finish
