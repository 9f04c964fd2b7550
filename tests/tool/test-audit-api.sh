#!/bin/sh
# Audit review driven through the server's real API with curl: a search by
# each filter gives exactly the entries that match (worked out again here
# with jq from audit.log, days in JST), paging gives every entry once and in
# order, the CSV export read back with Python's csv module is the log's
# entries field for field (its chain verifiable from the file alone) and its
# SHA-256 the answer's, the statistics are jq's counts, bad filters are
# refused with their codes, clerks and trainers are refused, every call is
# audited, and verify names a tampered line.  The contract is the comment
# "Audit review" in include/juki/protocol.h.
# Usage: test-audit-api.sh build/bin source-dir
set -u
. "$(dirname "$0")/harness.sh"
harness_start "$@" server_stop
. "$top/tests/tool/server-env.sh"

server_setup 300 || { echo "setup failed"; exit 1; }
"$bin/juki-gendata" --db "$work/residents.db" --export - >"$work/all.tsv"
server_start || { echo "server did not start"; exit 1; }

T2=terminal-T0002
cs=cs-CS431001
log=$work/audit.log
exports=$work/audit-exports
today=$(TZ=Asia/Tokyo date +%F)

# --- helpers -------------------------------------------------------------

# refused NAME CODE: the last call was refused with CODE and its status.
refused() {
	if [ "$(error_code)" = "$2" ] && [ "$status" = "$(status_of "$2")" ]
	then ok "$1"
	else not_ok "$1 ($2)"; got; fi
}

# day N: the date N days before today (JST), as UTC dates are written.
day() { date -d "$today -$1 days" +%F; }

# freeze: the log as it is now, before a call adds its own entry.
freeze() { cp "$log" "$work/log.snap"; }

# The jq definitions the expectations share: an entry's JST day, and what
# the statistics count.
defs='
def jst: ((.time[0:19] + "Z") | fromdateiso8601) + 32400 | strftime("%Y-%m-%d");
def lookup: .result == "ok" and (.action | IN("lookup.code", "lookup.kojin", "lookup.4joho", "resident.view"));
def provision: .result == "ok" and (.action | IN("lookup.code", "lookup.kojin", "provide.candidate", "resident.view", "disclosure.receive", "disclosure.show"));
def names: {"KAIJI": "本人確認情報の開示", "TEIKYO": "国の機関等への提供"};
def tally: {
	updates: map(select(.action == "cs.update" and .result == "ok")) | length,
	provisions: map(select(provision)) | length,
	lookups: map(select(lookup)) | length,
	lookups_by_jimu: (map(select(lookup)) | group_by(.jimu)
		| map({jimu: .[0].jimu, name: (names[.[0].jimu] // ""),
			count: length, first: (map(.seq) | min)})
		| sort_by(if .jimu == "KAIJI" then 0 elif .jimu == "TEIKYO"
			then 1 else 2 end, .first) | map(del(.first))),
	refusals: map(select(.result == "refused")) | length,
	logins: map(select(.action == "login" and .result == "ok")) | length,
	login_refusals: map(select(.action == "login" and .result == "refused")) | length
};
'

# expected FILTER: the frozen log's entries that FILTER selects, newest
# first, at most a page, keys sorted.
expected() {
	jq -cS "$defs select($1)" "$work/log.snap" | jq -scS 'sort_by(-.seq) | .[:100]'
}

# search NAME BODY FILTER [MIN]: audit/search with BODY answers exactly the
# entries FILTER selects in the log as it was (at least MIN of them, 1
# unless said), having read every entry of it.
search() {
	freeze
	as "$auditor" /v1/audit/search "$2"
	want=$(expected "$3")
	have=$(jq -cS .entries "$work/body" 2>/dev/null)
	n=$(echo "$want" | jq length)
	if [ "$status" = 200 ] && [ "$have" = "$want" ] &&
	    [ "$n" -ge "${4:-1}" ] &&
	    [ "$(jq .scanned "$work/body")" = "$(wc -l <"$work/log.snap")" ] &&
	    [ "$(jq .damaged "$work/body")" = 0 ]; then
		ok "$1 ($n)"
	else
		not_ok "$1"; got; echo "  want $n: $(echo "$want" | head -c 300)"
	fi
}

# forge TIME OPERATOR TERMINAL ACTION TARGET JIMU RESULT REASON DOCUMENT
# ITEMS: an entry chained onto the log as the server writes one (the
# canonical form and SHA-256 are public: audit.c), at a time of the test's
# choosing.  The server must be stopped.
forge() {
	last=$(tail -1 "$log")
	entry=$(jq -cnS --argjson seq "$(($(echo "$last" | jq .seq) + 1))" \
		--arg prev "$(echo "$last" | jq -r .hash)" --arg time "$1" \
		--arg op "$2" --arg term "$3" --arg action "$4" --arg target "$5" \
		--arg jimu "$6" --arg result "$7" --arg reason "$8" \
		--arg document "$9" --arg items "${10}" '{seq: $seq,
		prev: $prev, time: $time, operator: $op, terminal: $term,
		action: $action, target: $target, jimu: $jimu,
		result: $result, reason: $reason, document: $document,
		items: $items}')
	hash=$(printf %s "$entry" | sha256sum | cut -d' ' -f1)
	echo "$entry" | jq -cS --arg h "$hash" '. + {hash: $h}' >>"$log"
}

# The residents: A with a 個人番号, B and C current.
A=$(awk -F'\t' '$1 == "current" && $22 == 0 && $10 != "" { print $2; exit }' "$work/all.tsv")
B=$(awk -F'\t' -v a="$A" '$1 == "current" && $22 == 0 && $2 != a { print $2; exit }' "$work/all.tsv")
C=$(awk -F'\t' -v a="$A" -v b="$B" '$1 == "current" && $22 == 0 && $2 != a && $2 != b { print $2; exit }' "$work/all.tsv")
A_kojin=$(awk -F'\t' -v c="$A" '$1 == "current" && $2 == c { print $10 }' "$work/all.tsv")
A_kana=$(awk -F'\t' -v c="$A" '$1 == "current" && $2 == c { print $5 }' "$work/all.tsv")
check "the file has the residents this test needs" \
	'[ -n "$A" ] && [ -n "$B" ] && [ -n "$C" ] && [ -n "$A_kojin" ]'

login C0001;			clerk=$token
login C0002 1234 $T2;		clerk_t2=$token
login U0001;			auditor=$token
login A0001;			admin=$token
login R0001;			trainer=$token
login C0002 9999
check "everyone logs in, and a wrong PIN is refused" \
	'[ -n "$clerk" ] && [ -n "$clerk_t2" ] && [ -n "$auditor" ] && [ -n "$admin" ] && [ -n "$trainer" ] && [ "$(error_code)" = E_BAD_CREDENTIALS ]'

# --- 1. a day at the counter ---------------------------------------------

as "$clerk" /v1/resident "{\"jimu\":\"KAIJI\",\"juminhyo_code\":\"$A\"}"
as "$clerk" /v1/lookup/code "{\"jimu\":\"TEIKYO\",\"juminhyo_code\":\"$B\"}"
as "$clerk" /v1/lookup/kojin "{\"jimu\":\"KAIJI\",\"kojin_bango\":\"$A_kojin\"}"
as "$clerk" /v1/lookup/4joho "{\"jimu\":\"TEIKYO\",\"name_kana\":\"$A_kana\"}"
as "$clerk" /v1/lookup/code '{"jimu":"KAIJI","juminhyo_code":"12345678904"}'
as "$clerk" /v1/lookup/code "{\"juminhyo_code\":\"$A\"}"
as "$clerk_t2" /v1/resident "{\"jimu\":\"TEIKYO\",\"juminhyo_code\":\"$B\"}" $T2
as "$clerk_t2" /v1/lookup/code "{\"jimu\":\"KAIJI\",\"juminhyo_code\":\"$A\"}" $T2
api $cs POST /v1/cs/update "$(update_json AU-1 21 2026-05-01 "$(record_json "$C" "熊本県熊本市中央区新町9丁目9番9号")")"
api $cs POST /v1/cs/update "$(update_json AU-2 11 2026-05-02 "$(record_json "$C")")"
# What a spreadsheet would take for a formula, a comma and quotes: numbers
# an administrator typed, which the log keeps as typed.
as "$admin" /v1/applications/register '{"application_no":"=1+2","name":"監査花子","kana":"カンサハナコ","affiliation":"監査課","roles":["clerk"],"requested_by":"課長"}'
as "$admin" /v1/operators/issue '{"application_no":"-x,\"y\""}'
api terminal-T0001 GET /v1/jimu "" "$trainer"
check "(the day's requests are in the log)" \
	'[ "$(jq -s "map(select(.action == \"provide.candidate\")) | length" "$log")" -ge 1 ] && audited ".target == \"=1+2\"" && audited ".document == \"-x,\\\"y\\\"\""'

# Earlier days, chained in while the server is stopped: either side of
# midnight in Japan (15:00 UTC), a 事務 no longer configured, and fields a
# spreadsheet must not run.
server_stop
check "(the server stopped cleanly)" '[ "${server_status:-1}" = 0 ]'
forge "$(day 51)T14:59:59.999Z" C0009 T0009 lookup.code "$A" KAIJI ok "" "" "code,name"
forge "$(day 51)T15:00:00.000Z" C0009 T0009 resident.view "$A" OLD ok "" "" "code,name,history"
forge "$(day 40)T00:00:00.000Z" C0009 T0009 print.begin P2026-000001 "" ok "+1" "'quoted" ""
forge "$(day 21)T14:59:59.999Z" C0009 T0009 login "" "" ok pin "" ""
forge "$(day 21)T15:00:00.000Z" C0009 T0009 login "" "" refused E_NO_MATCH "" ""
forge "$(day 5)T03:00:00.000Z" "" CS431001 cs.update "$B" "" ok "" "＠全角" ""
"$bin/juki-server" --config "$work/server.conf" verify-audit >"$work/verify.out" 2>&1
verify "(the log with them verifies)" '[ $? = 0 ]' 'cat "$work/verify.out"'
server_start || { not_ok "the server starts again"; finish; exit 1; }
login C0001;			clerk=$token
login U0001;			auditor=$token
login A0001;			admin=$token
login R0001;			trainer=$token

# --- 2. who may review -----------------------------------------------------

for route in search verify export stats; do
	for who in clerk trainer; do
		eval "tok=\$$who"
		as "$tok" "/v1/audit/$route" "{\"from\":\"$today\",\"to\":\"$today\"}"
		refused "a $who may not call audit/$route" E_FORBIDDEN
	done
done
check "…and each refusal is audited" \
	'[ "$(jq -s "map(select((.action | startswith(\"audit.\")) and .result == \"refused\" and .reason == \"E_FORBIDDEN\")) | length" "$log")" = 8 ]'
check "…no export was written for them" '[ ! -e "$exports" ]'
as "$admin" /v1/audit/search '{"limit":1}'
answered "an administrator may search" '.entries | length == 1'
as "$auditor" /v1/audit/search '{"limit":1}'
answered "an auditor may search" '.entries | length == 1'
check "…audited as audit.search by the auditor" \
	'last_audited ".action == \"audit.search\" and .operator == \"U0001\" and .result == \"ok\" and .seq == $(jq .audit_ref "$work/body")"'

# --- 3. each filter --------------------------------------------------------

search "every entry, newest first" '{}' 'true' 40
search "by operator C0001" '{"operator_id":"C0001"}' '.operator == "C0001"' 10
search "by operator C0002" '{"operator_id":"C0002"}' '.operator == "C0002"' 3
search "by an operator no one is" '{"operator_id":"C0003"}' '.operator == "C0003"' 0
search "by 住民票コード A" "{\"target\":\"$A\"}" ".target == \"$A\"" 4
check "…which is the search's own audit target" \
	'last_audited ".action == \"audit.search\" and .target == \"$A\""'
search "by 住民票コード B" "{\"target\":\"$B\"}" ".target == \"$B\"" 3
search "by terminal T0002" '{"terminal_id":"T0002"}' '.terminal == "T0002"' 3
search "by terminal CS431001" '{"terminal_id":"CS431001"}' '.terminal == "CS431001"' 3
search "by action lookup.code" '{"action":"lookup.code"}' '.action == "lookup.code"' 4
search "by the family lookup." '{"action":"lookup."}' '.action | startswith("lookup.")' 7
search "by action provide.candidate" '{"action":"provide.candidate"}' '.action == "provide.candidate"'
search "by result refused" '{"result":"refused"}' '.result == "refused"' 5
search "by result error" '{"result":"error"}' '.result == "error"' 0
search "by result ok" '{"result":"ok"}' '.result == "ok"' 30
search "by a period of days (JST)" "{\"from\":\"$(day 50)\",\"to\":\"$(day 21)\"}" \
	"jst >= \"$(day 50)\" and jst <= \"$(day 21)\"" 3
search "…each end a whole day" "{\"from\":\"$(day 51)\",\"to\":\"$(day 51)\"}" \
	"jst == \"$(day 51)\"" 1
search "…and the day after it" "{\"from\":\"$(day 50)\",\"to\":\"$(day 50)\"}" \
	"jst == \"$(day 50)\"" 1
search "from a day on" "{\"from\":\"$(day 20)\"}" "jst >= \"$(day 20)\"" 40
search "up to a day" "{\"to\":\"$(day 21)\"}" "jst <= \"$(day 21)\"" 4
search "today" "{\"from\":\"$today\",\"to\":\"$today\"}" "jst == \"$today\"" 40
search "every filter at once" \
	"{\"operator_id\":\"C0001\",\"target\":\"$A\",\"terminal_id\":\"T0001\",\"action\":\"lookup.\",\"result\":\"ok\",\"from\":\"$today\",\"to\":\"$today\"}" \
	".operator == \"C0001\" and .target == \"$A\" and .terminal == \"T0001\" and (.action | startswith(\"lookup.\")) and .result == \"ok\" and jst == \"$today\"" 1
as "$auditor" /v1/audit/search '{"operator_id":"C0001","limit":2}'
answered "a page of two, with a next" \
	'(.entries | length) == 2 and .next == .entries[1].seq and .next > 0'

# --- 4. paging ----------------------------------------------------------------

# page_all LIMIT [FILTER-JSON]: every page from the newest; the seqs seen,
# in order, in $seen; the pages in $pages; $bad says what went wrong.
page_all() {
	before=0 seen= pages=0 bad= filt=${2:-'{}'}
	while :; do
		body=$(jq -cn --argjson b "$before" --argjson l "$1" \
			"$filt + {before: \$b, limit: \$l}")
		as "$auditor" /v1/audit/search "$body"
		[ "$status" = 200 ] || { bad="status $status"; break; }
		pages=$((pages + 1))
		n=$(jq '.entries | length' "$work/body")
		next=$(jq .next "$work/body")
		[ "$n" -le "$1" ] || bad="$bad page-of-$n"
		seen="$seen $(jq -r '.entries[].seq' "$work/body" | tr '\n' ' ')"
		[ "$next" = 0 ] && break
		[ "$n" = "$1" ] && [ "$next" = "$(jq '.entries[-1].seq' "$work/body")" ] ||
			bad="$bad next-$next"
		before=$next
		[ "$pages" -lt 1000 ] || { bad="$bad endless"; break; }
	done
	seen=$(echo $seen)
}
freeze
page_all 7
want=$(jq -r .seq "$work/log.snap" | sort -rn | tr '\n' ' ')
want=$(echo $want)
total=$(wc -l <"$work/log.snap")
verify "paging 7 at a time gives every entry once, newest first" \
	'[ -z "$bad" ] && [ "$seen" = "$want" ]' 'echo "  $bad"; echo "  seen $seen"; echo "  want $want"'
check "…in $(( (total + 6) / 7 )) pages, though the log grew meanwhile" \
	'[ "$pages" = $(( (total + 6) / 7 )) ] && [ "$(wc -l <"$log")" -gt "$total" ]'
freeze
page_all 3 '{"operator_id":"C0001"}'
want=$(jq -r 'select(.operator == "C0001") | .seq' "$work/log.snap" | sort -rn | tr '\n' ' ')
want=$(echo $want)
verify "paging a filter 3 at a time gives its every entry once" \
	'[ -z "$bad" ] && [ "$seen" = "$want" ] && [ -n "$want" ]' 'echo "  $bad"; echo "  seen $seen"; echo "  want $want"'
as "$auditor" /v1/audit/search '{"before":3}'
answered "before 3: entries 2 and 1, the last page" \
	'[.entries[].seq] == [2, 1] and .next == 0'

# --- 5. bad filters ----------------------------------------------------------

bad_search() {
	as "$auditor" /v1/audit/search "$2"
	refused "$1" "$3"
	if [ -n "${4:-}" ] && [ "$(jq -r .error.detail "$work/body")" != "$4" ]; then
		not_ok "…naming $4"; got
	fi
	last_audited ".action == \"audit.search\" and .result == \"refused\" and (.reason | startswith(\"$3\"))" ||
		not_ok "$1: audited"
}
bad_search "a 住民票コード of ten digits refused" '{"target":"1234567890"}' E_BAD_VALUE target
bad_search "a 住民票コード with letters refused" '{"target":"1234567890a"}' E_BAD_VALUE target
bad_search "a 住民票コード with a wrong check digit refused" '{"target":"12345678904"}' E_CHECK_DIGIT target
bad_search "a result that is none refused" '{"result":"denied"}' E_BAD_VALUE result
bad_search "a date that is none refused" '{"from":"2026-02-30"}' E_BAD_VALUE from
bad_search "a date in another shape refused" '{"to":"2026/04/30"}' E_BAD_VALUE to
bad_search "a date in 和暦 refused" '{"from":"R8.4.1"}' E_BAD_VALUE from
bad_search "from after to refused" '{"from":"2026-05-01","to":"2026-04-30"}' E_BAD_RANGE
bad_search "a limit of 0 refused" '{"limit":0}' E_BAD_VALUE limit
bad_search "a limit above 100 refused" '{"limit":101}' E_BAD_VALUE limit
bad_search "a cursor below 0 refused" '{"before":-1}' E_BAD_VALUE before
bad_search "an operator too long for the log refused" "{\"operator_id\":\"$(printf 'x%.0s' $(seq 64))\"}" E_BAD_VALUE operator_id
bad_search "a control character refused" '{"terminal_id":"T\u001b[2J"}' E_BAD_VALUE terminal_id
bad_search "a filter of the wrong type refused" '{"limit":"10"}' E_WRONG_TYPE limit
bad_search "an unknown filter refused" '{"jimu":"KAIJI"}' E_UNKNOWN_FIELD jimu
check "(the message of E_BAD_RANGE is protocol.h's)" \
	'as "$auditor" /v1/audit/search "{\"from\":\"2026-05-01\",\"to\":\"2026-04-30\"}"; [ "$(jq -r .error.message "$work/body")" = "$(message_of E_BAD_RANGE)" ]'

# --- 6. the CSV export -------------------------------------------------------

# csv_check FILE FROM TO: the export read back with Python's csv module
# against the frozen log's entries of the period, JST days, field for field.
csv_check() {
	python3 - "$1" "$work/log.snap" "$2" "$3" <<'PY'
import csv, datetime, hashlib, io, json, sys
path, log, first, last = sys.argv[1:5]
cols = ["seq", "time", "operator", "terminal", "action", "target", "jimu",
        "result", "reason", "document", "items", "prev", "hash"]
raw = open(path, "rb").read()
problems = []
if not raw.startswith(b"\xef\xbb\xbf"):
    problems.append("no byte order mark")
text = raw[3:].decode("utf-8")
if not text.endswith("\r\n") or "\n" in text.replace("\r\n", ""):
    problems.append("a line not ended by CRLF")
rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
if rows[0] != cols:
    problems.append("header %r" % rows[0])
def jst(t):
    utc = datetime.datetime.strptime(t[:19], "%Y-%m-%dT%H:%M:%S")
    return (utc + datetime.timedelta(hours=9)).strftime("%Y-%m-%d")
want = [e for e in map(json.loads, open(log, encoding="utf-8"))
        if first <= jst(e["time"]) <= last]
got = []
for row in rows[1:]:
    for field in row:
        if field and field[0] in "=+-@＝＋－＠":
            problems.append("unguarded %r" % field)
    # The guard undone: one leading ' off.
    row = [f[1:] if f.startswith("'") else f for f in row]
    e = dict(zip(cols, row))
    e["seq"] = int(e["seq"])
    got.append(e)
if got != want:
    problems.append("rows differ: %d rows, %d entries" % (len(got), len(want)))
    for g, w in zip(got, want):
        if g != w:
            problems.append("first difference: %r / %r" % (g, w))
            break
# The chain verified from the file alone: each row's hash is its own, and
# each follows the one before.
for i, e in enumerate(got):
    body = {k: v for k, v in e.items() if k != "hash"}
    canon = json.dumps(body, sort_keys=True, separators=(",", ":"),
                       ensure_ascii=False)
    if hashlib.sha256(canon.encode("utf-8")).hexdigest() != e["hash"]:
        problems.append("row %d: its hash is not its own" % (i + 1))
    if i > 0 and got[i - 1]["seq"] + 1 == e["seq"] and \
            got[i - 1]["hash"] != e["prev"]:
        problems.append("row %d: not chained" % (i + 1))
print("\n".join(problems) if problems else "ok %d" % len(got))
sys.exit(1 if problems else 0)
PY
}

first=$(day 60)
freeze
as "$auditor" /v1/audit/export "{\"from\":\"$first\",\"to\":\"$today\"}"
answered "an export of sixty days" \
	'(.file | test("^audit-[0-9]{8}-[0-9]{8}-[0-9]{8}T[0-9]{6}Z\\.csv$")) and (.sha256 | test("^[0-9a-f]{64}$"))'
file=$(jq -r .file "$work/body")
sha=$(jq -r .sha256 "$work/body")
entries=$(jq -r .entries "$work/body")
csv=$exports/$file
check "…named after the period" \
	'[ "${file#audit-$(echo $first | tr -d -)-$(echo $today | tr -d -)-}" != "$file" ]'
check "…lands in the configured folder, made 0700, the file 0600" \
	'[ -f "$csv" ] && [ "$(stat -c %a "$exports")" = 700 ] && [ "$(stat -c %a "$csv")" = 600 ]'
check "…its SHA-256 the answer's" '[ "$(sha256sum <"$csv" | cut -d" " -f1)" = "$sha" ]'
check "…every entry of the period, counted" \
	'[ "$entries" = "$(wc -l <"$work/log.snap")" ]'
verify "read back with Python's csv module it is the log, field for field, its chain verifiable" \
	'csv_check "$csv" "$first" "$today" >"$work/csv.out"' 'cat "$work/csv.out"'
check "…where a field a spreadsheet would run is guarded with a '" \
	"grep -q \"'=1+2\" \"\$csv\" && grep -q \"'+1\" \"\$csv\" && grep -q \"''quoted\" \"\$csv\" && grep -q \"'＠全角\" \"\$csv\""
quoted="\"'-x,\"\"y\"\"\""
check "…and a field with a comma and quotes is quoted, the mark inside" \
	'grep -qF -- "$quoted" "$csv"'
check "the export is audited: the file, its digest" \
	'last_audited ".action == \"audit.export\" and .operator == \"U0001\" and .document == \"$file\" and .reason == (\"sha256:\" + \"$sha\"[0:56]) and .result == \"ok\""'
check "the terminal's answer holds nothing of the file but its name, count and digest" \
	'jq -e "keys == [\"audit_ref\", \"damaged\", \"entries\", \"file\", \"scanned\", \"sha256\"]" "$work/body" >/dev/null'

freeze
as "$admin" /v1/audit/export "{\"from\":\"$(day 50)\",\"to\":\"$(day 21)\"}"
answered "an administrator's export of a month of earlier days" '.entries == 3'
file2=$(jq -r .file "$work/body")
verify "…is those days' entries, field for field" \
	'csv_check "$exports/$file2" "$(day 50)" "$(day 21)" >"$work/csv.out"' 'cat "$work/csv.out"'
as "$auditor" /v1/audit/export "{\"from\":\"$first\",\"to\":\"$today\"}"
file3=$(jq -r .file "$work/body")
check "the same period again is a file of its own; the first is untouched" \
	'[ "$status" = 200 ] && [ "$file3" != "$file" ] && [ "$(sha256sum <"$csv" | cut -d" " -f1)" = "$sha" ]'
as "$auditor" /v1/audit/export "{\"from\":\"$today\"}"
refused "an export without its end refused" E_MISSING_FIELD
as "$auditor" /v1/audit/export "{\"from\":\"$today\",\"to\":\"$(day 1)\"}"
refused "an export of a period backwards refused" E_BAD_RANGE
check "…and neither wrote a file" '[ "$(ls "$exports" | wc -l)" = 3 ] && [ -z "$(ls -A "$exports" | grep "^\.")" ]'
chmod 777 "$exports"
as "$auditor" /v1/audit/export "{\"from\":\"$today\",\"to\":\"$today\"}"
refused "a folder others may write in is not used" E_INTERNAL
check "…said in the server's log and the audit entry" \
	'grep -q "audit-exports" "$work/server.log" && last_audited ".action == \"audit.export\" and .result == \"error\" and .reason == \"E_INTERNAL:audit_exports:folder\""'
chmod 700 "$exports"

# A full disk: the folder a tmpfs of one page (root mounts it, as CI
# runs), every entry more than it holds.
if mount -t tmpfs -o size=4k,mode=0700 juki-exports "$exports" 2>/dev/null; then
	as "$auditor" /v1/audit/export "{\"from\":\"$(day 400)\",\"to\":\"$today\"}"
	refused "an export the disk cannot hold is refused" E_INTERNAL
	check "…said in the audit entry, and no file, not even a hidden one, left" \
		'[ -z "$(ls -A "$exports")" ] && last_audited ".action == \"audit.export\" and .result == \"error\" and .reason == \"E_INTERNAL:audit_exports:write\""'
	umount "$exports"
else
	not_ok "a full disk: a small tmpfs cannot be mounted (run as root)"
fi

# --- 7. statistics ----------------------------------------------------------

# stats_check: the last stats answer is jq's count of the frozen log.
stats_check() {
	jq -cnS "$defs"'
	[inputs | . + {day: jst}] as $all
	| $ans[0] as $a
	| def within($p): if $a.per == "month" then .day[0:7] == $p else .day == $p end;
	{periods: [$a.periods[].period as $p
		| ($all | map(select(within($p))) | tally) + {period: $p}],
	 total: ($all | map(select(.day >= $a.from and .day <= $a.to)) | tally)}' \
		--slurpfile ans "$work/body" "$work/log.snap" >"$work/stats.want"
	jq -cS '{periods, total}' "$work/body" >"$work/stats.got"
	cmp -s "$work/stats.want" "$work/stats.got"
}
stats_diff() { echo "  want $(head -c 600 "$work/stats.want")"; echo "  got  $(head -c 600 "$work/stats.got")"; }

freeze
as "$auditor" /v1/audit/stats "{\"from\":\"$(day 51)\",\"to\":\"$today\"}"
check "stats per day: one row a day of the period, oldest first" \
	'[ "$status" = 200 ] && [ "$(jq -r ".per, (.periods | length), .periods[0].period, .periods[-1].period" "$work/body" | tr "\n" " ")" = "day 52 $(day 51) $today " ]'
verify "…each row and the total jq's count of the log" stats_check stats_diff
check "…which counted something of each kind" \
	'jq -e ".total | .updates >= 2 and .provisions >= 6 and .lookups >= 7 and .refusals >= 5 and .logins >= 5 and .login_refusals >= 2 and (.lookups_by_jimu | map(.jimu)) == [\"KAIJI\", \"TEIKYO\", \"OLD\"]" "$work/body" >/dev/null'
check "…by 事務 with the configured names, a 事務 no longer configured nameless" \
	'jq -e "[.total.lookups_by_jimu[].name] == [\"本人確認情報の開示\", \"国の機関等への提供\", \"\"]" "$work/body" >/dev/null'
check "…midnight in Japan divides the days" \
	'jq -e "(.periods[0] | .lookups == 1 and .provisions == 1) and (.periods[1] | .lookups == 1 and .lookups_by_jimu == [{\"jimu\": \"OLD\", \"name\": \"\", \"count\": 1}])" "$work/body" >/dev/null'
check "…audited" 'last_audited ".action == \"audit.stats\" and .operator == \"U0001\" and .result == \"ok\""'
freeze
as "$admin" /v1/audit/stats "{\"from\":\"$(day 60)\",\"to\":\"$today\",\"per\":\"month\"}"
check "stats per month" \
	'[ "$status" = 200 ] && [ "$(jq -r ".per, .periods[0].period, .periods[-1].period" "$work/body" | tr "\n" " ")" = "month $(day 60 | cut -c1-7) $(echo $today | cut -c1-7) " ]'
verify "…each row and the total jq's count of the log" stats_check stats_diff
as "$auditor" /v1/audit/stats "{\"from\":\"$(day 366)\",\"to\":\"$today\"}"
refused "367 days a day at a time refused" E_RANGE_TOO_LONG
as "$auditor" /v1/audit/stats "{\"from\":\"$(day 365)\",\"to\":\"$today\"}"
answered "…366 days answered" '.periods | length == 366'
as "$auditor" /v1/audit/stats "{\"from\":\"$today\",\"to\":\"$today\",\"per\":\"week\"}"
refused "a period that is neither day nor month refused" E_BAD_VALUE
as "$auditor" /v1/audit/stats "{\"to\":\"$today\"}"
refused "stats without a start refused" E_MISSING_FIELD

# --- 8. verify ----------------------------------------------------------------

freeze
cp "$log.seals" "$work/seals"
as "$auditor" /v1/audit/verify '{}'
answered "verify: intact, every entry, the head the last hash" \
	".intact == true and .damage == \"intact\" and .entries == $(wc -l <"$work/log.snap") and .head == \"$(tail -1 "$work/log.snap" | jq -r .hash)\" and .line == 0"
sealed=$(tail -1 "$work/seals" | jq -r .seq)
answered "…checked against the seals: the last, sealed at start, and the entries since" \
	".first == 1 and .seals == $(wc -l <"$work/seals") and .sealed_seq == $sealed and .unsealed == $(wc -l <"$work/log.snap") - $sealed and .stale == false"
check "…the verdict in its audit entry" \
	'last_audited ".action == \"audit.verify\" and .reason == \"intact:$(wc -l <"$work/log.snap")\""'

# A line in the middle rewritten without its hash: the server still
# starts (it reads only the last entry), and verify names the line.
server_stop
check "the server, having answered every review, stopped cleanly" \
	'[ "${server_status:-1}" = 0 ]'
awk 'NR == 12 { sub(/"result":"[a-z]*"/, "\"result\":\"ok\""); sub(/"operator":"[^"]*"/, "\"operator\":\"X9999\"") } { print }' \
	"$log" >"$work/tampered" && cat "$work/tampered" >"$log"
server_start || { not_ok "the server starts on the tampered log"; finish; exit 1; }
login U0001; auditor=$token
as "$auditor" /v1/audit/verify '{}'
answered "verify of a tampered log names the line and the damage" \
	'.intact == false and .damage == "edited" and .line == 12 and .seq == 12 and .head == ""'
check "…in its audit entry too" \
	'last_audited ".action == \"audit.verify\" and .reason == \"edited:line=12:seq=12\""'
as "$auditor" /v1/audit/search '{"operator_id":"X9999"}'
answered "a search passes over the tampered line and says so" \
	'.entries == [] and .damaged == 1'

# The line put back, the log cut short while the server runs: what the
# chain alone cannot see, the seals do.
server_stop
sed -n 12p "$work/log.snap" >"$work/line12"
awk -v f="$work/line12" 'NR == 12 { getline $0 <f } { print }' "$log" \
	>"$work/mended" && cat "$work/mended" >"$log"
server_start || { not_ok "the server starts on the mended log"; finish; exit 1; }
login U0001; auditor=$token
as "$auditor" /v1/audit/verify '{}'
answered "verify of the log mended: intact, sealed at each start and stop" \
	".intact == true and .seals == $(wc -l <"$log.seals") and .stale == false"
sealed=$(tail -1 "$log.seals" | jq -r .seq)
head -n $((sealed - 2)) "$log" >"$work/cut" && cat "$work/cut" >"$log"
as "$auditor" /v1/audit/verify '{}'
answered "verify of a log cut before its last seal: truncated, at the sealed seq" \
	".intact == false and .damage == \"truncated\" and .seq == $sealed"
check "…in its audit entry too" \
	'last_audited ".action == \"audit.verify\" and .reason == \"truncated:line=0:seq=$sealed\""'

# --- 9. the terminal names every action -----------------------------------

# Every action the server writes (routes.c, and those the server writes
# beside its routes) has a label on the terminal's audit screens.
actions=$({ awk '/^const struct route routes/,/^};/' \
	"$top/server-stub/routes.c" | grep -o '"[^"]*"' | tr -d '"'
	echo provide.candidate; echo tls.handshake; echo cs.update.replay
	echo alert.raise; echo retention.purge
	echo unknown; } | sort -u)
unnamed=
for action in $actions; do
	grep -q "{ \"$action\", N_(\|X(\"$action\"," \
		"$top/client/audit-labels.c" "$top/include/juki/protocol.h" ||
		unnamed="$unnamed $action"
done
verify "the terminal has a label for every action the server audits ($(echo $actions | wc -w))" \
	'[ -z "$unnamed" ] && [ "$(echo $actions | wc -w)" -ge 45 ]' 'echo "  no label: $unnamed"'

finish
