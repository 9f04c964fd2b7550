#!/bin/sh
# The trainers' exercises (研修の課題) driven through the server's real
# API with curl: a production server refuses to start with an exercises
# file and refuses the route (E_NOT_DEMO, audited); a demo server refuses
# to start on a malformed file, one others may write, or none at all; and
# on the shipped file (assets/training/exercises.conf) each exercise is
# ticked exactly when what its steps ask for happens, and not before (a
# refused lookup ticks nothing, a printed form is not a notice handed
# over, a lock-out counts once an administrator lifted it), following
# the residents and numbers its steps name.  The terminal looks a
# 住民票コード up as resident.view, and views so too the record it found
# by 個人番号 or 4情報: only the first is the 住民票コード exercise.  An
# emptied audit log (a reset) starts them afresh.  The contract is the
# comment "Training" in include/juki/protocol.h.
# Usage: test-training-api.sh build/bin source-dir
# Checks are strings for eval, so their variables are used there:
# shellcheck disable=SC2016,SC2034
set -u
. "$(dirname "$0")/harness.sh"
harness_start "$@" server_stop
. "$top/tests/tool/server-env.sh"

shipped=$top/assets/training/exercises.conf
server_setup 50 || { echo "setup failed"; exit 1; }

# --- helpers -------------------------------------------------------------

# exercises TOKEN [LANGUAGE]: the checklist, kept in $work/ex.json.
exercises() {
	as "$1" /v1/training/exercises "{\"language\":\"${2:-ja}\"}"
	cp "$work/body" "$work/ex.json"
}
# done_ids: the ids the last checklist gives as done, space-separated.
done_ids() {
	jq -r '[.exercises[]? | select(.done == true) | .id] | join(" ")' \
		"$work/ex.json" 2>/dev/null
}
# ticks NAME TOKEN IDS: the checklist now has exactly IDS done, counted.
ticks() {
	want=$3
	exercises "$2"
	verify "$1" '[ "$status" = 200 ] && [ "$(done_ids)" = "$want" ] &&
		jq -e --arg n "$(echo $want | wc -w)" \
		"(.done | tostring) == \$n and .total == 8" "$work/ex.json" \
		>/dev/null' 'echo "  done: $(done_ids) ($(jq -c "{done, total}" "$work/ex.json"))"'
}

# with_exercises FILE: server.conf as it is, naming FILE.
with_exercises() {
	grep -v '^exercises = ' "$work/server.conf" >"$work/conf.tmp"
	echo "exercises = \"$1\";" >>"$work/conf.tmp"
	mv "$work/conf.tmp" "$work/server.conf"
	chmod 600 "$work/server.conf"
}

# --- 1. a production server --------------------------------------------

with_exercises "$shipped"
refuses_start "a production server with an exercises file does not start" \
	"exercises は研修用サーバ (demo = true) でのみ設定できます"
server_config
server_start || { echo "server did not start"; exit 1; }
login C0001; clerk=$token
as "$clerk" /v1/training/exercises '{"language":"ja"}'
verify "a production server refuses the checklist, E_NOT_DEMO" \
	'[ "$(error_code)" = E_NOT_DEMO ] && [ "$status" = "$(status_of E_NOT_DEMO)" ] &&
	jqb ".error.message == \"$(message_of E_NOT_DEMO)\""' got
check "…audited as every route is" \
	'last_audited ".action == \"training.exercises\" and .result == \"refused\" and .reason == \"E_NOT_DEMO\" and .operator == \"C0001\""'
login R0001
as "$token" /v1/training/exercises '{"language":"en"}'
check "…to a trainer too" '[ "$(error_code)" = E_NOT_DEMO ]'
as "" /v1/training/exercises '{"language":"ja"}'
check "…and without a session, E_NO_SESSION" '[ "$(error_code)" = E_NO_SESSION ]'
server_stop

# --- 2. a demo server refuses a file that is not right --------------------

server_demo || { echo "demo set-up failed"; exit 1; }
# A fresh start, as juki-demo makes it: the audit log and its seals gone.
rm -f "$work/audit.log" "$work/audit.log.seals"
sed 's/action = "lookup.kojin"/action = "lookup.kojn"/' "$shipped" \
	>"$work/bad.conf"
line=$(grep -n 'action = "lookup.kojn"' "$work/bad.conf" | cut -d: -f1)
with_exercises "$work/bad.conf"
refuses_start "a demo server does not start on an action misspelt" \
	"bad.conf:$line: action は監査ログに記録される操作の名前です (lookup.kojn)"
sed 's/reason = "E_MISMATCH"/reason = "E_MISMATCHED"/' "$shipped" \
	>"$work/bad.conf"
refuses_start "…nor on an error code misspelt" "reason はエラーコード"
sed 's/^\( *\)steps_en = \[/\1stepsen = [/' "$shipped" >"$work/bad.conf"
refuses_start "…nor on a setting misspelt" "stepsen は使えない設定です"
printf 'exercises = ( { id = "x"; ' >"$work/bad.conf"
refuses_start "…nor on a file libconfig cannot read" "bad.conf:1:"
cp "$shipped" "$work/bad.conf"
chmod 666 "$work/bad.conf"
refuses_start "…nor on one others may write" "他のユーザーが書き込める"
with_exercises "$work/none.conf"
refuses_start "…nor on none" "none.conf: 設定ファイルを開けません"

grep -v '^exercises = ' "$work/server.conf" >"$work/conf.tmp"
mv "$work/conf.tmp" "$work/server.conf"
chmod 600 "$work/server.conf"
server_start || { echo "the demo server did not start"; exit 1; }
login C0001
exercises "$token"
answered "a demo server without an exercises file has none to show" \
	'.total == 0 and .done == 0 and .exercises == []'
server_stop
rm -f "$work/audit.log" "$work/audit.log.seals"

# --- 3. the shipped file, each exercise as its steps say ------------------

with_exercises "$shipped"
check "a demo server starts on the shipped exercises" server_start
[ -n "$server_pid" ] || { finish; exit 1; }
login C0001; clerk=$token
login A0001; admin=$token
login U0001; auditor=$token
login R0001; trainer=$token

exercises "$clerk"
answered "a clerk gets the checklist" \
	'.total == 8 and .done == 0 and (.exercises | length) == 8 and
	([.exercises[].id] == ["lookup-code", "lookup-kojin", "lookup-4joho",
	  "mismatch", "disclosure-notice", "lockout", "issue-id", "revoke-id"])'
check "…in Japanese, each with its steps, none done" \
	'jq -e ".exercises[0].title == \"住民票コードで照会する\" and
	  (.exercises[0].steps[2] | contains(\"00134603011\")) and
	  all(.exercises[]; .done == false and (.steps | length) > 0)" \
	  "$work/ex.json" >/dev/null'
check "…audited" \
	'last_audited ".action == \"training.exercises\" and .result == \"ok\" and .operator == \"C0001\""'
exercises "$trainer" en
answered "a trainer gets it in English" \
	'.exercises[0].title == "Look a resident up by 住民票コード" and
	 (.exercises[5].steps | length) == 6'
exercises "$admin"
check "…and an administrator" '[ "$status" = 200 ] && jqb ".total == 8"'
exercises "$auditor"
check "…and an auditor" '[ "$status" = 200 ] && jqb ".total == 8"'
as "$clerk" /v1/training/exercises '{"language":"fr"}'
check "a language other than ja or en is refused" \
	'[ "$(error_code)" = E_BAD_VALUE ] && jqb ".error.detail == \"language\""'
as "$clerk" /v1/training/exercises '{}'
check "…as is none" '[ "$(error_code)" = E_MISSING_FIELD ]'

# lookup-code: the terminal looks a 住民票コード up as resident.view (the
# record with its history); a refused lookup ticks nothing, nor does
# lookup/code, which no terminal uses.
lookup() { as "$clerk" "/v1/$1" "$2"; }
lookup resident '{"jimu":"KAIJI","juminhyo_code":"00134603012"}'
check "a lookup with a wrong check digit is refused" '[ "$(error_code)" = E_CHECK_DIGIT ]'
ticks "…and ticks nothing" "$clerk" ""
lookup lookup/code '{"jimu":"KAIJI","juminhyo_code":"00134603011"}'
answered "lookup/code finds the resident the first exercise names" \
	'.resident.name_kanji == "練習台　訓太"'
ticks "…which is not how the terminal looks up: nothing" "$clerk" ""
lookup resident '{"jimu":"KAIJI","juminhyo_code":"00134603011"}'
answered "the terminal's lookup by 住民票コード finds the resident" \
	'.resident.name_kanji == "練習台　訓太" and (.history | type) == "array"'
ticks "…which ticks that exercise alone" "$clerk" "lookup-code"

# lookup-kojin: the record found is then viewed with its history, as the
# terminal does: that is not a lookup by 住民票コード.  From a fresh log,
# as after a reset.
server_stop
rm -f "$work/audit.log" "$work/audit.log.seals"
server_start || { echo "the demo server did not start again"; exit 1; }
login C0001; clerk=$token
login A0001; admin=$token
login U0001; auditor=$token
login R0001; trainer=$token
lookup lookup/kojin '{"jimu":"TEIKYO","kojin_bango":"056357465953"}'
check "a lookup by 個人番号 for a 事務 that may not is refused" \
	'[ "$(error_code)" = E_FORBIDDEN ]'
ticks "…and ticks nothing" "$clerk" ""
lookup lookup/kojin '{"jimu":"KAIJI","kojin_bango":"056357465953"}'
answered "the 個人番号 the steps name is found" \
	'.resident.name_kanji == "訓練　例子"'
kojin_code=$(jq -r .resident.juminhyo_code "$work/body")
ticks "…ticking its exercise" "$clerk" "lookup-kojin"
lookup resident "{\"jimu\":\"KAIJI\",\"juminhyo_code\":\"$kojin_code\"}"
answered "…then viewed with its history" '.history | type == "array"'
ticks "…which is not a lookup by 住民票コード" "$clerk" "lookup-kojin"
lookup resident '{"jimu":"KAIJI","juminhyo_code":"00134603011"}'
ticks "…while one looked up by its code is" "$clerk" "lookup-code lookup-kojin"

# lookup-4joho
lookup lookup/4joho '{"jimu":"KAIJI","name_kana":"ケンシュウ ムコウ","birth_date":"1900-01-01"}'
check "a 4情報 search nobody matches is refused" '[ "$(error_code)" = E_NOT_FOUND ]'
ticks "…and ticks nothing" "$clerk" "lookup-code lookup-kojin"
lookup lookup/4joho '{"jimu":"KAIJI","name_kana":"ケイコ アキコ","birth_date":"1966-02-04","sex":2}'
answered "the 4情報 the steps give find 稽古 秋子" \
	'any(.candidates[]; .name_kanji == "稽古　秋子")'
ticks "…ticking its exercise" "$clerk" "lookup-code lookup-kojin lookup-4joho"
three="lookup-code lookup-kojin lookup-4joho"

# mismatch: the statement as the steps give it, the birth date wrong.
receive() {
	as "$clerk" /v1/disclosures/receive "{\"request_no\":\"$1\",\"channel\":\"counter\",\"requester\":\"self\",\"documents\":[\"driving-licence\"],\"name\":\"$2\",\"kana\":\"$3\",\"birth_date\":\"$4\",\"sex\":2,\"address\":\"$5\",\"fee_paid\":${6:-1}}"
}
moki="模木 花子|モキ ハナコ|熊本県上益城郡嘉島町大字杉島53番地19"
receive KENSHU-M1 "${moki%%|*}" "$(echo "$moki" | cut -d'|' -f2)" 2002-02-06 \
	"${moki##*|}" 0
check "a request without the fee is refused" '[ "$(error_code)" = E_NO_FEE ]'
ticks "…and ticks nothing" "$clerk" "$three"
receive KENSHU-M1 "${moki%%|*}" "$(echo "$moki" | cut -d'|' -f2)" 2002-02-06 \
	"${moki##*|}"
check "the statement the steps give, the birth date wrong, is refused E_MISMATCH" \
	'[ "$(error_code)" = E_MISMATCH ]'
ticks "…ticking the exercise" "$clerk" "$three mismatch"
receive KENSHU-M2 "${moki%%|*}" "$(echo "$moki" | cut -d'|' -f2)" 2002-02-05 \
	"${moki##*|}"
answered "…while with the right birth date it matches" '.request.state == "received"'
ticks "…which ticks nothing more" "$clerk" "$three mismatch"
four="$three mismatch"

# disclosure-notice: received, decided, printed, handed over.
receive KENSHU-D1 "体験 試代" "タイケン シヨ" 1943-11-24 \
	"熊本県熊本市中央区小山3丁目22番16号"
answered "the request the steps give is received" '.request.juminhyo_code == "00945019077"'
as "$clerk" /v1/disclosures/decide '{"request_no":"KENSHU-D1"}'
answered "…and decided" '.request.state == "decided"'
as "$clerk" /v1/disclosures/notify '{"request_no":"KENSHU-D1","how":"handed"}'
check "handing it over before the notice is printed is refused" \
	'[ "$(error_code)" = E_NOT_PRINTED ]'
ticks "…and ticks nothing" "$clerk" "$four"
as "$clerk" /v1/prints/begin '{"form":"disclosure","reason":"研修","subject":"KENSHU-D1"}'
serial=$(jq -r '.serial // ""' "$work/body")
as "$clerk" /v1/prints/finish "{\"serial\":\"$serial\",\"result\":\"printed\"}"
answered "the notice is printed" '.state == "printed"'
ticks "…which alone is not the exercise" "$clerk" "$four"
as "$clerk" /v1/disclosures/notify '{"request_no":"KENSHU-D1","how":"handed"}'
answered "…then handed over" '.request.state == "notified"'
ticks "…which ticks it" "$clerk" "$three mismatch disclosure-notice"
five="$three mismatch disclosure-notice"

# lockout: wrong proofs until the ID locks, then an administrator's unlock.
for _ in 1 2 3 4; do login C0002 9999; done
check "four wrong PINs are refused" '[ "$(error_code)" = E_BAD_CREDENTIALS ]'
ticks "…and tick nothing" "$clerk" "$five"
login C0002 9999
check "the fifth locks the ID" '[ "$(error_code)" = E_LOCKED ]'
ticks "…which alone is not the exercise" "$clerk" "$five"
login C0002
check "…after which even beginning is refused, E_LOCKED" \
	'[ "$(error_code)" = E_LOCKED ] && last_audited ".action == \"auth.begin\" and (.reason | startswith(\"E_LOCKED\"))"'
ticks "…still" "$clerk" "$five"
as "$admin" /v1/operators/unlock '{"operator_id":"C0002"}'
answered "an administrator unlocks it" '.status == "active"'
ticks "…which completes the exercise" "$clerk" "$five lockout"
six="$five lockout"

# issue-id and revoke-id
as "$admin" /v1/operators/issue '{"application_no":"KENSHU-A1"}'
check "issuing for no application is refused" '[ "$(error_code)" = E_NO_APPLICATION ]'
ticks "…and ticks nothing" "$clerk" "$six"
as "$admin" /v1/applications/register '{"application_no":"KENSHU-A1","name":"研修花子","kana":"ケンシュウハナコ","affiliation":"研修課","roles":["clerk"],"requested_by":"研修課長"}'
answered "an application for the clerk role is registered" '.state == "approved"'
ticks "…which is not yet an ID" "$clerk" "$six"
as "$admin" /v1/operators/issue '{"application_no":"KENSHU-A1"}'
issued=$(jq -r '.operator_id // ""' "$work/body")
answered "…then issued" '.operator_id | startswith("OP")'
ticks "…ticking its exercise" "$clerk" "$six issue-id"
as "$admin" /v1/operators/revoke "{\"operator_id\":\"$issued\"}"
check "a revocation without its document is refused" '[ "$(error_code)" = E_NO_DOCUMENT ]'
ticks "…and ticks nothing" "$clerk" "$six issue-id"
as "$admin" /v1/operators/revoke "{\"operator_id\":\"$issued\",\"document\":\"KENSHU-R1\"}"
answered "the issued ID is revoked" '.status == "revoked"'
ticks "…the last exercise" "$auditor" "$six issue-id revoke-id"
check "…eight of eight" 'jqb ".done == 8 and .total == 8"'
exercises "$trainer" en
check "…in English too" 'jqb ".done == 8 and all(.exercises[]; .done)"'

# --- 4. kept across a restart, afresh after a reset -----------------------

server_stop
server_start || { echo "the demo server did not start again"; exit 1; }
login C0001; clerk=$token
ticks "a restart keeps what the log shows" "$clerk" "$six issue-id revoke-id"
server_stop
rm -f "$work/audit.log" "$work/audit.log.seals"
server_start || { echo "the demo server did not start again"; exit 1; }
login C0001; clerk=$token
ticks "an emptied audit log (a reset) starts them afresh" "$clerk" ""
server_stop
check "the demo server stopped cleanly" '[ "${server_status:-1}" = 0 ]'

finish
