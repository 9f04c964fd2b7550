#!/bin/sh
# The forms ledger (帳票管理簿) driven through the server's real API with
# curl: serials for whoever may print the form asked for and for no one
# else, the reason a form is printed for and the subject it is about, how
# it ended reported once and only by the operator and terminal
# certificate that began it, the paper handed over, stored and destroyed,
# reprints only as approved by a second administrator and once, the
# ledger as each role may read it, the audit entries of each, the ledger
# file where the configuration puts it, and a demo server's forms marked
# for training.  Every refusal leaves the ledger file as it was.  The
# contract is the comment "Printing" in include/juki/protocol.h.
# Usage: test-prints-api.sh build/bin source-dir
set -u
. "$(dirname "$0")/harness.sh"
harness_start "$@" server_stop
. "$top/tests/tool/server-env.sh"

server_setup 50 || { echo "setup failed"; exit 1; }
# S0001: a clerk who is also an administrator, to ask for a reprint and
# be refused approving it.
echo 1234 | "$bin/juki-server" --config "$work/server.conf" \
	add-operator S0001 clerk,admin 窓口管理 --pin ||
	{ echo "setup failed"; exit 1; }
server_start || { echo "server did not start"; exit 1; }

# What the clerks' forms are printed about: disclosure requests, received
# and decided after the logins below, and a correction (numbered as k2)
# about k1.
subjects="R7-KJ-0001 R7-KJ-0002 R7-KJ-0003 R7-KJ-0004"
# shellcheck disable=SC2086
set -- $subjects
k1=$1 k2=$2 k3=$3 k4=$4

# --- helpers -------------------------------------------------------------

# The ledger file, by SQL; a refusal (server-env.sh) leaves it as it was.
ledger() { sqlite3 "${ledger_db:-$work/ledger.db}" "$1"; }
kept=ledger.db

T1=terminal-T0001
T2=terminal-T0002
B=/v1/prints/begin
F=/v1/prints/finish
L=/v1/prints/list
SH=/v1/prints/show
ST=/v1/prints/step
RP=/v1/prints/reprint
AP=/v1/prints/approve

# print_begin CERT TOKEN REASON: sets $serial ("" when refused).
print_begin() {
	api "$1" POST $B "{\"form\":\"roster\",\"reason\":\"$3\"}" "$2"
	serial=$(jq -r '.serial // ""' "$work/body" 2>/dev/null)
}

# print_about CERT TOKEN FORM SUBJECT: sets $serial ("" when refused).
print_about() {
	api "$1" POST $B "{\"form\":\"$3\",\"subject\":\"$4\",\"reason\":\"開示\"}" "$2"
	serial=$(jq -r '.serial // ""' "$work/body" 2>/dev/null)
}

# finished CERT TOKEN SERIAL RESULT: reported, and it took.
finished() {
	api "$1" POST $F "{\"serial\":\"$3\",\"result\":\"$4\"}" "$2"
	[ "$status" = 200 ]
}

# state_of SERIAL: what the ledger file says.
state_of() { ledger "SELECT state FROM print_job WHERE serial = '$1'"; }

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
login C0002 1234 $T2;		clerk2=$token
login S0001;			super=$token
login C0001 1234 $T2;		clerk_t2=$token
check "everyone logs in (A0001 also at T0002 and on T0001's second certificate)" \
	'[ -n "$admin" ] && [ -n "$admin2" ] && [ -n "$auditor" ] && [ -n "$clerk" ] && [ -n "$trainer" ] && [ -n "$admin_t2" ] && [ -n "$admin_t1b" ] && [ -n "$clerk2" ] && [ -n "$super" ] && [ -n "$clerk_t2" ]'

"$bin/juki-gendata" --db "$work/residents.db" --export - >"$work/all.tsv"
resident=$(awk -F'\t' '$1 == "current" && $22 == 0 { print $2; exit }' "$work/all.tsv")
for k in $subjects; do
	decided_request "$clerk" "$k" "$resident" || break
done
check "the clerks' subjects are decided disclosure requests" '[ "$status" = 200 ]'
api $T1 POST /v1/corrections/register "{\"request_no\":\"$k1\",\"correction_no\":\"$k2\",\"kind\":\"correct\",\"item\":\"address\",\"requested\":\"訂正後の住所\",\"reason\":\"転居の届出漏れ\"}" "$clerk"
check "…and $k2 a correction" '[ "$status" = 200 ]'
api $T1 POST /v1/disclosures/receive "$(statement "$resident" R7-KJ-0009)" "$clerk"
check "…and R7-KJ-0009 a request received, not decided" '[ "$status" = 200 ]'

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
	'(.serial | test("^P'"$year"'-[0-9]{6}$")) and .form == "roster" and .subject == "" and .operator_id == "A0001" and .terminal_id == "T0001" and (.issued_at | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$")) and .training == false and (.audit_ref | type == "number")'
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

refuses "a clerk may not print the roster" E_FORBIDDEN "$clerk" $B '{"form":"roster","reason":"業務"}'
check "…logged, with the form" \
	'audited ".action == \"print.begin\" and .operator == \"C0001\" and .result == \"refused\" and .reason == \"E_FORBIDDEN:roster\""'
refuses "an administrator may not print a clerk's form" E_FORBIDDEN "$admin" $B "{\"form\":\"disclosure\",\"subject\":\"$k1\",\"reason\":\"開示\"}"
refuses "an auditor neither" E_FORBIDDEN "$auditor" $B "{\"form\":\"correction\",\"subject\":\"$k1\",\"reason\":\"訂正\"}"
refuses "a trainer may not print" E_FORBIDDEN "$trainer" $B '{"form":"roster","reason":"研修"}'
refuses "a clerk may not finish another's form" E_NOT_YOURS "$clerk" $F "{\"serial\":\"$s1\",\"result\":\"printed\"}"
refuses "a trainer may not finish" E_FORBIDDEN "$trainer" $F "{\"serial\":\"$s1\",\"result\":\"printed\"}"
refuses "a trainer may not read the ledger" E_FORBIDDEN "$trainer" $L '{}'
refuses "…nor a line of it" E_FORBIDDEN "$trainer" $SH "{\"serial\":\"$s1\"}"
refuses "…nor take one a step" E_FORBIDDEN "$trainer" $ST "{\"serial\":\"$s1\",\"to\":\"stored\"}"
refuses "…nor ask for a reprint" E_FORBIDDEN "$trainer" $RP "{\"serial\":\"$s1\",\"reason\":\"x\"}"
refuses "only an administrator approves a reprint: not a clerk" E_FORBIDDEN "$clerk" $AP "{\"serial\":\"$s1\"}"
refuses "…nor an auditor" E_FORBIDDEN "$auditor" $AP "{\"serial\":\"$s1\"}"
refuses "no session, no serial" E_NO_SESSION "" $B '{"form":"roster","reason":"x"}'

refuses "no reason" E_NO_REASON "$admin" $B '{"form":"roster"}'
refuses "an empty reason" E_NO_REASON "$admin" $B '{"form":"roster","reason":""}'
refuses "a reason of spaces only" E_NO_REASON "$admin" $B '{"form":"roster","reason":" 　 "}'
check "…logged" 'audited ".action == \"print.begin\" and .result == \"refused\" and .reason == \"E_NO_REASON:roster\""'
refuses "a reason of 65 characters" E_BAD_VALUE "$admin" $B "{\"form\":\"roster\",\"reason\":\"${r64}x\"}"
check "…named in the detail" '[ "$(jq -r .error.detail "$work/body")" = reason ]'
refuses "a reason with a control character" E_BAD_VALUE "$admin" $B '{"form":"roster","reason":"a\u001b[2Jb"}'
refuses "an unknown form" E_BAD_VALUE "$admin" $B '{"form":"juminhyo","reason":"x"}'
check "…named in the detail" '[ "$(jq -r .error.detail "$work/body")" = form ]'
refuses "no form" E_MISSING_FIELD "$admin" $B '{"reason":"x"}'
refuses "an unknown field" E_UNKNOWN_FIELD "$admin" $B '{"form":"roster","reason":"x","copies":2}'

refuses "finishing an unknown serial" E_NO_PRINT_JOB "$admin" $F '{"serial":"P1999-999999","result":"printed"}'
check "…logged with it as target" \
	'audited ".action == \"print.finish\" and .target == \"P1999-999999\" and .result == \"refused\" and (.reason | startswith(\"E_NO_PRINT_JOB\"))"'
refuses "a serial of another shape" E_BAD_VALUE "$admin" $F '{"serial":"P2026-1","result":"printed"}'
refuses "a result that is neither printed nor failed" E_BAD_VALUE "$admin" $F "{\"serial\":\"$s1\",\"result\":\"done\"}"
check "…named in the detail" '[ "$(jq -r .error.detail "$work/body")" = result ]'
refuses "no result" E_MISSING_FIELD "$admin" $F "{\"serial\":\"$s1\"}"

refuses "another administrator's serial" E_NOT_YOURS "$admin2" $F "{\"serial\":\"$s1\",\"result\":\"printed\"}"
check "…logged with the serial" \
	'audited ".action == \"print.finish\" and .operator == \"A0002\" and .target == \"$s1\" and .result == \"refused\" and (.reason | startswith(\"E_NOT_YOURS\"))"'
refuses "an auditor's serial, by an administrator" E_NOT_YOURS "$admin" $F "{\"serial\":\"$s2\",\"result\":\"printed\"}"
refuses "the same operator at another terminal" E_NOT_YOURS "$admin_t2" $F "{\"serial\":\"$s1\",\"result\":\"printed\"}" $T2
refuses "the same terminal ID on another certificate" E_NOT_YOURS "$admin_t1b" $F "{\"serial\":\"$s1\",\"result\":\"printed\"}" $T1B
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
refuses "…but not twice" E_STATE "$admin" $F "{\"serial\":\"$s1\",\"result\":\"printed\"}"
refuses "…nor the other way afterwards" E_STATE "$admin" $F "{\"serial\":\"$s1\",\"result\":\"failed\"}"
refuses "…and to another operator it is still not theirs" E_NOT_YOURS "$admin2" $F "{\"serial\":\"$s1\",\"result\":\"failed\"}"

long=$(printf '紙%.0s' $(seq 70))
api $T1 POST $F "{\"serial\":\"$s2\",\"result\":\"failed\",\"detail\":\"jam\\u001b[31m $long\"}" "$auditor"
answered "an auditor reports a form that did not come out" \
	'.serial == "'"$s2"'" and .state == "not-printed"'
check "…logged with the result" \
	'audited ".action == \"print.finish\" and .operator == \"U0001\" and .target == \"$s2\" and .reason == \"failed\" and .result == \"ok\""'
detail=$(ledger "SELECT detail FROM print_job WHERE serial = '$s2'")
verify "…its detail made safe and cut at 64 characters" \
	'[ "$detail" = "jam?[31m $(printf '"'"'紙%.0s'"'"' $(seq 55))" ]' 'echo "  detail: $detail"'
refuses "…and finished once" E_STATE "$auditor" $F "{\"serial\":\"$s2\",\"result\":\"printed\"}"

# --- 5. the ledger as it is read ----------------------------------------------

api $T1 POST $L '{}' "$admin"
answered "an administrator lists the ledger, newest first" \
	'[.prints[].serial] == ["'"$s3"'", "'"$s2"'", "'"$s1"'"]'
answered "…each line complete" \
	'.prints[2] | (keys | sort) == ["detail", "finished_at", "form", "issued_at", "operator_id", "reason", "reprint", "reprint_of", "serial", "state", "subject", "terminal_id"] and .form == "roster" and .subject == "" and .reason == "年次監査のため" and .operator_id == "A0001" and .terminal_id == "T0001" and .state == "printed" and .detail == "completed" and (.finished_at | length) == 20 and .reprint_of == "" and .reprint == ""'
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
refuses "an unknown state" E_BAD_VALUE "$admin" $L '{"state":"lost"}'
refuses "an unknown form" E_BAD_VALUE "$admin" $L '{"form":"juminhyo"}'

# --- 6. forms about a subject ------------------------------------------------

refuses "the roster is about no subject" E_BAD_VALUE "$admin" $B "{\"form\":\"roster\",\"subject\":\"$k1\",\"reason\":\"x\"}"
check "…named in the detail" '[ "$(jq -r .error.detail "$work/body")" = subject ]'
refuses "…not even an empty one" E_BAD_VALUE "$admin" $B '{"form":"roster","subject":"","reason":"x"}'
refuses "a disclosure needs its subject" E_BAD_VALUE "$clerk" $B '{"form":"disclosure","reason":"開示"}'
check "…named in the detail" '[ "$(jq -r .error.detail "$work/body")" = subject ]'
refuses "…not an empty one" E_BAD_VALUE "$clerk" $B '{"form":"disclosure","subject":"","reason":"開示"}'
refuses "…nor one with a space" E_BAD_VALUE "$clerk" $B '{"form":"provisions","subject":"R7 0001","reason":"開示"}'
refuses "…nor one of 32 characters" E_BAD_VALUE "$clerk" $B "{\"form\":\"correction\",\"subject\":\"$(printf 'K%.0s' $(seq 32))\",\"reason\":\"訂正\"}"
refuses "…nor one beyond ASCII" E_BAD_VALUE "$clerk" $B '{"form":"disclosure","subject":"開示１","reason":"開示"}'
refuses "…nor one with a control character" E_BAD_VALUE "$clerk" $B '{"form":"disclosure","subject":"K\u001b1","reason":"開示"}'
refuses "…and a reason still" E_NO_REASON "$clerk" $B "{\"form\":\"disclosure\",\"subject\":\"$k1\"}"

refuses "a notice for a request there is not" E_NO_REQUEST "$clerk" $B '{"form":"disclosure","subject":"R7-KJ-9999","reason":"開示"}'
refuses "…nor the 提供状況" E_NO_REQUEST "$clerk" $B '{"form":"provisions","subject":"R7-KJ-9999","reason":"開示"}'
refuses "a notice before the request is decided" E_STATE "$clerk" $B '{"form":"disclosure","subject":"R7-KJ-0009","reason":"開示"}'
refuses "a receipt for a correction there is not" E_NO_CORRECTION "$clerk" $B "{\"form\":\"correction\",\"subject\":\"$k1\",\"reason\":\"訂正\"}"
print_about $T1 "$clerk" disclosure "$k1"
d1=$serial
answered "a clerk gets a serial for a disclosure about its subject" \
	'.form == "disclosure" and .subject == "'"$k1"'" and .operator_id == "C0001" and .training == false'
check "…the ledger keeps the subject" \
	'[ "$(ledger "SELECT form, subject, state FROM print_job WHERE serial = '"'$d1'"'")" = "disclosure|$k1|issued" ]'
print_about $T1 "$clerk" provisions " $k4 "
answered "…a subject is trimmed" '.subject == "'"$k4"'"'
finished $T1 "$clerk" "$serial" failed
check "…and the clerk finishes their own" 'finished $T1 "$clerk" "$d1" printed'

# --- 7. the paper's later steps -----------------------------------------------

print_about $T2 "$clerk2" disclosure "$k3"
d3=$serial
finished $T2 "$clerk2" "$d3" printed
refuses "a step of another's form" E_NOT_YOURS "$clerk2" $ST "{\"serial\":\"$d1\",\"to\":\"stored\"}" $T2
check "…logged with the serial and the step" \
	'audited ".action == \"print.step\" and .operator == \"C0002\" and .target == \"$d1\" and .result == \"refused\" and .reason == \"E_NOT_YOURS:stored\""'
refuses "an auditor may not keep a clerk's form" E_FORBIDDEN "$auditor" $ST "{\"serial\":\"$d1\",\"to\":\"stored\"}"
refuses "a clerk may not destroy, even their own" E_FORBIDDEN "$clerk" $ST "{\"serial\":\"$d1\",\"to\":\"destroyed\",\"note\":\"不要\"}"
refuses "an administrator destroys only saying why" E_NO_REASON "$admin" $ST "{\"serial\":\"$d1\",\"to\":\"destroyed\"}"
refuses "…not in spaces" E_NO_REASON "$admin" $ST "{\"serial\":\"$d1\",\"to\":\"destroyed\",\"note\":\" 　\"}"
refuses "a state that is no step" E_BAD_VALUE "$admin" $ST "{\"serial\":\"$d1\",\"to\":\"printed\"}"
check "…named in the detail" '[ "$(jq -r .error.detail "$work/body")" = to ]'
refuses "…nor an unknown one" E_BAD_VALUE "$admin" $ST "{\"serial\":\"$d1\",\"to\":\"lost\"}"
refuses "a note with a control character" E_BAD_VALUE "$clerk" $ST "{\"serial\":\"$d1\",\"to\":\"stored\",\"note\":\"a\u0007\"}"
refuses "no step for an unknown serial" E_NO_PRINT_JOB "$admin" $ST '{"serial":"P1999-999999","to":"stored"}'
refuses "nor for a serial of another shape" E_BAD_VALUE "$admin" $ST '{"serial":"P1-1","to":"stored"}'
refuses "nor for a form still issued" E_STATE "$admin" $ST "{\"serial\":\"$s3\",\"to\":\"stored\"}"
refuses "nor for a form not printed" E_STATE "$admin" $ST "{\"serial\":\"$s2\",\"to\":\"destroyed\",\"note\":\"x\"}"

api $T2 POST $ST "{\"serial\":\"$d1\",\"to\":\"stored\",\"note\":\"　書庫A \"}" "$clerk_t2"
answered "who printed it stores it, from another terminal" \
	'.serial == "'"$d1"'" and .state == "stored" and (keys | sort) == ["audit_ref", "serial", "state"]'
check "…logged: print.step, the serial, the step" \
	'audited ".action == \"print.step\" and .operator == \"C0001\" and .terminal == \"T0002\" and .target == \"$d1\" and .document == \"$d1\" and .reason == \"stored\" and .result == \"ok\""'
refuses "…once" E_STATE "$clerk" $ST "{\"serial\":\"$d1\",\"to\":\"stored\"}"
api $T1 POST $ST "{\"serial\":\"$d1\",\"to\":\"destroyed\",\"note\":\"保存期間満了\"}" "$admin"
answered "an administrator destroys it, saying why" '.state == "destroyed"'
refuses "…and nothing comes after" E_STATE "$admin" $ST "{\"serial\":\"$d1\",\"to\":\"handed-over\"}"
api $T2 POST $ST "{\"serial\":\"$d3\",\"to\":\"handed-over\"}" "$clerk2"
answered "a clerk hands their form over" '.state == "handed-over"'
refuses "…and it is gone: no destroying it" E_STATE "$admin" $ST "{\"serial\":\"$d3\",\"to\":\"destroyed\",\"note\":\"x\"}"
api $T1 POST $ST "{\"serial\":\"$s1\",\"to\":\"stored\"}" "$admin2"
answered "an administrator keeps another administrator's roster" '.state == "stored"'

api $T1 POST $SH "{\"serial\":\"$d1\"}" "$auditor"
answered "an auditor reads a line with its events, oldest first" \
	'.print.serial == "'"$d1"'" and .print.state == "destroyed" and .print.subject == "'"$k1"'" and [.events[].action] == ["issued", "printed", "stored", "destroyed"]'
answered "…each with who, where, when and the note" \
	'.events[2] | .operator_id == "C0001" and .terminal_id == "T0002" and .note == "書庫A" and (.time | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$")) and (keys | sort) == ["action", "note", "operator_id", "terminal_id", "time"]'
answered "…the destruction by the administrator, with why" \
	'.events[3] | .operator_id == "A0001" and .terminal_id == "T0001" and .note == "保存期間満了"'
check "…logged as print.show with the serial" \
	'audited ".action == \"print.show\" and .operator == \"U0001\" and .target == \"$d1\" and .result == \"ok\""'

# --- 8. reprints ----------------------------------------------------------------

print_about $T1 "$super" disclosure "$k2"
d2=$serial
finished $T1 "$super" "$d2" printed
refuses "a form printed before for its subject is not printed again" E_REPRINT "$super" $B "{\"form\":\"disclosure\",\"subject\":\"$k2\",\"reason\":\"再交付\"}"
check "…logged with the subject as its document" \
	'audited ".action == \"print.begin\" and .operator == \"S0001\" and .document == \"$k2\" and .result == \"refused\" and .reason == \"E_REPRINT:disclosure\""'
refuses "…by anyone" E_REPRINT "$clerk" $B "{\"form\":\"disclosure\",\"subject\":\"$k2\",\"reason\":\"再交付\"}"
refuses "…even handed over" E_REPRINT "$clerk2" $B "{\"form\":\"disclosure\",\"subject\":\"$k3\",\"reason\":\"再交付\"}" $T2
refuses "…or destroyed" E_REPRINT "$clerk" $B "{\"form\":\"disclosure\",\"subject\":\"$k1\",\"reason\":\"再交付\"}"
print_about $T1 "$clerk" correction "$k2"
answered "another form about the same subject is a first print" '.subject == "'"$k2"'"'
finished $T1 "$clerk" "$serial" printed

# A form that jammed was never in anyone's hands.
print_about $T1 "$clerk" provisions "$k4"
answered "printing again after a form that did not come out is no reprint" '.subject == "'"$k4"'"'
p4=$serial
check "…no reprint_of" '[ "$(ledger "SELECT reprint_of IS NULL FROM print_job WHERE serial = '"'$p4'"'")" = 1 ]'
finished $T1 "$clerk" "$p4" printed
refuses "…but once printed, again is a reprint" E_REPRINT "$clerk" $B "{\"form\":\"provisions\",\"subject\":\"$k4\",\"reason\":\"再交付\"}"

refuses "a reprint is asked with a reason" E_NO_REASON "$super" $RP "{\"serial\":\"$d2\"}"
refuses "…a clean one" E_BAD_VALUE "$super" $RP "{\"serial\":\"$d2\",\"reason\":\"a\u001bb\"}"
refuses "…by who may print the form" E_FORBIDDEN "$admin" $RP "{\"serial\":\"$d2\",\"reason\":\"汚損\"}"
refuses "…of a form about a subject" E_BAD_VALUE "$admin" $RP "{\"serial\":\"$s1\",\"reason\":\"汚損\"}"
check "…named in the detail" '[ "$(jq -r .error.detail "$work/body")" = serial ]'
refuses "…of a line printed" E_STATE "$clerk" $RP "{\"serial\":\"$(ledger "SELECT serial FROM print_job WHERE subject = '$k4' AND state = 'not-printed'")\",\"reason\":\"汚損\"}"
refuses "…that exists" E_NO_PRINT_JOB "$clerk" $RP '{"serial":"P1999-999999","reason":"汚損"}'

api $T1 POST $RP "{\"serial\":\"$d2\",\"reason\":\"汚損のため\"}" "$super"
answered "a clerk who is also an administrator asks to print it again" \
	'.serial == "'"$d2"'" and .reprint == "awaiting-approval"'
check "…logged with the serial" \
	'audited ".action == \"print.reprint\" and .operator == \"S0001\" and .target == \"$d2\" and .document == \"$d2\" and .reason == \"reprint-asked\" and .result == \"ok\""'
refuses "…once at a time" E_DUPLICATE "$clerk" $RP "{\"serial\":\"$d2\",\"reason\":\"紛失\"}"
refuses "…asked, not yet approved: still no reprint" E_REPRINT "$clerk" $B "{\"form\":\"disclosure\",\"subject\":\"$k2\",\"reason\":\"再交付\"}"
refuses "who asked may not approve it" E_SELF_APPROVAL "$super" $AP "{\"serial\":\"$d2\"}"
refuses "a line without a request awaiting is not approved" E_NOT_AWAITING "$admin" $AP "{\"serial\":\"$d1\"}"
api $T1 POST $AP "{\"serial\":\"$d2\"}" "$admin2"
answered "a second administrator approves it" '.serial == "'"$d2"'" and .reprint == "approved"'
check "…logged" \
	'audited ".action == \"print.approve\" and .operator == \"A0002\" and .target == \"$d2\" and .reason == \"reprint-approved\" and .result == \"ok\""'
refuses "…once" E_NOT_AWAITING "$admin" $AP "{\"serial\":\"$d2\"}"
api $T1 POST $SH "{\"serial\":\"$d2\"}" "$super"
answered "the line says its reprint is approved" \
	'.print.reprint == "approved" and [.events[].action] == ["issued", "printed", "reprint-asked", "reprint-approved"] and .events[2].note == "汚損のため" and .events[2].operator_id == "S0001" and .events[3].operator_id == "A0002"'

print_about $T1 "$clerk" disclosure "$k2"
r2=$serial
answered "the approved reprint is printed, by any clerk" '.subject == "'"$k2"'" and .serial != "'"$d2"'"'
check "…recorded as a reprint of the line" \
	'[ "$(ledger "SELECT reprint_of FROM print_job WHERE serial = '"'$r2'"'")" = "$d2" ]'
refuses "…once: then again refused" E_REPRINT "$clerk" $B "{\"form\":\"disclosure\",\"subject\":\"$k2\",\"reason\":\"再交付\"}"
api $T1 POST $SH "{\"serial\":\"$d2\"}" "$admin"
answered "the line printed again names the reprint, its request used" \
	'.print.reprint == "" and .events[-1].action == "reprinted" and .events[-1].note == "'"$r2"'" and .events[-1].operator_id == "C0001"'
finished $T1 "$clerk" "$r2" printed
api $T1 POST $SH "{\"serial\":\"$r2\"}" "$clerk"
answered "the reprint names what it reprints" '.print.reprint_of == "'"$d2"'" and .print.state == "printed"'
check "the file refuses a second use of the approval" \
	'! ledger "UPDATE print_reprint SET used_by = NULL" 2>/dev/null && [ "$(ledger "SELECT count(*) FROM print_reprint WHERE used_by = '"'$r2'"'")" = 1 ]'

# --- 9. who reads what ----------------------------------------------------------

api $T1 POST $L '{}' "$clerk"
answered "a clerk lists only the lines they printed" \
	'(.prints | length) > 0 and all(.prints[]; .operator_id == "C0001")'
check "…all of them" \
	'[ "$(jq ".prints | length" "$work/body")" = "$(ledger "SELECT count(*) FROM print_job WHERE operator_id = '"'C0001'"'")" ]'
api $T2 POST $L '{}' "$clerk2"
answered "…another clerk theirs" '[.prints[].serial] == ["'"$d3"'"]'
api $T2 POST $L '{"state":"destroyed"}' "$clerk2"
answered "…filtered too" '.prints == []'
api $T1 POST $L '{}' "$auditor"
answered "an auditor lists every line" \
	'(.prints | length) == '"$(ledger "SELECT count(*) FROM print_job")"
api $T1 POST $L "{\"subject\":\"$k2\"}" "$admin"
answered "…by subject, newest first" \
	'[.prints[] | [.form, .state]] == [["disclosure", "printed"], ["correction", "printed"], ["disclosure", "printed"]] and .prints[0].serial == "'"$r2"'"'
api $T1 POST $L "{\"subject\":\"$k2\",\"form\":\"disclosure\",\"state\":\"printed\"}" "$admin"
answered "…form and state with it" '[.prints[].serial] == ["'"$r2"'", "'"$d2"'"]'
refuses "a subject of another shape" E_BAD_VALUE "$admin" $L '{"subject":"a b"}'
check "…named in the detail" '[ "$(jq -r .error.detail "$work/body")" = subject ]'
refuses "a state of another protocol" E_BAD_VALUE "$admin" $L '{"state":"failed"}'
refuses "a clerk may not read another's line" E_NOT_YOURS "$clerk2" $SH "{\"serial\":\"$d1\"}" $T2
check "…logged with the serial" \
	'audited ".action == \"print.show\" and .operator == \"C0002\" and .target == \"$d1\" and .result == \"refused\" and .reason == \"E_NOT_YOURS\""'
refuses "…nor a roster" E_NOT_YOURS "$clerk" $SH "{\"serial\":\"$s1\"}"
refuses "an unknown serial" E_NO_PRINT_JOB "$admin" $SH '{"serial":"P1999-999999"}'
refuses "a serial of another shape" E_BAD_VALUE "$admin" $SH '{"serial":"x"}'
api $T1 POST $SH "{\"serial\":\"$s1\"}" "$auditor"
answered "an auditor reads a roster line of v1's kind" \
	'.print.form == "roster" and [.events[].action] == ["issued", "printed", "stored"] and .events[2].operator_id == "A0002"'

# --- 10. the ledger outlives the server ----------------------------------------

lines=$(ledger "SELECT count(*) FROM print_job")
last=$(ledger "SELECT max(sequence) FROM print_job")
server_stop
check "the server stopped cleanly" '[ "${server_status:-1}" = 0 ]'
server_start || { not_ok "the server starts again"; finish; exit 1; }
login A0001; admin=$token
print_begin $T1 "$admin" "再起動後"
answered "after a restart serials go on from the last" \
	'.serial == "P'"$year"'-'"$(printf %06d $((last + 1)))"'"'
lines=$((lines + 1))
s4=$serial
api $T1 POST $F "{\"serial\":\"$s4\",\"result\":\"printed\"}" "$admin"
answered "…and a new session of the same operator at the same terminal finishes it" \
	'.state == "printed"'
check "the file keeps every line: DELETE is refused" \
	'! ledger "DELETE FROM print_job" 2>/dev/null && [ "$(ledger "SELECT count(*) FROM print_job")" = "$lines" ]'
check "…and a finished line does not change" \
	'! ledger "UPDATE print_job SET state = '"'"'issued'"'"', finished_at = NULL WHERE serial = '"'$s1'"'" 2>/dev/null'
server_stop

# --- 11. the ledger where the configuration says ------------------------------

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
	'[ "$(ledger "SELECT count(*) FROM print_job")" = 1 ] && [ "$(ledger_db=$work/ledger.db ledger "SELECT count(*) FROM print_job")" = "$lines" ]'
server_stop

# --- 12. a demo server's forms are for training -------------------------------

server_demo || { not_ok "a demo set-up"; finish; exit 1; }
server_start || { not_ok "the server starts as a demo"; finish; exit 1; }
login U0001; auditor=$token
print_begin $T1 "$auditor" "研修用"
answered "a demo server says its forms are for training" \
	'.training == true and .serial == "P'"$year"'-000002"'
server_stop

"$bin/juki-server" --config "$work/server.conf" verify-audit >"$work/verify.out"
check "the audit chain verifies" '[ $? = 0 ]'
check "the server stopped cleanly" '[ "${server_status:-1}" = 0 ]'

finish
