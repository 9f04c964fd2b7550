#!/bin/sh
# Alerts (警告) on the real terminal in tmux, against the real server: an
# administrator idle on the menu sees "警告 1 件" appear on the status line
# when another session (a clerk at another terminal, through the API)
# looks up more residents than the rule allows; opens the alert from the
# menu, acknowledges it with a note (required), and the count goes away;
# the acknowledgement is audited.  The lock screen shows nothing of
# alerts and polls nothing, the polls do not keep the terminal from
# locking when idle, and a clerk's terminal neither shows nor asks.
# Usage: test-terminal-alerts.sh build/bin source-dir
set -u
export LANG=C.UTF-8
. "$(dirname "$0")/harness.sh"
harness_start "$@" stop_client server_stop
. "$top/tests/tool/server-env.sh"
. "$top/tests/tool/terminal-env.sh"

# Every hour a business hour: only the residents rule is watched here,
# more than two residents within ten minutes.
alerts='alerts = { business_hours = "00:00-24:00"; weekends = false;
  many_residents = { count = 2; minutes = 10; }; };'
server_setup 50 || { echo "setup failed"; exit 1; }
server_start || { echo "server did not start"; exit 1; }
terminal_setup 'lock = { idle_seconds = 120; };'
"$bin/juki-gendata" --db "$work/residents.db" --export - |
	awk -F'\t' '$1 == "current" && $22 == 0 { print $2 }' | head -6 \
	>"$work/codes"
code() { sed -n "${1}p" "$work/codes"; }
ALERT_POLL_SECONDS=$(sed -n 's/^#define ALERT_POLL_SECONDS[[:space:]]*\([0-9]*\).*/\1/p' \
	"$top/include/juki/protocol.h")

# three_residents FROM: the clerk C0001, at the other terminal T0002,
# looks up residents FROM, FROM+1 and FROM+2: one alert.
three_residents() {
	login C0001 "" terminal-T0002
	for i in "$1" $(($1 + 1)) $(($1 + 2)); do
		api terminal-T0002 POST /v1/lookup/code \
			"{\"jimu\":\"KAIJI\",\"juminhyo_code\":\"$(code "$i")\"}" "$token"
	done
}
raised() { sqlite3 "$work/alerts.db" "SELECT count(*) FROM alert"; }
# polls WHO: the alert.count entries WHO's terminal has made so far.
polls() {
	jq -s --arg who "$1" '[.[] | select(.action == "alert.count" and
		.operator == $who)] | length' "$work/audit.log"
}
row() { within 5 row_now "$1" "$2"; }
row_now() { screen | grep -F -- "$1" | grep -qF -- "$2"; }
status_line() { screen | tail -2 | head -1; }
count_shown() { status_line | grep -qF "警告 $1 件"; }
no_count_shown() { ! status_line | grep -qF "警告"; }

# --- an administrator on the menu --------------------------------------------

as_pin A0001
check "the administrator's menu offers 5. 警告" 'shows "5. 警告"'
check "…and the status line says nothing of alerts" no_count_shown
three_residents 1
check "(a clerk at another terminal looked up three residents: one alert)" '[ "$(raised)" = 1 ]'
check "警告 1 件 appears on the menu's status line, no key pressed" 'within 20 count_shown 1'
keys 5
check "the list shows the alert, open" 'shows "警告" && row C0001 要確認 && row C0001 多数の住民の照会 && row C0001 T0002'
utc=$(sqlite3 "$work/alerts.db" "SELECT time FROM alert")
check "…at its time in Japan, whatever the terminal's zone" \
	'row C0001 "$(TZ=Asia/Tokyo date -d "$utc" "+%Y-%m-%d %H:%M")"'
keys Enter
check "Enter shows it: rule, when, who, where, what" 'shows "警告の詳細" && shows "多数の住民の照会" && shows "$(TZ=Asia/Tokyo date -d "$utc" "+%Y-%m-%d %H:%M:%S")" && shows "C0001" && shows "T0002" && shows "10 分以内に 3 人の住民を照会" && shows "要確認"'
keys F4
check "F4 asks for what was found" 'shows "警告 1 の確認" && shows "確認の内容"'
keys Enter
check "…which is required" 'shows "確認の内容を入力してください"'
keys 本人に確認済み Enter
check "…acknowledged, by whom, with the note" 'shows "警告 1 を確認しました" && shows "確認済み" && shows "A0001" && shows "本人に確認済み"'
check "the count goes from the status line" 'within 5 no_count_shown'
check "the acknowledgement is audited with who and the note" \
	'jq -s -e "any(.[]; .action == \"alert.ack\" and .result == \"ok\" and .operator == \"A0001\" and .document == \"1\" and .reason == \"本人に確認済み\")" "$work/audit.log" >/dev/null'
keys F10
check "the open list is empty now" 'shows "0 件" && shows "要確認のみ"'
keys F3
check "F3 shows all: the alert, acknowledged" 'shows "すべて" && row C0001 確認済'

# --- the lock screen -----------------------------------------------------------

keys F12
shows "画面ロック中" >/dev/null
locked_polls=$(polls A0001)
three_residents 4
check "(a second alert)" '[ "$(raised)" = 2 ]'
sleep $((ALERT_POLL_SECONDS + 2))
check "the lock screen shows nothing of it" 'shows "画面ロック中" && lacks "警告"'
check "…and the locked terminal did not ask" '[ "$(polls A0001)" = "$locked_polls" ]'
keys Enter
shows "暗証番号" >/dev/null
keys 1234 Enter
check "unlocked, the count is there at once" 'within 5 count_shown 1'
keys F10 F2
shows "照合IDを入力して" >/dev/null

# --- idle: the polls are no keys ---------------------------------------------

terminal_config "$term/terminal.conf" 'lock = { idle_seconds = 20; };'
before=$(polls A0001)
as_pin A0001
check "with a 20 s lock the administrator's terminal still locks when idle" 'shows "画面ロック中" 30'
check "…though it asked for the count meanwhile" '[ "$(polls A0001)" -ge $((before + 2)) ]'
keys F10
shows "照合IDを入力して" >/dev/null

# --- a clerk --------------------------------------------------------------------

terminal_config "$term/terminal.conf" 'lock = { idle_seconds = 120; };'
as_pin C0002
check "a clerk's menu has no 警告" 'shows "業務メニュー" && lacks "警告"'
sleep $((ALERT_POLL_SECONDS + 2))
check "…nor the status line, with an alert open" 'lacks "警告" && [ "$(sqlite3 "$work/alerts.db" "SELECT count(*) FROM alert WHERE id NOT IN (SELECT alert_id FROM ack)")" = 1 ]'
check "…and a clerk's terminal never asks" '[ "$(polls C0002)" = 0 ]'
keys F2
shows "照合IDを入力して" >/dev/null
stop_client

finish
