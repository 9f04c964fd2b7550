#!/bin/sh
# A disclosure (開示) at the 業務端末, as a clerk does it: the real client
# in tmux against the real server, the virtual finger, a private cupsd.
# A statement that does not match is refused and records nothing; once
# corrected it is received, decided, the 開示決定通知書 is checked on the
# screen and printed, the 提供状況 lists exactly the provisions this test
# made, and a 訂正申出 is received with its receipt printed.  What is
# printed is read back from the PDFs the printer kept.
# Usage: test-terminal-disclosure.sh build/bin source-dir
set -u
export LANG=C.UTF-8
. "$(dirname "$0")/harness.sh"
harness_start "$@" stop_client server_stop cups_stop
. "$top/tests/tool/server-env.sh"
. "$top/tests/tool/terminal-env.sh"
. "$top/tests/tool/cups-env.sh"

server_setup 300 || { echo "setup failed"; exit 1; }
enrol FC001 clerk 指紋窓口一 || { cat "$work/enrol.err"; exit 1; }
server_start || { echo "server did not start"; exit 1; }
cups_start || { echo "cupsd did not start"; exit 1; }
terminal_setup 'printer = "juki";'

# A living resident with a 個人番号 and a history; the items we state.
"$bin/juki-gendata" --db "$work/residents.db" --export - >"$work/all.tsv"
row=$(awk -F'\t' '$1 == "history" { h[$2] = 1 }
	$1 == "current" && h[$2] && $22 == 0 && $10 != "" { print; exit }' \
	"$work/all.tsv")
code=$(echo "$row" | cut -f2)
name=$(echo "$row" | cut -f3)
kana=$(echo "$row" | cut -f5)
birth=$(echo "$row" | cut -f6)
sex=$(echo "$row" | cut -f7)
address=$(echo "$row" | cut -f8)
kojin=$(echo "$row" | cut -f10)
[ -n "$code" ] || { echo "no resident with a history"; exit 1; }

# wareki ISO [typed]: "昭和55年5月6日", or as a clerk types it, "S55.5.6".
wareki() {
	echo "$1" | awk -F- -v typed="${2:-}" '{
		d = $1 * 10000 + $2 * 100 + $3
		if (d >= 20190501) { e = "令和"; l = "R"; y = 2019 }
		else if (d >= 19890108) { e = "平成"; l = "H"; y = 1989 }
		else if (d >= 19261225) { e = "昭和"; l = "S"; y = 1926 }
		else if (d >= 19120730) { e = "大正"; l = "T"; y = 1912 }
		else { e = "明治"; l = "M"; y = 1868 }
		n = $1 - y + 1
		if (typed != "") printf "%s%d.%d.%d\n", l, n, $2 + 0, $3 + 0
		else printf "%s%s年%d月%d日\n", e, n == 1 ? "元" : n, $2 + 0, $3 + 0
	}'
}
# A birth date a year off: the statement that does not match.
wrong_birth=$(( $(echo "$birth" | cut -c1-4) - 1 ))$(echo "$birth" | cut -c5-)
# sex_keys: F5 once for 男, twice for 女.
if [ "$sex" = 1 ]; then sex_keys=F5; else sex_keys="F5 F5"; fi

# requests: how many the server lists (a clerk's session of its own).
requests() {
	login C0001 >/dev/null
	api terminal-T0001 POST /v1/disclosures/list '{}' "$token" >/dev/null
	jq -r '.requests | length' "$work/body"
}
# nospace TEXT: without spaces (U+3000 too) or line breaks.
nospace() { printf '%s' "$1" | sed 's/[ 　]//g' | tr -d '\n'; }
# flat PDF: its text in drawing order, flattened, so a table's cells
# wrapped in their columns read as one string a row.
flat() { nospace "$(pdftotext -raw "$1" -)"; }
# print_here REASON: F6 on a form shown, the reason, Enter; waits for
# the outcome and sets $serial and $pdf.
print_here() {
	keys F6
	shows "印刷の理由" >/dev/null || return 1
	keys "$1" Enter
	shows "印刷しました" 30 >/dev/null || return 1
	serial=$(serial_on_screen)
	pdf=$(printed 20)
}

# --- provisions to disclose later: two lookups here, one elsewhere --------
start_client
keys FC001 Enter
shows "$prompt" >/dev/null
finger FC001
check "a clerk logs in with the finger and sees 開示請求" \
	'shows "2. 開示請求"'
keys 1 F4 "$code" Enter
check "a lookup by 住民票コード for 本人確認情報の開示" 'shows "$name"'
keys F10 F4 F3 F3 "$kana" Tab "$birth" Enter
check "a 4情報 search for 国の機関等への提供 lists them" 'shows "$code"'
keys F10 F10
login C0001 1234 terminal-T0002
api terminal-T0002 POST /v1/lookup/code \
	"{\"jimu\":\"TEIKYO\",\"juminhyo_code\":\"$code\"}" "$token"
check "a lookup from terminal T0002" '[ "$status" = 200 ]'

# --- a statement that does not match ----------------------------------
shows "業務メニュー" >/dev/null
keys 2
check "the list of requests starts empty" 'shows "0 件"'
keys F4
check "the receive form" 'shows "開示請求書の内容を入力して"'
keys Enter
check "an empty form is refused before anything is sent" 'shows "受付番号: 入力してください"'
keys D-TEST-1 Tab "$name" Tab "$kana" Tab "$wrong_birth" Tab "$address" \
	Tab Tab Space $sex_keys F6
check "the documents checked show as ticked" 'shows "[x] 個人番号カード"'
keys Enter
check "a statement that does not match is refused, in our words" \
	'shows "申出の内容が記録と一致しません" 10'
check "…the form keeps what was typed" 'shows "D-TEST-1" && shows "$wrong_birth"'
check "…and nothing is recorded" '[ "$(requests)" = 0 ]'
check "…but the refusal is audited" \
	'jq -s -e "any(.[]; .action == \"disclosure.receive\" and .result == \"refused\" and (.reason | startswith(\"E_MISMATCH\")))" "$work/audit.log" >/dev/null'

# --- corrected: matched, received, decided ----------------------------
keys BTab BTab BTab
for _ in $(seq 12); do keys BSpace; done
keys "$(wareki "$birth" typed)"
check "a 和暦 birth date is read as typed" 'shows "$(wareki "$birth" typed)" && shows "✓"'
keys Enter
check "the corrected statement matches and the request opens" \
	'shows "開示請求 D-TEST-1 を受け付けました" 10 && shows "受付番号"'
check "…in the state 受付 with its keys" 'shows "F3 開示決定"'
check "…and the list has it" '[ "$(requests)" = 1 ]'
keys F4
check "the notice cannot be shown before the decision" \
	'shows "今の状態ではその操作はできません"'
keys F3
check "deciding is confirmed first" 'shows "この請求の開示を決定します"'
keys Enter
check "the request is decided" 'shows "開示を決定しました" 10 && shows "開示決定"'

# --- the notice: checked on screen, then printed -----------------------
keys F4
check "the notice is shown before printing" \
	'shows "本人確認情報開示決定通知書" 10 && shows "印刷される内容"'
check "…with the 住民票コード, name and 個人番号" \
	'shows "$code" && shows "$name" && shows "$kojin"'
check "…the birth date in 和暦" 'shows "$(wareki "$birth")"'
check "…the sentence of 第30条の32" 'shows "第30条の32"'
print_here 開示決定通知書の交付
check "the notice is printed under a serial number" '[ -n "$serial" ] && [ -s "$pdf" ]'
notice_pdf=$pdf
notice_serial=$serial
check "…and the screen is back at the request, the record gone" \
	'shows "訂正等の申出" && lacks "$kojin"'
pdftotext -layout "$notice_pdf" "$work/notice.txt"
flat "$notice_pdf" >"$work/notice.flat"
check "the printed notice has the 住民票コード and name" \
	'grep -q "住民票コード$code" "$work/notice.flat" && grep -qF "氏名$(nospace "$name")" "$work/notice.flat"'
check "…the birth date in 和暦 and the 個人番号" \
	'grep -q "生年月日$(wareki "$birth")" "$work/notice.flat" && grep -q "個人番号$kojin" "$work/notice.flat"'
check "…and its serial on the page" 'grep -q "帳票番号 $notice_serial" "$work/notice.txt"'
check "…the fee" 'grep -q "手数料 10円" "$work/notice.txt"'
pdftoppm -png -r 70 -f 1 -l 1 "$notice_pdf" "$work/notice"
check "the notice renders" '[ -s "$work/notice-1.png" ]'

# --- the 提供状況: exactly what this test did --------------------------
keys F5
check "the 提供状況 is shown before printing" \
	'shows "本人確認情報提供状況開示通知書" 10 && shows "対象期間"'
print_here 提供状況の開示
provisions_pdf=$pdf
flat "$provisions_pdf" >"$work/provisions.flat"
pdftoppm -png -r 70 -f 1 -l 1 "$provisions_pdf" "$work/provisions"
has() { grep -qF "$(nospace "$1")" "$work/provisions.flat"; }
check "it lists the lookup by 住民票コード here, for 本人確認情報の開示" \
	'has "照会 (履歴を含む)本人確認情報の開示"'
check "…the 4情報 search for 国の機関等への提供" \
	'has "照会 (4情報・候補一覧)国の機関等への提供"'
check "…the lookup from T0002" 'has "照会 (住民票コード)国の機関等への提供都道府県 T0002"'
check "…the matching of the request and the disclosure itself" \
	'has "開示請求の突合本人確認情報の開示 (住基法第30条の32)都道府県 T0001" && has "開示本人確認情報の開示 (住基法第30条の32)都道府県 T0001"'
check "…and nothing else: five provisions" \
	'[ "$(grep -o "都道府県T000[12]" "$work/provisions.flat" | wc -l)" = 5 ] && has "以上 5 件"'

# --- a correction and its receipt -----------------------------------
keys F7
check "the correction form" 'shows "訂正等の申出を入力し"'
keys F4 F4 F4 F4 F4
check "…its item chosen" 'shows "項目 (F4): 住所"'
keys C-TEST-1 Tab 転居届を出したが反映されていない Tab 新町1丁目1番 Enter
check "the correction is received and its receipt offered" \
	'shows "申出 C-TEST-1 を受け付けました" 10'
keys 訂正申出の受付 Enter
check "…and printed" 'shows "印刷しました" 30'
receipt_pdf=$(printed 20)
flat "$receipt_pdf" >"$work/receipt.flat"
check "the receipt names the correction, the request and the item" \
	'grep -qF "申出番号C-TEST-1" "$work/receipt.flat" && grep -qF "D-TEST-1" "$work/receipt.flat" && grep -qF "対象の項目住所" "$work/receipt.flat"'
check "…the current and the requested values" \
	'grep -qF "$(nospace "現在の記録$address")" "$work/receipt.flat" && grep -qF "申出の内容新町1丁目1番" "$work/receipt.flat"'
check "…and that the municipality corrects it" 'grep -qF "第30条の35" "$work/receipt.flat"'
check "the request lists the correction" 'shows "C-TEST-1"'

# --- notified, its notice printed ---------------------------------------
keys F6
shows "通知の方法" >/dev/null
keys Enter
check "the request is notified, its notice printed" 'shows "通知済みとして記録しました" 10'

# --- the notice again is a reprint: not without an approval ----------------
keys F4
shows "印刷される内容" 10 >/dev/null
keys F6
shows "印刷の理由" >/dev/null
keys 再交付 Enter
check "printing the notice again is refused without an administrator's approval" \
	'shows "再印刷には管理者の承認が必要です" 10'
check "…and nothing more is spooled" \
	'[ "$(ls "$cups_dir/out" | grep -c "\.pdf$")" = 3 ]'
keys F10
shows "訂正等の申出" >/dev/null

# --- a lock while the notice is shown wipes it ---------------------------
keys F4
shows "印刷される内容" 10 >/dev/null
keys F12
check "F12 while the notice is shown locks the screen" \
	'shows "画面ロック中" && lacks "$kojin" && lacks "$code"'
keys Enter
shows "$prompt" >/dev/null
finger FC001
check "unlocking does not bring the notice back" \
	'shows "消去しました" && lacks "$kojin" && lacks "D-TEST-1"'
keys F10 2
check "back at the list the request shows its state" 'shows "D-TEST-1"'
keys F10 F2
shows "照合IDを入力して" >/dev/null
stop_client
check "no PDF is left on the terminal's disk" \
	'[ -z "$(find "$term" -type f ! -name "*.conf" ! -name "*.crt" ! -name "*.key" ! -name terminal.log ! -name "sanitizer*" ! -name reader.sock)" ]'
check "the terminal's log holds no resident data" \
	'! grep -qF -e "$code" -e "$kojin" -e "$kana" -e "$name" -e "$address" "$term/terminal.log"'
check "…but records the disclosure's steps" \
	'grep -q "action=disclosure.receive result=E_MISMATCH" "$term/terminal.log" && grep -q "action=disclosure.show result=ok" "$term/terminal.log"'
check "no sanitizer report from the client" '! ls "$term"/sanitizer.* >/dev/null 2>&1 || { cat "$term"/sanitizer.*; false; }'
check "the audit chain verifies" '"$bin/juki-server" --config "$work/server.conf" verify-audit >/dev/null'
[ -z "${KEEP:-}" ] || echo "pages: $work/notice-1.png $work/provisions-1.png"
finish
