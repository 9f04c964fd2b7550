#!/bin/sh
# Printing the 操作者名簿 through the forms ledger and a real CUPS: the
# real client in tmux against the real server, a private cupsd whose
# queue keeps each document, the PDF's text read back and its pages
# rendered.  A reason is required, every page carries the serial, the
# operator, the terminal and the time, nothing stays on the terminal's
# disk, and a printer that stops or is missing leaves the form recorded
# as not printed.
# Usage: test-terminal-print.sh build/bin source-dir
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
terminal_config "$term/jam.conf" 'printer = "jam";'
terminal_config "$term/missing.conf" 'printer = "nosuch";'

# ledger SERIAL: the state the forms ledger records for it.
ledger() {
	login A0001 >/dev/null
	api terminal-T0001 POST /v1/prints/list '{}' "$token" >/dev/null
	jq -r --arg s "$1" '.prints[] | select(.serial == $s) | .state' \
		"$work/body"
}
# print_roster REASON: from the menu, prints the whole roster.
print_roster() {
	keys 1
	shows "操作者名簿" >/dev/null || return 1
	keys F6 "$1" Enter
}
# all_in FILE WORD…: every word is in the file.
all_in() {
	file=$1
	shift
	for word in "$@"; do grep -q "$word" "$file" || return 1; done
}

as_fingerprint FA001
keys 1 F6 Enter
check "printing without a reason is refused" 'shows "印刷の理由を入力してください"'
keys 定期点検 Enter
check "the roster is printed under a serial number" 'shows "印刷しました。すぐにプリンタから受け取ってください" 30'
serial=$(serial_on_screen)
check "…recorded as printed in the forms ledger" '[ "$(ledger "$serial")" = printed ]'
pdf=$(printed 20)
check "…and the printer received a PDF" '[ -s "$pdf" ] && head -c 5 "$pdf" | grep -q "%PDF-"'
pdftotext -layout "$pdf" "$work/roster.txt"
check "every page carries the serial, the operator and the terminal" \
	'[ "$(grep -c "帳票番号 $serial" "$work/roster.txt")" -ge 1 ] && grep -q "操作者 FA001" "$work/roster.txt" && grep -q "端末 T0001" "$work/roster.txt"'
check "…the reason" 'grep -q "理由: 定期点検" "$work/roster.txt"'
check "…every operator" 'all_in "$work/roster.txt" C0001 C0002 A0001 A0002 U0001 R0001 FA001'
check "…with their roles, names and states in Japanese" \
	'grep -q "窓口一郎" "$work/roster.txt" && grep -q "システム管理者" "$work/roster.txt" && grep -q "有効" "$work/roster.txt"'
check "…and their history" 'grep -q "照合ID発行" "$work/roster.txt"'
pdftoppm -png -r 60 "$pdf" "$work/roster"
check "the pages render" '[ -s "$work/roster-1.png" ]'
[ -z "${KEEP:-}" ] || echo "pages: $work/roster-*.png"
check "no PDF is left on the terminal's disk" \
	'[ -z "$(find "$term" -type f ! -name "*.conf" ! -name "*.crt" ! -name "*.key" ! -name terminal.log ! -name "sanitizer*" ! -name reader.sock)" ]'
check "the server logged the print with its reason" \
	'jq -s -e --arg s "$serial" "any(.[]; .action == \"print.begin\" and .target == \$s)" "$work/audit.log" >/dev/null'

# --- a printer that stops, a printer that is not there -------------------------
keys Escape F10 F2
shows "照合IDを入力して" >/dev/null
as_fingerprint FA001 --config "$term/jam.conf"
print_roster 紙詰まり試験
check "a printer that stops is explained" 'shows "プリンタが停止したため印刷できませんでした" 40'
jam_serial=$(serial_on_screen)
check "…and the ledger shows the form not printed" '[ "$(ledger "$jam_serial")" = not-printed ]'
keys Escape F10 F2
shows "照合IDを入力して" >/dev/null
as_fingerprint FA001 --config "$term/missing.conf"
print_roster 設定誤り試験
check "a printer that is not there is explained" 'shows "プリンタが見つからないか" 20'
missing_serial=$(serial_on_screen)
check "…and the ledger shows that form not printed either" '[ "$(ledger "$missing_serial")" = not-printed ]'
check "serial numbers are never the same" '[ "$serial" != "$jam_serial" ] && [ "$jam_serial" != "$missing_serial" ]'

stop_client
check "no sanitizer report from the client" '! ls "$term"/sanitizer.* >/dev/null 2>&1 || { cat "$term"/sanitizer.*; false; }'
check "the audit chain verifies" '"$bin/juki-server" --config "$work/server.conf" verify-audit >/dev/null'
finish
