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

# The same terminal in English: the banner says so in English too.
start_client --lang en
check "English: the banner on the login screen" 'shows "Operator ID" && top_line_is "TRAINING — not real data"'

stop_client
finish
