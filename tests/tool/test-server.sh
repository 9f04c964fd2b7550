#!/bin/sh
# The 都道府県サーバ driven through real TLS clients (curl, openssl) on
# loopback, with a fresh PKI and resident file: every endpoint, every
# refusal, the audit chain, a clean stop, one instance a database.
# Usage: test-server.sh build/bin source-dir
set -u
. "$(dirname "$0")/harness.sh"
harness_start "$@" server_stop
. "$top/tests/tool/server-env.sh"

# expect NAME STATUS CODE: the last response was this refusal.
expect() {
	verify "$1" "[ \"\$status\" = $2 ] && [ \"\$(error_code)\" = $3 ]" got
}

server_setup 2000 || { echo "setup failed"; exit 1; }

# Fingerprint operators.  Their prints are opaque bytes to the server: here
# a marker to look for in the roster file, then random bytes.
add_print() {
	{ printf 'juki-test-print-%s-' "$1"; head -c 2000 /dev/urandom; } \
		>"$work/$1.print"
	base64 -w0 "$work/$1.print" | "$bin/juki-server" \
		--config "$work/server.conf" add-operator "$1" "$2" "$3" \
		--fingerprint
}
for op in "F0001 clerk 指紋一郎" "F0002 clerk 指紋二郎" \
    "F0003 clerk 指紋三郎" "F0004 clerk,admin 指紋四郎"; do
	# shellcheck disable=SC2086
	add_print $op || { echo "setup failed"; exit 1; }
done
server_start || { echo "server did not start"; exit 1; }

# A current and a removed resident of the generated file.
"$bin/juki-gendata" --db "$work/residents.db" --export - >"$work/all.tsv"
live=$(awk -F'\t' '$1 == "current" && $22 == 0 && $10 != "" { print $2; exit }' "$work/all.tsv")
live_kojin=$(awk -F'\t' -v c="$live" '$1 == "current" && $2 == c { print $10 }' "$work/all.tsv")
live_kana=$(awk -F'\t' -v c="$live" '$1 == "current" && $2 == c { print $5 }' "$work/all.tsv")
live_birth=$(awk -F'\t' -v c="$live" '$1 == "current" && $2 == c { print $6 }' "$work/all.tsv")
moved=$(awk -F'\t' -v live="$live" '$1 == "history" { h[$2] = 1 } $1 == "current" && h[$2] && $22 == 0 && $2 != live { print $2; exit }' "$work/all.tsv")

# login_with ID CHALLENGE OUTCOME [CERT]: login as ID; sets $token.
login_with() {
	api "${4:-terminal-T0001}" POST /v1/session/login \
		"{\"operator_id\":\"$1\",\"challenge\":\"$2\",\"outcome\":\"$3\"}"
	token=$(jq -r '.token // ""' "$work/body" 2>/dev/null)
}

# scan ID OUTCOME: begin, then login with what the reader reported.
scan() {
	token=
	begin "$1"
	[ -n "$challenge" ] || return 0
	login_with "$1" "$challenge" "$2"
}

# unlock TOKEN CHALLENGE OUTCOME [PIN]
unlock() {
	api terminal-T0001 POST /v1/session/unlock \
		"{\"challenge\":\"$2\",\"outcome\":\"$3\",\"pin\":\"${4:-}\"}" "$1"
}

# The roster, read beside the running server.
roster() {
	sqlite3 "$work/operators.db" "$1"
}

# --- adding operators
base64 -w0 "$work/F0002.print" | "$bin/juki-server" --config \
	"$work/server.conf" add-operator F0001 clerk x --fingerprint 2>"$work/add.err"
check "add-operator refuses a taken 照合ID" '[ $? = 1 ] && grep -q "F0001: その照合IDはすでに使われています" "$work/add.err"'
echo '@@@@' | "$bin/juki-server" --config "$work/server.conf" add-operator \
	X0001 clerk x --fingerprint 2>"$work/add.err"
check "add-operator refuses a print that is not base64" '[ $? = 1 ] && grep -q "base64 ではありません" "$work/add.err"'
head -c 9000 /dev/zero | base64 -w0 | "$bin/juki-server" --config \
	"$work/server.conf" add-operator X0001 clerk x --fingerprint 2>"$work/add.err"
check "…one larger than PROTOCOL_MAX_PRINT" '[ $? = 1 ] && grep -q "大きすぎます" "$work/add.err"'
base64 "$work/F0001.print" | "$bin/juki-server" --config "$work/server.conf" \
	add-operator X0001 clerk x --fingerprint 2>"$work/add.err"
check "…one wrapped over several lines" '[ $? = 1 ] && grep -q "1行" "$work/add.err"'
echo "" | "$bin/juki-server" --config "$work/server.conf" add-operator \
	X0001 clerk x --fingerprint 2>"$work/add.err"
check "…an empty one" '[ $? = 1 ] && grep -q "空です" "$work/add.err"'
echo 1234 | "$bin/juki-server" --config "$work/server.conf" add-operator \
	X0001 clerk x 2>"$work/add.err"
check "…an operator without --fingerprint or --pin" '[ $? = 2 ] && grep -q -- "--fingerprint か --pin" "$work/add.err"'
echo 1234 | "$bin/juki-server" --config "$work/server.conf" add-operator \
	X0001 clerk x --pin --fingerprint 2>"$work/add.err"
check "…or with both" '[ $? = 2 ]'
echo 1234 | "$bin/juki-server" --config "$work/server.conf" add-operator \
	X0001 clerk,boss x --pin 2>"$work/add.err"
check "…an unknown role" '[ $? = 1 ] && grep -q "不明な役割です: boss" "$work/add.err"'
check "…and added none of them" '[ "$(roster "SELECT count(*) FROM operator WHERE id = '"'"'X0001'"'"'")" = 0 ]'
echo 1234 | "$bin/juki-server" --config "$work/server.conf" add-operator \
	X0002 clerk x --pin --valid-until 2001-01-01 2>"$work/add.err"
check "…an end of validity already past" '[ $? = 1 ] && grep -q "有効期限は今日以降" "$work/add.err"'
echo 1234 | "$bin/juki-server" --config "$work/server.conf" add-operator \
	X0002 clerk x --pin --valid-until 2099-02-30 2>"$work/add.err"
check "…or not a date" '[ $? = 1 ] && grep -q "valid-until: 2099-02-30" "$work/add.err"'
echo 1234 | "$bin/juki-server" --config "$work/server.conf" add-operator \
	V0001 clerk 期限付 --valid-until 2099-03-31 --pin
check "an operator may be added with an end of validity" '[ $? = 0 ] && [ "$(roster "SELECT valid_until FROM operator WHERE id = '"'"'V0001'"'"'")" = 2099-03-31 ]'
check "…their history starting with an issue by the CLI" '[ "$(roster "SELECT actor || '"'"':'"'"' || after FROM operator_event WHERE operator_id = '"'"'V0001'"'"' AND action = '"'"'issue'"'"'")" = cli:clerk ]'
check "PIN operators are added with their method" '[ "$(roster "SELECT auth_method FROM operator WHERE id = '"'"'C0001'"'"'")" = pin ]'

# --- proving who the operator is: begin, then login with the outcome
begin F0001
check "begin for a fingerprint operator: a challenge, the method, the prints" \
	'[ "$status" = 200 ] && [ ${#challenge} = 64 ] && jq -e ".method == \"fingerprint\" and .expires_in == 120 and (.prints | length == 1) and .prints[0].finger == \"right-index\" and (has(\"print\") | not)" "$work/body" >/dev/null'
jq -r '.prints[0].print // ""' "$work/body" | base64 -d >"$work/F0001.got" 2>/dev/null
check "…the very bytes that were added" 'cmp -s "$work/F0001.print" "$work/F0001.got"'
check "…each release in the audit log" 'last_audited ".action == \"auth.begin\" and .operator == \"F0001\" and .result == \"ok\""'
check "the roster file holds no print in clear, only sealed ones" \
	'! grep -qa "juki-test-print" "$work"/operators.db* && [ "$(roster "SELECT length(print) FROM operator_print WHERE operator_id = '"'"'F0001'"'"' AND slot = 1")" = $(($(wc -c <"$work/F0001.print") + 28)) ]'
login_with F0001 "$challenge" match
check "a match opens a session" '[ "$status" = 200 ] && [ ${#token} = 64 ] && jq -e ".operator.id == \"F0001\" and .operator.name == \"指紋一郎\" and .operator.roles == [\"clerk\"] and .expires_in == 28800" "$work/body" >/dev/null'
check "…logged as a match" 'last_audited ".action == \"login\" and .operator == \"F0001\" and .result == \"ok\" and .reason == \"match\""'
fp=$token
api terminal-T0001 GET /v1/jimu "" "$fp"
check "…whose token works" '[ "$status" = 200 ]'
used=$challenge
login_with F0001 "$used" match
expect "a challenge is good once" 401 E_CHALLENGE
check "…refusals logged with their reason" 'last_audited ".reason == \"E_CHALLENGE:challenge-unknown\""'
begin F0001
login_with F0001 "$challenge" match terminal-T0002
expect "a challenge from another terminal certificate refused" 401 E_CHALLENGE
login_with F0001 "$challenge" match
expect "…and used up by that" 401 E_CHALLENGE
begin F0001
login_with F0002 "$challenge" match
expect "a challenge begun for another operator refused" 401 E_CHALLENGE
check "…logged as such" 'last_audited ".operator == \"F0002\" and .reason == \"E_CHALLENGE:challenge-other-operator\""'
api terminal-T0001 POST /v1/session/login '{"operator_id":"F0001","outcome":"match"}'
expect "login without a challenge refused" 401 E_CHALLENGE
begin F0001
login_with F0001 "$challenge" guess
expect "an unknown outcome refused" 400 E_BAD_VALUE
begin F0001
api terminal-T0001 POST /v1/session/login "{\"operator_id\":\"F0001\",\"challenge\":\"$challenge\",\"outcome\":\"pin\",\"pin\":\"1234\"}"
expect "a PIN for a fingerprint operator refused" 403 E_PIN_NOT_ALLOWED
for outcome in timeout cancelled reader-removed reader-error; do
	scan F0001 $outcome
	expect "$outcome: not verified" 401 E_NOT_VERIFIED
	check "…logged as $outcome" 'last_audited ".reason == \"E_NOT_VERIFIED:$outcome\""'
done
check "none of those counted as a failure" '[ "$(roster "SELECT failures FROM operator WHERE id = '"'"'F0001'"'"'")" = 0 ]'
begin C0001
check "begin for a PIN operator: no print" '[ "$status" = 200 ] && jq -e ".method == \"pin\" and (has(\"prints\") | not)" "$work/body" >/dev/null'
login_with C0001 "$challenge" match
expect "a fingerprint outcome for a PIN operator refused" 403 E_FINGERPRINT_NOT_ALLOWED
scan F0004 match
check "an operator of two roles" '[ "$status" = 200 ] && jq -e ".operator.roles == [\"clerk\", \"admin\"]" "$work/body" >/dev/null'
f4=$token

# --- no-match five times locks the ID; an administrator unlocks it
for i in 1 2 3 4; do scan F0002 no-match; done
expect "no-match refused" 401 E_NO_MATCH
check "…and counted" '[ "$(roster "SELECT failures FROM operator WHERE id = '"'"'F0002'"'"'")" = 4 ] && last_audited ".reason == \"E_NO_MATCH:no-match\""'
scan F0002 no-match
expect "the fifth no-match locks the ID" 403 E_LOCKED
begin F0002
expect "a locked ID cannot even begin" 403 E_LOCKED
begin F0003
roster "UPDATE operator SET status = 'locked' WHERE id = 'F0003'"
login_with F0003 "$challenge" match
expect "an ID locked between begin and login refused" 403 E_LOCKED
login A0001
admin=$token
api terminal-T0001 POST /v1/operators/unlock '{"operator_id":"F0002"}' "$fp"
expect "a clerk cannot unlock an ID" 403 E_FORBIDDEN
api terminal-T0001 POST /v1/operators/unlock '{"operator_id":"F0002"}' "$admin"
check "an administrator unlocks it" '[ "$status" = 200 ] && jq -e ".operator_id == \"F0002\" and .status == \"active\"" "$work/body" >/dev/null'
check "…logged with its target and the change" 'last_audited ".action == \"operator.unlock\" and .operator == \"A0001\" and .target == \"F0002\" and .result == \"ok\" and .reason == \"locked->active\""'
check "…with the failures forgotten" '[ "$(roster "SELECT status || failures FROM operator WHERE id = '"'"'F0002'"'"'")" = active0 ]'
scan F0002 match
check "…and the operator logs in again" '[ "$status" = 200 ]'
api terminal-T0001 POST /v1/operators/unlock '{"operator_id":"F0002"}' "$admin"
expect "unlocking an ID that is not locked refused" 409 E_NOT_LOCKED
api terminal-T0001 POST /v1/operators/unlock '{"operator_id":"NOBODY"}' "$admin"
expect "unlocking an unknown ID refused" 404 E_NO_OPERATOR
api terminal-T0001 POST /v1/operators/unlock '{"operator_id":"F0003"}' "$admin"
check "F0003 unlocked too" '[ "$status" = 200 ]'

# --- a print copied onto another operator's row does not open
roster "UPDATE operator_print SET print = (SELECT print FROM operator_print WHERE operator_id = 'F0001') WHERE operator_id = 'F0003'"
begin F0003
expect "a print copied from another operator's row does not open" 500 E_INTERNAL
check "…and nothing of it is sent" '! jq -e "has(\"prints\")" "$work/body" >/dev/null'
check "…the server says why" 'grep -q "F0003: 照合情報を復号できません" "$work/server.log" && last_audited ".reason == \"E_INTERNAL:print:print-unsealable\""'
check "…and the print it was copied from still opens" 'begin F0001; [ "$status" = 200 ]'
roster "DELETE FROM operator_print WHERE operator_id = 'F0003'"
begin F0003
expect "a fingerprint operator without a print cannot begin" 403 E_NO_PRINT

# --- enrolled again through the API, with two fingers: begin sends both
{ printf 'juki-test-print-thumb-'; head -c 1500 /dev/urandom; } >"$work/thumb.print"
{ printf 'juki-test-print-index-'; head -c 900 /dev/urandom; } >"$work/index.print"
api terminal-T0001 POST /v1/operators/enrol "{\"operator_id\":\"F0003\",\"document\":\"R7-E1\",\"prints\":[{\"finger\":\"right-thumb\",\"print\":\"$(base64 -w0 "$work/thumb.print")\"},{\"finger\":\"left-index\",\"print\":\"$(base64 -w0 "$work/index.print")\"}]}" "$admin"
check "an administrator enrols two fingers" '[ "$status" = 200 ] && jq -e ".operator_id == \"F0003\" and .fingers == [\"right-thumb\", \"left-index\"]" "$work/body" >/dev/null'
check "…logged with the change and the document" 'last_audited ".action == \"operator.enrol\" and .target == \"F0003\" and .reason == \"none->right-thumb,left-index\" and .document == \"R7-E1\""'
begin F0003
jq -r '.prints[0].print // ""' "$work/body" | base64 -d >"$work/thumb.got" 2>/dev/null
jq -r '.prints[1].print // ""' "$work/body" | base64 -d >"$work/index.got" 2>/dev/null
check "begin then sends both prints, each with its finger" \
	'jq -e "[.prints[].finger] == [\"right-thumb\", \"left-index\"]" "$work/body" >/dev/null && cmp -s "$work/thumb.print" "$work/thumb.got" && cmp -s "$work/index.print" "$work/index.got"'
check "…sealed in the roster, never in clear" '! grep -qa "juki-test-print-thumb" "$work"/operators.db*'

# --- PIN operators
login C0001
check "clerk logs in with 照合ID and PIN" '[ "$status" = 200 ] && [ ${#token} = 64 ] && jq -e ".operator.roles == [\"clerk\"]" "$work/body" >/dev/null'
clerk=$token
check "…logged as a PIN login" 'last_audited ".action == \"login\" and .reason == \"pin\""'
login C0001 9999
expect "wrong PIN refused" 401 E_BAD_CREDENTIALS
login NOBODY 1234
expect "unknown 照合ID gets the same answer" 401 E_BAD_CREDENTIALS
check "…but the audit log tells them apart" 'grep -q "E_BAD_CREDENTIALS:unknown-id" "$work/audit.log"'
api terminal-T0001 POST /v1/auth/begin '{"operator_id":"C0001\n"}'
expect "照合ID with a control character refused" 400 E_BAD_VALUE

# --- the screen lock: only the same operator takes it off
api terminal-T0001 POST /v1/session/lock '{}' "$fp"
check "a session locks" '[ "$status" = 200 ] && last_audited ".action == \"session.lock\" and .operator == \"F0001\" and .result == \"ok\""'
api terminal-T0001 POST /v1/lookup/code "{\"jimu\":\"KAIJI\",\"juminhyo_code\":\"$live\"}" "$fp"
expect "a locked session looks nobody up" 423 E_SESSION_LOCKED
api terminal-T0001 GET /v1/jimu "" "$fp"
expect "…nor anything else" 423 E_SESSION_LOCKED
api terminal-T0001 POST /v1/session/lock '{}' "$fp"
expect "…not even locking again" 423 E_SESSION_LOCKED
begin C0001
unlock "$fp" "$challenge" pin 1234
expect "another operator cannot unlock it" 401 E_CHALLENGE
check "…logged as such" 'last_audited ".action == \"session.unlock\" and .operator == \"F0001\" and .reason == \"E_CHALLENGE:challenge-other-operator\""'
begin F0001
unlock "$fp" "$challenge" no-match
expect "a no-match does not unlock" 401 E_NO_MATCH
begin F0001
unlock "$fp" "$challenge" pin 1234
expect "nor a PIN for a fingerprint operator" 403 E_PIN_NOT_ALLOWED
unlock "$fp" "" match
expect "nor a missing challenge" 401 E_CHALLENGE
api terminal-T0001 GET /v1/jimu "" "$fp"
expect "…the session is still locked" 423 E_SESSION_LOCKED
begin F0001
unlock "$fp" "$challenge" match
check "the same operator unlocks it" '[ "$status" = 200 ] && jq -e ".expires_in > 28000 and .expires_in <= 28800" "$work/body" >/dev/null'
check "…logged" 'last_audited ".action == \"session.unlock\" and .operator == \"F0001\" and .result == \"ok\" and .reason == \"match\""'
api terminal-T0001 GET /v1/jimu "" "$fp"
check "…and it works again" '[ "$status" = 200 ]'
api terminal-T0001 POST /v1/session/lock '{}' "$fp"
api terminal-T0001 POST /v1/session/logout '{}' "$fp"
check "a locked session may be ended" '[ "$status" = 200 ]'
check "…and the log says it was locked" 'last_audited ".action == \"logout\" and .operator == \"F0001\" and .result == \"ok\" and .reason == \"locked\""'
api terminal-T0001 GET /v1/jimu "" "$fp"
expect "…and its token is dead" 401 E_NO_SESSION

# --- failed unlocks count: the one that locks the ID ends the session
api terminal-T0001 POST /v1/session/lock '{}' "$f4"
for i in 1 2 3 4; do begin F0004; unlock "$f4" "$challenge" no-match; done
expect "failed unlocks refused" 401 E_NO_MATCH
begin F0004
unlock "$f4" "$challenge" no-match
expect "the fifth locks the ID" 403 E_LOCKED
api terminal-T0001 POST /v1/session/logout '{}' "$f4"
expect "…and ends the session" 401 E_NO_SESSION

# --- 事務
api terminal-T0001 GET /v1/jimu "" "$clerk"
check "事務 list" '[ "$status" = 200 ] && jq -e ".jimu | length == 2" "$work/body" >/dev/null'

# --- lookups
api terminal-T0001 POST /v1/lookup/code "{\"jimu\":\"KAIJI\",\"juminhyo_code\":\"$live\"}" "$clerk"
check "lookup by 住民票コード" '[ "$status" = 200 ] && [ "$(jq -r .resident.juminhyo_code "$work/body")" = "$live" ]'
check "…with 個人番号 for a 事務 that allows it" '[ "$(jq -r .resident.kojin_bango "$work/body")" = "$live_kojin" ]'
check "…and an audit reference" 'jq -e ".audit_ref > 0" "$work/body" >/dev/null'
check "…logged with operator, terminal, 事務 and target" \
	'tail -1 "$work/audit.log" | jq -e "select(.action == \"lookup.code\" and .operator == \"C0001\" and .terminal == \"T0001\" and .jimu == \"KAIJI\" and .target == \"$live\" and .result == \"ok\")" >/dev/null'
check "…and nothing else of the resident in the log" '! grep -q "$live_kana\|$live_kojin" "$work/audit.log"'
api terminal-T0001 POST /v1/lookup/code "{\"jimu\":\"TEIKYO\",\"juminhyo_code\":\"$live\"}" "$clerk"
check "no 個人番号 for a 事務 that does not allow it" '[ "$status" = 200 ] && jq -e ".resident | has(\"kojin_bango\") | not" "$work/body" >/dev/null'
api terminal-T0001 POST /v1/lookup/kojin "{\"jimu\":\"KAIJI\",\"kojin_bango\":\"$live_kojin\"}" "$clerk"
check "lookup by 個人番号" '[ "$status" = 200 ] && [ "$(jq -r .resident.juminhyo_code "$work/body")" = "$live" ]'
api terminal-T0001 POST /v1/lookup/kojin "{\"jimu\":\"TEIKYO\",\"kojin_bango\":\"$live_kojin\"}" "$clerk"
expect "lookup by 個人番号 refused for a 事務 without it" 403 E_FORBIDDEN
api terminal-T0001 POST /v1/lookup/4joho "{\"jimu\":\"KAIJI\",\"name_kana\":\"$live_kana\",\"birth_date\":\"$live_birth\"}" "$clerk"
check "lookup by 4情報" '[ "$status" = 200 ] && jq -e ".candidates | map(.juminhyo_code) | index(\"$live\") != null" "$work/body" >/dev/null'
check "…each candidate logged as a provision" 'grep "provide.candidate" "$work/audit.log" | grep -q "\"target\":\"$live\""'
api terminal-T0001 POST /v1/resident "{\"jimu\":\"KAIJI\",\"juminhyo_code\":\"$moved\"}" "$clerk"
check "one resident with history" '[ "$status" = 200 ] && jq -e ".history | length >= 1" "$work/body" >/dev/null'

# --- refusals of lookups: each precise, logged, changing nothing
api terminal-T0001 POST /v1/lookup/code "{\"juminhyo_code\":\"$live\"}" "$clerk"
expect "lookup without 事務 refused" 400 E_NO_JIMU
api terminal-T0001 POST /v1/lookup/code "{\"jimu\":\"NANDEMO\",\"juminhyo_code\":\"$live\"}" "$clerk"
expect "unknown 事務 refused" 400 E_UNKNOWN_JIMU
bad=$(echo "$live" | sed 's/.$//')$(( ($(echo "$live" | cut -c11) + 1) % 10 ))
api terminal-T0001 POST /v1/lookup/code "{\"jimu\":\"KAIJI\",\"juminhyo_code\":\"$bad\"}" "$clerk"
expect "wrong check digit refused" 400 E_CHECK_DIGIT
api terminal-T0001 POST /v1/lookup/code '{"jimu":"KAIJI","juminhyo_code":"12345678903"}' "$clerk"
expect "unknown 住民票コード: not found" 404 E_NOT_FOUND
api terminal-T0001 POST /v1/lookup/code '{"jimu":"KAIJI","juminhyo_code":"1234"}' "$clerk"
expect "short 住民票コード refused" 400 E_BAD_VALUE
api terminal-T0001 POST /v1/lookup/4joho '{"jimu":"KAIJI","name_kana":"山田"}' "$clerk"
expect "kanji where kana belongs refused" 400 E_BAD_VALUE
api terminal-T0001 POST /v1/lookup/4joho '{"jimu":"KAIJI","name_kana":"ヤマダ","birth_date":"2023-02-29"}' "$clerk"
expect "impossible birth date refused" 400 E_BAD_VALUE

# --- malformed requests
api terminal-T0001 POST /v1/lookup/code '{"jimu":"KAIJI",' "$clerk"
expect "malformed JSON refused" 400 E_MALFORMED
api terminal-T0001 POST /v1/lookup/code '["jimu"]' "$clerk"
expect "JSON that is not an object refused" 400 E_MALFORMED
api terminal-T0001 POST /v1/lookup/code "{\"jimu\":\"KAIJI\",\"juminhyo_code\":\"$live\",\"all\":1}" "$clerk"
expect "unknown field refused" 400 E_UNKNOWN_FIELD
api terminal-T0001 POST /v1/lookup/code '{"jimu":"KAIJI","juminhyo_code":12345678903}' "$clerk"
expect "wrong type refused" 400 E_WRONG_TYPE
api terminal-T0001 POST /v1/lookup/code '{"jimu":"KAIJI"}' "$clerk"
expect "missing field refused" 400 E_MISSING_FIELD
api terminal-T0001 POST /v1/lookup/code "{\"jimu\":\"KAIJI\",\"jimu\":\"TEIKYO\",\"juminhyo_code\":\"$live\"}" "$clerk"
expect "duplicate key refused" 400 E_MALFORMED
big=$(head -c 40000 /dev/zero | tr '\0' 'a')
api terminal-T0001 POST /v1/lookup/code "{\"jimu\":\"$big\"}" "$clerk"
expect "oversized body refused" 413 E_TOO_LARGE
api terminal-T0001 GET /v1/lookup/code "" "$clerk"
expect "wrong method refused" 405 E_METHOD
api terminal-T0001 GET /v2/jimu "" "$clerk"
expect "another protocol version refused" 404 E_VERSION
api terminal-T0001 GET /v1/everything "" "$clerk"
expect "unknown route refused" 404 E_NO_ROUTE
api terminal-T0001 GET "/v1/jimu?x=1" "" "$clerk"
expect "query strings are not routes" 404 E_NO_ROUTE

# --- sessions and roles
api terminal-T0001 GET /v1/jimu ""
expect "no session refused" 401 E_NO_SESSION
api terminal-T0001 GET /v1/jimu "" "0000000000000000000000000000000000000000000000000000000000000000"
expect "invented token refused" 401 E_NO_SESSION
api terminal-T0002 GET /v1/jimu "" "$clerk"
expect "token used from another terminal refused" 401 E_SESSION_TERMINAL
api cs-CS431001 GET /v1/jimu "" "$clerk"
expect "a 市町村CS certificate cannot use terminal requests" 403 E_FORBIDDEN
login U0001
api terminal-T0001 POST /v1/lookup/code "{\"jimu\":\"KAIJI\",\"juminhyo_code\":\"$live\"}" "$token"
expect "an auditor may not look residents up" 403 E_FORBIDDEN
login R0001
api terminal-T0001 POST /v1/lookup/code "{\"jimu\":\"KAIJI\",\"juminhyo_code\":\"$live\"}" "$token"
expect "a trainer may not look real residents up" 403 E_FORBIDDEN
api terminal-T0001 POST /v1/session/logout "{}" "$clerk"
check "logout" '[ "$status" = 200 ]'
api terminal-T0001 GET /v1/jimu "" "$clerk"
expect "token dead after logout" 401 E_NO_SESSION

login C0001
clerk2=$token

# --- five wrong PINs lock the ID, even against the right one after
for i in 1 2 3 4; do login C0002 0000; done
expect "wrong PINs refused" 401 E_BAD_CREDENTIALS
login C0002 0000
expect "fifth failure locks" 403 E_LOCKED
login C0002 1234
expect "locked ID refused even with the right PIN" 403 E_LOCKED
api terminal-T0001 POST /v1/operators/unlock '{"operator_id":"C0002"}' "$admin"
login C0002 1234
check "…until an administrator unlocks it" '[ "$status" = 200 ]'

# --- the roster is read at every request: a change applies at once
c2=$token
api terminal-T0001 POST /v1/operators/suspend '{"operator_id":"C0002"}' "$admin"
check "an administrator suspends an ID" '[ "$status" = 200 ] && jq -e ".status == \"suspended\"" "$work/body" >/dev/null && last_audited ".action == \"operator.suspend\" and .reason == \"active->suspended\" and .document == \"\""'
api terminal-T0001 GET /v1/jimu "" "$c2"
expect "…whose open session is refused at once" 403 E_INACTIVE
api terminal-T0001 GET /v1/jimu "" "$c2"
expect "…and was ended" 401 E_NO_SESSION
api terminal-T0001 POST /v1/operators/resume '{"operator_id":"C0002"}' "$admin"
login C0002 1234
c2=$token
api terminal-T0001 POST /v1/operators/roles '{"operator_id":"C0002","roles":["trainer"],"document":"R7-R1"}' "$admin"
check "roles taken away apply at once" '[ "$status" = 200 ] && jq -e ".state == \"done\" and .roles == [\"trainer\"]" "$work/body" >/dev/null'
api terminal-T0001 POST /v1/lookup/code "{\"jimu\":\"KAIJI\",\"juminhyo_code\":\"$live\"}" "$c2"
expect "…even to a session opened before" 403 E_FORBIDDEN
api terminal-T0001 POST /v1/operators/suspend '{"operator_id":"A0001"}' "$admin"
expect "no administrator changes their own ID" 403 E_OWN_ID

# --- the key that seals prints
cp "$work/print.key" "$work/print.key.orig"
"$bin/juki-server" new-print-key "$work/print.key" 2>"$work/newkey.err"
check "new-print-key never overwrites a key" '[ $? = 1 ] && grep -q "上書きしません" "$work/newkey.err" && cmp -s "$work/print.key" "$work/print.key.orig"'
check "a new key is 32 bytes, its owner's only" '[ "$(stat -c %a:%s "$work/print.key")" = 600:32 ]'
# bad_key: starts a server whose print_key is bad.key; false if it runs.
bad_key() {
	sed 's/^print_key = .*/print_key = "bad.key";/' "$work/server.conf" \
		>"$work/bad.conf"
	chmod 600 "$work/bad.conf"
	timeout 20 "$bin/juki-server" --config "$work/bad.conf" \
		>"$work/bad.log" 2>&1
	[ $? = 1 ] && ! grep -q "listening" "$work/bad.log"
}
rm -f "$work/bad.key"
check "without its key file the server refuses to start" 'bad_key && grep -q "bad.key: 照合情報の鍵を開けません" "$work/bad.log"'
head -c 32 /dev/urandom >"$work/bad.key"
chmod 640 "$work/bad.key"
check "…with a key others can read" 'bad_key && grep -q "bad.key: 照合情報の鍵が所有者以外から読めます" "$work/bad.log"'
head -c 31 /dev/urandom >"$work/bad.key"
chmod 600 "$work/bad.key"
check "…with a key of 31 bytes" 'bad_key && grep -q "bad.key: 照合情報の鍵は 32 バイトの" "$work/bad.log"'
head -c 33 /dev/urandom >"$work/bad.key"
check "…or of 33" 'bad_key && grep -q "32 バイト" "$work/bad.log"'

# --- the handshake: TLS 1.3 only, a trusted, valid, unrevoked certificate
handshake() {
	curl -s -o /dev/null --cacert "$work/pki/ca.crt" "$@" \
		"https://localhost:$port/v1/jimu"
}
for who in expired notyet revoked other; do
	handshake --cert "$work/pki/$who.crt" --key "$work/pki/$who.key"
	check "$who certificate refused in the handshake" '[ $? -ne 0 ]'
done
handshake
check "no client certificate refused in the handshake" '[ $? -ne 0 ]'
handshake --tls-max 1.2 --cert "$work/pki/terminal-T0001.crt" --key "$work/pki/terminal-T0001.key"
check "TLS 1.2 refused" '[ $? -ne 0 ]'
check "refused handshakes are in the audit log" \
	'[ "$(grep -c "tls.handshake" "$work/audit.log")" -ge 5 ] && grep "tls.handshake" "$work/audit.log" | grep -q "certificate has expired" && grep "tls.handshake" "$work/audit.log" | grep -q "certificate revoked" && grep "tls.handshake" "$work/audit.log" | grep -q "certificate required"'
group=$(echo | openssl s_client -connect "127.0.0.1:$port" -cert "$work/pki/terminal-T0001.crt" -key "$work/pki/terminal-T0001.key" -CAfile "$work/pki/ca.crt" 2>&1 | grep -E "^New, |Server Temp Key" | tr '\n' ' ')
check "TLS 1.3 with X25519 negotiated" 'echo "$group" | grep -q "TLSv1.3" && echo "$group" | grep -q "X25519"'

# --- updates from 市町村CS
cs=cs-CS431001
seq_before=$(sqlite3 "$work/residents.db" "SELECT max(update_seq) FROM resident")
api $cs POST /v1/cs/update "$(update_json U-1 21 2026-05-01 "$(record_json "$live" "熊本県熊本市中央区新町9丁目9番9号")")"
check "転居 changing only the address is applied" '[ "$status" = 200 ] && [ "$(jq -r .update_seq "$work/body")" -gt "$seq_before" ]'
check "…and is the current record, the old one history" \
	'[ "$(sqlite3 "$work/residents.db" "SELECT address FROM resident WHERE juminhyo_code = '"'"'$live'"'"'")" = "熊本県熊本市中央区新町9丁目9番9号" ] && [ "$(sqlite3 "$work/residents.db" "SELECT count(*) FROM resident_history WHERE juminhyo_code = '"'"'$live'"'"'")" -ge 1 ]'
api $cs POST /v1/cs/update "$(update_json U-1 21 2026-05-01 "$(record_json "$live" "熊本県熊本市中央区新町9丁目9番9号")")"
expect "the same update sent twice is a replay" 409 E_REPLAY
api $cs POST /v1/cs/update "$(update_json U-2 21 2026-05-02 "$(record_json "$live" "" "改名　太郎")")"
expect "転居 that changes the name refused" 422 E_UPDATE_REFUSED
check "…with its reason" '[ "$(jq -r .error.detail "$work/body")" = tenkyo-not-address ]'
api $cs POST /v1/cs/update "$(update_json U-3 11 2026-05-03 "$(record_json "$live")")"
expect "転入 of a current resident refused" 422 E_UPDATE_REFUSED
check "…as already resident" '[ "$(jq -r .error.detail "$work/body")" = already-resident ]'
api $cs POST /v1/cs/update "$(update_json U-4 32 2026-05-04 "{\"juminhyo_code\":\"$live\"}")"
check "死亡 removes the resident" '[ "$status" = 200 ] && [ "$(sqlite3 "$work/residents.db" "SELECT deleted FROM resident WHERE juminhyo_code = '"'"'$live'"'"'")" = 1 ]'
api $cs POST /v1/cs/update "$(update_json U-5 31 2026-05-05 "{\"juminhyo_code\":\"$live\"}")"
expect "removing someone already removed refused" 422 E_UPDATE_REFUSED
check "…as already removed" '[ "$(jq -r .error.detail "$work/body")" = already-removed ]'
api $cs POST /v1/cs/update "$(update_json U-6 21 2026-05-06 '{"juminhyo_code":"12345678903"}')"
expect "change to an unknown 住民票コード refused" 422 E_UPDATE_REFUSED
check "…as unknown" '[ "$(jq -r .error.detail "$work/body")" = unknown-resident ]'
api $cs POST /v1/cs/update "$(update_json U-7 99 2026-05-07 "{\"juminhyo_code\":\"$moved\"}")"
expect "unknown 異動事由 refused" 422 E_UPDATE_REFUSED
api $cs POST /v1/cs/update "$(update_json U-8 21 2026-05-08 "{\"juminhyo_code\":\"$moved\",\"colour\":\"red\"}")"
expect "unknown item in the record refused" 400 E_BAD_VALUE
api $cs POST /v1/cs/update "$(update_json 'U 9' 21 2026-05-08 "{\"juminhyo_code\":\"$moved\"}")"
expect "update id with a space refused" 400 E_BAD_VALUE
api terminal-T0001 POST /v1/cs/update "$(update_json U-10 32 2026-05-09 "{\"juminhyo_code\":\"$moved\"}")"
expect "a terminal certificate cannot send updates" 403 E_NOT_CS
check "refused updates changed nothing" '[ "$(sqlite3 "$work/residents.db" "SELECT count(*) FROM cs_update")" = 2 ]'
api terminal-T0001 POST /v1/lookup/code "{\"jimu\":\"KAIJI\",\"juminhyo_code\":\"$live\",\"\\u001b[31mx\":1}" "$clerk2"
expect "a hostile field name is refused…" 400 E_UNKNOWN_FIELD
check "…and still logged, made harmless" 'tail -1 "$work/audit.log" | jq -e ".reason | startswith(\"E_UNKNOWN_FIELD:?[31m\")" >/dev/null'

# --- one server a database
"$bin/juki-server" --config "$work/server.conf" >"$work/second.log" 2>&1
check "a second instance on the same database refuses to start" \
	'[ $? -ne 0 ] && grep -q "別のサーバ" "$work/second.log"'

# --- when the audit log cannot be written, nothing is answered
size=$(stat -c %s "$work/audit.log")
# (the file size limit stands in for a full disk)
if prlimit --pid "$server_pid" --fsize="$size:unlimited"; then
	login C0001
	expect "request refused when its audit entry cannot be written" 503 E_AUDIT
	check "…and no session was opened" '[ -z "$token" ]'
	api terminal-T0001 POST /v1/operators/suspend '{"operator_id":"C0001"}' "$admin"
	expect "a change of the roster refused when its entry cannot be written" 503 E_AUDIT
	check "…and not made, nor put in the history" '[ "$(roster "SELECT status FROM operator WHERE id = '"'"'C0001'"'"'")" = active ] && [ "$(roster "SELECT count(*) FROM operator_event WHERE operator_id = '"'"'C0001'"'"' AND action = '"'"'suspend'"'"'")" = 0 ]'
	answered=$((answered - 2))	# those have no entry, by design
	prlimit --pid "$server_pid" --fsize=unlimited:unlimited
	login C0001
	check "requests are answered again once the log can be written" '[ "$status" = 200 ]'
else
	not_ok "prlimit cannot limit the server's file size"
fi

# --- stop, and the chain of everything above verifies
server_stop
n=0
for action in auth.begin session.lock session.unlock operator.unlock; do
	grep -q "\"action\":\"$action\"" "$work/audit.log" && n=$((n + 1))
done
check "auth.begin, session.lock, session.unlock, operator.unlock are logged" '[ "$n" = 4 ]'
check "SIGTERM stops the server cleanly" '[ "$server_status" = 0 ]'
"$bin/juki-server" --config "$work/server.conf" verify-audit >"$work/verify.out"
check "the audit chain verifies" '[ $? = 0 ] && grep -q "完全" "$work/verify.out"'
entries=$(grep -vc '"action":"\(provide.candidate\|tls.handshake\)"' "$work/audit.log")
check "every answered request left exactly one entry ($answered)" '[ "$entries" = "$answered" ]'

# --- an idle session expires (a restart also ends every session)
session_idle=2 server_config
server_start
api terminal-T0001 GET /v1/jimu "" "$clerk2"
expect "a restart ends every session" 401 E_NO_SESSION
login C0001
sleep 3
api terminal-T0001 GET /v1/jimu "" "$token"
expect "a session idle past its limit has expired" 401 E_SESSION_EXPIRED
server_stop

# --- the replay command, with the server stopped
{
	update_json R-1 21 2026-06-01 "$(record_json "$moved" "熊本県八代市本町1丁目1番1号")"; echo
	update_json U-1 21 2026-05-01 "$(record_json "$moved")"; echo
	update_json R-2 11 2026-06-02 "$(record_json "$moved")"; echo
	echo '{"update_id":'
} >"$work/updates.jsonl"
"$bin/juki-server" --config "$work/server.conf" replay-updates "$work/updates.jsonl" >"$work/replay.out"
check "replay applies what passes and reports the rest" \
	'[ $? = 1 ] && grep -q "適用 1 件、拒否 2 件、処理済み 1 件" "$work/replay.out" && grep -q "^3 行目: already-resident" "$work/replay.out"'
"$bin/juki-server" --config "$work/server.conf" verify-audit >/dev/null
check "the chain still verifies after the replay" '[ $? = 0 ]'

# The documented example names the same files as this set-up: it loads.
cp "$top/assets/juki-server.conf" "$work/example.conf"
chmod 600 "$work/example.conf"
check "the example configuration in assets/ is one the server accepts" \
	'"$bin/juki-server" --config "$work/example.conf" verify-audit >/dev/null'

finish
