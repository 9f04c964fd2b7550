#!/bin/sh
# The 都道府県サーバ driven through real TLS clients (curl, openssl) on
# loopback, with a fresh PKI and resident file: every endpoint, every
# refusal, the audit chain, a clean stop, one instance a database.
# Usage: test-server.sh build/bin source-dir
set -u
bin=$1
top=$2
work=$(mktemp -d)
server_pid=
trap 'server_stop; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
. "$top/tests/tool/server-env.sh"

. "$(dirname "$0")/harness.sh"
# expect NAME STATUS CODE: the last response was this refusal.
expect() {
	check "$1" "[ \"\$status\" = $2 ] && [ \"\$(error_code)\" = $3 ]" ||
		{ echo "  got $status: $(cat "$work/body")"; }
}

server_setup 2000 || { echo "setup failed"; exit 1; }
server_start || { echo "server did not start"; exit 1; }

# A current and a removed resident of the generated file.
"$bin/juki-gendata" --db "$work/residents.db" --export - >"$work/all.tsv"
live=$(awk -F'\t' '$1 == "current" && $22 == 0 && $10 != "" { print $2; exit }' "$work/all.tsv")
live_kojin=$(awk -F'\t' -v c="$live" '$1 == "current" && $2 == c { print $10 }' "$work/all.tsv")
live_kana=$(awk -F'\t' -v c="$live" '$1 == "current" && $2 == c { print $5 }' "$work/all.tsv")
live_birth=$(awk -F'\t' -v c="$live" '$1 == "current" && $2 == c { print $6 }' "$work/all.tsv")
moved=$(awk -F'\t' -v live="$live" '$1 == "history" { h[$2] = 1 } $1 == "current" && h[$2] && $22 == 0 && $2 != live { print $2; exit }' "$work/all.tsv")

# --- sessions
login C0001
check "clerk logs in with 照合ID and PIN" '[ "$status" = 200 ] && [ ${#token} = 64 ] && jq -e ".operator.roles == [\"clerk\"]" "$work/body" >/dev/null'
clerk=$token
login C0001 9999
expect "wrong PIN refused" 401 E_BAD_CREDENTIALS
login NOBODY 1234
expect "unknown 照合ID gets the same answer" 401 E_BAD_CREDENTIALS
check "…but the audit log tells them apart" 'grep -q "E_BAD_CREDENTIALS:unknown-id" "$work/audit.log"'
api terminal-T0001 POST /v1/session/login '{"operator_id":"C0001\n","pin":"1234"}'
expect "照合ID with a control character refused" 400 E_BAD_VALUE

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
big=$(head -c 20000 /dev/zero | tr '\0' 'a')
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
login C0002 0000
expect "fifth failure locks" 403 E_LOCKED
login C0002 1234
expect "locked ID refused even with the right PIN" 403 E_LOCKED

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
	answered=$((answered - 1))	# that one has no entry, by design
	prlimit --pid "$server_pid" --fsize=unlimited:unlimited
	login C0001
	check "requests are answered again once the log can be written" '[ "$status" = 200 ]'
else
	not_ok "prlimit cannot limit the server's file size"
fi

# --- stop, and the chain of everything above verifies
server_stop
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

finish
