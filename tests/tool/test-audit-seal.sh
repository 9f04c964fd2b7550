#!/bin/sh
# The audit log's seals and its retention purge, with the real server and
# its commands on real files.  verify-audit finds an edit in the middle, a
# tail cut below the last seal, the last entry or the whole chain
# rewritten with every hash recomputed, a forged or edited seal, another
# key, and a lost seals file; the server refuses to seal over such a log.
# A purge (the server's own at start, and purge-audit) removes what is
# past its period, says so in one audit entry, and leaves a log that
# verifies from its anchor.  The clock is moved with libfaketime.
# Usage: test-audit-seal.sh build/bin source-dir
set -u
. "$(dirname "$0")/harness.sh"
harness_start "$@" server_stop
. "$top/tests/tool/server-env.sh"

server_setup 1000 || { echo "setup failed"; exit 1; }
"$bin/juki-gendata" --db "$work/residents.db" --export - >"$work/all.tsv"
live=$(awk -F'\t' '$1 == "current" && $22 == 0 { print $2; exit }' "$work/all.tsv")
log=$work/audit.log
seals=$work/audit.log.seals
zeros=0000000000000000000000000000000000000000000000000000000000000000

# va [ARG…]: verify-audit with the configuration; $rc its exit code, its
# output in $work/verify.out.
va() {
	"$bin/juki-server" --config "$work/server.conf" verify-audit "$@" \
		>"$work/verify.out" 2>&1
	rc=$?
}
# found NAME RC TEXT: the last va exited RC and said TEXT.
found() {
	verify "$1" "[ \"\$rc\" = $2 ] && grep -q \"$3\" \"\$work/verify.out\"" \
		'echo "  rc $rc: $(cat "$work/verify.out")"'
}
# faked DAYS CMD…: CMD with the clock DAYS days on (libfaketime, set as
# server_start_later sets it, so that an ASan build runs it too).
faked() {
	days=$1
	shift
	env "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		$(faketime "+$days days" sh -c 'echo "LD_PRELOAD=$LD_PRELOAD FAKETIME=$FAKETIME"') "$@"
}
# refused_start NAME TEXT: the server does not start, exits 1 and says
# TEXT.  A name of its own: server-env.sh's refuses_start checks other
# things (stderr only, the files unchanged), and was shadowed by this one.
refused_start() {
	timeout 20 "$bin/juki-server" --config "$work/server.conf" \
		>"$work/refused.log" 2>&1
	verify "$1" "[ \$? = 1 ] && grep -q \"$2\" \"\$work/refused.log\"" \
		'cat "$work/refused.log"'
}
# traffic N: N lookups by a clerk, and a refused one.
traffic() {
	login C0001
	for _ in $(seq "$1"); do
		as "$token" /v1/lookup/code "{\"jimu\":\"KAIJI\",\"juminhyo_code\":\"$live\"}"
	done
	as "$token" /v1/lookup/code '{"juminhyo_code":"00000000000"}'
}
keep() { cp "$log" "$work/clean.log"; cp "$seals" "$work/clean.seals"; }
restore() { cp "$work/clean.log" "$log"; cp "$work/clean.seals" "$seals"; }

# --- the key
cp "$work/seal.key" "$work/seal.key.orig"
"$bin/juki-server" new-seal-key "$work/seal.key" 2>"$work/newkey.err"
check "new-seal-key never overwrites a key" '[ $? = 1 ] && grep -q "上書きしません" "$work/newkey.err" && cmp -s "$work/seal.key" "$work/seal.key.orig"'
check "a new seal key is an Ed25519 private key, its owner's only" \
	'[ "$(stat -c %a "$work/seal.key")" = 600 ] && openssl pkey -in "$work/seal.key" -noout -text 2>/dev/null | grep -q "ED25519 Private-Key"'
"$bin/juki-server" --config "$work/server.conf" seal-public-key >"$work/seal.pub"
check "seal-public-key prints the public half" \
	'[ "$(openssl pkey -in "$work/seal.key" -pubout)" = "$(cat "$work/seal.pub")" ]'
chmod 640 "$work/seal.key"
refused_start "a seal key others may read is refused at start" "所有者以外"
chmod 600 "$work/seal.key"

# --- a day of work, sealed at start and at stop
server_start || { echo "server did not start"; exit 1; }
traffic 5
server_stop
entries=$(wc -l <"$log")
va
found "the log verifies with its seals" 0 "完全です: $entries 件"
check "…sealed at start and at stop, the last seal at its head" \
	'[ "$(wc -l <"$seals")" = 2 ] && grep -q "最後のシールは連番 $entries (.*その後のエントリ 0 件" "$work/verify.out"'
mkdir "$work/copy"
cp "$log" "$seals" "$work/copy/"
"$bin/juki-server" verify-audit --public-key "$work/seal.pub" \
	"$work/copy/audit.log" >"$work/verify.out" 2>&1
rc=$?
found "a copy verifies with the public key alone, no configuration" 0 "完全です"
va --public-key "$work/seal.pub"
found "…and with --public-key and the configuration" 0 "完全です"
keep

# --- what the chain alone showed already: an edit in the middle
sed -i '3s/"target":"[0-9]*"/"target":"99999999999"/; 3s/"result":"ok"/"result":"refused"/' "$log"
va
found "an entry edited in the middle is found" 1 "内容の改ざん (3 行目"
restore

# --- what only the seals show
head -n $((entries - 2)) "$work/clean.log" >"$log"
va
found "the tail cut below the last seal is found" 1 "シール済みのエントリの切り詰め (連番 $entries、シールファイル 2 行目)"
refused_start "…and the server will not seal over it" "シールされた位置より短く"
restore

# rehash FILE [FROM]: every entry's prev and hash from line FROM (1) on
# recomputed, as a forger with the file and the public rules would.
rehash() {
	from=${2:-1}
	head -n $((from - 1)) "$1" >"$1.new"
	prev=$(sed -n "${from}p" "$1" | jq -r .prev)
	tail -n +"$from" "$1" | while IFS= read -r line; do
		body=$(printf '%s' "$line" | jq -cS --arg p "$prev" 'del(.hash) | .prev = $p')
		prev=$(printf '%s' "$body" | sha256sum | cut -d' ' -f1)
		printf '%s' "$body" | jq -cS --arg h "$prev" '.hash = $h'
	done >>"$1.new"
	mv "$1.new" "$1"
}
sed -i "${entries}s/\"target\":\"[0-9]*\"/\"target\":\"99999999999\"/" "$log"
rehash "$log" "$entries"
va
found "the last entry rewritten with its hash recomputed is found" 1 "シールと異なる内容 ($entries 行目、連番 $entries、シールファイル 2 行目)"
restore
sed -i '2s/"target":"[0-9]*"/"target":"99999999999"/' "$log"
rehash "$log"
"$bin/juki-server" --config "$work/server.conf" verify-audit --public-key \
	"$work/seal.pub" >/dev/null 2>&1
sealed_rc=$?
rm -f "$seals"
va
unsealed_rc=$rc
check "a whole chain rewritten and rehashed is a valid chain: only the seals tell" \
	'[ "$sealed_rc" = 1 ] && [ "$unsealed_rc" = 1 ] && grep -q "シールの欠落" "$work/verify.out"'
cp "$work/clean.seals" "$seals"
va
found "…the seal made before it disagrees with it" 1 "シールと異なる内容 ($entries 行目、連番 $entries、シールファイル 2 行目)"

# forge_seal KEY: a seal of the log's head as the server writes it, made
# with KEY (openssl: the message of audit-seal.h, Ed25519).
forge_seal() {
	last=$(tail -1 "$log")
	fid=$(openssl pkey -in "$1" -pubout -outform DER | tail -c 32 | sha256sum | cut -d' ' -f1)
	fseq=$(printf '%s' "$last" | jq .seq)
	fhash=$(printf '%s' "$last" | jq -r .hash)
	ftime=$(date -u +%Y-%m-%dT%H:%M:%S.000Z)
	printf 'juki-audit-seal/1\nkey=%s\nseq=%s\nhash=%s\ntime=%s\nfirst=1\nanchor=%s\ninterval=300\n' \
		"$fid" "$fseq" "$fhash" "$ftime" "$zeros" >"$work/seal.msg"
	fsig=$(openssl pkeyutl -sign -rawin -inkey "$1" -in "$work/seal.msg" | od -An -v -tx1 | tr -d ' \n')
	jq -cnS --arg k "$fid" --argjson s "$fseq" --arg h "$fhash" \
		--arg t "$ftime" --arg a "$zeros" --arg sig "$fsig" \
		'{anchor: $a, first: 1, hash: $h, interval: 300, key: $k, seq: $s, sig: $sig, time: $t}'
}
openssl genpkey -algorithm ed25519 -out "$work/other.key" 2>/dev/null
openssl pkey -in "$work/other.key" -pubout -out "$work/other.pub"
restore
forge_seal "$work/seal.key" >>"$seals"
va
found "(a seal made by hand with the server's key is valid: the forgeries below fail for their key)" 0 "シール 3 件"
rehash "$log"
forge_seal "$work/other.key" >"$seals"
va
found "a rewritten log with seals of another key is found" 1 "不正なシール (連番 $entries、シールファイル 1 行目)"
restore
forge_seal "$work/other.key" >>"$seals"
va
found "a forged seal appended is found" 1 "不正なシール (連番 $entries、シールファイル 3 行目)"
restore
sed -i '2s/"hash":"[0-9a-f]\{64\}"/"hash":"'"$(sed -n 1p "$log" | jq -r .hash)"'"/' "$seals"
va
found "a seal edited (its hash) is found" 1 "不正なシール (連番 $entries、シールファイル 2 行目)"
restore
va --public-key "$work/other.pub"
found "a log checked with another key's public key fails" 1 "不正なシール"
sed -n 2p "$work/clean.seals" >"$seals"
sed -n 1p "$work/clean.seals" >>"$seals"
va
found "seals out of order are found" 1 "不正なシール (連番 0、シールファイル 2 行目)"
restore

# --- a lost seals file: found, and never sealed afresh by a start
rm "$seals"
va
found "a log whose seals are gone is found" 1 "シールの欠落"
refused_start "…the server will not start on it" "seal-audit"
"$bin/juki-server" --config "$work/server.conf" seal-audit >"$work/seal-audit.out" 2>&1
check "seal-audit seals it by hand once its chain verifies" '[ $? = 0 ] && grep -q "シールしました: $entries 件" "$work/seal-audit.out"'
va
found "…and it verifies again" 0 "完全です"
sed -i '3s/"target":"[0-9]*"/"target":"99999999999"/' "$work/clean.log"
cp "$work/clean.log" "$log"
rm "$seals"
"$bin/juki-server" --config "$work/server.conf" seal-audit >"$work/seal-audit.out" 2>&1
check "seal-audit refuses a log that does not verify" '[ $? = 1 ] && [ ! -s "$seals" ] && grep -q "検証を通らない" "$work/seal-audit.out"'
sed -i '3s/"target":"99999999999"/"target":"'"$live"'"/' "$work/clean.log"
restore

# --- entries left unsealed: a crash, or a seals file cut back
sealed=$(wc -l <"$log")
server_start || { echo "server did not start"; exit 1; }
traffic 3
kill -KILL "$server_pid"
wait "$server_pid" 2>/dev/null
server_pid=
va
found "entries after a crash are counted unsealed" 0 "その後のエントリ $(($(wc -l <"$log") - sealed)) 件"
faked 1 "$bin/juki-server" --config "$work/server.conf" verify-audit >"$work/verify.out" 2>&1
rc=$?
found "…and a day later they are a warning: the seals may have been cut" 3 "警告"
server_start || { echo "server did not start"; exit 1; }
server_stop
va
found "a restart seals them" 0 "その後のエントリ 0 件"
keep
head -1 "$seals" >"$seals.cut"
mv "$seals.cut" "$seals"
faked 1 "$bin/juki-server" --config "$work/server.conf" verify-audit >"$work/verify.out" 2>&1
rc=$?
found "a seals file cut back to its first seal is a warning" 3 "警告"
restore

# --- the timer: sealed every seal_interval seconds while the head moves
seal_interval=1 server_config
server_start || { echo "server did not start"; exit 1; }
traffic 2
sealed_head() { [ "$(tail -1 "$seals" | jq .seq)" = "$(tail -1 "$log" | jq .seq)" ]; }
verify "the server seals a moved head within its interval" 'within 10 sealed_head' \
	'tail -1 "$seals"; tail -1 "$log"'
kill -KILL "$server_pid"
wait "$server_pid" 2>/dev/null
server_pid=
server_config
va
found "…so a crash after it leaves nothing unsealed" 0 "その後のエントリ 0 件"
keep

# --- retention: never less than 7 years
cp "$work/server.conf" "$work/server.conf.orig"
echo "retention_years = 6;" >>"$work/server.conf"
refused_start "a retention of less than 7 years is refused" "retention_years"
cp "$work/server.conf.orig" "$work/server.conf"

# --- a log that does not verify is never purged, and the refusal logged
sed -i '3s/"target":"[0-9]*"/"target":"99999999999"/' "$log"
faked 2930 "$bin/juki-server" --config "$work/server.conf" purge-audit >"$work/purge.out" 2>&1
check "a damaged log is not purged" \
	'[ $? = 1 ] && grep -q "検証を通らない" "$work/purge.out" && [ "$(head -1 "$log" | jq .seq)" = 1 ] && [ "$(wc -l <"$log")" = $(($(wc -l <"$work/clean.log") + 1)) ]'
check "…the refusal is in the log" \
	'tail -1 "$log" | jq -e ".action == \"retention.purge\" and .result == \"error\" and .reason == \"E_INTERNAL:audit-damaged\"" >/dev/null'
restore

# --- the server's own purge at start, 8 years on: what was written today
# goes, what was written 6 years on stays.
server_start || { echo "server did not start"; exit 1; }
cp "$log" "$work/before.log"
faked 2930 "$bin/juki-server" --config "$work/server.conf" purge-audit >"$work/purge.out" 2>&1
check "purge-audit is refused while the server runs" '[ $? = 1 ] && grep -q "使用中" "$work/purge.out" && cmp -s "$log" "$work/before.log"'
server_stop
old=$(wc -l <"$log")
old_last=$(tail -1 "$log")
first_time=$(head -1 "$log" | jq -r .time)
{
	update_json S-1 21 2026-07-01 "$(record_json "$live" "熊本県熊本市北区新町1番地")"; echo
	update_json S-2 21 2026-07-02 "$(record_json "$live" "熊本県熊本市北区新町2番地")"; echo
} >"$work/six.jsonl"
faked 2200 "$bin/juki-server" --config "$work/server.conf" replay-updates "$work/six.jsonl" >/dev/null
server_start_later 2930 || { echo "server did not start"; exit 1; }
# Eight years on every certificate has expired: the refused handshake is
# an entry the server appends after its purge, to the new log.
curl -sk -o /dev/null --cert "$work/pki/terminal-T0001.crt" \
	--key "$work/pki/terminal-T0001.key" "https://localhost:$port/v1/jimu"
within 10 grep -q tls.handshake "$log"
server_stop
check "the server purged at start, and said so" 'grep -q "保存期間の整理: 監査ログ $old 件" "$work/server.log"'
purge=$(grep '"action":"retention.purge"' "$log")
check "its audit entry names what it removed" \
	'printf "%s" "$purge" | jq -e --arg t "$first_time/$(printf "%s" "$old_last" | jq -r .time)" ".result == \"ok\" and .terminal == \"server\" and .target == \"seq:1-$old\" and .document == \$t and .reason == \"log:$old history:0 residents:0\"" >/dev/null'
check "the server went on appending to the purged log" \
	'[ "$(tail -1 "$log" | jq -r .action)" = tls.handshake ] && [ "$(tail -1 "$log" | jq .seq)" = $((old + 4)) ]'
check "what was written 6 years on stays, first in the log" \
	'[ "$(head -1 "$log" | jq -r .action)" = cs.update.replay ] && [ "$(head -1 "$log" | jq .seq)" = $((old + 1)) ] && [ "$(grep -c cs.update.replay "$log")" = 2 ]'
check "…chained from the last entry removed" \
	'[ "$(head -1 "$log" | jq -r .prev)" = "$(printf "%s" "$old_last" | jq -r .hash)" ]'
check "a seal anchors the log at its new first entry" \
	'jq -e "select(.first == $((old + 1)) and .anchor == \"$(printf "%s" "$old_last" | jq -r .hash)\")" "$seals" | grep -q .'
va
found "the purged log verifies from its anchor" 0 "連番 $((old + 1)) から始まります"
cp "$log" "$seals" "$work/copy/"
"$bin/juki-server" verify-audit --public-key "$work/seal.pub" \
	"$work/copy/audit.log" >"$work/verify.out" 2>&1
rc=$?
found "…with the public key alone too" 0 "完全です"
keep
sed -i 1d "$log"
va
found "a purged log cut further at its head is found" 1 "エントリの削除 (1 行目"
restore
sed -i '1s/"prev":"[0-9a-f]*"/"prev":"'"$zeros"'"/' "$log"
rehash "$log"
va
found "…and one re-chained from nothing, rehashed, too" 1 "内容の改ざん (1 行目\|シールと異なる内容"
restore

# --- residents: history and 消除者 past 150 years, in the same entry.
# The cutoff is put among the file's changes: what ended before it goes,
# nothing else.
sql() { sqlite3 "$work/residents.db" "$1"; }
ended='max(n.idou_date, substr(n.timestamp, 1, 10))'
live_rows() { sql "SELECT * FROM resident WHERE deleted = 0 ORDER BY juminhyo_code" | sha256sum; }
history_before=$(sql "SELECT count(*) FROM resident_history")
removed_before=$(sql "SELECT count(*) FROM resident WHERE deleted = 1")
live_before=$(live_rows)
days=$(( ( $(date -u -d 2165-01-10 +%s) - $(date -u +%s) ) / 86400 ))
faked "$days" "$bin/juki-server" --config "$work/server.conf" purge-audit >"$work/purge.out" 2>&1
check "purge-audit runs with the server stopped" '[ $? = 0 ]'
cutoff=$(sed -n 's/.*住民の履歴と消除者は \([0-9-]*\) より前.*/\1/p' "$work/purge.out")
history_after=$(sql "SELECT count(*) FROM resident_history")
removed_after=$(sql "SELECT count(*) FROM resident WHERE deleted = 1")
check "the cutoff is 150 years before the clock ($cutoff)" '[ "${cutoff%-*}" = 2015-01 ]'
check "some history went, some stayed ($history_before → $history_after)" \
	'[ "$history_after" -gt 0 ] && [ "$history_after" -lt "$history_before" ]'
check "some 消除者 went, some stayed ($removed_before → $removed_after)" \
	'[ "$removed_after" -gt 0 ] && [ "$removed_after" -lt "$removed_before" ]'
check "no history left that a change ended before the cutoff" \
	'[ "$(sql "SELECT count(*) FROM resident_history AS h JOIN (SELECT juminhyo_code, update_seq, idou_date, timestamp FROM resident UNION ALL SELECT juminhyo_code, update_seq, idou_date, timestamp FROM resident_history) AS n ON n.juminhyo_code = h.juminhyo_code AND n.update_seq = h.superseded_by WHERE $ended < '"'"'$cutoff'"'"'")" = 0 ]'
check "no 消除者 left removed before it" \
	'[ "$(sql "SELECT count(*) FROM resident AS n WHERE deleted = 1 AND $ended < '"'"'$cutoff'"'"'")" = 0 ]'
check "every current resident is as it was" '[ "$(live_rows)" = "$live_before" ]'
purge=$(grep '"action":"retention.purge"' "$log" | tail -1)
check "the entry counts them, with the log's own" \
	'printf "%s" "$purge" | jq -e ".terminal == \"cli\" and (.reason | test(\"^log:[0-9]+ history:$((history_before - history_after)) residents:$((removed_before - removed_after))\$\"))" >/dev/null'
va
found "the log still verifies" 0 "完全です"
faked 58000 "$bin/juki-server" --config "$work/server.conf" purge-audit >"$work/purge.out" 2>&1
check "159 years on (past the updates written 6 years on), all history and every 消除者 are gone" \
	'[ $? = 0 ] && [ "$(sql "SELECT count(*) FROM resident_history")" = 0 ] && [ "$(sql "SELECT count(*) FROM resident WHERE deleted = 1")" = 0 ] && [ "$(live_rows)" = "$live_before" ]'
check "…and a 更新順番号 once given is not given again" \
	'[ "$(sql "SELECT value FROM meta WHERE key = '"'"'update_seq_floor'"'"'")" -ge "$(sql "SELECT max(update_seq) FROM resident")" ]'
faked 58000 "$bin/juki-server" --config "$work/server.conf" purge-audit >"$work/purge.out" 2>&1
check "a purge with nothing to remove writes nothing" \
	'[ $? = 0 ] && grep -q "監査ログ 0 件、履歴 0 件、消除者 0 件" "$work/purge.out" && [ "$(grep -c retention.purge "$log")" = 1 ]'
va
found "the log verifies after every purge" 0 "完全です: 1 件"

finish
