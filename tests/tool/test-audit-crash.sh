#!/bin/sh
# The audit log through crashes.  Several clients at once (lookups by two
# clerks, updates from a 市町村CS on two connections) against the real
# server, killed with SIGKILL at a random moment: every request answered
# 200 has its entry (its audit_ref, its action, "ok") in the log, and
# after a restart the chain verifies with its seals.  Then a purge of a
# large log (made quickly through the server's own audit code,
# juki-audit-fill) killed at many moments, by time and, where strace can
# trace, just before each fsync, fdatasync and rename it makes: the log is
# always the old one or the new one, and verifies.
# Usage: test-audit-crash.sh build/bin source-dir
set -u
. "$(dirname "$0")/harness.sh"
harness_start "$@" server_stop
. "$top/tests/tool/server-env.sh"

server_setup 3000 || { echo "setup failed"; exit 1; }
server_start || { echo "server did not start"; exit 1; }
"$bin/juki-gendata" --db "$work/residents.db" --export - >"$work/all.tsv"
awk -F'\t' '$1 == "current" && $22 == 0 { print $2 }' "$work/all.tsv" |
	head -800 >"$work/codes"
log=$work/audit.log

# post NAME CERT PATH BODY [TOKEN]: a POST of this client's own (its
# answer in $work/NAME.body); $status is the HTTP status, 000 when the
# server is gone.
post() {
	[ -z "$5" ] || set -- "$@" -H "Authorization: Bearer $5"
	name=$1 cert=$2 path=$3 data=$4
	shift 5
	status=$(curl -s -o "$work/$name.body" -w '%{http_code}' \
		--cacert "$work/pki/ca.crt" --cert "$work/pki/$cert.crt" \
		--key "$work/pki/$cert.key" -X POST --data-binary "$data" "$@" \
		"https://localhost:$port$path") || true
}
# acked NAME ACTION: the last answer of NAME was a 200: its audit_ref and
# the action it must have are recorded, only now.
acked() {
	[ "$status" = 200 ] &&
		echo "$(jq .audit_ref "$work/$1.body") $2" >>"$work/acked.$1"
}
# lookups NAME TOKEN: lookups by 住民票コード until the server is gone.
lookups() {
	while read -r code; do
		post "$1" terminal-T0001 /v1/lookup/code \
			"{\"jimu\":\"KAIJI\",\"juminhyo_code\":\"$code\"}" "$2"
		[ "$status" != 000 ] || break
		acked "$1" lookup.code
	done <"$work/codes"
}
# updates NAME FIRST: 転居 of every other resident from line FIRST on.
updates() {
	n=0
	tail -n +"$2" "$work/codes" | awk 'NR % 2' | while read -r code; do
		n=$((n + 1))
		post "$1" cs-CS431001 /v1/cs/update "$(update_json "$1-$n" 21 \
			2026-07-01 "$(record_json "$code" "熊本県熊本市北区新町$n番地")")" ""
		[ "$status" != 000 ] || break
		acked "$1" cs.update
	done
}
# both_answered: a lookup and an update have each had an answer.
both_answered() { [ -s "$work/acked.L1" ] && [ -s "$work/acked.U1" ]; }

login C0001
t1=$token
login C0002
t2=$token
[ -n "$t1" ] && [ -n "$t2" ] || { echo "no sessions"; exit 1; }
: >"$work/acked.L1"
: >"$work/acked.L2"
: >"$work/acked.U1"
: >"$work/acked.U2"
lookups L1 "$t1" &
p1=$!
lookups L2 "$t2" &
p2=$!
updates U1 1 &
p3=$!
updates U2 2 &
p4=$!
# Once both kinds of request are being answered, a random moment up to
# a second later: a slow (sanitizer) build is not killed before any
# answer, nor a fast one after the lookups are all done.
within 120 both_answered
sleep "0.$(od -An -N1 -tu1 /dev/urandom | tr -d ' ' | cut -c1)"
kill -KILL "$server_pid"
wait "$server_pid" 2>/dev/null
server_pid=
wait "$p1" "$p2" "$p3" "$p4"

cat "$work"/acked.L1 "$work"/acked.L2 >"$work/acked.lookups"
cat "$work"/acked.U1 "$work"/acked.U2 >"$work/acked.updates"
lookups_acked=$(wc -l <"$work/acked.lookups")
updates_acked=$(wc -l <"$work/acked.updates")
check "the kill came while lookups ($lookups_acked) and updates ($updates_acked) were answered" \
	'[ "$lookups_acked" -gt 0 ] && [ "$updates_acked" -gt 0 ] && [ "$lookups_acked" -lt 1600 ]'
# Every whole line of the log (a torn last one is skipped): seq action result.
jq -Rr 'fromjson? | "\(.seq) \(.action) \(.result)"' "$log" >"$work/logged"
missing=$(cat "$work/acked.lookups" "$work/acked.updates" | awk '
	NR == FNR { got[$1] = $2 " " $3; next }
	got[$1] != $2 " ok" { n++ }
	END { print n + 0 }' "$work/logged" -)
check "every answer of 200 has its entry, with its action, in the log" '[ "$missing" = 0 ]'
refs=$(cat "$work/acked.lookups" "$work/acked.updates" | cut -d' ' -f1 | sort -u | wc -l)
check "…each its own" '[ "$refs" = $((lookups_acked + updates_acked)) ]'

check "the server starts again after the kill" server_start
[ -n "$server_pid" ] || { finish; exit 1; }
server_stop
"$bin/juki-server" --config "$work/server.conf" verify-audit >"$work/verify.out"
verify "after the restart the chain verifies, sealed to its head" \
	'[ $? = 0 ] && grep -q "その後のエントリ 0 件" "$work/verify.out"' \
	'cat "$work/verify.out"'

# --- a purge killed: a large log, most of it 8 years old, made on tmpfs
# where fdatasync costs nothing, then copied beside the server's.
fast=$(mktemp -d /dev/shm/juki-fill.XXXXXX 2>/dev/null || mktemp -d)
# faked WHEN CMD…: CMD under libfaketime (also in an ASan build).
faked() {
	when=$1
	shift
	env "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		$(faketime "$when" sh -c 'echo "LD_PRELOAD=$LD_PRELOAD FAKETIME=$FAKETIME"') "$@"
}
old=50000
new=10000
faked "-2930 days" "$bin/juki-audit-fill" "$fast/big.log" \
	"$fast/big.log.seals" "$work/seal.key" "$old" &&
	"$bin/juki-audit-fill" "$fast/big.log" "$fast/big.log.seals" \
	"$work/seal.key" "$new" || { echo "no large log"; exit 1; }
cp "$fast/big.log" "$work/big.orig"
cp "$fast/big.log.seals" "$work/big.seals.orig"
rm -rf "$fast"
sed 's/^audit_log = .*/audit_log = "big.log";/' "$work/server.conf" >"$work/big.conf"
chmod 600 "$work/big.conf"
restore() {
	cp "$work/big.orig" "$work/big.log"
	cp "$work/big.seals.orig" "$work/big.log.seals"
	rm -f "$work/big.log.purge"
}
# after_kill NAME: the log is the old or the new one, whole, and verifies
# with its seals; the log's state is counted in $olds / $news.
olds=0
news=0
after_kill() {
	first=$(head -1 "$work/big.log" | jq .seq)
	lines=$(wc -l <"$work/big.log")
	"$bin/juki-server" --config "$work/big.conf" verify-audit \
		>"$work/verify.out" 2>&1
	vrc=$?
	if [ "$first" = 1 ] && [ "$lines" = $((old + new)) ]; then
		olds=$((olds + 1))
	elif [ "$first" = $((old + 1)) ] && [ "$lines" = $((new + 1)) ]; then
		news=$((news + 1))
	else
		first=broken
	fi
	verify "$1: the old log or the new one, and it verifies" \
		'[ "$first" != broken ] && [ "$vrc" = 0 ]' \
		'echo "  first $first, $lines lines, verify $vrc: $(cat "$work/verify.out")"'
}
purge() {
	"$bin/juki-server" --config "$work/big.conf" purge-audit \
		>"$work/purge.out" 2>&1
}

restore
start=$(date +%s%N)
purge
took=$((($(date +%s%N) - start) / 1000000))
check "an uninterrupted purge of $((old + new)) entries takes ${took} ms" \
	'grep -q "監査ログ $old 件" "$work/purge.out"'
for ms in 10 40 80 150 250 400 600 900 1300 $((took * 9 / 10)); do
	restore
	# Not through the function: $! must be the server's own process.
	"$bin/juki-server" --config "$work/big.conf" purge-audit \
		>"$work/purge.out" 2>&1 &
	pid=$!
	sleep "$((ms / 1000)).$(printf %03d $((ms % 1000)))"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	after_kill "killed at $ms ms"
done

# strace -e inject counts each system call on its own: one round each.
if strace -f -qq -o /dev/null true 2>/dev/null; then
	points=0
	unfinished=
	for call in fsync fdatasync rename; do
		n=1
		while [ "$n" -le 30 ]; do
			restore
			# LeakSanitizer cannot run under ptrace: off, in an
			# ASan build, for these runs.
			ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
			strace -f -qq -o /dev/null -e trace="$call" \
				-e inject="$call":signal=KILL:when="$n" \
				"$bin/juki-server" --config "$work/big.conf" \
				purge-audit >"$work/purge.out" 2>&1
			src=$?
			[ "$src" = 0 ] && break
			# Killed (128 + SIGKILL), or a failure of its own.
			[ "$src" = 137 ] || { cat "$work/purge.out"; break; }
			after_kill "killed before $call $n"
			n=$((n + 1))
		done
		points=$((points + n - 1))
		[ "$src" = 0 ] || unfinished="$unfinished $call"
	done
	check "strace reached every fsync, fdatasync and rename of a purge ($points)" \
		'[ -z "$unfinished" ] && [ "$points" -ge 8 ] && grep -q "監査ログ $old 件" "$work/purge.out"'
else
	echo "# strace cannot trace here: kill points by time only"
fi
check "kills left the old log ($olds) and the new one ($news)" \
	'[ "$olds" -gt 0 ] && [ "$news" -gt 0 ]'

restore
purge
check "a purge run to its end after all that removes the $old old entries" \
	'[ $? = 0 ] && grep -q "監査ログ $old 件" "$work/purge.out"'
"$bin/juki-server" --config "$work/big.conf" verify-audit >"$work/verify.out" 2>&1
check "…and verifies from its anchor" \
	'[ $? = 0 ] && grep -q "連番 $((old + 1)) から" "$work/verify.out"'
check "…with one entry saying so" \
	'[ "$(grep -c "\"action\":\"retention.purge\"" "$work/big.log")" = 1 ]'

finish
