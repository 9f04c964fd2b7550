#!/bin/sh
# The 業務端末 as a clerk uses it: the real client in tmux against the real
# server, reading what the screen shows.  Login, each lookup kind, a
# lookup refused for want of a 事務, a wrong check digit caught as typed,
# the server killed and restarted mid-session, a window too small, and the
# same in English.  Usage: test-terminal.sh build/bin source-dir
set -u
export LANG=C.UTF-8
. "$(dirname "$0")/harness.sh"
harness_start "$@" stop_client server_stop
. "$top/tests/tool/server-env.sh"
. "$top/tests/tool/terminal-env.sh"

server_setup 2000 || { echo "setup failed"; exit 1; }
server_start || { echo "server did not start"; exit 1; }
"$bin/juki-gendata" --db "$work/residents.db" --export - >"$work/all.tsv"
# A live resident with a 個人番号 and a history, and the fields we type.
row=$(awk -F'\t' '$1 == "history" { h[$2] = 1 } $1 == "current" && h[$2] && $22 == 0 && $10 != "" { print; exit }' "$work/all.tsv")
code=$(echo "$row" | cut -f2)
name=$(echo "$row" | cut -f3)
kana=$(echo "$row" | cut -f5)
birth=$(echo "$row" | cut -f6)
kojin=$(echo "$row" | cut -f10)
bad=$(echo "$code" | cut -c1-10)$(( ($(echo "$code" | cut -c11) + 1) % 10 ))

terminal_setup

# Refusals at start, before any screen: the real binary, its message.
refuses() {
	LANGUAGE=en $as_terminal "$bin/juki-terminal" --config "$1" \
		>"$work/out" 2>"$work/err"
	[ $? -eq 1 ] && grep -q "$2" "$work/err"
}
# like FILE MODE: a copy of the configuration as the terminal's user's.
like() {
	cp -p "$term/terminal.conf" "$1"
	chmod "$2" "$1"
}
cp -p "$term/terminal.key" "$term/loose.key"
chmod 640 "$term/loose.key"
like "$term/loose.conf" 600
sed -i 's|terminal.key|loose.key|' "$term/loose.conf"
check "refuses a key others may read" 'refuses "$term/loose.conf" "chmod 600"'
like "$term/open.conf" 666
check "refuses a configuration others may write" 'refuses "$term/open.conf" "other users can write"'
like "$term/noca.conf" 600
sed -i 's|"ca.crt"|"missing-ca.crt"|' "$term/noca.conf"
check "refuses a missing CA" 'refuses "$term/noca.conf" "missing-ca.crt"'
if [ "$(id -u)" -eq 0 ]; then
	check "refuses to run as root" 'LANGUAGE=en "$bin/juki-terminal" --config "$term/terminal.conf" 2>&1 | grep -q "must not be run as root"'
fi
check "--help" '"$bin/juki-terminal" --lang en --help | grep -q "Usage: juki-terminal"'
check "--version" '"$bin/juki-terminal" --version | grep -q "juki-terminal .* (protocol 1)"'

start_client
check "the login screen appears" 'shows "照合ID"'
check "…with the 操作端末ID on the status line" 'shows "端末: T0001"'
check "…and, its certificate O=JUKI, no 研修 banner: the title on top" \
	'lacks "TRAINING" && screen | head -1 | grep -qF "住基ネット 業務端末"'
keys C0001 Enter
check "an operator marked unable to use the reader is asked for a PIN" 'shows "暗証番号を入力して"'
keys 9999 Enter
check "a wrong PIN is explained" 'shows "照合IDまたは暗証番号が正しくありません"'
keys Enter 1234 Enter
check "login leads to the menu" 'shows "1. 住民の検索・照会"'
check "…with no 研修 banner" 'lacks "TRAINING" && lacks "実データではありません"'
check "…and no 研修の課題, which only a demo terminal has" 'lacks "研修の課題"'
check "the status line names the operator and role" 'shows "C0001 窓口一郎 (clerk)"'
keys 1
check "the lookup form" 'shows "住民票コード"'
keys "$code" Enter
check "a lookup without a 事務 is refused before it is sent" 'shows "事務を選択してください"'
keys F4
check "a 事務 can be chosen" 'shows "本人確認情報の開示"'
for i in 1 2 3 4 5 6 7 8 9 10 11; do keys BSpace; done
keys "$bad"
check "a wrong check digit shows as it is typed" 'shows "チェックデジットが一致しません"'
keys Enter
check "…and is not sent" '! grep -q "\"target\":\"$bad\"" "$work/audit.log"'
keys BSpace "$(echo "$code" | cut -c11)" Enter
check "lookup by 住民票コード shows the resident" 'shows "$name"'
check "…with 和暦 dates" 'shows "$(echo "$birth" | cut -c1-4)-"'
check "…and the 個人番号 for a 事務 that allows it" 'shows "$kojin"'
keys PageDown
check "…and, a page down, the history" 'shows "異動の履歴"'
keys F10
check "back leaves nothing of the resident on screen" 'shows "検索方法" && lacks "$name"'
keys F3
check "by 個人番号" 'shows "検索方法 (F3 で切替): 個人番号"'
keys "$kojin" Enter
check "lookup by 個人番号 shows the resident" 'shows "$name"'
keys F10 F3
check "by 4情報" 'shows "氏名(かな)"'
keys "$kana" Tab "$birth" Enter
check "lookup by 4情報 lists the candidates" 'shows "$code"'
keys Enter
check "a candidate opens" 'shows "$name"'
keys PageDown
check "…with its history" 'shows "異動の履歴"'
keys F10
check "back to the list" 'shows "該当"'
keys F10

# The server dies mid-session: a clear message, a usable screen.
kill -KILL "$server_pid"
wait "$server_pid" 2>/dev/null
server_pid=
keys F3
check "back to 住民票コード" 'shows "検索方法 (F3 で切替): 住民票コード"'
keys "$code" Enter
check "a dead server is explained" 'shows "サーバに接続できません"'
check "…and the screen stays usable" 'shows "検索方法" && lacks "$name"'
check "…and the status line says so" 'shows "接続: 異常"'
server_start
keys Enter
check "after a restart the session is gone, and it says so" 'shows "ログインしていません"'
check "…and the terminal is back at the login screen" 'shows "照合IDを入力して"'
keys C0001 Enter 1234 Enter 1
check "a new session starts with a fresh form" 'shows "(選択してください: F4)" && shows "検索方法 (F3 で切替): 住民票コード"'
keys F4 "$code" Enter
check "logging in again works" 'shows "$name"'

# A server that hangs: the wait is shown, then a message, nothing half-shown.
keys F10
check "back to the form" 'shows "検索方法"'
kill -STOP "$server_pid"
keys "$code" Enter
check "while waiting for the server, the screen says so" 'shows "照会中…"'
t0=$(date +%s%N)
keys Escape
check "Esc cancels the wait" 'shows "取り消しました" 3'
check "…well before the timeout" '[ $(( ($(date +%s%N) - t0) / 1000000 )) -lt 3000 ]'
check "…leaving the form usable" 'shows "検索方法" && lacks "$name"'
keys "$code" Enter
check "a server that does not answer in time is explained" 'shows "サーバが時間内に応答しません" 10'
check "…and nothing half-shown" 'lacks "$name"'
kill -CONT "$server_pid"
keys "$code" Enter
check "once it answers again, so does the terminal" 'shows "$name"'

# Too small a window: a message, and no resident data.
tmux -S "$sock" resize-window -t t -x 79 -y 23
check "a 79×23 window says it is too small" 'shows "画面が小さすぎます"'
check "…and shows no resident data" 'lacks "$name"'
tmux -S "$sock" resize-window -t t -x 100 -y 30
check "back to full size, the screen returns" 'shows "$name"'
keys F1
check "F1 shows help on every screen" 'shows "ヘルプ"'
keys Enter F10 F10 F2
check "logged out" 'shows "照合IDを入力して"'
pid=$(terminal_pid)
keys F10
check "F10 on the login screen ends the terminal" '[ -n "$pid" ] && within 30 gone "$pid" && lacks "照合ID"'

check "the terminal's log records the session" \
	'grep -q "operator=C0001 screen=lookup action=resident.view result=ok audit_ref=" "$term/terminal.log"'
check "…and holds no resident data" \
	'! grep -q "$code\|$kojin\|$kana\|$name" "$term/terminal.log"'
check "…and only the owner may read it" '[ "$(stat -c %a "$term/terminal.log")" = 600 ]'
check "…and does not call it a demo terminal" '! grep -q "demo-terminal" "$term/terminal.log"'

# The same terminal in English.
start_client --lang en
check "English: the login screen" 'shows "Operator ID"'
keys C0002 Enter 1234 Enter 1 F4 "$bad"
check "English: a wrong check digit" 'shows "The check digit does not match"'
keys BSpace "$(echo "$code" | cut -c11)" Enter
check "English: the resident" 'shows "$name" && shows "Date of birth"'

# The server's key pinned: the right pin connects, a wrong one does not.
pin=$(openssl x509 -in "$work/pki/server.crt" -pubkey -noout |
	openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64)
other=$(openssl x509 -in "$work/pki/other-ca.crt" -pubkey -noout |
	openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64)
for which in right wrong; do
	[ $which = right ] && key=$pin || key=$other
	like "$term/pinned-$which.conf" 600
	sed -i "s|request_timeout = 5;|request_timeout = 5; pinned_key = \"sha256//$key\";|" \
		"$term/pinned-$which.conf"
done
start_client --config "$term/pinned-right.conf"
keys C0002 Enter 1234 Enter
check "with the server's key pinned, the terminal connects" 'shows "業務メニュー"'
start_client --config "$term/pinned-wrong.conf"
keys C0002 Enter 1234 Enter
check "a server whose key is not the pinned one is refused" 'shows "サーバとの安全な接続を確立できません(証明書)"'

# A TLS server with the right certificate that does not speak the protocol.
printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 20\r\nConnection: close\r\n\r\n<html>hello</html>\r\n' >"$work/garbage.http"
gport=$((port + 3))
( sleep 3; cat "$work/garbage.http"; sleep 10 ) |
	openssl s_server -quiet -naccept 1 -accept "127.0.0.1:$gport" -tls1_3 \
	-cert "$work/pki/server.crt" -key "$work/pki/server.key" \
	-CAfile "$work/pki/ca.crt" -Verify 1 >/dev/null 2>&1 &
garbage_pid=$!
like "$term/garbage.conf" 600
sed -i "s|localhost:$port|localhost:$gport|" "$term/garbage.conf"
start_client --config "$term/garbage.conf"
keys C0001 Enter
check "an answer that is not the protocol is explained" 'shows "サーバの応答が正しくありません" 10'
check "…and the login screen stays usable" 'shows "照合ID" && lacks "業務メニュー"'
kill "$garbage_pid" 2>/dev/null

stop_client
check "no sanitizer report from the client" '! ls "$term"/sanitizer.* >/dev/null 2>&1 || { cat "$term"/sanitizer.*; false; }'

finish
