#!/bin/sh
# The forms ledger (帳票管理簿) driven through the server's real API with
# curl: serials for administrators and auditors and for no one else, the
# reason a form is printed for, how it ended reported once and only by the
# operator and terminal certificate that began it, the ledger as it is
# listed, the audit entries of each, and the ledger file where the
# configuration puts it.  The contract is the comment "Printing" in
# include/juki/protocol.h.
# Usage: test-prints-api.sh build/bin source-dir
set -u
bin=$1
top=$2
work=$(mktemp -d)
server_pid=
trap 'server_stop; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
. "$top/tests/tool/server-env.sh"
. "$(dirname "$0")/harness.sh"

protocol_h=$top/include/juki/protocol.h
server_setup 50 || { echo "setup failed"; exit 1; }
server_start || { echo "server did not start"; exit 1; }

# --- helpers -------------------------------------------------------------

verify() {
	if eval "$2"; then ok "$1"; else not_ok "$1"; eval "$3"; fi
}

# The HTTP status protocol.h gives an error code.
status_of() {
	sed -n "s/^[[:space:]]*X($1,[[:space:]]*\([0-9][0-9]*\),.*/\1/p" \
		"$protocol_h"
}

jqb() { jq -e "$1" "$work/body" >/dev/null 2>&1; }
got() { echo "  got $status: $(head -c 600 "$work/body")"; }

answered() {
	if [ "$status" = 200 ] && jqb "${2:-.}"; then ok "$1"
	else not_ok "$1"; got; fi
}

# The ledger file, by SQL, and all of it: a refusal leaves it as it was.
ledger() { sqlite3 "${ledger_db:-$work/ledger.db}" "$1"; }
snap() { sqlite3 "${ledger_db:-$work/ledger.db}" .dump; }

# refuses NAME CODE CERT TOKEN PATH BODY: refused with CODE (and the status
# protocol.h gives it), the ledger exactly as it was before.
refuses() {
	snap >"$work/before.sql"
	api "$3" POST "$5" "$6" "$4"
	snap >"$work/after.sql"
	if [ "$(error_code)" = "$2" ] &&
	    [ "$status" = "$(status_of "$2")" ] &&
	    cmp -s "$work/before.sql" "$work/after.sql"; then
		ok "$1"
	else
		not_ok "$1 ($2, ledger unchanged)"
		got
		diff "$work/before.sql" "$work/after.sql" | head -5
	fi
}

audited() {
	jq -c "select($1)" "$work/audit.log" 2>/dev/null | grep -q .
}

T1=terminal-T0001
T2=terminal-T0002
B=/v1/prints/begin
F=/v1/prints/finish
L=/v1/prints/list

# print_begin CERT TOKEN REASON: sets $serial ("" when refused).
print_begin() {
	api "$1" POST $B "{\"form\":\"roster\",\"reason\":\"$3\"}" "$2"
	serial=$(jq -r '.serial // ""' "$work/body" 2>/dev/null)
}

# number SERIAL: its sequence number.
number() { expr "${1#P?????}" + 0 2>/dev/null || echo -1; }

# A second certificate for T0001 from the same CA: the same 操作端末ID,
# another certificate (one reissued, or copied to another machine).
(
	cd "$work/pki" &&
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:prime256v1 \
		-out terminal-T0001b.key &&
	openssl req -new -config ca/juki-pki.cnf -key terminal-T0001b.key \
		-subj "/O=JUKI/OU=terminal/CN=T0001" -out ca/T0001b.csr &&
	openssl ca -batch -notext -config ca/juki-pki.cnf \
		-extensions client_ext -days 30 -in ca/T0001b.csr \
		-out terminal-T0001b.crt
) >"$work/pki-b.log" 2>&1 || cat "$work/pki-b.log"
T1B=terminal-T0001b

login A0001;			admin=$token
login A0002;			admin2=$token
login U0001;			auditor=$token
login C0001;			clerk=$token
login R0001;			trainer=$token
login A0001 1234 $T2;		admin_t2=$token
login A0001 1234 $T1B;		admin_t1b=$token
check "everyone logs in (A0001 also at T0002 and on T0001's second certificate)" \
	'[ -n "$admin" ] && [ -n "$admin2" ] && [ -n "$auditor" ] && [ -n "$clerk" ] && [ -n "$trainer" ] && [ -n "$admin_t2" ] && [ -n "$admin_t1b" ]'

# --- 1. the ledger file ------------------------------------------------------

check "with no ledger setting, the ledger is ledger.db beside the configuration" \
	'[ -f "$work/ledger.db" ]'
check "…private to the server (mode 0600)" \
	'[ "$(stat -c %a "$work/ledger.db")" = 600 ]'

# --- 2. a serial, for administrators and auditors ----------------------------

year=$(date +%Y)
print_begin $T1 "$admin" "年次監査のため"
s1=$serial
answered "an administrator gets a serial" \
	'(.serial | test("^P'"$year"'-[0-9]{6}$")) and .form == "roster" and .operator_id == "A0001" and .terminal_id == "T0001" and (.issued_at | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$")) and (.audit_ref | type == "number")'
check "…the first: P, the year, 000001" '[ "$s1" = "P$year-000001" ]'
check "…logged: print.begin, the serial as target and document, the form as reason" \
	'audited ".action == \"print.begin\" and .operator == \"A0001\" and .terminal == \"T0001\" and .target == \"$s1\" and .document == \"$s1\" and .reason == \"roster\" and .result == \"ok\""'
check "…the audit_ref is that entry" \
	'audited ".seq == $(jq .audit_ref "$work/body") and .target == \"$s1\""'
check "…and in the ledger, issued, with its reason" \
	'[ "$(ledger "SELECT form, reason, operator_id, terminal_id, state, finished_at IS NULL, detail FROM print_job WHERE serial = '"'$s1'"'")" = "roster|年次監査のため|A0001|T0001|issued|1|" ]'

print_begin $T1 "$auditor" "　監査資料  "
s2=$serial
answered "an auditor gets one too" '.operator_id == "U0001"'
check "…the next number" '[ "$(number "$s2")" = $(($(number "$s1") + 1)) ]'
check "…the reason trimmed (spaces and U+3000)" \
	'[ "$(ledger "SELECT reason FROM print_job WHERE serial = '"'$s2'"'")" = 監査資料 ]'
r64=$(printf '理%.0s' $(seq 64))
print_begin $T1 "$admin" "$r64"
s3=$serial
answered "a reason of 64 characters is taken" '.serial != ""'

# --- 3. refused, and nothing changes -----------------------------------------

refuses "a clerk may not print" E_FORBIDDEN $T1 "$clerk" $B '{"form":"roster","reason":"業務"}'
check "…logged" \
	'audited ".action == \"print.begin\" and .operator == \"C0001\" and .result == \"refused\" and .reason == \"E_FORBIDDEN\""'
refuses "a trainer may not print" E_FORBIDDEN $T1 "$trainer" $B '{"form":"roster","reason":"研修"}'
refuses "a clerk may not finish" E_FORBIDDEN $T1 "$clerk" $F "{\"serial\":\"$s1\",\"result\":\"printed\"}"
refuses "a trainer may not finish" E_FORBIDDEN $T1 "$trainer" $F "{\"serial\":\"$s1\",\"result\":\"printed\"}"
refuses "a clerk may not read the ledger" E_FORBIDDEN $T1 "$clerk" $L '{}'
refuses "a trainer may not read the ledger" E_FORBIDDEN $T1 "$trainer" $L '{}'
refuses "no session, no serial" E_NO_SESSION $T1 "" $B '{"form":"roster","reason":"x"}'

refuses "no reason" E_NO_REASON $T1 "$admin" $B '{"form":"roster"}'
refuses "an empty reason" E_NO_REASON $T1 "$admin" $B '{"form":"roster","reason":""}'
refuses "a reason of spaces only" E_NO_REASON $T1 "$admin" $B '{"form":"roster","reason":" 　 "}'
check "…logged" 'audited ".action == \"print.begin\" and .result == \"refused\" and .reason == \"E_NO_REASON:roster\""'
refuses "a reason of 65 characters" E_BAD_VALUE $T1 "$admin" $B "{\"form\":\"roster\",\"reason\":\"${r64}x\"}"
check "…named in the detail" '[ "$(jq -r .error.detail "$work/body")" = reason ]'
refuses "a reason with a control character" E_BAD_VALUE $T1 "$admin" $B '{"form":"roster","reason":"a\u001b[2Jb"}'
refuses "an unknown form" E_BAD_VALUE $T1 "$admin" $B '{"form":"juminhyo","reason":"x"}'
check "…named in the detail" '[ "$(jq -r .error.detail "$work/body")" = form ]'
refuses "no form" E_MISSING_FIELD $T1 "$admin" $B '{"reason":"x"}'
refuses "an unknown field" E_UNKNOWN_FIELD $T1 "$admin" $B '{"form":"roster","reason":"x","copies":2}'

refuses "finishing an unknown serial" E_NO_PRINT_JOB $T1 "$admin" $F '{"serial":"P1999-999999","result":"printed"}'
check "…logged with it as target" \
	'audited ".action == \"print.finish\" and .target == \"P1999-999999\" and .result == \"refused\" and (.reason | startswith(\"E_NO_PRINT_JOB\"))"'
refuses "a serial of another shape" E_BAD_VALUE $T1 "$admin" $F '{"serial":"P2026-1","result":"printed"}'
refuses "a result that is neither printed nor failed" E_BAD_VALUE $T1 "$admin" $F "{\"serial\":\"$s1\",\"result\":\"done\"}"
check "…named in the detail" '[ "$(jq -r .error.detail "$work/body")" = result ]'
refuses "no result" E_MISSING_FIELD $T1 "$admin" $F "{\"serial\":\"$s1\"}"

refuses "another administrator's serial" E_NOT_YOURS $T1 "$admin2" $F "{\"serial\":\"$s1\",\"result\":\"printed\"}"
check "…logged with the serial" \
	'audited ".action == \"print.finish\" and .operator == \"A0002\" and .target == \"$s1\" and .result == \"refused\" and (.reason | startswith(\"E_NOT_YOURS\"))"'
refuses "an auditor's serial, by an administrator" E_NOT_YOURS $T1 "$admin" $F "{\"serial\":\"$s2\",\"result\":\"printed\"}"
refuses "the same operator at another terminal" E_NOT_YOURS $T2 "$admin_t2" $F "{\"serial\":\"$s1\",\"result\":\"printed\"}"
refuses "the same terminal ID on another certificate" E_NOT_YOURS $T1B "$admin_t1b" $F "{\"serial\":\"$s1\",\"result\":\"printed\"}"
check "…the serial still issued" \
	'[ "$(ledger "SELECT state FROM print_job WHERE serial = '"'$s1'"'")" = issued ]'

# --- 4. how it ended, once ----------------------------------------------------

api $T1 POST $F "{\"serial\":\"$s1\",\"result\":\"printed\",\"detail\":\"completed\"}" "$admin"
answered "the operator who began it reports it printed" \
	'.serial == "'"$s1"'" and .state == "printed" and (.audit_ref | type == "number") and (keys | sort) == ["audit_ref", "serial", "state"]'
check "…logged: print.finish, the serial, the result" \
	'audited ".action == \"print.finish\" and .operator == \"A0001\" and .terminal == \"T0001\" and .target == \"$s1\" and .document == \"$s1\" and .reason == \"printed\" and .result == \"ok\""'
check "…in the ledger, with when and the detail" \
	'[ "$(ledger "SELECT state, finished_at GLOB '"'"'????-??-??T??:??:??Z'"'"', detail FROM print_job WHERE serial = '"'$s1'"'")" = "printed|1|completed" ]'
refuses "…but not twice" E_STATE $T1 "$admin" $F "{\"serial\":\"$s1\",\"result\":\"printed\"}"
refuses "…nor the other way afterwards" E_STATE $T1 "$admin" $F "{\"serial\":\"$s1\",\"result\":\"failed\"}"
refuses "…and to another operator it is still not theirs" E_NOT_YOURS $T1 "$admin2" $F "{\"serial\":\"$s1\",\"result\":\"failed\"}"

long=$(printf '紙%.0s' $(seq 70))
api $T1 POST $F "{\"serial\":\"$s2\",\"result\":\"failed\",\"detail\":\"jam\\u001b[31m $long\"}" "$auditor"
answered "an auditor reports a form that did not come out" \
	'.serial == "'"$s2"'" and .state == "not-printed"'
check "…logged with the result" \
	'audited ".action == \"print.finish\" and .operator == \"U0001\" and .target == \"$s2\" and .reason == \"failed\" and .result == \"ok\""'
detail=$(ledger "SELECT detail FROM print_job WHERE serial = '$s2'")
verify "…its detail made safe and cut at 64 characters" \
	'[ "$detail" = "jam?[31m $(printf '"'"'紙%.0s'"'"' $(seq 55))" ]' 'echo "  detail: $detail"'
refuses "…and finished once" E_STATE $T1 "$auditor" $F "{\"serial\":\"$s2\",\"result\":\"printed\"}"

# --- 5. the ledger as it is read ----------------------------------------------

api $T1 POST $L '{}' "$admin"
answered "an administrator lists the ledger, newest first" \
	'[.prints[].serial] == ["'"$s3"'", "'"$s2"'", "'"$s1"'"]'
answered "…each line complete" \
	'.prints[2] | (keys | sort) == ["detail", "finished_at", "form", "issued_at", "operator_id", "reason", "serial", "state", "terminal_id"] and .form == "roster" and .reason == "年次監査のため" and .operator_id == "A0001" and .terminal_id == "T0001" and .state == "printed" and .detail == "completed" and (.finished_at | length) == 20'
answered "…an issued one not finished yet" \
	'.prints[0] | .state == "issued" and .finished_at == "" and .detail == ""'
check "…logged as print.list" \
	'audited ".action == \"print.list\" and .operator == \"A0001\" and .result == \"ok\""'
api $T1 POST $L '{"state":"not-printed"}' "$auditor"
answered "an auditor lists what did not come out" \
	'[.prints[].serial] == ["'"$s2"'"]'
api $T1 POST $L '{"state":"issued","form":"roster"}' "$auditor"
answered "…and what is still issued, by form" \
	'[.prints[].serial] == ["'"$s3"'"]'
refuses "an unknown state" E_BAD_VALUE $T1 "$admin" $L '{"state":"lost"}'
refuses "an unknown form" E_BAD_VALUE $T1 "$admin" $L '{"form":"juminhyo"}'

# --- 6. the ledger outlives the server ----------------------------------------

server_stop
check "the server stopped cleanly" '[ "${server_status:-1}" = 0 ]'
server_start || { not_ok "the server starts again"; finish; exit 1; }
login A0001; admin=$token
print_begin $T1 "$admin" "再起動後"
answered "after a restart serials go on from the last" \
	'.serial == "P'"$year"'-'"$(printf %06d $(($(number "$s3") + 1)))"'"'
s4=$serial
api $T1 POST $F "{\"serial\":\"$s4\",\"result\":\"printed\"}" "$admin"
answered "…and a new session of the same operator at the same terminal finishes it" \
	'.state == "printed"'
check "the file keeps every line: DELETE is refused" \
	'! ledger "DELETE FROM print_job" 2>/dev/null && [ "$(ledger "SELECT count(*) FROM print_job")" = 4 ]'
check "…and a finished line does not change" \
	'! ledger "UPDATE print_job SET state = '"'"'issued'"'"', finished_at = NULL WHERE serial = '"'$s1'"'" 2>/dev/null'
server_stop

# --- 7. the ledger where the configuration says ------------------------------

mkdir -p "$work/books"
echo 'ledger = "books/ledger.db";' >>"$work/server.conf"
server_start || { not_ok "the server starts with a ledger setting"; finish; exit 1; }
ledger_db=$work/books/ledger.db
check "a ledger setting is taken relative to the configuration" \
	'[ -f "$ledger_db" ] && [ "$(stat -c %a "$ledger_db")" = 600 ]'
login U0001; auditor=$token
print_begin $T1 "$auditor" "別の帳票管理簿"
answered "…a new ledger starts at 000001" '.serial == "P'"$year"'-000001"'
check "…written there, not in the old one" \
	'[ "$(ledger "SELECT count(*) FROM print_job")" = 1 ] && [ "$(ledger_db=$work/ledger.db ledger "SELECT count(*) FROM print_job")" = 4 ]'
server_stop

"$bin/juki-server" --config "$work/server.conf" verify-audit >"$work/verify.out"
check "the audit chain verifies" '[ $? = 0 ]'
check "the server stopped cleanly" '[ "${server_status:-1}" = 0 ]'

finish
