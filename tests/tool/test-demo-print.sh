#!/bin/sh
# The demo's printer, as a trainer uses it: juki-demo run by root in a
# terminal (tmux) starts a private cupsd whose queue juki-demo the
# terminal prints to.  DEMO-CLERK logs in with the virtual finger,
# receives a disclosure request of a demo resident, decides it and prints
# the 開示決定通知書: the PDF lands in the demo's printed/ folder with
# 研修 / TRAINING on every page and the form's text, page 1 renders, the
# ledger says printed, nothing is left in the terminal's folder, and the
# start-up text says where the PDFs go.  Quitting the terminal leaves no
# cupsd and no juki-server of the demo; neither does a terminal killed
# outright, nor the demo's window closed.
# Usage: test-demo-print.sh build/bin source-dir   (as root)
set -u
export LANG=C.UTF-8
. "$(dirname "$0")/harness.sh"
harness_start "$@" stop_demo end_demo
. "$top/tests/tool/terminal-env.sh"
. "$top/tests/tool/demo-env.sh"

if [ "$(id -u)" -ne 0 ]; then
	echo "must run as root: only root's demo has a printer"
	exit 1
fi
FP_VIRTUAL_DEVICE=$demo_dir/term/reader.sock

# said TEXT: the window, its scrolled-off lines and wrapped lines joined,
# has TEXT.
said() { tmux -S "$sock" capture-pane -p -J -S - -t t | grep -qF -- "$1"; }

# A demo resident as the trainers' listing gives it, still living.
row=$(awk -F'\t' '$1 == "current" && $22 == 0 { print; exit }' \
	"$top/assets/demo/residents.tsv")
name=$(echo "$row" | cut -f3)
kana=$(echo "$row" | cut -f5)
birth=$(echo "$row" | cut -f6)
sex=$(echo "$row" | cut -f7)
address=$(echo "$row" | cut -f8)
[ -n "$name" ] || { echo "no resident in residents.tsv"; exit 1; }
# sex_keys: F5 once for 男, twice for 女.
if [ "$sex" = 1 ]; then sex_keys=F5; else sex_keys="F5 F5"; fi
# nospace TEXT: without spaces (U+3000 too) or line breaks.
nospace() { printf '%s' "$1" | sed 's/[ 　]//g' | tr -d '\n'; }
# squeezed PDF PAGE: the page's text without spaces or line ends.
squeezed() { pdftotext -raw -f "$2" -l "$2" "$1" - | sed 's/[ 　]//g' | tr -d '\n'; }
# at_login: the terminal shows its login screen, marked for training.
at_login() {
	shows "照合IDを入力して Enter を押し、指を" 180 &&
		shows "研修 / TRAINING — 実データではありません"
}
# kept: the documents the demo's printer kept.
kept() { find "$demo_dir/printed" -name '*.pdf' 2>/dev/null; }
has_kept() { [ -n "$(kept)" ]; }

# --- the demo starts with its printer ----------------------------------------
start_demo
check "the demo reaches the login screen" 'at_login'
check "…its scheduler running, from the demo's folder" 'running cupsd'
check "…and its server" 'running juki-server'
check "the terminal is given the demo's queue" \
	'grep -qx "printer = \"juki-demo\";" "$demo_dir/term/terminal.conf"'
check "…and the scheduler's socket" \
	'tr "\0" "\n" <"/proc/$(demo_pid juki-terminal)/environ" | grep -qx "CUPS_SERVER=$demo_dir/cups/cups.sock"'

# --- DEMO-CLERK prints a 開示決定通知書 ---------------------------------------
keys DEMO-CLERK Enter
shows "$prompt" >/dev/null
finger DEMO-CLERK
check "DEMO-CLERK logs in with the virtual finger" 'shows "2. 開示請求" 10'
keys 2
shows "0 件" >/dev/null
keys F4
shows "開示請求書の内容を入力して" >/dev/null
keys D-DEMO-1 Tab "$name" Tab "$kana" Tab "$birth" Tab "$address" \
	Tab Tab Space $sex_keys F6 Enter
check "a request of a demo resident is received" \
	'shows "開示請求 D-DEMO-1 を受け付けました" 10'
keys F3
shows "この請求の開示を決定します" >/dev/null
keys Enter
check "…and decided" 'shows "開示を決定しました" 10'
keys F4
shows "印刷される内容" 10 >/dev/null
keys F6
shows "印刷の理由" >/dev/null
keys 研修の交付 Enter
check "the notice is printed" 'shows "印刷しました。すぐにプリンタから受け取ってください" 30'
serial=$(serial_on_screen)
within 20 has_kept
pdf=$(kept | head -1)
check "…as one PDF in the demo's printed/, named by its job" \
	'[ "$(kept | wc -l)" = 1 ] && echo "${pdf##*/}" | grep -qx "[0-9][0-9]*\.pdf" && head -c 5 "$pdf" | grep -q "%PDF-"'
pages=$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages:[[:space:]]*//p')
marked=0
for p in $(seq "${pages:-0}"); do
	squeezed "$pdf" "$p" | grep -q "研修/TRAINING" && marked=$((marked + 1))
done
check "every page ($pages) says 研修 / TRAINING" \
	'[ "${pages:-0}" -ge 1 ] && [ "$marked" = "$pages" ]'
squeezed "$pdf" 1 >"$work/notice.flat"
check "…and has the form's text: its title, the resident, the serial" \
	'grep -qF "本人確認情報開示決定通知書" "$work/notice.flat" && grep -qF "$(nospace "$name")" "$work/notice.flat" && grep -qF "帳票番号$serial" "$work/notice.flat"'
pdftoppm -png -r 70 -f 1 -l 1 "$pdf" "$work/notice"
check "page 1 renders" '[ -s "$work/notice-1.png" ]'
[ -z "${KEEP:-}" ] || echo "page 1: $work/notice-1.png"
check "the ledger says printed" \
	'[ -n "$serial" ] && [ "$(sqlite3 "$demo_dir/ledger.db" "SELECT state FROM print_job WHERE serial = '"'"'$serial'"'"'")" = printed ]'
check "no PDF is left in the terminal's folder" \
	'[ -z "$(find "$demo_dir/term" -type f ! -name "*.conf" ! -name "*.crt" ! -name "*.key" ! -name terminal.log)" ]'

# --- quitting stops both ------------------------------------------------------
keys F2
shows "照合IDを入力して" >/dev/null
keys F10
check "the start-up text said where the printed forms go" \
	'within 30 said "印刷した帳票は PDF で $demo_dir/printed/ に置かれます"'
check "quitting the terminal leaves no cupsd and no juki-server of the demo" \
	'within 30 none_left || { demo_procs; false; }'

# --- a terminal killed, a window closed ---------------------------------------
start_demo
at_login >/dev/null
check "started again, its scheduler runs again" 'running cupsd'
kill -KILL "$(demo_pid juki-terminal)"
check "a terminal killed outright leaves no cupsd and no juki-server" \
	'within 30 none_left || { demo_procs; false; }'
start_demo
at_login >/dev/null
check "started once more, its scheduler runs" 'running cupsd'
stop_demo
check "the demo's window closed leaves no cupsd and no juki-server" \
	'within 30 none_left || { demo_procs; false; }'
finish
