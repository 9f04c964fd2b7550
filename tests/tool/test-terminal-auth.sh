#!/bin/sh
# How operators prove who they are at the 業務端末, and what happens when
# they walk away: the real client in tmux against the real server, with
# libfprint's virtual reader.  Match, bad scans, cancel, no match until
# the 照合ID locks, an administrator's unlock, an unplugged reader, the
# idle lock and unlocking it (by the same operator only), the session's
# maximum length, the PIN path, and the hardened process.
# Usage: test-terminal-auth.sh build/bin source-dir
set -u
export LANG=C.UTF-8
. "$(dirname "$0")/harness.sh"
harness_start "$@" stop_client server_stop
. "$top/tests/tool/server-env.sh"
. "$top/tests/tool/terminal-env.sh"

server_setup 300 || { echo "setup failed"; exit 1; }
for op in "F0001 clerk 指紋一郎" "F0002 clerk 指紋二郎" \
    "F0003 clerk 指紋三郎" "FA001 admin 指紋管理"; do
	set -- $op
	enrol "$1" "$2" "$3" || { cat "$work/enrol.err"; exit 1; }
done
server_start || { echo "server did not start"; exit 1; }
"$bin/juki-gendata" --db "$work/residents.db" --export - >"$work/all.tsv"
row=$(awk -F'\t' '$1 == "current" && $22 == 0 { print; exit }' "$work/all.tsv")
code=$(echo "$row" | cut -f2)
name=$(echo "$row" | cut -f3)
kana=$(echo "$row" | cut -f5)
terminal_setup 'reader = { timeout_seconds = 5; };'
terminal_config "$term/idle.conf" 'lock = { idle_seconds = 3; };'

# audited_reason ACTION REASON: the audit log has an entry of ACTION whose reason
# starts with REASON ("ok" for a success).
audited_reason() {
	jq -s -e --arg a "$1" --arg r "$2" 'any(.[]; .action == $a and
		((.result == "ok" and $r == "ok") or (.reason | startswith($r))))' \
		"$work/audit.log" >/dev/null
}
prompt="指を読み取り装置に置いてください (Esc で取消)"
# ask ID: types the ID and waits for the reader's prompt.
ask() { keys "$1" Enter; shows "$prompt"; }
clear_id() { for _ in 1 2 3 4 5; do keys BSpace; done; }

# --- a match, bad scans, a cancel --------------------------------------
start_client
check "the login screen asks for the 照合ID and a finger" 'shows "指を読み取り装置に置いてください。"'
check "a fingerprint operator is asked for a finger" 'ask F0001'
check "…and never for a PIN" 'lacks "暗証番号を入力して"'
finger F0001
check "the right finger logs in" 'shows "業務メニュー"'
check "…as that operator" 'shows "F0001 指紋一郎 (clerk)"'
check "…and the server logged the template's release and the login" 'audited_reason auth.begin ok && audited_reason login ok'
pid=$(terminal_pid)
check "the terminal process runs under its system-call allowlist" \
	'grep -q "^Seccomp:[[:space:]]*2" /proc/$pid/status'
check "…and cannot be dumped" '[ "$(stat -c %U /proc/$pid/fd)" = root ]'
keys F2
check "logout" 'shows "照合IDを入力して"'
ask F0001 >/dev/null
finger --retry 1
check "a short swipe asks again without using a try" 'shows "指を置いた時間が短すぎます"'
finger --retry 2
check "…as does a finger off centre" 'shows "指を読み取り面の中央に置いてください"'
finger F0001
check "…and the right finger then logs in" 'shows "業務メニュー"'
keys F2
shows "照合IDを入力して" >/dev/null
ask F0001 >/dev/null
keys Escape
check "Esc cancels a scan" 'shows "読み取りを取り消しました"'
check "…which the server logs with its reason" 'audited_reason login E_NOT_VERIFIED:cancelled'
keys Enter
shows "$prompt" >/dev/null
check "a scan nobody answers times out" 'shows "時間内に指が置かれませんでした" 9'
check "…logged as such" 'audited_reason login E_NOT_VERIFIED:timeout'
# A production terminal has no simulated finger: F9 places none, so the
# scan times out again.  (The key, typed ahead, then clears the message:
# the audit log tells.)
timed_out_twice() { [ "$(grep -c "E_NOT_VERIFIED:timeout" "$work/audit.log")" -eq 2 ]; }
keys Enter
shows "$prompt" >/dev/null
check "a production terminal offers no simulated finger" 'lacks "F9 本人の指"'
keys F9
check "…and F9 places none: the scan times out" 'within 9 timed_out_twice && ! grep -q training "$term/terminal.log"'

# --- no match five times: the 照合ID locks -----------------------------
clear_id
keys F0003 Enter
for i in 1 2 3 4; do
	shows "$prompt" >/dev/null
	finger F0002
	shows "指紋が一致しません" >/dev/null || break
	keys Enter
done
shows "$prompt" >/dev/null
check "four wrong fingers are each refused" '[ "$(grep -c "E_NO_MATCH:no-match" "$work/audit.log")" -eq 4 ]'
finger F0002
check "the fifth locks the 照合ID" 'shows "この照合IDはロックされています"'
keys Enter
check "…and the server refuses to begin, releasing no template" 'within 5 audited_reason auth.begin E_LOCKED'
check "…so that not even the right finger is asked for" 'shows "この照合IDはロックされています" && lacks "$prompt"'

# --- an administrator unlocks it ---------------------------------------
clear_id
ask FA001 >/dev/null
finger FA001
check "an administrator logs in with a finger" 'shows "1. 操作者名簿"'
check "…and sees no lookups" 'lacks "住民の検索・照会"'
keys 1 F0003 F5
shows "1 人" >/dev/null
keys Enter
check "the roster shows the locked 照合ID" 'shows "ロック中"'
keys F5 Enter
check "the administrator unlocks the 照合ID" 'shows "照合ID F0003: ロックを解除しました"'
check "…which the server logs" 'audited_reason operator.unlock ok'
keys F5 Enter
check "unlocking an ID that is not locked is refused" 'shows "この照合IDはロックされていません"'
keys Escape F10 F10 F2
shows "照合IDを入力して" >/dev/null
clear_id
ask F0003 >/dev/null
finger F0003
check "the unlocked operator logs in again" 'shows "F0003 指紋三郎 (clerk)"'
keys F2

# --- the PIN, only where an administrator allowed it -------------------
shows "照合IDを入力して" >/dev/null
clear_id
keys C0001 Enter
check "an operator marked unable to use the reader is asked for a PIN" 'shows "暗証番号を入力して"'
keys 1234 Enter
check "…and logs in with it" 'shows "C0001 窓口一郎 (clerk)"'
keys F2

# --- the idle lock -----------------------------------------------------
start_client --config "$term/idle.conf"
ask F0001 >/dev/null
finger F0001
shows "業務メニュー" >/dev/null
keys 1 F4 "$code" Enter
check "a resident is on screen" 'shows "$name"'
check "after the idle time the screen locks" 'shows "画面ロック中" 8'
check "…showing the operator's name" 'shows "指紋一郎"'
check "…and nothing of the resident" 'lacks "$name" && lacks "$code" && lacks "$kana"'
check "…nor the status line or menus" 'lacks "端末: T0001" && lacks "F0001" && lacks "業務メニュー"'
check "…and the server logged the lock" 'audited_reason session.lock ok'
keys Enter
shows "$prompt" >/dev/null
finger F0002
check "another operator's finger does not unlock it" 'shows "指紋が一致しません" && shows "画面ロック中"'
check "…and the server refused it" 'audited_reason session.unlock E_NO_MATCH'
keys Enter
shows "$prompt" >/dev/null
finger F0001
check "the same operator unlocks it" 'shows "住民の検索・照会" && shows "消去しました"'
check "…the resident is not shown again" 'lacks "$name"'
check "…and the server logged the unlock" 'audited_reason session.unlock ok'
check "the screen locks again when idle" 'shows "画面ロック中" 8'
keys F10
check "another operator may only end the locked session" 'shows "ロック中のセッションを終了しました" && shows "照合IDを入力して"'
check "…which the server logged" 'audited_reason logout ok && grep "\"action\":\"logout\"" "$work/audit.log" | tail -1 | grep -q locked'

# --- F12 locks at once, signals ----------------------------------------
start_client
ask F0002 >/dev/null
finger F0002
shows "業務メニュー" >/dev/null
keys F12
check "F12 locks the screen at once" 'shows "画面ロック中" && lacks "業務メニュー"'
pid=$(terminal_pid)
kill -TSTP "$pid"; kill -QUIT "$pid"; kill -INT "$pid"
sleep 0.5
check "SIGTSTP, SIGQUIT and SIGINT are ignored" 'kill -0 "$pid" && shows "画面ロック中"'
kill -TERM "$pid"
# A sanitizer build takes its time to exit: it checks for leaks first.
check "SIGTERM ends the terminal" 'within 30 gone "$pid"'
check "…and the session on the server" '[ "$(grep -c "\"action\":\"logout\"" "$work/audit.log")" -ge 2 ]'

# A closed window: the terminal ends the session and exits, never spins.
start_client
ask F0002 >/dev/null
finger F0002
shows "業務メニュー" >/dev/null
pid=$(terminal_pid)
logouts=$(grep -c "\"action\":\"logout\"" "$work/audit.log")
stop_client
check "a closed window ends the terminal" 'within 30 gone "$pid"'
check "…and its session on the server" '[ "$(grep -c "\"action\":\"logout\"" "$work/audit.log")" -gt "$logouts" ]'

# --- the reader unplugged mid-scan -------------------------------------
start_client
ask F0001 >/dev/null
finger --unplug
check "an unplugged reader is explained" 'shows "指紋読み取り装置が取り外されました"'
check "…and logged" 'audited_reason login E_NOT_VERIFIED:reader-removed'
keys Enter
check "…and so is a terminal with no reader" 'shows "指紋読み取り装置が接続されていません"'

# --- the session's maximum length --------------------------------------
server_stop
session_lifetime=4 server_config
server_start || { echo "server did not restart"; exit 1; }
start_client
ask F0001 >/dev/null
finger F0001
shows "業務メニュー" >/dev/null
check "a session ends at its maximum length" 'shows "上限に達したため" 10 && shows "照合IDを入力して"'

# --- in English --------------------------------------------------------
start_client --lang en
check "English: the login screen" 'shows "place a finger"'
keys F0001 Enter
shows "Place your finger" >/dev/null
finger F0002
check "English: no match" 'shows "fingerprint does not match"'

stop_client
check "the terminal's log holds no resident data" \
	'! grep -q "$code\|$name\|$kana" "$term/terminal.log"'
check "…and no 照合情報" '! grep -qi "print" "$term/terminal.log"'
check "the audit chain verifies" '"$bin/juki-server" --config "$work/server.conf" verify-audit >/dev/null'
check "no sanitizer report from the client" '! ls "$term"/sanitizer.* >/dev/null 2>&1 || { cat "$term"/sanitizer.*; false; }'

finish
