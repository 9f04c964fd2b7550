#!/bin/sh
# 研修の課題 on a demo terminal against a demo server with the shipped
# exercises: the menu of every role offers it, the checklist shows 済 / 未
# with the count and the steps of the exercise chosen; a trainee does an
# exercise (a 住民票コード lookup, as its steps say), comes back and sees
# it ticked, the choice kept; F5 reads it again; and with the terminal
# configured in English the server's exercises come in English.  That a
# production terminal has no such item is in test-terminal.sh.
# Usage: test-terminal-exercises.sh build/bin source-dir
# Checks are strings for eval, so their variables are used there:
# shellcheck disable=SC2016
set -u
export LANG=C.UTF-8
. "$(dirname "$0")/harness.sh"
harness_start "$@" stop_client server_stop
. "$top/tests/tool/server-env.sh"
. "$top/tests/tool/terminal-env.sh"

demo=1
server_setup 50 || { echo "setup failed"; exit 1; }
# The trainers' own file, as juki-demo makes it: the residents the
# exercises name.
"$bin/juki-gendata" --db "$work/residents.db" --demo --replace 2>/dev/null ||
	{ echo "setup failed"; exit 1; }
echo "exercises = \"$top/assets/training/exercises.conf\";" >>"$work/server.conf"
server_start || { echo "server did not start"; exit 1; }
terminal_setup

# row_of TEXT: the screen's line that holds TEXT.
row_of() { screen | grep -F -- "$1" | head -1; }
# marked TITLE MARK: the exercise TITLE's line shows MARK.
marked() { row_of "$1" | grep -qF -- "$2"; }

as_pin C0001
check "a clerk's menu offers the exercises after the clerk's work" \
	'shows "4. 研修の課題" && shows "3. 帳票管理簿"'
keys 4
check "the checklist counts none done" 'shows "0 / 8 済"'
check "…lists each exercise not yet done" \
	'marked "住民票コードで照会する" "未" && marked "照合IDを無効化する" "未"'
check "…and shows the steps of the first" \
	'shows "住民票コード 00134603011 (練習台 訓太) を入力して"'
keys Down
check "choosing another shows its steps" 'shows "個人番号 056357465953"'
keys Down Down Down Down Down
check "a long step is wrapped under its text, a word not cut" \
	'shows "「窓口担当」を選んで" && screen | grep -q "^ \{6\}Enter で登録します。"'
keys Up Up Up Up Up
shows "個人番号 056357465953" >/dev/null
check "the server was asked in Japanese, and logged it" \
	'audited ".action == \"training.exercises\" and .result == \"ok\" and .operator == \"C0001\""'

# The first exercise, as its steps say.
keys F10
shows "業務メニュー" >/dev/null
keys 1
shows "住民票コード" >/dev/null
keys F4 00134603011 Enter
check "the lookup the exercise asks for shows the resident" 'shows "練習台"'
keys F10 F10
shows "業務メニュー" >/dev/null
keys 4
check "back at the checklist, it is ticked" \
	'shows "1 / 8 済" && marked "住民票コードで照会する" "済"'
check "…and no other" 'marked "個人番号で照会する" "未" && marked "4情報で検索する" "未"'
check "…the exercise chosen still chosen" 'shows "個人番号 056357465953"'

# Done elsewhere (through the API, as at another demo terminal): F5.
login C0002
as "$token" /v1/lookup/kojin '{"jimu":"KAIJI","kojin_bango":"056357465953"}'
check "a lookup by 個人番号 at another terminal" '[ "$status" = 200 ]'
check "the screen does not change by itself" 'shows "1 / 8 済"'
keys F5
check "F5 reads the checklist again" \
	'shows "2 / 8 済" && marked "個人番号で照会する" "済"'
keys F2
shows "照合IDを入力して" >/dev/null

# Every role has it on a demo terminal: the trainer has nothing else.
keys R0001 Enter
shows "暗証番号を入力して" >/dev/null
keys 1234 Enter
check "a trainer's menu offers the exercises" 'shows "1. 研修の課題"'
keys 1
check "…and the trainer sees the same checklist" 'shows "2 / 8 済"'
pid=$(terminal_pid)
keys F2
shows "照合IDを入力して" >/dev/null
keys F10
within 30 gone "$pid"
check "the terminal's log has the calls, without their text" \
	'grep -q "screen=exercises action=training.exercises result=ok" "$term/terminal.log" &&
	! grep -q "00134603011\|練習台" "$term/terminal.log"'

# The terminal configured in English: the server answers in English.
terminal_config "$term/en.conf" 'language = "en";'
start_client --config "$term/en.conf"
keys A0001 Enter
shows "Type your PIN" >/dev/null
keys 1234 Enter
check "English: an administrator's menu offers the exercises last" \
	'shows "7. Training exercises"'
keys 7
check "English: the server's exercises in English" \
	'shows "Look a resident up by 住民票コード" && shows "Revoke an operator ID"'
check "English: ticked and counted" \
	'shows "2 / 8 done" && marked "Look a resident up by" "Done" &&
	marked "Search by the four items" "To do"'
check "English: the steps of the one chosen" \
	'shows "Type the 住民票コード 00134603011 (練習台 訓太) and press Enter."'
keys Down Down Down
check "English: a long step wrapped between words" \
	'shows "Space ticks an identity" && screen | grep -q "^ \{6\}document\."'
stop_client
check "no sanitizer report from the client" '! ls "$term"/sanitizer.* >/dev/null 2>&1 || { cat "$term"/sanitizer.*; false; }'

finish
