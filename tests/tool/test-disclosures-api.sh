#!/bin/sh
# Disclosure (開示) and correction requests driven through the server's
# real API with curl: a request received only when what the requester
# states matches one resident (突合), every kind of mismatch refused
# without a word of which item and with nothing recorded, the checks of
# every field, the steps received → decided → notified, the disclosure
# itself (the record with its 個人番号 and history), the disclosure of
# provisions read from the audit log (exactly the provisions made here,
# nothing of another resident, nothing older than seven years), the
# corrections, and clerks only.  The contract is the comment
# "Disclosure" in include/juki/protocol.h.
# Usage: test-disclosures-api.sh build/bin source-dir
set -u
. "$(dirname "$0")/harness.sh"
harness_start "$@" server_stop
. "$top/tests/tool/server-env.sh"

server_setup 300 || { echo "setup failed"; exit 1; }
echo 'organisation = "熊本県"; authority = "熊本県知事";' >>"$work/server.conf"
server_start || { echo "server did not start"; exit 1; }

# --- helpers -------------------------------------------------------------

# The disclosures file, by SQL; a refusal (server-env.sh) leaves it as it
# was.
dsc() { sqlite3 "$work/disclosures.db" "$1"; }
kept=disclosures.db

T2=terminal-T0002

# field CODE N: column N of the current record of CODE in the export.
field() {
	awk -F'\t' -v c="$1" -v n="$2" '$1 == "current" && $2 == c { print $n }' \
		"$work/all.tsv"
}

# with_check TEN: ten digits and their 住民票コード check digit.
with_check() {
	echo "$1" | awk '{ split("5 4 3 2 7 6 5 4 3 2", w, " "); s = 0
		for (i = 1; i <= 10; i++) s += substr($0, i, 1) * w[i]
		r = s % 11; printf "%s%d\n", $0, r <= 1 ? 0 : 11 - r }'
}
# kojin_with_check ELEVEN: eleven digits and their 個人番号 check digit.
kojin_with_check() {
	echo "$1" | awk '{ split("6 5 4 3 2 7 6 5 4 3 2", w, " "); s = 0
		for (i = 1; i <= 11; i++) s += substr($0, i, 1) * w[i]
		r = s % 11; printf "%s%d\n", $0, r <= 1 ? 0 : 11 - r }'
}

# The residents: A (with a 個人番号 and a history) and B and C, current,
# each of a kana no one else has; R removed.
"$bin/juki-gendata" --db "$work/residents.db" --export - >"$work/all.tsv"
pick() {
	awk -F'\t' -v not="$1" '
	$1 == "history" { h[$2] = 1 }
	$1 == "current" { n[$14]++; if (!h[$2]) h[$2] = 0; row[$2] = $0 }
	END {
		for (c in row) {
			split(row[c], f, "\t")
			if (f[22] == 0 && f[10] != "" && n[f[14]] == 1 && h[c] &&
			    index(" " not " ", " " c " ") == 0)
				print c
		}
	}' "$work/all.tsv" | sort | head -1
}
A=$(pick "")
B=$(pick "$A")
C=$(pick "$A $B")
R=$(awk -F'\t' '$1 == "current" && $22 == 1 { print $2; exit }' "$work/all.tsv")
check "the file has the residents this test needs" \
	'[ -n "$A" ] && [ -n "$B" ] && [ -n "$C" ] && [ -n "$R" ]'
history_rows=$(awk -F'\t' -v c="$A" '$1 == "history" && $2 == c' "$work/all.tsv" | wc -l)

login C0001;			clerk=$token
login C0002;			clerk2=$token
login C0001 1234 $T2;		clerk_t2=$token
login A0001;			admin=$token
login U0001;			auditor=$token
login R0001;			trainer=$token
check "everyone logs in" \
	'[ -n "$clerk" ] && [ -n "$clerk2" ] && [ -n "$clerk_t2" ] && [ -n "$admin" ] && [ -n "$auditor" ] && [ -n "$trainer" ]'

R_=/v1/disclosures/receive
L_=/v1/disclosures/list
S_=/v1/disclosures/show
D_=/v1/disclosures/decide
N_=/v1/disclosures/notify
P_=/v1/disclosures/provisions
CR=/v1/corrections/register
CL=/v1/corrections/list

# --- 1. the file --------------------------------------------------------------

check "with no disclosures setting, the file is disclosures.db beside the configuration" \
	'[ -f "$work/disclosures.db" ]'
check "…private to the server (mode 0600)" \
	'[ "$(stat -c %a "$work/disclosures.db")" = 600 ]'

# --- 2. received when the statement matches ----------------------------------

as "$clerk" $R_ "$(statement "$A" K-0001)"
answered "a request matching one resident is received (self, at the counter, without the code)" \
	'.request | .request_no == "K-0001" and .juminhyo_code == "'"$A"'" and .state == "received" and .fee == 10 and .channel == "counter" and .requester == "self" and .representative == "" and .documents == ["driving-licence"] and .received_by == "C0001" and (.received_at | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$")) and .decided_at == "" and .notified_how == ""'
answered "…the answer is the whole REQUEST" \
	'(.request | keys | sort) == (["request_no", "channel", "requester", "representative", "documents", "name", "kana", "birth_date", "sex", "address", "juminhyo_code", "fee", "state", "received_at", "received_by", "decided_at", "decided_by", "notified_at", "notified_by", "notified_how"] | sort)'
check "…logged: disclosure.receive, the code as target, the number as document, what it gave out" \
	'last_audited ".action == \"disclosure.receive\" and .target == \"$A\" and .document == \"K-0001\" and .items == \"code,name,kana,birth,sex,address\" and .result == \"ok\" and .operator == \"C0001\""'
check "…and in the file" \
	'[ "$(dsc "SELECT juminhyo_code, state, fee, received_by FROM request WHERE request_no = '"'K-0001'"'")" = "$A|received|10|C0001" ]'

# By post, by a legal representative, the code stated; the name and
# address with other spaces, the kana in hiragana without its voicing.
b_hira=$(jq -rn --arg k "$(field "$B" 14)" '$k | explode |
	map(if . >= 12449 and . <= 12534 then . - 96 else . end) | implode')
as "$clerk2" $R_ "$(statement "$B" K-0002 '.channel = "post" |
	.requester = "representative" | .representative = "　山田 花子 " |
	.documents = ["passport", "guardian-proof"] |
	.juminhyo_code = "'"$B"'" | .name = (.name | gsub("　"; " ")) |
	.kana = "'"$b_hira"'" | .address = (.address | sub("県"; "県 "))')"
answered "by post, by a representative, the code stated, spelt otherwise: received" \
	'.request | .request_no == "K-0002" and .juminhyo_code == "'"$B"'" and .channel == "post" and .requester == "representative" and .representative == "山田 花子" and .documents == ["passport", "guardian-proof"] and .received_by == "C0002"'

# --- 3. every mismatch refused, nothing recorded -----------------------------

mismatch() {
	item=$3
	refuses "$1" E_MISMATCH "$clerk" $R_ "$2"
	verify "…without saying which item" \
		'[ "$(jq -r .error.message "$work/body")" = "$(message_of E_MISMATCH)" ] && ! jqb ".error.detail"' got
	verify "…the log says it: $item" \
		'last_audited ".action == \"disclosure.receive\" and .result == \"refused\" and .reason == \"E_MISMATCH:$item\" and .items == \"\""' \
		'tail -1 "$work/audit.log"'
}
mismatch "another name" "$(statement "$A" K-0101 '.name = "別人　太郎"')" name
mismatch "another kana" "$(statement "$A" K-0102 '.kana = "ベツジンタロウ"')" kana-birth-sex
mismatch "another birth date" "$(statement "$A" K-0103 '.birth_date = "1901-01-01"')" kana-birth-sex
a_sex=$(field "$A" 7)
mismatch "the other sex" "$(statement "$A" K-0104 ".sex = $((3 - a_sex))")" kana-birth-sex
mismatch "another address" "$(statement "$A" K-0105 '.address = "熊本県熊本市中央区水前寺6丁目18番1号"')" address
mismatch "another name, the code stated" "$(statement "$A" K-0106 '.name = "別人　太郎" | .juminhyo_code = "'"$A"'"')" name
mismatch "another address, the code stated" "$(statement "$A" K-0107 '.address = "熊本県" | .juminhyo_code = "'"$A"'"')" address
mismatch "another kana, the code stated" "$(statement "$A" K-0108 '.kana = "ベツジンタロウ" | .juminhyo_code = "'"$A"'"')" kana
mismatch "another birth date, the code stated" "$(statement "$A" K-0109 '.birth_date = "1901-01-01" | .juminhyo_code = "'"$A"'"')" birth
mismatch "the other sex, the code stated" "$(statement "$A" K-0110 ".sex = $((3 - a_sex)) | .juminhyo_code = \"$A\"")" sex
check "…logged with the code stated as target" \
	'last_audited ".target == \"$A\" and .document == \"K-0110\""'
mismatch "someone else's code" "$(statement "$A" K-0111 '.juminhyo_code = "'"$B"'"')" kana
nobody=12345678903
check "(12345678903 is no one's code)" '! grep -q "$nobody" "$work/all.tsv"'
mismatch "a code no one has" "$(statement "$A" K-0112 '.juminhyo_code = "'"$nobody"'"')" code
mismatch "a removed resident, the code stated" "$(statement "$R" K-0113 '.juminhyo_code = "'"$R"'"')" removed
mismatch "a removed resident, without the code" "$(statement "$R" K-0114)" kana-birth-sex

# C's twin: another resident with C's name, kana, birth date, sex and
# address (entered by a 市町村CS).  Without a code, two fit: refused.
twin=$(with_check 9876543210)
twin_kojin=$(kojin_with_check 98765432109)
check "(the twin's code and 個人番号 are no one's)" \
	'! grep -q "$twin" "$work/all.tsv" && ! grep -q "$twin_kojin" "$work/all.tsv"'
api cs-CS431001 POST /v1/cs/update "$(update_json TWIN-1 11 2026-05-01 \
	"$(record_json "$C" | jq -c ".juminhyo_code = \"$twin\" | .kojin_bango = \"$twin_kojin\"")")"
check "…entered" '[ "$status" = 200 ]'
mismatch "two residents fit" "$(statement "$C" K-0115)" several
as "$clerk" $R_ "$(statement "$C" K-0003 '.juminhyo_code = "'"$C"'"')"
answered "…the code stated settles which" '.request.juminhyo_code == "'"$C"'"'
check "no refused request is in the file" \
	'[ "$(dsc "SELECT group_concat(request_no) FROM request")" = "K-0001,K-0002,K-0003" ]'

# --- 4. every field checked -------------------------------------------------

bad() {
	named=${4:-}
	refuses "$1" "$2" "$clerk" $R_ "$(statement "$A" K-0201 "$3")"
	[ -z "$named" ] || verify "…named: $named" '[ "$(jq -r .error.detail "$work/body")" = "$named" ]' got
}
bad "a code with a wrong check digit" E_CHECK_DIGIT ".juminhyo_code = \"${A%?}$(( (${A#??????????} + 1) % 10 ))\"" juminhyo_code
check "…logged with the code as target" 'last_audited ".result == \"refused\" and (.reason | startswith(\"E_CHECK_DIGIT\")) and .target != \"\""'
bad "a code of ten digits" E_BAD_VALUE '.juminhyo_code = "1234567890"' juminhyo_code
bad "a code with a letter" E_BAD_VALUE '.juminhyo_code = "1234567890X"' juminhyo_code
bad "an unknown channel" E_BAD_VALUE '.channel = "fax"' channel
bad "an unknown requester" E_BAD_VALUE '.requester = "proxy"' requester
bad "a representative without a name" E_BAD_VALUE '.requester = "representative"' representative
bad "a representative's name of spaces" E_BAD_VALUE '.requester = "representative" | .representative = "　 "' representative
bad "a representative named for the person themselves" E_BAD_VALUE '.representative = "山田花子"' representative
bad "no documents" E_BAD_VALUE '.documents = []' documents
bad "an unknown document" E_BAD_VALUE '.documents = ["library-card"]' documents
bad "a document twice" E_BAD_VALUE '.documents = ["passport", "driving-licence", "passport"]' documents
bad "a document that is not a string" E_BAD_VALUE '.documents = ["passport", 3]' documents
bad "documents not a list" E_WRONG_TYPE '.documents = "passport"' documents
bad "a date that does not exist" E_BAD_VALUE '.birth_date = "1980-02-30"' birth_date
bad "a 和暦 date" E_BAD_VALUE '.birth_date = "昭和55年5月11日"' birth_date
bad "sex 3" E_BAD_VALUE '.sex = 3' sex
bad "sex 0" E_BAD_VALUE '.sex = 0' sex
bad "sex as text" E_WRONG_TYPE '.sex = "1"' sex
bad "an empty name" E_BAD_VALUE '.name = ""' name
bad "a name of 65 characters" E_BAD_VALUE ".name = \"$(printf '山%.0s' $(seq 65))\"" name
bad "a name with a control character" E_BAD_VALUE '.name = "山田\u001b[2J太郎"' name
bad "kana with a kanji" E_BAD_VALUE '.kana = "山田タロウ"' kana
bad "an empty address" E_BAD_VALUE '.address = " "' address
bad "a request number with a space" E_BAD_VALUE '.request_no = "K 1"' request_no
bad "a request number of 32 characters" E_BAD_VALUE ".request_no = \"$(printf 'K%.0s' $(seq 32))\"" request_no
bad "an unknown field" E_UNKNOWN_FIELD '.urgent = 1' urgent
bad "no name" E_MISSING_FIELD 'del(.name)' name
bad "no documents at all" E_MISSING_FIELD 'del(.documents)' documents
bad "the fee not paid" E_NO_FEE '.fee_paid = 0'
bad "…or not said" E_NO_FEE 'del(.fee_paid)'
bad "…or paid twice" E_NO_FEE '.fee_paid = 2'
bad "…or as text" E_WRONG_TYPE '.fee_paid = "1"' fee_paid
refuses "a number used before, even for a matching statement" E_DUPLICATE "$clerk" $R_ "$(statement "$B" K-0001)"
check "…logged with the number" 'last_audited ".result == \"refused\" and .reason == \"E_DUPLICATE\" and .document == \"K-0001\""'
refuses "no session" E_NO_SESSION "" $R_ "$(statement "$A" K-0202)"

# --- 5. provisions of A's data, for the disclosure of provisions --------------

# Each a provision of A, in this order (K-0001's receipt came first):
# a lookup by code from T0002 (個人番号 and all), a 4情報 search that
# lists A, the record with its history (a 事務 without the 個人番号) by
# C0002.  B's lookup is not A's.
as "$clerk_t2" /v1/lookup/code "{\"jimu\":\"KAIJI\",\"juminhyo_code\":\"$A\"}" $T2
answered "a lookup of A by code (T0002, KAIJI)" '.resident.kojin_bango != null'
as "$clerk" /v1/lookup/4joho "{\"jimu\":\"TEIKYO\",\"name_kana\":\"$(field "$A" 5)\",\"birth_date\":\"$(field "$A" 6)\"}"
answered "a 4情報 search listing A (TEIKYO)" '[.candidates[].juminhyo_code] | index("'"$A"'") != null'
as "$clerk2" /v1/resident "{\"jimu\":\"TEIKYO\",\"juminhyo_code\":\"$A\"}"
answered "A's record with its history (C0002, TEIKYO)" '.resident.kojin_bango == null and (.history | length) == '"$history_rows"
as "$clerk" /v1/lookup/code "{\"jimu\":\"KAIJI\",\"juminhyo_code\":\"$B\"}"
answered "a lookup of B" '.resident.juminhyo_code == "'"$B"'"'
check "lookups log what they gave out" \
	'audited ".action == \"lookup.code\" and .target == \"$A\" and .items == \"code,name,kana,birth,sex,address,kojin,idou\"" && audited ".action == \"provide.candidate\" and .target == \"$A\" and .items == \"code,name,kana,birth,sex,address\"" && audited ".action == \"resident.view\" and .target == \"$A\" and .items == \"code,name,kana,birth,sex,address,idou,history\""'
check "…and the search itself is no provision" \
	'audited ".action == \"lookup.4joho\" and .items == \"\" and .result == \"ok\""'

# --- 6. decided, then notified -------------------------------------------------

refuses "notified before it is decided" E_STATE "$clerk" $N_ '{"request_no":"K-0001","how":"handed"}'
check "…logged with the resident and the request" \
	'last_audited ".action == \"disclosure.notify\" and .target == \"$A\" and .document == \"K-0001\" and (.reason | startswith(\"E_STATE\"))"'
refuses "deciding a request there is not" E_NO_REQUEST "$clerk" $D_ '{"request_no":"K-9999"}'
refuses "notifying a request there is not" E_NO_REQUEST "$clerk" $N_ '{"request_no":"K-9999","how":"mailed"}'
refuses "a request number with a space" E_BAD_VALUE "$clerk" $D_ '{"request_no":"K 1"}'
as "$clerk2" $D_ '{"request_no":"K-0001"}'
answered "decided" '.request | .state == "decided" and .decided_by == "C0002" and (.decided_at | length) == 20 and .notified_at == "" and .juminhyo_code == "'"$A"'"'
check "…logged" 'last_audited ".action == \"disclosure.decide\" and .target == \"$A\" and .document == \"K-0001\" and .result == \"ok\""'
refuses "…once" E_STATE "$clerk" $D_ '{"request_no":"K-0001"}'
refuses "notified by fax" E_BAD_VALUE "$clerk" $N_ '{"request_no":"K-0001","how":"fax"}'
refuses "notified without saying how" E_MISSING_FIELD "$clerk" $N_ '{"request_no":"K-0001"}'
# print_notice RESULT: the 開示決定通知書 of K-0001 begun and finished so.
print_notice() {
	as "$clerk" /v1/prints/begin '{"form":"disclosure","subject":"K-0001","reason":"開示"}'
	as "$clerk" /v1/prints/finish "{\"serial\":\"$(jq -r .serial "$work/body")\",\"result\":\"$1\"}"
}
refuses "notified before its notice is printed" E_NOT_PRINTED "$clerk" $N_ '{"request_no":"K-0001","how":"handed"}'
print_notice failed
refuses "…or when it did not come out" E_NOT_PRINTED "$clerk" $N_ '{"request_no":"K-0001","how":"handed"}'
print_notice printed
as "$clerk" $N_ '{"request_no":"K-0001","how":"handed"}'
answered "notified, handed over" '.request | .state == "notified" and .notified_how == "handed" and .notified_by == "C0001" and (.notified_at | length) == 20 and .decided_by == "C0002"'
check "…logged with how" 'last_audited ".action == \"disclosure.notify\" and .reason == \"handed\" and .result == \"ok\""'
refuses "…once" E_STATE "$clerk" $N_ '{"request_no":"K-0001","how":"mailed"}'
refuses "…and never decided again" E_STATE "$clerk" $D_ '{"request_no":"K-0001"}'
check "the file has the steps" \
	'[ "$(dsc "SELECT state, decided_by, notified_by, notified_how FROM request WHERE request_no = '"'K-0001'"'")" = "notified|C0002|C0001|handed" ]'

# --- 7. the disclosure itself --------------------------------------------------

as "$clerk" $S_ '{"request_no":"K-0001"}'
cp "$work/body" "$work/show.json"
answered "shown: the request, the record with its 個人番号, the history, who issues and who runs" \
	'.request.request_no == "K-0001" and .resident.juminhyo_code == "'"$A"'" and .resident.kojin_bango == "'"$(field "$A" 10)"'" and .resident.name_kanji == "'"$(field "$A" 3)"'" and .resident.address == "'"$(field "$A" 8)"'" and (.history | length) == '"$history_rows"' and (.history | all(.kojin_bango != null)) and .authority == "熊本県知事" and .organisation == "熊本県"'
check "…logged as a provision of everything" \
	'last_audited ".action == \"disclosure.show\" and .target == \"$A\" and .document == \"K-0001\" and .items == \"code,name,kana,birth,sex,address,kojin,idou,history\" and .jimu == \"\""'
refuses "showing a request there is not" E_NO_REQUEST "$clerk" $S_ '{"request_no":"K-9999"}'
refuses "…or with an unknown field" E_UNKNOWN_FIELD "$clerk" $S_ '{"request_no":"K-0001","all":1}'

# --- 8. the disclosure of provisions -------------------------------------------

# Exactly the provisions of A made above, oldest first: not the refused
# receipts, not B's lookup, not the lists, decisions and notices.
as "$clerk" $P_ '{"request_no":"K-0001"}'
cp "$work/body" "$work/provisions.json"
answered "the provisions of A, oldest first" \
	'[.provisions[].kind] == ["disclosure.receive", "lookup.code", "provide.candidate", "resident.view", "disclosure.show"]'
answered "…each in full" \
	'(.provisions | all((keys | sort) == ["items", "jimu", "jimu_name", "kind", "operator_id", "recipient", "source", "terminal_id", "time"]) and all(.time | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$")) and all(.recipient == "熊本県")) and .authority == "熊本県知事"'
answered "…the 事務 of each, named" \
	'[.provisions[] | [.jimu, .jimu_name]] == [["", "本人確認情報の開示 (住基法第30条の32)"], ["KAIJI", "本人確認情報の開示"], ["TEIKYO", "国の機関等への提供"], ["TEIKYO", "国の機関等への提供"], ["", "本人確認情報の開示 (住基法第30条の32)"]]'
answered "…where and by whom" \
	'[.provisions[] | [.terminal_id, .operator_id, .source]] == [["T0001", "C0001", "熊本県 T0001"], ["T0002", "C0001", "熊本県 T0002"], ["T0001", "C0001", "熊本県 T0001"], ["T0001", "C0002", "熊本県 T0001"], ["T0001", "C0001", "熊本県 T0001"]]'
answered "…and which items" \
	'[.provisions[].items] == [["code", "name", "kana", "birth", "sex", "address"], ["code", "name", "kana", "birth", "sex", "address", "kojin", "idou"], ["code", "name", "kana", "birth", "sex", "address"], ["code", "name", "kana", "birth", "sex", "address", "idou", "history"], ["code", "name", "kana", "birth", "sex", "address", "kojin", "idou", "history"]]'
answered "…with the request" '.request.request_no == "K-0001" and .request.state == "notified"'
check "the disclosure of provisions is logged, and is not one" \
	'last_audited ".action == \"disclosure.provisions\" and .target == \"$A\" and .document == \"K-0001\" and .items == \"\" and .result == \"ok\""'
as "$clerk" $P_ '{"request_no":"K-0001"}'
answered "…asked again, the same list" \
	"$(jq -c '[.provisions[].kind]' "$work/provisions.json") == [.provisions[].kind]"
as "$clerk" $P_ '{"request_no":"K-0002"}'
answered "B's: B's receipt and B's lookup, nothing of A's" \
	'[.provisions[] | [.kind, .operator_id, .jimu]] == [["disclosure.receive", "C0002", ""], ["lookup.code", "C0001", "KAIJI"]] and .request.juminhyo_code == "'"$B"'"'
as "$clerk" $P_ '{"request_no":"K-0003"}'
answered "C's: its receipt alone (the refused one without the code is none)" \
	'[.provisions[].kind] == ["disclosure.receive"]'
refuses "provisions of a request there is not" E_NO_REQUEST "$clerk" $P_ '{"request_no":"K-9999"}'

# --- 9. corrections --------------------------------------------------------------

corr() {
	printf '{"request_no":"%s","correction_no":"%s","kind":"%s","item":"%s"%s,"reason":"%s"}' \
		"$1" "$2" "$3" "$4" "${5:+,\"requested\":\"$5\"}" "${6:-記載誤り}"
}
refuses "a correction of a request only received" E_STATE "$clerk" $CR "$(corr K-0002 T-0001 correct address 熊本県八代市)"
check "…logged with the correction's number and the resident" \
	'last_audited ".action == \"correction.register\" and .document == \"T-0001\" and .target == \"$B\" and (.reason | startswith(\"E_STATE\"))"'
refuses "a correction of a request there is not" E_NO_REQUEST "$clerk" $CR "$(corr K-9999 T-0001 correct address 熊本県八代市)"
as "$clerk" $CR "$(corr K-0001 T-0001 correct address 熊本県八代市本町1丁目1番1号 転居の届出済み)"
answered "a correction of the address, about a notified request" \
	'(.correction | .correction_no == "T-0001" and .request_no == "K-0001" and .kind == "correct" and .item == "address" and .current == "'"$(field "$A" 8)"'" and .requested == "熊本県八代市本町1丁目1番1号" and .reason == "転居の届出済み" and .state == "forwarded" and .registered_by == "C0001" and (.registered_at | length) == 20) and .authority == "熊本県知事"'
check "…logged" 'last_audited ".action == \"correction.register\" and .document == \"T-0001\" and .target == \"$A\" and .reason == \"correct:address\" and .result == \"ok\""'
as "$clerk2" $CR "$(corr K-0001 T-0002 delete kojin)"
answered "a deletion needs no value asked for; its current value is the record's" \
	'.correction | .kind == "delete" and .item == "kojin" and .requested == "" and .current == "'"$(field "$A" 10)"'" and .registered_by == "C0002"'
refuses "a correction number used before" E_DUPLICATE "$clerk" $CR "$(corr K-0001 T-0001 add name 山田)"
refuses "a correction without the value asked for" E_MISSING_FIELD "$clerk" $CR "$(corr K-0001 T-0003 add name)"
refuses "…or with it empty" E_BAD_VALUE "$clerk" $CR '{"request_no":"K-0001","correction_no":"T-0003","kind":"correct","item":"name","requested":" ","reason":"誤り"}'
refuses "a correction of the history" E_BAD_VALUE "$clerk" $CR "$(corr K-0001 T-0003 correct history x)"
refuses "an unknown item" E_BAD_VALUE "$clerk" $CR "$(corr K-0001 T-0003 correct colour x)"
refuses "an unknown kind" E_BAD_VALUE "$clerk" $CR "$(corr K-0001 T-0003 replace name x)"
refuses "no reason" E_MISSING_FIELD "$clerk" $CR '{"request_no":"K-0001","correction_no":"T-0003","kind":"correct","item":"name","requested":"x"}'
refuses "an empty reason" E_BAD_VALUE "$clerk" $CR "$(corr K-0001 T-0003 correct name x ' ')"
refuses "a correction number with a space" E_BAD_VALUE "$clerk" $CR "$(corr K-0001 'T 3' correct name x)"
check "the record itself is not changed" \
	'[ "$(sqlite3 "$work/residents.db" "SELECT address FROM resident WHERE juminhyo_code = '"'$A'"'")" = "$(field "$A" 8)" ]'
as "$clerk" $CL '{"request_no":"K-0001"}'
answered "the corrections of a request, in the order registered" \
	'[.corrections[].correction_no] == ["T-0001", "T-0002"] and (.corrections[0] | keys | sort) == ["correction_no", "current", "item", "kind", "reason", "registered_at", "registered_by", "request_no", "requested", "state"] and .authority == "熊本県知事"'
as "$clerk" $CL '{"request_no":"K-0002"}'
answered "…none for another" '.corrections == []'
refuses "…and none of a request there is not" E_NO_REQUEST "$clerk" $CL '{"request_no":"K-9999"}'

# --- 10. the list -----------------------------------------------------------------

as "$clerk2" $L_ '{}'
answered "the requests, newest first" '[.requests[].request_no] == ["K-0003", "K-0002", "K-0001"]'
as "$clerk2" $L_ '{"state":"received"}'
answered "…by state" '[.requests[].request_no] == ["K-0003", "K-0002"]'
refuses "…an unknown state" E_BAD_VALUE "$clerk" $L_ '{"state":"forwarded"}'

# --- 11. clerks only ------------------------------------------------------------------

for who in administrator auditor trainer; do
	case $who in
	administrator) tok=$admin; a=an ;; auditor) tok=$auditor; a=an ;;
	trainer) tok=$trainer; a=a ;;
	esac
	row_bad=
	for call in "$R_ $(statement "$A" K-0301)" "$L_ {}" \
	    "$S_ {\"request_no\":\"K-0001\"}" "$D_ {\"request_no\":\"K-0003\"}" \
	    "$N_ {\"request_no\":\"K-0001\",\"how\":\"mailed\"}" \
	    "$P_ {\"request_no\":\"K-0001\"}" \
	    "$CR $(corr K-0001 T-0301 correct name x)" \
	    "$CL {\"request_no\":\"K-0001\"}"; do
		snap >"$work/before.sql"
		as "$tok" "${call%% *}" "${call#* }"
		snap >"$work/after.sql"
		[ "$(error_code)" = E_FORBIDDEN ] && [ "$status" = 403 ] &&
		    cmp -s "$work/before.sql" "$work/after.sql" ||
			row_bad="$row_bad ${call%% *}:$status:$(error_code)"
	done
	verify "$a $who may not receive, list, show, decide, notify, read provisions or corrections" \
		'[ -z "$row_bad" ]' 'echo "  wrong:$row_bad"'
done
check "…and none of it was a provision" \
	'! audited ".operator != \"C0001\" and .operator != \"C0002\" and .result == \"ok\" and (.action | startswith(\"disclosure.\") or startswith(\"correction.\"))"'

# --- 12. a log that cannot be read ---------------------------------------------------

mv "$work/audit.log" "$work/audit.log.away"
as "$clerk" $P_ '{"request_no":"K-0001"}'
mv "$work/audit.log.away" "$work/audit.log"
verify "provisions from a log that cannot be read: E_INTERNAL" \
	'[ "$(error_code)" = E_INTERNAL ] && [ "$status" = 500 ]' got

# --- 13. seven years --------------------------------------------------------------------

# Two provisions of A from another terminal, dated just inside and just
# outside the seven years, chained into the log as the server writes
# entries (the canonical form and SHA-256 are public: audit.c).
server_stop
check "the server stopped cleanly" '[ "${server_status:-1}" = 0 ]'
forge_entry() {
	last=$(tail -1 "$work/audit.log")
	entry=$(jq -cnS --argjson seq "$(($(echo "$last" | jq .seq) + 1))" \
		--arg prev "$(echo "$last" | jq -r .hash)" --arg time "$1" \
		--arg target "$A" --arg items "$2" '{seq: $seq, prev: $prev,
		time: $time, operator: "C0002", terminal: "T0009",
		action: "lookup.code", target: $target, jimu: "TEIKYO",
		result: "ok", reason: "", document: "", items: $items}')
	hash=$(printf %s "$entry" | sha256sum | cut -d' ' -f1)
	echo "$entry" | jq -cS --arg h "$hash" '. + {hash: $h}' >>"$work/audit.log"
}
forge_entry "$(date -u -d '7 years ago 1 day ago' +%Y-%m-%dT%H:%M:%S.000Z)" "code,name"
inside=$(date -u -d '7 years ago 1 day' +%Y-%m-%dT%H:%M:%S)
forge_entry "$inside.000Z" "code,address"
"$bin/juki-server" --config "$work/server.conf" verify-audit >"$work/verify.out" 2>&1
verify "(the log with them verifies)" '[ $? = 0 ]' 'cat "$work/verify.out"'
server_start || { not_ok "the server starts again"; finish; exit 1; }
login C0001; clerk=$token
as "$clerk" $P_ '{"request_no":"K-0001"}'
answered "a provision of less than seven years ago is listed, one of more is not" \
	'[.provisions[] | select(.terminal_id == "T0009") | [.time, .items, .jimu_name]] == [["'"$inside"'Z", ["code", "address"], "国の機関等への提供"]]'
# In the order of the log: the entry made to look old was written last.
answered "…the file and the rest of the list outlive the server" \
	'[.provisions[].kind] == ["disclosure.receive", "lookup.code", "provide.candidate", "resident.view", "disclosure.show", "lookup.code"]'
check "the file keeps every request: DELETE is refused" \
	'! dsc "DELETE FROM request" 2>/dev/null && [ "$(dsc "SELECT count(*) FROM request")" = 3 ]'
check "…and a step is not skipped" \
	'! dsc "UPDATE request SET state = '"'notified'"', notified_at = '"'x'"', notified_by = '"'C0001'"', notified_how = '"'handed'"' WHERE request_no = '"'K-0002'"'" 2>/dev/null'
server_stop

"$bin/juki-server" --config "$work/server.conf" verify-audit >"$work/verify.out"
check "the audit chain verifies" '[ $? = 0 ]'
check "the server stopped cleanly" '[ "${server_status:-1}" = 0 ]'

finish
