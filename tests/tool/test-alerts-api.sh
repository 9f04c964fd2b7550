#!/bin/sh
# Alerts (警告) through the server's real API, the server's clock put in
# and out of business hours by libfaketime and its own zone far from
# Japan's: each rule raises its alert exactly when it says and not
# otherwise (a login before and after the hours, on a weekend and on a
# holiday of the calendar; the Nth refused login for one ID and from one
# terminal, not the N-1th, not a reader's timeout; more than N residents
# and not N, the same resident twice once), each audited as alert.raise;
# then the routes: the count, the list, the acknowledgement with its
# note in the audit log, refused to clerks, to the administrator the
# alert is about, without a note, and twice.  The contract is the
# "Alerts" section of include/juki/protocol.h.
# Usage: test-alerts-api.sh build/bin source-dir
set -u
. "$(dirname "$0")/harness.sh"
harness_start "$@" server_stop
. "$top/tests/tool/server-env.sh"

# The server's zone is not Japan's: the rules must keep to JST anyway.
export TZ=America/Los_Angeles

# The days: a Tuesday at least two days on (the certificates are made
# now and the CRL lasts 30 days), the Wednesday and Thursday after it,
# the Thursday a holiday of the calendar, and the Saturday.
day() { TZ=Asia/Tokyo date -d "$1 + $2 days" +%F; }
tue=$(TZ=Asia/Tokyo date -d "+2 days" +%F)
while [ "$(date -d "$tue" +%u)" != 2 ]; do tue=$(day "$tue" 1); done
wed=$(day "$tue" 1)
thu=$(day "$tue" 2)
sat=$(day "$tue" 4)
printf '# 休日の一覧\n\n%s  # the test'"'"'s holiday\n2020-01-01\n' "$thu" \
	>"$work/holidays.txt"
alerts='alerts = { business_hours = "08:30-17:15"; calendar = "holidays.txt";
  weekends = true; login_failures = { count = 3; minutes = 10; };
  many_residents = { count = 5; minutes = 10; }; };'

server_setup 300 || { echo "setup failed"; exit 1; }
"$bin/juki-gendata" --db "$work/residents.db" --export - >"$work/all.tsv"
awk -F'\t' '$1 == "current" && $22 == 0 { print $2 }' "$work/all.tsv" |
	head -8 >"$work/codes"
code() { sed -n "${1}p" "$work/codes"; }
check "the file has the residents this test needs" '[ "$(wc -l <"$work/codes")" -eq 8 ]'

# --- helpers -------------------------------------------------------------

# at "DATE HH:MM:SS": the server restarted with its clock there (JST).
at() {
	server_stop
	server_start_at "$1" || { echo "the server did not start at $1"; cat "$work/server.log"; exit 1; }
}

# raised: the alerts the file holds; last: the last one raised, "rule
# operator terminal detail count minutes".
raised() { sqlite3 "$work/alerts.db" "SELECT count(*) FROM alert"; }
last() {
	sqlite3 "$work/alerts.db" "SELECT rule || ' ' || operator_id || ' ' ||
		terminal_id || ' ' || detail || ' ' || count || ' ' || minutes
		FROM alert ORDER BY id DESC LIMIT 1"
}
last_time() {
	sqlite3 "$work/alerts.db" "SELECT time FROM alert ORDER BY id DESC LIMIT 1"
}

# raise_audited: the entry after the one that raised the last alert is
# its alert.raise, with the rule, the alert's id, the operator and the
# terminal.
raise_audited() {
	sqlite3 -separator ' ' "$work/alerts.db" "SELECT id, audit_seq, rule,
		operator_id, terminal_id FROM alert ORDER BY id DESC LIMIT 1" |
	{ read -r id seq rule op term
	  jq -e -s --argjson seq "$seq" --arg id "$id" --arg rule "$rule" \
		--arg op "$op" --arg term "$term" '
		.[] | select(.seq == $seq + 1) | select(.action == "alert.raise"
		and .reason == $rule and .document == $id
		and .operator == $op and .terminal == $term)' \
		"$work/audit.log" >/dev/null; }
}

# fail ID CERT [PIN]: a login of ID refused for a wrong PIN.
fail() {
	begin "$1" "$2"
	api "$2" POST /v1/session/login \
		"{\"operator_id\":\"$1\",\"challenge\":\"$challenge\",\"outcome\":\"pin\",\"pin\":\"${3:-9999}\"}"
}

# lookup TOKEN CODE: a lookup by 住民票コード, answered.
lookup() {
	as "$1" /v1/lookup/code "{\"jimu\":\"KAIJI\",\"juminhyo_code\":\"$2\"}"
	[ "$status" = 200 ] || { echo "  lookup of $2: $status"; got; }
}

# --- 1. off-hours --------------------------------------------------------

at "$tue 08:20:00"
login C0001
check "before the hours, a clerk logs in" '[ -n "$token" ]'
check "…an off-hours alert, the login its detail" \
	'[ "$(raised)" = 1 ] && [ "$(last)" = "off-hours C0001 T0001 login 1 0" ]'
check "…audited as alert.raise right after the login" raise_audited
lookup "$token" "$(code 1)"
login C0001 >/dev/null
check "the same operator again in the same off-hours: no second alert" '[ "$(raised)" = 1 ]'
login C0002 "" terminal-T0002
check "another operator: an alert of their own" \
	'[ "$(raised)" = 2 ] && [ "$(last)" = "off-hours C0002 T0002 login 1 0" ]'

at "$tue 10:00:00"
n=$(raised)
login C0001
clerk=$token
lookup "$clerk" "$(code 1)"
login A0001 >/dev/null
check "in business hours a login and a lookup raise nothing" '[ "$(raised)" = "$n" ]'

at "$tue 17:10:00"
login C0002 >/dev/null
check "at 17:10 (the hours end at 17:15) nothing" '[ "$(raised)" = "$n" ]'
at "$tue 17:20:00"
login C0002 >/dev/null
check "at 17:20 the login is off-hours" \
	'[ "$(raised)" = $((n + 1)) ] && [ "$(last)" = "off-hours C0002 T0001 login 1 0" ]'
utc=$(TZ=UTC date -d "TZ=\"Asia/Tokyo\" $tue 17:20" +%Y-%m-%dT%H:%M)
check "…its time the login's, in UTC" 'case $(last_time) in "$utc":*Z) true ;; *) false ;; esac'

at "$wed 10:00:00"
n=$(raised)
login C0001 >/dev/null
check "a Wednesday at 10:00: nothing" '[ "$(raised)" = "$n" ]'
at "$thu 10:00:00"
login C0001 >/dev/null
check "the Thursday, a holiday of the calendar, at 10:00: an alert" \
	'[ "$(raised)" = $((n + 1)) ] && [ "$(last)" = "off-hours C0001 T0001 login 1 0" ]'
at "$sat 10:00:00"
login A0002 >/dev/null
check "a Saturday at 10:00: an alert" \
	'[ "$(raised)" = $((n + 2)) ] && [ "$(last)" = "off-hours A0002 T0001 login 1 0" ]'

# --- 2. refused logins ---------------------------------------------------

at "$wed 11:00:00"
n=$(raised)
fail C0002 terminal-T0001
fail C0002 terminal-T0002
check "two wrong PINs for one ID: nothing" '[ "$(raised)" = "$n" ]'
fail C0002 terminal-T0001
check "the third within 10 minutes: an alert for the ID" \
	'[ "$(raised)" = $((n + 1)) ] && [ "$(last)" = "login-failures C0002 T0001 operator 3 10" ]'
check "…audited" raise_audited
fail C0002 terminal-T0002
check "a fourth: not another (the alert took the three)" '[ "$(raised)" = $((n + 1)) ]'

at "$wed 11:30:00"
n=$(raised)
for id in X0001 X0002; do begin "$id" terminal-T0002; done
check "two unknown IDs from one terminal: nothing" '[ "$(raised)" = "$n" ]'
begin X0003 terminal-T0002
check "a third: an alert for the terminal" \
	'[ "$(raised)" = $((n + 1)) ] && [ "$(last)" = "login-failures X0003 T0002 terminal 3 10" ]'
n=$(raised)
for _ in 1 2 3; do
	api terminal-T0001 POST /v1/session/login \
		'{"operator_id":"C0001","challenge":"0000000000000000000000000000000000000000000000000000000000000000","outcome":"pin","pin":"9999"}'
done
check "three logins with a stale challenge are no refused logins" '[ "$(raised)" = "$n" ] && [ "$(error_code)" = E_CHALLENGE ]'

# --- 3. many residents ---------------------------------------------------

at "$wed 14:00:00"
n=$(raised)
login C0001
clerk=$token
for i in 1 2 3 2 4 5 1; do lookup "$clerk" "$(code "$i")"; done
check "five residents, two of them twice: nothing" '[ "$(raised)" = "$n" ]'
lookup "$clerk" "$(code 6)"
check "a sixth resident within 10 minutes: an alert" \
	'[ "$(raised)" = $((n + 1)) ] && [ "$(last)" = "many-residents C0001 T0001  6 10" ]'
check "…audited" raise_audited
lookup "$clerk" "$(code 7)"
check "a seventh: not another" '[ "$(raised)" = $((n + 1)) ]'

# --- 4. the routes -------------------------------------------------------

at "$wed 15:00:00"
total=$(raised)
login A0001
admin=$token
login A0002
admin2=$token
login C0001
clerk=$token
as "$admin" /v1/alerts/count '{}'
answered "alerts/count: every alert raised is open" ".open == $total"
check "…audited with the number shown" \
	'last_audited ".action == \"alert.count\" and .operator == \"A0001\" and .reason == \"open=$total\""'
as "$admin" /v1/alerts/list '{}'
answered "alerts/list: the open ones, newest first" \
	"(.alerts | length) == $total and ([.alerts[].id] == ([.alerts[].id] | sort | reverse))"
check "…each with its fields" 'jqb ".alerts[0] | has(\"id\") and has(\"time\") and has(\"rule\") and has(\"operator_id\") and has(\"terminal_id\") and has(\"detail\") and has(\"count\") and has(\"minutes\") and .acknowledged_by == \"\" and .acknowledged_at == \"\" and .note == \"\""'
mine=$(sqlite3 "$work/alerts.db" "SELECT id FROM alert WHERE operator_id = 'A0002' LIMIT 1")
theirs=$(sqlite3 "$work/alerts.db" "SELECT id FROM alert WHERE operator_id = 'C0001' LIMIT 1")
check "an alert about A0002 and one about C0001 to acknowledge" '[ -n "$mine" ] && [ -n "$theirs" ]'

for path in /v1/alerts/count /v1/alerts/list; do
	refuses "a clerk is refused $path" E_FORBIDDEN "$clerk" "$path" '{}'
done
refuses "a clerk may not acknowledge" E_FORBIDDEN "$clerk" /v1/alerts/ack "{\"id\":$theirs,\"note\":\"確認\"}"
refuses "acknowledging needs a note" E_NO_NOTE "$admin" /v1/alerts/ack "{\"id\":$theirs}"
refuses "…not only spaces" E_NO_NOTE "$admin" /v1/alerts/ack "{\"id\":$theirs,\"note\":\" 　\"}"
refuses "…of at most 20 characters" E_BAD_VALUE "$admin" /v1/alerts/ack "{\"id\":$theirs,\"note\":\"あいうえおかきくけこさしすせそたちつてとな\"}"
refuses "an alert there is not" E_NO_ALERT "$admin" /v1/alerts/ack '{"id":99999,"note":"確認"}'
refuses "A0002 may not acknowledge an alert about A0002" E_SELF_ACK "$admin2" /v1/alerts/ack "{\"id\":$mine,\"note\":\"自分です\"}"
refuses "list: an unknown filter" E_BAD_VALUE "$admin" /v1/alerts/list '{"filter":"closed"}'

as "$admin" /v1/alerts/ack "{\"id\":$mine,\"note\":\"休日出勤の届けあり\"}"
answered "A0001 acknowledges it with a note" \
	".alert.id == $mine and .alert.acknowledged_by == \"A0001\" and .alert.note == \"休日出勤の届けあり\" and (.alert.acknowledged_at | test(\"^[0-9-]{10}T[0-9:]{8}Z$\"))"
check "…audited: who, the alert, the note" \
	'last_audited ".action == \"alert.ack\" and .result == \"ok\" and .operator == \"A0001\" and .document == \"$mine\" and .reason == \"休日出勤の届けあり\""'
as "$admin" /v1/alerts/ack "{\"id\":$mine,\"note\":\"二度目\"}"
check "acknowledging twice is refused" '[ "$(error_code)" = E_ACKNOWLEDGED ] && [ "$status" = 409 ]'
check "…and audited as refused" 'last_audited ".action == \"alert.ack\" and .result == \"refused\" and .operator == \"A0001\" and .document == \"$mine\" and (.reason | startswith(\"E_ACKNOWLEDGED\"))"'
as "$admin2" /v1/alerts/ack "{\"id\":$theirs,\"note\":\"本人に確認\"}"
answered "A0002 acknowledges the alert about C0001" ".alert.acknowledged_by == \"A0002\""

as "$admin" /v1/alerts/count '{}'
answered "the count is two fewer" ".open == $((total - 2))"
as "$admin" /v1/alerts/list '{"filter":"open"}'
answered "the open list lacks them" \
	"(.alerts | length) == $((total - 2)) and ([.alerts[].id] | index($mine) == null and index($theirs) == null)"
as "$admin" /v1/alerts/list '{"filter":"all"}'
answered "all of them: with them, acknowledged" \
	"(.alerts | length) == $total and ([.alerts[] | select(.id == $mine)][0].note == \"休日出勤の届けあり\")"
check "no alert was raised by any of this" '[ "$(raised)" = "$total" ]'

server_stop
check "the server stopped cleanly" '[ "$server_status" = 0 ]'
"$bin/juki-server" --config "$work/server.conf" verify-audit >"$work/verify.out" 2>&1
check "the audit chain, alert entries and all, is intact" 'grep -q "監査ログは完全です" "$work/verify.out"'
check "the alerts file keeps its rows whatever SQL tries" \
	'! sqlite3 "$work/alerts.db" "DELETE FROM alert" 2>/dev/null && ! sqlite3 "$work/alerts.db" "UPDATE ack SET note = '"'x'"'" 2>/dev/null'

finish
