#!/bin/sh
# A demo terminal (its certificate's O=JUKI-DEMO, from juki-pki --demo)
# against a demo server: the 研修 banner on every screen, from the login
# screen on, in a window too small and on the bare lock screen, and the
# terminal's log saying it ran as one.  The production terminal's lack of
# a banner is in test-terminal.sh.  Usage: test-terminal-demo.sh build/bin
# source-dir
set -u
export LANG=C.UTF-8
. "$(dirname "$0")/harness.sh"
harness_start "$@" stop_client server_stop
. "$top/tests/tool/server-env.sh"
. "$top/tests/tool/terminal-env.sh"

demo=1
server_setup 100 || { echo "setup failed"; exit 1; }
for op in "FD001 clerk 研修指紋" "FDA01 admin 研修指紋管理"; do
	set -- $op
	enrol "$1" "$2" "$3" || { cat "$work/enrol.err"; exit 1; }
done
server_start || { echo "server did not start"; exit 1; }
terminal_setup

banner="研修 / TRAINING — 実データではありません"
# top_line_is TEXT: the screen's first line holds TEXT.
top_line_is() { screen | head -1 | grep -qF -- "$1"; }
# banner_on WHERE: the banner is the top line of the screen showing WHERE.
banner_on() { shows "$1" && top_line_is "$banner"; }

check "the certificate is a demo one" \
	'openssl x509 -in "$term/terminal-T0001.crt" -noout -subject | grep -q "O *= *JUKI-DEMO"'
start_client
check "the banner on the login screen" 'banner_on "照合ID"'
check "…with the title below it" 'screen | sed -n 2p | grep -qF "住基ネット 業務端末"'
keys C0001 Enter
shows "暗証番号を入力して" >/dev/null
keys 1234 Enter
check "the banner on the menu" 'banner_on "1. 住民の検索・照会"'
keys 1
check "the banner on the lookup form" 'banner_on "住民票コード"'
keys F1
check "the banner over the help" 'banner_on "ヘルプ"'
keys Enter
tmux -S "$sock" resize-window -t t -x 79 -y 23
check "the banner in a window too small" 'banner_on "画面が小さすぎます"'
tmux -S "$sock" resize-window -t t -x 100 -y 30
check "…and back at full size, on the lookup form" 'banner_on "住民票コード"'
keys F12
check "the banner on the lock screen" 'banner_on "画面ロック中"'
keys F10
check "…and on the login screen after it" 'banner_on "照合IDを入力して"'
pid=$(terminal_pid)
keys F10
within 30 gone "$pid"
check "the terminal's log says it ran as a demo terminal, once" \
	'[ "$(grep -c "screen=start action=demo-terminal result=ok" "$term/terminal.log")" = 1 ]'

# --- the simulated finger: F9 the operator's own, F8 someone else's -------
hint="研修: F9 本人の指 / F8 別の人の指"
start_client
check "no simulated finger while none is awaited" 'shows "照合ID" && lacks "$hint"'
keys FD001 Enter
check "while a finger is awaited, F9 and F8 are offered" 'shows "$hint"'
keys F8
check "F8: another person's finger does not match" 'shows "指紋が一致しません"'
check "…as the server records it" 'audited ".action == \"login\" and (.reason | startswith(\"E_NO_MATCH\"))"'
keys Enter
shows "$hint" >/dev/null
keys F9
check "F9: the operator's own finger logs in" 'shows "業務メニュー" && shows "FD001 研修指紋"'
check "…and the terminal's log says how" \
	'grep -q "screen=login action=training.finger result=ok" "$term/terminal.log"'
keys F12 Enter
shows "$hint" >/dev/null
keys F9
check "…and unlocks the screen" 'shows "業務メニュー" && lacks "画面ロック中"'
keys F2
shows "照合IDを入力して" >/dev/null

# An administrator enrols a finger anew with F9: each stage, then the check.
keys FDA01 Enter
shows "$hint" >/dev/null
keys F9
shows "業務メニュー" >/dev/null
keys 1 FD001 F5
shows "1 人" >/dev/null
keys Enter
shows "認証方法" >/dev/null
keys F6 R8-TR-1 Enter Enter
check "enrolment offers the simulated finger too" 'shows "$hint"'
for stage in 1 2 3 4 5; do
	keys F9
	shows "読み取り $stage/5" >/dev/null || break
done
check "five F9 presses are the five stages" 'shows "確認のため、同じ指をもう一度置いてください"'
keys F9
check "…and a sixth the check" 'shows "1本目:" && shows "(照合を確認済み)"'
keys Enter
check "the new print is saved" 'shows "照合ID FD001 の指紋を登録しました"'
check "…on the server" 'audited ".action == \"operator.enrol\" and .result == \"ok\" and .document == \"R8-TR-1\""'
keys F10 F10 F10 F2
shows "照合IDを入力して" >/dev/null
keys FD001 Enter
shows "$hint" >/dev/null
keys F9
check "…and FD001 logs in with it" 'shows "FD001 研修指紋"'
stop_client

# The same terminal in English: the banner says so in English too.
start_client --lang en
check "English: the banner on the login screen" 'shows "Operator ID" && top_line_is "TRAINING — not real data"'

stop_client
finish
