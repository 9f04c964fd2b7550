#!/bin/sh
# The 監査ログ on the real terminal in tmux, against the real server: an
# auditor searches by operator, pages forward and back through the
# server's cursor, opens an entry and sees every field of it, has the
# chain verified and the verdict said in words, exports the period as CSV
# (the file in the server's folder, its name, count and SHA-256 on the
# screen, nothing on the terminal's disk) and reads the statistics; a bad
# 住民票コード is caught as typed; what was shown is gone after leaving,
# locking and unlocking; clerks are not offered it; 80×24 still works;
# and once in English.
# Usage: test-terminal-audit.sh build/bin source-dir
set -u
export LANG=C.UTF-8
. "$(dirname "$0")/harness.sh"
harness_start "$@" stop_client server_stop
. "$top/tests/tool/server-env.sh"
. "$top/tests/tool/terminal-env.sh"

server_setup 50 || { echo "setup failed"; exit 1; }
server_start || { echo "server did not start"; exit 1; }
terminal_setup
log=$work/audit.log
today=$(TZ=Asia/Tokyo date +%F)

# A day at the counter: C0001 looks up 110 residents (more than a page of
# 100), C0002 a few, one refused.
"$bin/juki-gendata" --db "$work/residents.db" --export - >"$work/all.tsv"
awk -F'\t' '$1 == "current" && $22 == 0 { print $2 }' "$work/all.tsv" |
	head -22 >"$work/codes"
login C0001; clerk=$token
for round in 1 2 3 4 5; do
	while read -r code; do
		as "$clerk" /v1/resident "{\"jimu\":\"KAIJI\",\"juminhyo_code\":\"$code\"}"
	done <"$work/codes"
done
login C0002; clerk2=$token
A=$(head -1 "$work/codes")
as "$clerk2" /v1/lookup/code "{\"jimu\":\"TEIKYO\",\"juminhyo_code\":\"$A\"}"
as "$clerk2" /v1/lookup/code '{"jimu":"TEIKYO","juminhyo_code":"12345678904"}'

# --- the menu ---------------------------------------------------------------

as_pin C0002
check "a clerk's menu has no 監査ログ" 'shows "業務メニュー" && lacks "監査ログ"'
as_pin A0001
check "an administrator's menu offers it, last" 'shows "6. 監査ログ"'
as_pin U0001
check "an auditor's menu offers it, last" 'shows "3. 監査ログ"'

# jq over the log: C0001's entries, newest first.
c1() { jq -c 'select(.operator == "C0001")' "$log" | jq -sc 'sort_by(-.seq)'; }
c1_count=$(c1 | jq length)
c1_first=$(c1 | jq -c '.[0]')
c1_second=$(c1 | jq -c '.[1]')
c1_last=$(c1 | jq -c '.[-1]')
check "(C0001 has more than a page of entries)" '[ "$c1_count" -gt 100 ] && [ "$c1_count" -lt 200 ]'
# jst SEQ-ENTRY: the entry's time as the screen shows it, in JST.
jst() { echo "$1" | jq -r '((.time[0:19] + "Z") | fromdateiso8601) + 32400 | strftime("%Y-%m-%d %H:%M:%S")'; }
field() { echo "$1" | jq -r ".$2"; }
# row TEXT…: a line of the screen has every TEXT.
row_now() {
	line=$(screen)
	for t in "$@"; do line=$(echo "$line" | grep -F -- "$t") || return 1; done
}
row() { within 5 row_now "$@"; }
# list_rows: the list's lines (they start with a date).
list_rows() { screen | grep -E '^ ([0-9]{4}-)?[0-9]{2}-[0-9]{2} [0-9]{2}:'; }


# --- search, pages, one entry -----------------------------------------------

keys 3
check "監査ログ opens on the newest entries" \
	'shows "監査ログ" && shows "ページ 1:" && row "U0001" "ログイン" "成功"'
keys C0001 Enter
check "a search by operator: C0001's newest first, a page of 100" \
	'shows "ページ 1: 100 件 (新しい順)" && shows "続きあり PgDn" && row "$(jst "$c1_first")" "C0001" "$(field "$c1_first" target)"'
check "…only C0001's" '[ -z "$(list_rows | grep -v C0001)" ] && [ -n "$(list_rows)" ]'
check "…the action as words, the result, in JST" \
	'row "$(jst "$c1_first")" "照会 (履歴を含" "成功"'
check "…audited as a search by operator" \
	'last_audited ".action == \"audit.search\" and .operator == \"U0001\" and .result == \"ok\""'
keys PageDown
check "PgDn: the rest, from the server's cursor" \
	'shows "ページ 2: $((c1_count - 100)) 件" && shows "最後のページ"'
check "…down to C0001's first entry" \
	'row "$(jst "$c1_last")" "C0001" "本人確認の開始"'
keys PageDown
check "…and no page after it" 'shows "最後のページです"'
keys PageUp
check "PgUp: page 1 again" 'shows "ページ 1: 100 件" && row "$(jst "$c1_first")" "C0001"'
keys PageUp
check "…and none before it" 'shows "最初のページです"'
keys Enter
check "Enter: the entry whole" \
	'shows "監査ログのエントリ" && row "連番" "$(field "$c1_first" seq)" && row "操作" "(resident.view)" && row "対象" "$(field "$c1_first" target)" && row "事務" "KAIJI" && row "日時" "$(jst "$c1_first") JST" "$(field "$c1_first" time)"'
check "…with its place in the chain" \
	'shows "$(field "$c1_first" hash)" && shows "$(field "$c1_first" prev)" && row "提供した項目" "住民票コード"'
keys Right
check "→ the entry before it" 'row "連番" "$(field "$c1_second" seq)"'
keys F10
check "F10: the list as it was" 'shows "ページ 1: 100 件" && shows "監査ログ"'

# --- verify, export, statistics --------------------------------------------------

keys F3
check "F3: the chain verified, in words" \
	'shows "改ざんは見つかりませんでした" && shows "最後のエントリのハッシュ"'
n=$(tail -1 "$log" | jq -r '.reason | ltrimstr("intact:")')
check "…every entry, the head the last one's hash" \
	'shows "エントリ数: $n" && shows "$(sed -n "${n}p" "$log" | jq -r .hash)"'
sealed=$(tail -1 "$log.seals" | jq -r .seq)
check "…and the last seal, the one the server made at its start" \
	'shows "シール $(wc -l <"$log.seals") 件、最後は連番 $sealed" && shows "その後のエントリ $((n - sealed)) 件"'
keys Space
check "a key: back to the list" 'shows "ページ 1:"'

keys F4
check "F4 without a period asks for one" \
	'shows "CSV出力には期間 (開始日と終了日) を入力してください"'
keys "$today" Tab "$today" F4
check "F4: the period exported, as the server answers" \
	'shows "CSV出力 (サーバの監査出力フォルダ" && shows "ファイル: audit-" && shows "SHA-256:"'
file=$(screen | grep -o 'audit-[0-9]*-[0-9]*-[0-9TZ]*\(-[0-9]*\)\?\.csv' | head -1)
sha=$(sha256sum <"$work/audit-exports/$file" 2>/dev/null | cut -d' ' -f1)
rows=$(($(wc -l <"$work/audit-exports/$file" 2>/dev/null) - 1))
check "…the file in the server's folder, its SHA-256 and count on screen" \
	'[ -n "$file" ] && [ -n "$sha" ] && shows "$sha" && shows "件数: $rows"'
check "…audited with its name and digest" \
	'last_audited ".action == \"audit.export\" and .document == \"$file\" and .reason == (\"sha256:\" + \"$sha\"[0:56])"'
check "…and nothing of it on the terminal's disk, nor a 住民票コード in its log" \
	'[ -z "$(find "$term" -type f ! -name "*.conf" ! -name "*.crt" ! -name "*.key" ! -name terminal.log ! -name "sanitizer*" ! -name reader.sock)" ] && ! grep -q "$(field "$c1_first" target)" "$term/terminal.log"'
keys Space

keys F5
check "F5: the statistics of the period, a row a day" \
	'shows "監査ログの統計" && shows "期間 (JST): $today 〜 $today" && shows "単位 (F3): 日ごと"'
want=$(jq -s --arg d "$today" '
	map(select(((.time[0:19] + "Z") | fromdateiso8601) + 32400 | strftime("%Y-%m-%d") == $d))
	| [ (map(select(.action == "cs.update" and .result == "ok")) | length),
	    (map(select(.result == "ok" and (.action | IN("lookup.code", "lookup.kojin", "provide.candidate", "resident.view", "disclosure.receive", "disclosure.show")))) | length),
	    (map(select(.result == "ok" and (.action | IN("lookup.code", "lookup.kojin", "lookup.4joho", "resident.view")))) | length),
	    (map(select(.result == "refused")) | length),
	    (map(select(.action == "login" and .result == "ok")) | length),
	    (map(select(.action == "login" and .result == "refused")) | length) ]
	| map(tostring) | join(" +")' -r "$log")
verify "…the counts of the day are jq's" \
	'screen | grep -E "^ $today +$want *$" >/dev/null' 'echo "  want $want"; screen | grep "$today"'
check "…and the lookups by 事務" \
	'row "KAIJI" "本人確認情報の開示: 110" && row "TEIKYO" "国の機関等への提供: 1"'
keys F3
check "F3: a row a month" \
	'shows "単位 (F3): 月ごと" && screen | grep -E "^ $(echo $today | cut -c1-7) +$want *$" >/dev/null'
keys F10
check "F10: back to the list" 'shows "ページ 1:"'

# --- wiping, a bad 住民票コード ----------------------------------------------------

keys F10
check "F10: the menu" 'shows "業務メニュー"'
keys 3
check "back in, the filters and pages are gone" \
	'shows "ページ 1:" && ! row_now "照合ID" "C0001" && row "U0001" "監査ログの検索"'
keys Tab Tab 12345678904
check "a 住民票コード with a wrong check digit is caught as typed" \
	'row "住民票コード" "12345678904" && shows "チェックデジットが一致しません"'
searches=$(grep -c '"audit.search"' "$log")
keys Enter
check "…and Enter sends nothing" \
	'shows "住民票コード: チェックデジットが一致しません" && [ "$(grep -c "\"audit.search\"" "$log")" = "$searches" ]'
keys BSpace 3 Enter
check "…the right code searches by it" \
	'shows "該当するエントリはありません" && last_audited ".action == \"audit.search\" and .target == \"12345678903\""'

keys F10 3
shows "ページ 1:" >/dev/null
keys C0001 Enter
shows "ページ 1: 100 件" >/dev/null
keys F12
check "F12 locks: nothing of the log on screen" \
	'shows "画面ロック中" && lacks "C0001" && lacks "$(field "$c1_first" target)"'
keys Enter
shows "暗証番号" >/dev/null
keys 1234 Enter
check "unlocked: the 監査ログ again, its filters wiped" \
	'shows "監査ログ" && shows "ページ 1:" && ! row_now "照合ID" "C0001"'

# --- 80×24 -----------------------------------------------------------------------------

tmux -S "$sock" resize-window -t t -x 80 -y 24
keys C0001 Enter
check "at 80×24: the filters, the list and the keys fit" \
	'shows "ページ 1: 100 件" && shows "F10 戻る" && row "照合ID" "C0001" && row "$(jst "$c1_first" | cut -c6-)" "C0001"'
keys F5
check "…and the statistics" 'shows "監査ログの統計" && shows "合計"'
keys F10 Enter
check "…and an entry" 'shows "監査ログのエントリ" && shows "$(field "$c1_first" hash)"'
keys F2
shows "照合IDを入力して" >/dev/null

# --- in English ------------------------------------------------------------------------

start_client --lang en
keys U0001 Enter
shows "PIN" >/dev/null
keys 1234 Enter
keys 3
check "English: the audit log" 'shows "Audit log" && shows "Page 1:"'
keys C0001 Enter
check "English: a search by operator, actions in words" \
	'shows "Page 1: 100 entries" && row "C0001" "Lookup (with history)" "OK"'
keys F3
check "English: the verdict" 'shows "No tampering was found"'
keys Space F5
check "English: the statistics" 'shows "Audit log statistics" && shows "Total"'
stop_client
check "no sanitizer report from the client" '! ls "$term"/sanitizer.* >/dev/null 2>&1 || { cat "$term"/sanitizer.*; false; }'

finish
