#!/bin/sh
# The README's demo command as a trainer runs it, from a built tree:
# juki-demo in a terminal (tmux) makes its PKI, its residents and its
# operators, starts the server and opens the 業務端末 at the login screen
# with the 研修 banner; DEMO-CLERK logs in with F9, the simulated finger, and
# DEMO-ADMIN2 is there for approvals; quitting the terminal stops the
# server; started again, it keeps what training did, until --reset, which
# a running demo refuses.  Usage: test-demo-command.sh
# build/bin source-dir
set -u
export LANG=C.UTF-8
. "$(dirname "$0")/harness.sh"
harness_start "$@" stop_demo end_demo
. "$top/tests/tool/terminal-env.sh"
. "$top/tests/tool/demo-env.sh"


start_demo
check "the demo command reaches the login screen, marked for training" \
	'shows "照合IDを入力して" 120 && shows "研修 / TRAINING"'
check "…its server running" 'running juki-server'
keys DEMO-CLERK Enter
# The scan under way offers F9 (the login screen's own text names the
# reader too, so it would not tell).
shows "F9 本人の指" 10 >/dev/null
keys F9
check "DEMO-CLERK logs in with F9, the simulated finger" 'shows "1. 住民の検索・照会" 10'
check "DEMO-ADMIN2 is enrolled for approvals" \
	'sqlite3 "$demo_dir/operators.db" "SELECT role FROM operator_role WHERE operator_id = '"'DEMO-ADMIN2'"'" | grep -qx admin'
keys F2
shows "照合IDを入力して" >/dev/null
keys F10
check "quitting the terminal stops the server" 'within 5 none_left'

# What training did is kept at the next start, until --reset.
echo "CREATE TABLE left_over (x);" | sqlite3 "$demo_dir/ledger.db"
start_demo
check "started again, the demo is back at the login screen" \
	'shows "照合IDを入力して" 120'
check "…with what training did kept" \
	'sqlite3 "$demo_dir/ledger.db" ".tables" | grep -q left_over &&
	 grep -q "\"operator\":\"DEMO-CLERK\"" "$demo_dir/audit.log"'
check "--reset is refused while the demo runs" \
	'! JUKI_DEMO_DIR=$demo_dir "$top/server-stub/juki-demo" --reset "$bin/.." >"$work/reset.out" 2>&1 &&
	 grep -q "研修環境は使用中です" "$work/reset.out" && [ -f "$demo_dir/audit.log" ]'
keys F10
within 10 none_left
JUKI_DEMO_DIR=$demo_dir "$top/server-stub/juki-demo" --reset "$bin/.." >"$work/reset.out" 2>&1
check "--reset returns the demo to its starting state" \
	'grep -q "研修環境を初期状態に戻しました" "$work/reset.out" &&
	 ! sqlite3 "$demo_dir/ledger.db" ".tables" | grep -q left_over &&
	 [ ! -f "$demo_dir/audit.log" ] &&
	 sqlite3 "$demo_dir/operators.db" "SELECT count(*) FROM operator" | grep -qx 6'
check "…and starts nothing" 'none_left'
stop_demo
finish
