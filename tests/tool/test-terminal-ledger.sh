#!/bin/sh
# The 帳票管理簿 on the real terminal in tmux, against the real server and
# a private cupsd: an administrator prints the roster, finds its line
# printed, stores it and destroys it with a reason, each step on screen
# and in the line's events with who did it; a refusal of the server is
# shown in words; a clerk asks for a reprint that an administrator
# approves; an auditor reads but changes nothing; a clerk sees only
# their own lines.  Then a demo server: the roster printed through the
# terminal says 研修 / TRAINING across every page.
# Usage: test-terminal-ledger.sh build/bin source-dir
set -u
export LANG=C.UTF-8
. "$(dirname "$0")/harness.sh"
harness_start "$@" stop_client server_stop cups_stop
. "$top/tests/tool/server-env.sh"
. "$top/tests/tool/terminal-env.sh"
. "$top/tests/tool/cups-env.sh"

server_setup 50 || { echo "setup failed"; exit 1; }
enrol FA001 admin 指紋管理一 || { cat "$work/enrol.err"; exit 1; }
server_start || { echo "server did not start"; exit 1; }
cups_start || { echo "cupsd did not start"; exit 1; }
terminal_setup 'printer = "juki";'
T1=terminal-T0001

# show SERIAL: the line and its events as an administrator reads them,
# in $work/body.
show() {
	login A0001 >/dev/null
	api $T1 POST /v1/prints/show "{\"serial\":\"$1\"}" "$token" >/dev/null
}
# event ACTION: the JSON of the last event of that action in $work/body.
event() {
	jq -c --arg a "$1" '[.events[] | select(.action == $a)] | last' \
		"$work/body"
}
# row SERIAL TEXT: the screen comes to have a line with both (5 s at most).
row() { within 5 row_now "$1" "$2"; }
row_now() { screen | grep -F -- "$1" | grep -qF -- "$2"; }
# squeezed PDF PAGE: page's text read raw, in the order it was drawn,
# without spaces or line ends (diagonal text comes a glyph a word).
squeezed() { pdftotext -raw -f "$2" -l "$2" "$1" - | tr -d ' \n'; }

# --- an administrator's roster, from printed to destroyed ---------------------

as_fingerprint FA001
check "the menu offers the 帳票管理簿" 'shows "4. 帳票管理簿"'
keys 1 F6 年次点検 Enter
shows "印刷しました。すぐにプリンタから受け取ってください" 30 >/dev/null
serial=$(serial_on_screen)
printed 20 >/dev/null
keys Escape
shows "業務メニュー" >/dev/null
keys 4
check "the 帳票管理簿 lists the roster just printed" 'shows "帳票管理簿" && shows "$serial"'
check "…as 印刷済み, with its form" 'row "$serial" 印刷済み && row "$serial" 操作者名簿 && row "$serial" FA001'
keys F3 F3
check "F3 filters by state" 'shows "状態 (F3): 印刷済み" && row "$serial" 印刷済み'
keys F3
check "…and a state it is not in shows nothing" 'shows "状態 (F3): 印刷されず" && shows "0 件" && lacks "$serial"'
keys F3 F3 F3 F3
shows "状態 (F3): すべて" >/dev/null
keys Enter
check "Enter shows the line with its events" 'shows "帳票の経過" && shows "― 経過 ―" && shows "帳票番号の発行" && shows "年次点検"'
keys F4
check "F4 asks to store it, a note optional" 'shows "保管: $serial" && shows "メモ(任意)"'
keys 書庫A Enter
check "…stored" 'shows "保管中にしました" && shows "保管中"'
check "…its event on screen with the note" 'screen | grep "保管" | grep -q "書庫A"'
keys F5
check "F5 asks to destroy it, and why" 'shows "廃棄の理由" && shows "廃棄は取り消せません"'
keys Enter
check "…which is required" 'shows "廃棄の理由を入力してください"'
keys 保存期間満了 Enter
check "…destroyed" 'shows "廃棄済みにしました" && shows "廃棄済み"'
keys F3 メモ Enter
check "a step the server refuses is explained in words" 'shows "今の状態ではその操作はできません"'
keys F10
check "the list shows it 廃棄済み" 'row "$serial" 廃棄済み'

show "$serial"
check "prints/show: issued, printed, stored, destroyed" \
	'jq -e "[.events[].action] == [\"issued\", \"printed\", \"stored\", \"destroyed\"] and .print.state == \"destroyed\"" "$work/body" >/dev/null'
check "…stored by FA001 at T0001, with the note" \
	'event stored | jq -e ".operator_id == \"FA001\" and .terminal_id == \"T0001\" and .note == \"書庫A\"" >/dev/null'
check "…destroyed by FA001, with why" \
	'event destroyed | jq -e ".operator_id == \"FA001\" and .note == \"保存期間満了\"" >/dev/null'
check "…each step audited" \
	'[ "$(jq -s "[.[] | select(.action == \"print.step\" and .target == \"$serial\" and .result == \"ok\")] | length" "$work/audit.log")" = 2 ]'
keys F2
shows "照合IDを入力して" >/dev/null

# --- a clerk's reprint request, an administrator's approval ------------------

# A disclosure notice printed by C0001 through the API, from the same
# terminal: how the terminal prints it is test-terminal-disclosure's.
"$bin/juki-gendata" --db "$work/residents.db" --export - >"$work/all.tsv"
login C0001
decided_request "$token" R7-KJ-0100 \
	"$(awk -F'\t' '$1 == "current" && $22 == 0 { print $2; exit }' "$work/all.tsv")"
check "(a disclosure request decided through the API)" '[ "$status" = 200 ]'
api $T1 POST /v1/prints/begin '{"form":"disclosure","subject":"R7-KJ-0100","reason":"開示"}' "$token"
notice=$(jq -r '.serial // ""' "$work/body")
api $T1 POST /v1/prints/finish "{\"serial\":\"$notice\",\"result\":\"printed\"}" "$token"
check "(a clerk's notice printed through the API)" '[ "$status" = 200 ]'

as_pin C0001
check "a clerk's menu offers the 帳票管理簿" 'shows "3. 帳票管理簿"'
keys 3
check "…listing only the clerk's own line" 'row "$notice" 印刷済み && row "$notice" R7-KJ-0100 && lacks "$serial" && shows "1 件"'
keys Enter
shows "帳票の経過" >/dev/null
keys F5
check "a clerk may not destroy" 'shows "この操作の権限がありません"'
keys F6
check "F6 asks for a reprint, and why" 'shows "再印刷の理由"'
keys Enter
check "…which is required" 'shows "再印刷の理由を入力してください"'
keys 汚損のため Enter
check "…asked" 'shows "再印刷を申請しました" && shows "再印刷の承認待ち"'
keys F7
check "a clerk may not approve it" 'shows "この操作の権限がありません"'
keys F10 F2
shows "照合IDを入力して" >/dev/null

as_fingerprint FA001
keys 4
shows "$notice" >/dev/null
keys Enter
check "the administrator sees the request" 'shows "再印刷の承認待ち" && shows "再印刷の申請"'
keys F7
check "F7 asks to approve it" 'shows "再印刷の承認" && shows "Enter で実行"'
keys Enter
check "…approved" 'shows "再印刷を承認しました" && shows "再印刷を承認済み"'
show "$notice"
check "…recorded with who asked and who approved" \
	'event reprint-asked | jq -e ".operator_id == \"C0001\" and .note == \"汚損のため\"" >/dev/null && event reprint-approved | jq -e ".operator_id == \"FA001\"" >/dev/null && jq -e ".print.reprint == \"approved\"" "$work/body" >/dev/null'
keys F10 F2
shows "照合IDを入力して" >/dev/null

# --- an auditor reads, and only reads -----------------------------------------

as_pin U0001
keys 2
check "an auditor sees every line" 'shows "$serial" && shows "$notice"'
keys Enter
check "…reads one, with the keys of a reader" 'shows "帳票の経過" && shows "↑↓ PgUp/PgDn 移動" && lacks "F5 廃棄"'
keys F4
check "…and may not change it" 'shows "この操作の権限がありません"'
keys F10 F2
shows "照合IDを入力して" >/dev/null

as_pin C0002
keys 3
check "another clerk sees none of them" 'shows "0 件" && lacks "$notice" && lacks "$serial"'
keys F10 F2
shows "照合IDを入力して" >/dev/null
stop_client

# --- a demo server's forms are for training -----------------------------------

server_stop
server_demo || { not_ok "a demo set-up"; finish; exit 1; }
server_start || { not_ok "the server starts as a demo"; finish; exit 1; }
as_fingerprint FA001
keys 1 F6 研修の準備 Enter
check "on a demo server the roster is printed as ever" 'shows "印刷しました。すぐにプリンタから受け取ってください" 30'
pdf=$(printed 20)
pages=$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages:[[:space:]]*//p')
marked=0
for p in $(seq "${pages:-0}"); do
	squeezed "$pdf" "$p" | grep -q "^研修/TRAINING" && marked=$((marked + 1))
done
check "every page ($pages) carries 研修 / TRAINING, under the text" '[ "${pages:-0}" -ge 1 ] && [ "$marked" = "$pages" ]'
check "…and its foot says 研修" \
	'[ "$(pdftotext -layout "$pdf" - | grep -c "【研修】 *操作者名簿")" = "$pages" ]'
check "…the form's text all there" 'pdftotext "$pdf" - | grep -q "窓口一郎"'
pdftoppm -png -r 60 -f 1 -l 1 "$pdf" "$work/training"
check "page 1 renders" '[ -s "$work/training-1.png" ]'
[ -z "${KEEP:-}" ] || echo "page 1: $work/training-1.png"
keys Escape F2
stop_client

check "no sanitizer report from the client" '! ls "$term"/sanitizer.* >/dev/null 2>&1 || { cat "$term"/sanitizer.*; false; }'
check "the audit chain verifies" '"$bin/juki-server" --config "$work/server.conf" verify-audit >/dev/null'
finish
