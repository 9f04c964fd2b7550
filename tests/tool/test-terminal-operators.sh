#!/bin/sh
# The operator-ID lifecycle at the 業務端末, as an administrator does it:
# the real client in tmux against the real server, with libfprint's
# virtual reader.  Application → issue → enrolment of two fingers (and
# an enrolment that fails midway, saving nothing) → the new operator logs
# in → suspend → refused → resume → revoke → refused for good; a PIN
# shown once; two-person approval; an auditor who may only look; lapse by
# validity under a server clock moved on.
# Usage: test-terminal-operators.sh build/bin source-dir
set -u
export LANG=C.UTF-8
. "$(dirname "$0")/harness.sh"
harness_start "$@" stop_client server_stop
. "$top/tests/tool/server-env.sh"
. "$top/tests/tool/terminal-env.sh"

server_setup 100 || { echo "setup failed"; exit 1; }
for op in "FA001 admin 指紋管理一" "FA002 admin 指紋管理二"; do
	set -- $op
	enrol "$1" "$2" "$3" || { cat "$work/enrol.err"; exit 1; }
done
server_start || { echo "server did not start"; exit 1; }
terminal_setup 'reader = { timeout_seconds = 10; };'

# audited_document ACTION DOCUMENT: an accepted entry of ACTION with that document.
audited_document() {
	jq -s -e --arg a "$1" --arg d "$2" 'any(.[]; .action == $a and
		.result == "ok" and .document == $d)' "$work/audit.log" >/dev/null
}
# log_in ID FINGER: logs in with the virtual finger.
log_in() {
	keys "$1" Enter
	shows "$prompt" >/dev/null || return 1
	finger "$2"
}
log_out() { keys F10 F10 F10 F2; shows "照合IDを入力して" >/dev/null; }
# scans ID N: N scans of the virtual finger ID.
scans() { for _ in $(seq "$2"); do finger "$1" || return 1; done; }
# roster_open ID: from the menu, the operator's page in the roster.
roster_open() {
	keys 1 "$1" F5
	shows "1 人" >/dev/null || return 1
	keys Enter
	shows "認証方法" >/dev/null
}
# apply NO NAME KANA [ROLE-KEYS]: registers an application from the menu.
apply() {
	keys 2 "$1" Tab "$2" Tab "$3" Tab "住民課" Tab Tab Tab "住民課長" ${4:-}
	keys Enter
}

# --- application and issue ---------------------------------------------
start_client
log_in FA001 FA001
check "an administrator sees the roster, applications and approvals" \
	'shows "1. 操作者名簿" && shows "2. 照合ID付与申請の登録" && shows "3. 申請の承認・照合IDの発行"'
keys 2 Enter
check "an empty application is refused field by field" 'shows "申請番号 を入力してください"'
keys F10
apply APP-001 新人花子 しんじんはなこ
check "an application is registered" 'shows "申請 APP-001 を登録しました。照合IDを発行できます"'
keys APP-001 Tab 別人 Tab べつじん Tab 課 Tab Tab Tab 課長 Enter
check "the same application number twice is refused" 'shows "その申請番号はすでに登録されています"'
keys F10 3
check "the approvals list shows it approved" 'shows "APP-001" && shows "承認済み"'
keys F4
check "issuing gives a new 照合ID" 'shows "照合ID OP000001 を発行しました"'
check "…with no 照合情報 yet" 'shows "照合情報未登録"'
check "…logged with the application's number" 'audited_document operator.issue APP-001'

# --- enrolment: failures save nothing ----------------------------------
keys F6 Enter
check "enrolment starts with the choice of finger" 'shows "登録する指を ↑↓ で選び"'
keys Enter
shows "$prompt" >/dev/null
scans NEW-R 5
check "the stages show as progress" 'shows "確認のため、同じ指をもう一度置いてください"'
finger SOMEONE-ELSE
check "a check finger that does not match is refused" 'shows "確認の指紋が一致しません"'
keys Enter
shows "$prompt" >/dev/null
scans NEW-R 2
finger --raw "ERROR 0"
check "a reader failing midway is explained" 'shows "指紋読み取り装置でエラーが起きました"'
keys Escape
check "…and leaving saves nothing" 'shows "何も保存していません" && shows "照合情報未登録"'
check "…the server has no enrolment" '! grep -q "\"action\":\"operator.enrol\"" "$work/audit.log"'

# --- enrolment of two fingers --------------------------------------------
keys F6 ENR-001 Enter Enter
shows "$prompt" >/dev/null
finger NEW-R
check "each stage fills a box" 'shows "読み取り 1/5 ■□□□□"'
scans NEW-R 5
check "the first finger is enrolled and checked" 'shows "1本目: 右手人差し指 (照合を確認済み)"'
keys F5 Down Down Down Down Down Enter
shows "$prompt" >/dev/null
scans NEW-L 6
check "…and the second" 'shows "2本目: 左手人差し指 (照合を確認済み)"'
keys Enter
check "both are saved" 'shows "照合ID OP000001 の指紋を登録しました" && shows "右手人差し指・左手人差し指"'
check "…and the ID is active" 'shows "有効"'
check "…logged with its document" 'audited_document operator.enrol ENR-001'
log_out

# --- the new operator logs in, with either finger -------------------------
keys OP000001 Enter
check "with two fingers the operator may choose" 'shows "(1 右手人差し指 / 2 左手人差し指 で切替)"'
keys 2
check "…pressing 2 asks for the second" 'shows "左手人差し指 を読み取り装置に置いてください"'
finger NEW-L
check "the new operator logs in with the second finger" 'shows "OP000001 新人花子 (clerk)"'
check "…and sees the clerk's work only" 'shows "住民の検索・照会" && lacks "操作者名簿"'
keys F2
shows "照合IDを入力して" >/dev/null

# --- suspend, resume ----------------------------------------------------
log_in FA001 FA001
roster_open OP000001
keys F3 Enter
check "suspending" 'shows "照合ID OP000001: 利用を停止しました" && shows "停止中"'
log_out
keys OP000001 Enter
check "a suspended operator is refused" 'shows "この照合IDは使用できません"'
keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
log_in FA001 FA001
roster_open OP000001
keys F4 Enter
check "resuming" 'shows "照合ID OP000001: 利用を再開しました"'
keys F10 BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace FA001 F5
shows "1 人" >/dev/null
keys Enter F3 Enter
check "an administrator cannot act on their own ID" 'shows "自分の照合IDは変更できません"'
keys Escape F10 BSpace BSpace BSpace BSpace BSpace OP000001 F5
shows "1 人" >/dev/null
keys Enter
shows "認証方法" >/dev/null
keys F6 Enter Enter
shows "$prompt" >/dev/null
scans NEW2-R 6
shows "1本目: 右手人差し指" >/dev/null
keys Enter
check "re-enrolling replaces both fingers with the new one" \
	'shows "照合ID OP000001 の指紋を登録しました" && lacks "左手人差し指"'
log_out
log_in OP000001 NEW2-R
check "a resumed operator logs in with the re-enrolled finger" 'shows "OP000001 新人花子 (clerk)"'
keys F2
shows "照合IDを入力して" >/dev/null

# --- revocation is final --------------------------------------------------
log_in FA001 FA001
roster_open OP000001
keys F11 Enter
check "revoking needs the request's number" 'shows "文書番号を入力してください"'
check "…and warns it is final" 'shows "無効化は取り消せません"'
keys REV-001 Enter
check "revoking" 'shows "照合ID OP000001: 無効化しました" && shows "無効化"'
check "…its history shows every step with its documents" \
	'shows "付与申請" && shows "照合ID発行" && shows "指紋登録" && shows "利用停止" && shows "文書 REV-001"'
keys F11 REV-002 Enter
check "revoking twice is refused" 'shows "この照合IDは無効化されています"'
keys Escape F4 Enter
check "…and so is resuming" 'shows "この照合IDは無効化されています"'
keys Escape
log_out
keys OP000001 Enter
check "a revoked operator is refused" 'shows "この照合IDは使用できません"'
keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
check "the server logged the revocation with its number" 'audited_document operator.revoke REV-001'

# --- a PIN, shown once ------------------------------------------------------
log_in FA001 FA001
apply APP-002 暗証太郎 あんしょうたろう
keys F10 3 F4
shows "照合ID OP000002 を発行しました" >/dev/null
keys F7 Enter
check "a PIN is issued and shown" 'shows "発行した暗証番号"'
pin=$(screen | grep -o "[0-9]\{8\}" | head -1)
check "…eight digits" '[ ${#pin} -eq 8 ]'
keys Space
check "…and wiped at the next key" 'shows "暗証番号発行" && lacks "発行した暗証番号" && ! screen | grep -q "$pin"'
log_out
keys OP000002 Enter
shows "暗証番号を入力して" >/dev/null
keys "$pin" Enter
check "the operator logs in with that PIN" 'shows "OP000002 暗証太郎 (clerk)"'
keys F2
shows "照合IDを入力して" >/dev/null

# --- two administrators for the administrator role ---------------------------
log_in FA001 FA001
apply APP-003 管理三郎 かんりさぶろう "F3 F4"
check "asking for the administrator role waits for approval" 'shows "別の管理者の承認を待っています"'
keys F10 3
check "…shown as awaiting approval" 'shows "承認待ち"'
keys F4
check "it cannot be issued before approval" 'shows "この申請はまだ承認されていません"'
keys F3
check "its registrar cannot approve it" 'shows "自分が登録した申請は承認できません"'
log_out
log_in FA002 FA002
keys 3 Down F3
check "a second administrator approves it" 'shows "申請 APP-003 を承認しました"'
keys F4
check "…and it is issued" 'shows "照合ID OP000003 を発行しました"'
check "…with the administrator role" 'shows "システム管理者"'
keys F10 OP000002 F5
shows "1 人" >/dev/null
keys Enter
shows "認証方法" >/dev/null
keys F8 F5 CHG-001 Enter
check "adding the auditor role waits for another administrator" \
	'shows "別の管理者の承認で有効になります (申請番号 CHG-001)" && shows "承認待ち: 申請番号 CHG-001"'
keys F9 Tab R10.3.31 Enter
check "the expiry date is changed, typed in 和暦" \
	'shows "照合ID OP000002: 有効期限を変更しました" && shows "～ 2028-03-31"'
log_out
log_in FA001 FA001
keys 3
shows "CHG-001" >/dev/null
keys F3
check "the other administrator approves the role change" 'shows "申請 CHG-001 を承認しました"'
keys F10
roster_open OP000002
check "…which then applies" 'shows "窓口担当・監査担当"'
log_out

# --- an auditor only looks --------------------------------------------------------
keys U0001 Enter
shows "暗証番号を入力して" >/dev/null
keys 1234 Enter
check "an auditor sees the roster only" 'shows "1. 操作者名簿" && lacks "照合ID付与申請"'
roster_open OP000001
check "…with no keys for changes" 'lacks "F11 無効化"'
keys F3
check "…and a change is refused" 'shows "この操作の権限がありません"'
log_out

# --- lapse by validity ------------------------------------------------------------
today=$(date +%F)
log_in FA001 FA001
keys 2 APP-004 Tab 期限四郎 Tab きげんしろう Tab 住民課 Tab Tab "$today" Tab 住民課長 Enter
shows "申請 APP-004 を登録しました" >/dev/null
keys F10 3 F4 F7 Enter
shows "発行した暗証番号" >/dev/null
pin4=$(screen | grep -o "[0-9]\{8\}" | head -1)
keys Space
log_out
server_stop
server_start_later 2 || { echo "no restart"; exit 1; }
keys OP000004 Enter
check "two days on, an ID valid until today has lapsed" 'shows "この照合IDは有効期限が切れています"'

stop_client
check "the terminal's log holds no PIN" '! grep -q "$pin\|$pin4" "$term/terminal.log"'
check "…nor does the audit log" '! grep -q "$pin\|$pin4" "$work/audit.log"'
check "the audit chain verifies" '"$bin/juki-server" --config "$work/server.conf" verify-audit >/dev/null'
finish
