#!/bin/sh
# The operator-ID lifecycle (操作者名簿) driven through the server's real API
# with curl: who may call which route (every route the server has), an ID
# from its application to its revocation and the history and audit entries
# that record it, refusals that change nothing, the two-person rule, and
# an ID lapsing at the end of its validity (the server under faketime).
# The contract is the comment "The operator-ID lifecycle" in
# include/juki/protocol.h.
# Usage: test-operators-api.sh build/bin source-dir
set -u
. "$(dirname "$0")/harness.sh"
harness_start "$@" server_stop
. "$top/tests/tool/server-env.sh"

protocol_h=$top/include/juki/protocol.h
server_setup 300 || { echo "setup failed"; exit 1; }

# The second administrator every approval needs.  server-env.sh should give
# one; if it does not, say so and add it here so the rest can still run.
roster() { sqlite3 "$work/operators.db" "$1"; }
if [ "$(roster "SELECT count(*) FROM operator WHERE id = 'A0002'")" = 1 ]; then
	ok "server-env.sh gives a second administrator A0002"
else
	not_ok "server-env.sh gives a second administrator A0002"
	echo 1234 | "$bin/juki-server" --config "$work/server.conf" \
		add-operator A0002 admin 管理次郎 --pin
fi
server_start || { echo "server did not start"; exit 1; }

# --- helpers -------------------------------------------------------------

# refused NAME CODE: the last call was refused with CODE, with the HTTP
# status protocol.h gives that code.
refused() {
	if [ "$(error_code)" = "$2" ] && [ "$status" = "$(status_of "$2")" ]
	then ok "$1"
	else not_ok "$1 ($2)"; got; fi
}

# register NO ROLES [MORE [TOKEN]]: a 照合ID付与申請 for 山田花子 asking for
# ROLES (a JSON list); MORE adds fields (",\"valid_until\":…").
register() {
	as "${4:-$admin}" /v1/applications/register "{\"application_no\":\"$1\",\"name\":\"山田花子\",\"kana\":\"ヤマダハナコ\",\"affiliation\":\"熊本県市民課\",\"roles\":$2,\"requested_by\":\"市民課長 熊本一\"${3:-}}"
}

# issue NO [TOKEN]: sets $issued, the new 照合ID ("" when refused).
issue() {
	as "${2:-$admin}" /v1/operators/issue "{\"application_no\":\"$1\"}"
	issued=$(jq -r '.operator_id // ""' "$work/body" 2>/dev/null)
}

# give_pin ID [TOKEN [DOCUMENT]]: sets $pin ("" when refused).
give_pin() {
	as "${2:-$admin}" /v1/operators/pin "{\"operator_id\":\"$1\",\"document\":\"${3:-}\"}"
	pin=$(jq -r '.pin // ""' "$work/body" 2>/dev/null)
}

# show ID [TOKEN]: operators/show, its answer kept in $work/show.json.
show() {
	as "${2:-$admin}" /v1/operators/show "{\"operator_id\":\"$1\"}"
	cp "$work/body" "$work/show.json"
}
shown() { jq -e "$1" "$work/show.json" >/dev/null 2>&1; }

# state_of ID: the state operators/list gives ID today ("" if not listed).
state_of() {
	as "$admin" /v1/operators/list "{\"text\":\"$1\"}"
	jq -r --arg id "$1" '.operators[]? | select(.operator_id == $id) |
		.state' "$work/body" 2>/dev/null
}

# event ACTION: the last history event of ACTION in $work/show.json.
event() {
	jq -c --arg a "$1" '[.history[]? | select(.action == $a)] | last' \
		"$work/show.json" 2>/dev/null
}

# has_event NAME ACTION FILTER: show.json's history has ACTION, fitting.
has_event() {
	if event "$2" | jq -e "$3" >/dev/null 2>&1; then ok "$1"
	else not_ok "$1"; echo "  history: $(jq -c .history "$work/show.json")"; fi
}

# number ID: the number of an "OP" 照合ID.
number() { expr "${1#OP}" + 0 2>/dev/null || echo -1; }

print64() { head -c "${1:-200}" /dev/urandom | base64 -w0; }
today=$(date +%F)
tomorrow=$(date -d tomorrow +%F)

login A0001
admin=$token
login A0002
admin2=$token
check "both administrators log in" '[ -n "$admin" ] && [ -n "$admin2" ]'

# --- 1. who may call what --------------------------------------------------

# One row a route: its method, then for each caller (no session, clerk,
# admin, auditor, trainer) y = allowed or - = refused.  "cs" marks the
# route only a 市町村CS certificate may call.  A reviewer reads the
# permissions here, so every route the server has must have a row.
matrix='
/v1/auth/begin             POST  y y y y y
/v1/session/login          POST  y y y y y
/v1/session/logout         POST  - y y y y
/v1/session/lock           POST  - y y y y
/v1/session/unlock         POST  - y y y y
/v1/operators/list         POST  - - y y -
/v1/operators/show         POST  - - y y -
/v1/operators/issue        POST  - - y - -
/v1/operators/enrol        POST  - - y - -
/v1/operators/pin          POST  - - y - -
/v1/operators/unlock       POST  - - y - -
/v1/operators/suspend      POST  - - y - -
/v1/operators/resume       POST  - - y - -
/v1/operators/roles        POST  - - y - -
/v1/operators/validity     POST  - - y - -
/v1/operators/revoke       POST  - - y - -
/v1/applications/list      POST  - - y y -
/v1/applications/register  POST  - - y - -
/v1/applications/approve   POST  - - y - -
/v1/prints/begin           POST  - y y y -
/v1/prints/finish          POST  - y y y -
/v1/prints/list            POST  - y y y -
/v1/prints/show            POST  - y y y -
/v1/prints/step            POST  - y y y -
/v1/prints/reprint         POST  - y y y -
/v1/prints/approve         POST  - - y - -
/v1/disclosures/receive    POST  - y - - -
/v1/disclosures/list       POST  - y - - -
/v1/disclosures/show       POST  - y - - -
/v1/disclosures/decide     POST  - y - - -
/v1/disclosures/notify     POST  - y - - -
/v1/disclosures/provisions POST  - y - - -
/v1/corrections/register   POST  - y - - -
/v1/corrections/list       POST  - y - - -
/v1/jimu                   GET   - y y y y
/v1/lookup/code            POST  - y - - -
/v1/lookup/kojin           POST  - y - - -
/v1/lookup/4joho           POST  - y - - -
/v1/resident               POST  - y - - -
/v1/audit/search           POST  - - y y -
/v1/audit/verify           POST  - - y y -
/v1/audit/export           POST  - - y y -
/v1/audit/stats            POST  - - y y -
/v1/cs/update              POST  cs cs cs cs cs
/v1/training/exercises     POST  - y y y y
/v1/alerts/count           POST  - - y - -
/v1/alerts/list            POST  - - y - -
/v1/alerts/ack             POST  - - y - -
'
echo "$matrix" | awk 'NF' >"$work/matrix"

# The table covers every route: each PATH_ of protocol.h and each route of
# routes.c has a row, and each row is a path protocol.h defines.
sed -n 's/^#define[[:space:]]*PATH_[A-Z0-9_]*[[:space:]]*"\(\/[^"]*\)".*/\1/p' \
	"$protocol_h" | sort -u >"$work/paths.h"
for name in $(grep -o 'PATH_[A-Z0-9_]*' "$top/server-stub/routes.c" | sort -u); do
	sed -n "s/^#define[[:space:]]*${name}[[:space:]]*\"\(.*\)\".*/\1/p" \
		"$protocol_h"
done >"$work/paths.routes"
grep -o '"/v[0-9]*/[^"]*"' "$top/server-stub/routes.c" | tr -d '"' \
	>>"$work/paths.routes"
sort -u -o "$work/paths.routes" "$work/paths.routes"
awk '{ print $1 }' "$work/matrix" | sort >"$work/paths.table"
missing=$(sort -u "$work/paths.h" "$work/paths.routes" | comm -23 - "$work/paths.table")
stale=$(comm -13 "$work/paths.h" "$work/paths.table")
verify "the table has a row for every route of protocol.h and routes.c" '[ -z "$missing" ]' 'echo "  without a row: $missing"'
verify "…and no row for a route protocol.h does not define" '[ -z "$stale" ]' 'echo "  unknown: $stale"'
check "…and each route once" '[ -z "$(uniq -d "$work/paths.table")" ]'
verify "routes.c serves every PATH_ of protocol.h" \
	'[ -z "$(comm -23 "$work/paths.h" "$work/paths.routes")" ]' 'echo "  not served: $(comm -23 "$work/paths.h" "$work/paths.routes")"'

# What the matrix sends.  A refused call gets a body that would really
# change something (suspend C0002, issue an approved application, …), so
# "changes nothing" means something; an allowed call that changes the
# roster gets one aimed at nothing (an unknown ID, a duplicate number), so
# the later sections start from a known roster.  Every body is complete:
# an allowed call must get past the field checks.
update=$(update_json MTX-U 32 2026-05-09 '{"juminhyo_code":"12345678903"}')
prints="[{\"finger\":\"right-index\",\"print\":\"$(print64)\"}]"
real_body() {
	case $1 in
	/v1/auth/begin) echo '{"operator_id":"C0002"}' ;;
	/v1/session/login) echo '{"operator_id":"C0002","challenge":"0000000000000000000000000000000000000000000000000000000000000000","outcome":"pin","pin":"1234"}' ;;
	/v1/session/logout | /v1/session/lock) echo '{}' ;;
	/v1/session/unlock) echo '{"outcome":"pin","pin":"1234"}' ;;
	/v1/operators/list | /v1/applications/list) echo '{}' ;;
	/v1/operators/show | /v1/operators/pin | /v1/operators/unlock | \
	/v1/operators/suspend | /v1/operators/resume)
		echo '{"operator_id":"C0002"}' ;;
	/v1/operators/issue) echo '{"application_no":"MTX-1"}' ;;
	/v1/operators/enrol) echo "{\"operator_id\":\"C0002\",\"prints\":$prints}" ;;
	/v1/operators/roles) echo '{"operator_id":"C0002","roles":["clerk","trainer"],"document":"MTX-R1"}' ;;
	/v1/operators/validity) echo '{"operator_id":"C0002","valid_until":"2099-12-31"}' ;;
	/v1/operators/revoke) echo '{"operator_id":"C0002","document":"MTX-V1"}' ;;
	/v1/applications/register) echo '{"application_no":"MTX-2","name":"行列太郎","kana":"ギョウレツタロウ","affiliation":"市民課","roles":["clerk"],"requested_by":"市民課長"}' ;;
	/v1/applications/approve) echo '{"application_no":"MTX-3"}' ;;
	/v1/prints/begin) echo '{"form":"roster","reason":"行列"}' ;;
	/v1/prints/finish) echo '{"serial":"P2026-000001","result":"printed"}' ;;
	/v1/prints/list) echo '{}' ;;
	/v1/prints/show | /v1/prints/approve) echo '{"serial":"P2026-000001"}' ;;
	/v1/prints/step) echo '{"serial":"P2026-000001","to":"stored"}' ;;
	/v1/prints/reprint) echo '{"serial":"P2026-000001","reason":"行列"}' ;;
	/v1/disclosures/receive) echo '{"request_no":"MTX-K1","channel":"counter","requester":"self","documents":["passport"],"name":"行列太郎","kana":"ギョウレツタロウ","birth_date":"1980-01-01","sex":1,"address":"熊本県熊本市","fee_paid":1}' ;;
	/v1/disclosures/list) echo '{}' ;;
	/v1/disclosures/show | /v1/disclosures/decide | \
	/v1/disclosures/provisions | /v1/corrections/list)
		echo '{"request_no":"MTX-K1"}' ;;
	/v1/disclosures/notify) echo '{"request_no":"MTX-K1","how":"handed"}' ;;
	/v1/corrections/register) echo '{"request_no":"MTX-K1","correction_no":"MTX-T1","kind":"correct","item":"name","requested":"行列次郎","reason":"誤記"}' ;;
	/v1/jimu) echo '' ;;
	/v1/lookup/code | /v1/resident) echo '{"jimu":"KAIJI","juminhyo_code":"12345678903"}' ;;
	/v1/lookup/kojin) echo '{"jimu":"KAIJI","kojin_bango":"123456789018"}' ;;
	/v1/lookup/4joho) echo '{"jimu":"KAIJI","name_kana":"ヤマダハナコ"}' ;;
	/v1/cs/update) echo "$update" ;;
	/v1/training/exercises) echo '{"language":"ja"}' ;;
	/v1/alerts/count | /v1/alerts/list) echo '{}' ;;
	/v1/alerts/ack) echo '{"id":1,"note":"行列"}' ;;
	/v1/audit/search | /v1/audit/verify) echo '{}' ;;
	/v1/audit/export | /v1/audit/stats) echo '{"from":"2026-04-01","to":"2026-04-30"}' ;;
	esac
}
harmless_body() {
	case $1 in
	/v1/operators/issue) echo '{"application_no":"NO-SUCH-APP"}' ;;
	/v1/operators/enrol) echo "{\"operator_id\":\"OP999999\",\"prints\":$prints}" ;;
	/v1/operators/pin | /v1/operators/unlock | /v1/operators/suspend | \
	/v1/operators/resume) echo '{"operator_id":"OP999999"}' ;;
	/v1/operators/roles) echo '{"operator_id":"OP999999","roles":["clerk"],"document":"MTX-R0"}' ;;
	/v1/operators/validity) echo '{"operator_id":"OP999999","valid_until":"2099-12-31"}' ;;
	/v1/operators/revoke) echo '{"operator_id":"OP999999","document":"MTX-V0"}' ;;
	/v1/applications/register) echo '{"application_no":"MTX-1","name":"行列太郎","kana":"ギョウレツタロウ","affiliation":"市民課","roles":["clerk"],"requested_by":"市民課長"}' ;;
	# A0001 registered MTX-3: approving it is E_SELF_APPROVAL.
	# No reason: E_NO_REASON, no serial issued, for a form the caller
	# prints; no such serial.
	/v1/prints/begin)
		if [ "${2:-}" = clerk ]; then echo '{"form":"disclosure","subject":"MTX-S"}'
		else echo '{"form":"roster"}'; fi ;;
	/v1/prints/finish) echo '{"serial":"P1999-999999","result":"printed"}' ;;
	/v1/prints/show | /v1/prints/approve) echo '{"serial":"P1999-999999"}' ;;
	/v1/prints/step) echo '{"serial":"P1999-999999","to":"stored"}' ;;
	/v1/prints/reprint) echo '{"serial":"P1999-999999","reason":"行列"}' ;;
	/v1/alerts/ack) echo '{"id":999999,"note":"行列"}' ;;
	# A period backwards: E_BAD_RANGE, no file written.
	/v1/audit/export) echo '{"from":"2026-04-30","to":"2026-04-01"}' ;;
	# The fee not paid: E_NO_FEE; no such request for the rest.
	/v1/disclosures/receive) real_body "$1" | sed 's/"fee_paid":1/"fee_paid":0/' ;;
	*) real_body "$1" ;;
	esac
}

# An approved application to issue and one awaiting approval, both
# registered by A0001, for the refused calls to try.
register MTX-1 '["clerk"]'
register MTX-3 '["admin"]'

login C0001; clerk=$token
login U0001; auditor=$token
login R0001; trainer=$token

# session_for WHO PATH: the token a caller uses; logout and lock get a
# session of their own, which they end or lock.
session_for() {
	case $2 in /v1/session/logout | /v1/session/lock)
		case $1 in
		clerk) login C0001 ;; admin) login A0001 ;;
		auditor) login U0001 ;; trainer) login R0001 ;;
		*) token= ;;
		esac
		echo "$token"; return ;;
	esac
	case $1 in
	clerk) echo "$clerk" ;; admin) echo "$admin" ;;
	auditor) echo "$auditor" ;; trainer) echo "$trainer" ;;
	esac
}

# Codes an allowed call must not get: refusals of the caller, or of a body
# that does not fit the route.
not_allowed='E_FORBIDDEN E_NO_SESSION E_NOT_CS E_NO_ROUTE E_METHOD E_VERSION
E_SESSION_LOCKED E_MALFORMED E_UNKNOWN_FIELD E_WRONG_TYPE E_MISSING_FIELD'

# cell PATH METHOD WHO RULE: one call; appends what was wrong to $row_bad.
cell() {
	tok=$(session_for "$3" "$1")
	[ "$3" = none ] && tok=
	if [ "$4" = y ]; then body=$(harmless_body "$1" "$3"); else body=$(real_body "$1"); fi
	snap >"$work/before.sql"
	api terminal-T0001 "$2" "$1" "$body" "$tok"
	code=$(error_code)
	case $4 in
	y)	for refusal in $not_allowed; do
			[ "$code" = "$refusal" ] && row_bad="$row_bad $3:$code"
		done
		[ "$status" = 000 ] && row_bad="$row_bad $3:no-answer"
		return ;;
	cs)	want=E_NOT_CS ;;
	*)	if [ "$3" = none ]; then want=E_NO_SESSION; else want=E_FORBIDDEN; fi ;;
	esac
	[ "$code" = "$want" ] && [ "$status" = "$(status_of "$want")" ] ||
		row_bad="$row_bad $3:$status:$code(want $want)"
	snap >"$work/after.sql"
	cmp -s "$work/before.sql" "$work/after.sql" ||
		row_bad="$row_bad $3:changed-the-roster"
}

while read -r row_path row_method r_none r_clerk r_admin r_auditor r_trainer <&3; do
	row_bad=
	cell "$row_path" "$row_method" none "$r_none"
	cell "$row_path" "$row_method" clerk "$r_clerk"
	cell "$row_path" "$row_method" admin "$r_admin"
	cell "$row_path" "$row_method" auditor "$r_auditor"
	cell "$row_path" "$row_method" trainer "$r_trainer"
	verify "who may call $row_path: $r_none $r_clerk $r_admin $r_auditor $r_trainer" '[ -z "$row_bad" ]' 'echo "  wrong:$row_bad"'
done 3<"$work/matrix"

# A 市町村CS certificate is the authority for updates only: every terminal
# route refuses it, session or not, and nothing changes.
row_bad=
snap >"$work/before.sql"
while read -r row_path row_method row_rest <&3; do
	[ "$row_rest" = "cs cs cs cs cs" ] && continue
	for tok in "" "$admin"; do
		api cs-CS431001 "$row_method" "$row_path" "$(real_body "$row_path")" "$tok"
		[ "$(error_code)" = E_FORBIDDEN ] && [ "$status" = 403 ] ||
			row_bad="$row_bad $row_path:$status:$(error_code)"
	done
done 3<"$work/matrix"
snap >"$work/after.sql"
verify "a 市町村CS certificate is refused on every terminal route" '[ -z "$row_bad" ]' 'echo "  wrong:$row_bad"'
check "…and changed nothing" 'cmp -s "$work/before.sql" "$work/after.sql"'
api cs-CS431001 POST /v1/cs/update "$update"
verify "…while cs/update takes it (an unknown resident: refused on its merits)" \
	'[ "$(error_code)" = E_UPDATE_REFUSED ]' got
api terminal-T0001 GET /v1/jimu "" "$clerk"
check "the sessions the matrix used still work" '[ "$status" = 200 ]'

# --- 2. an ID from its application to its revocation ----------------------

register APP-0001 '["clerk"]'
answered "an application for clerk needs no approval" \
	'.application_no == "APP-0001" and .state == "approved"'
check "…logged with its number as target and document" \
	'audited ".action == \"application.register\" and .operator == \"A0001\" and .target == \"APP-0001\" and .document == \"APP-0001\" and .result == \"ok\""'
as "$admin" /v1/applications/list '{}'
answered "applications/list shows it, with no 照合ID yet" \
	'[.applications[] | select(.application_no == "APP-0001")] | length == 1 and (.[0] | .kind == "issue" and .operator_id == "" and .name == "山田花子" and .kana == "ヤマダハナコ" and .affiliation == "熊本県市民課" and .roles == ["clerk"] and .requested_by == "市民課長 熊本一" and .registered_by == "A0001" and .state == "approved" and (.registered_at | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$")))'

issue APP-0001 "$admin2"
answered "the application is issued a 照合ID" '.operator_id | test("^OP[0-9]{6}$")'
op1=$issued
check "…logged as operator.issue with the application's number" \
	'audited ".action == \"operator.issue\" and .operator == \"A0002\" and .target == \"$op1\" and .document == \"APP-0001\" and .result == \"ok\""'
refuses "issuing it twice refused" E_ALREADY_ISSUED "$admin" \
	/v1/operators/issue '{"application_no":"APP-0001"}'
show "$op1"
verify "the new ID exists, unenrolled, as applied for" \
	'shown ".operator | .operator_id == \"$op1\" and .state == \"unenrolled\" and .name == \"山田花子\" and .kana == \"ヤマダハナコ\" and .affiliation == \"熊本県市民課\" and .roles == [\"clerk\"] and .application_no == \"APP-0001\" and .fingers == [] and .failures == 0"' 'jq -c .operator "$work/show.json"'
check "…and so in operators/list" '[ "$(state_of "$op1")" = unenrolled ]'
login "$op1" 1234
check "an unenrolled ID cannot log in" '[ -z "$token" ] && [ -n "$(error_code)" ]'

give_pin "$op1" "$admin" PIN-1
answered "operators/pin answers a PIN of 8 digits, once" \
	'.operator_id == "'"$op1"'" and (.pin | test("^[0-9]{8}$"))'
check "…kept only as its hash: not in the roster, the log, the audit log" \
	'! snap | grep -q "$pin" && ! grep -q "$pin" "$work/audit.log" "$work/server.log"'
check "the ID is active, by PIN" \
	'[ "$(state_of "$op1")" = active ] && jq -e ".operators[0].method == \"pin\"" "$work/body" >/dev/null'
login "$op1" "$pin"
answered "the new operator logs in with that PIN" \
	'.operator.id == "'"$op1"'" and .operator.roles == ["clerk"]'
s1=$token

as "$admin2" /v1/operators/suspend "{\"operator_id\":\"$op1\",\"document\":\"SUS-1\"}"
answered "an administrator suspends the ID" '.operator_id == "'"$op1"'"'
api terminal-T0001 GET /v1/jimu "" "$s1"
refused "its live session is refused at once" E_INACTIVE
api terminal-T0001 GET /v1/jimu "" "$s1"
refused "…and has ended" E_NO_SESSION
login "$op1" "$pin"
refused "a suspended ID cannot log in" E_INACTIVE
check "…its state is suspended" '[ "$(state_of "$op1")" = suspended ]'
refuses "suspending it again refused" E_STATE "$admin" \
	/v1/operators/suspend "{\"operator_id\":\"$op1\"}"

as "$admin" /v1/operators/resume "{\"operator_id\":\"$op1\",\"document\":\"RES-1\"}"
answered "resume" '.operator_id == "'"$op1"'"'
refuses "resuming it again refused" E_STATE "$admin" \
	/v1/operators/resume "{\"operator_id\":\"$op1\"}"
login "$op1" "$pin"
check "…and it logs in again" '[ -n "$token" ]'
s1=$token

refuses "revoke without a document refused" E_NO_DOCUMENT "$admin" \
	/v1/operators/revoke "{\"operator_id\":\"$op1\"}"
refuses "…or with an empty one" E_NO_DOCUMENT "$admin" \
	/v1/operators/revoke "{\"operator_id\":\"$op1\",\"document\":\" \"}"
as "$admin2" /v1/operators/revoke "{\"operator_id\":\"$op1\",\"document\":\"REV-1\"}"
answered "revoke with a document" '.operator_id == "'"$op1"'"'
api terminal-T0001 GET /v1/jimu "" "$s1"
refused "the revoked operator's session is refused at once" E_INACTIVE
login "$op1" "$pin"
verify "a revoked ID cannot log in" '[ -z "$token" ] && [ "$(error_code)" = E_INACTIVE -o "$(error_code)" = E_REVOKED ]' got
check "…its state is revoked" '[ "$(state_of "$op1")" = revoked ]'
check "…and its PIN is gone from the roster" \
	'[ "$(roster "SELECT pin_hash IS NULL FROM operator WHERE id = '"'"'$op1'"'"'")" = 1 ]'
for act in revoke resume suspend pin unlock validity roles enrol; do
	case $act in
	revoke) extra=',"document":"REV-2"' ;;
	validity) extra=',"valid_until":"2099-12-31"' ;;
	roles) extra=',"roles":["clerk","trainer"],"document":"REV-3"' ;;
	enrol) extra=",\"prints\":$prints" ;;
	*) extra= ;;
	esac
	refuses "$act on a revoked ID refused" E_REVOKED "$admin" \
		"/v1/operators/$act" "{\"operator_id\":\"$op1\"$extra}"
done

show "$op1"
verify "operators/show lists the history in order" \
	'[ "$(jq -r "[.history[].action] | join(\" \")" "$work/show.json")" = "application issue pin suspend resume revoke" ]' 'echo "  history: $(jq -c .history "$work/show.json")"'
has_event "…the application: registrar, roles, number" application \
	'.actor == "A0001" and .after == "clerk" and .document == "APP-0001"'
has_event "…the issue: the issuer" issue '.actor == "A0002"'
has_event "…the PIN: who, the method, the document" pin \
	'.actor == "A0001" and (.after | test("pin")) and .document == "PIN-1"'
has_event "…the suspension" suspend \
	'.actor == "A0002" and .before == "active" and .after == "suspended" and .document == "SUS-1"'
has_event "…the resumption" resume \
	'.actor == "A0001" and .before == "suspended" and .after == "active" and .document == "RES-1"'
has_event "…the revocation" revoke \
	'.actor == "A0002" and .before == "active" and .after == "revoked" and .document == "REV-1"'
check "…each event timed in UTC" \
	'shown "all(.history[]; .time | test(\"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$\"))"'
check "…with the application beside it" \
	'shown ".applications | map(.application_no) == [\"APP-0001\"] and .[0].operator_id == \"$op1\" and .[0].state == \"done\""'
# logged_change ACTION ACTOR DOCUMENT [BEFORE->AFTER]: the audit log has
# ACTION on $op1 by ACTOR with DOCUMENT (and that change as its reason).
logged_change() {
	check "the audit log has operator.$1 by $2 with its document${4:+ and $4}" \
		"audited '.action == \"operator.$1\" and .operator == \"$2\" and .target == \"$op1\" and .result == \"ok\" and .document == \"$3\" and (\"${4:-}\" == \"\" or .reason == \"${4:-}\")'"
}
logged_change pin A0001 PIN-1
logged_change suspend A0002 SUS-1 "active->suspended"
logged_change resume A0001 RES-1 "suspended->active"
logged_change revoke A0002 REV-1 "active->revoked"
check "refusals are logged with their target and code" \
	'audited ".action == \"operator.revoke\" and .result == \"refused\" and .target == \"$op1\" and (.reason | startswith(\"E_REVOKED\"))"'

# --- 3. bad input: a clear code, and nothing changes -------------------------

app() {	# app NO ROLES MORE: a register body
	echo "{\"application_no\":\"$1\",\"name\":\"山田花子\",\"kana\":\"ヤマダハナコ\",\"affiliation\":\"熊本県市民課\",\"roles\":$2,\"requested_by\":\"市民課長\"${3:-}}"
}
R=/v1/applications/register
refuses "a duplicate application number" E_DUPLICATE "$admin" $R "$(app APP-0001 '["clerk"]')"
refuses "…also one already issued and revoked, by the other administrator" E_DUPLICATE "$admin2" $R "$(app APP-0001 '["trainer"]')"
refuses "empty roles" E_BAD_VALUE "$admin" $R "$(app APP-B1 '[]')"
refuses "an unknown role" E_BAD_VALUE "$admin" $R "$(app APP-B2 '["boss"]')"
refuses "a date that does not exist" E_BAD_VALUE "$admin" $R "$(app APP-B4 '["clerk"]' ',"valid_until":"2030-02-30"')"
check "…named in the detail" '[ "$(jq -r .error.detail "$work/body")" = valid_until ]'
refuses "a date in another format" E_BAD_VALUE "$admin" $R "$(app APP-B5 '["clerk"]' ',"valid_from":"2030/01/01"')"
refuses "an end before today" E_BAD_VALUE "$admin" $R "$(app APP-B6 '["clerk"]' ',"valid_until":"2001-01-01"')"
refuses "an end before the start" E_BAD_VALUE "$admin" $R "$(app APP-B7 '["clerk"]' ',"valid_from":"2031-01-02","valid_until":"2031-01-01"')"
refuses "an application number with a space" E_BAD_VALUE "$admin" $R "$(app 'APP B8' '["clerk"]')"
refuses "an application number of 32 characters" E_BAD_VALUE "$admin" $R "$(app "APP-$(printf %028d 0)" '["clerk"]')"
refuses "an empty name" E_BAD_VALUE "$admin" $R "{\"application_no\":\"APP-B9\",\"name\":\"  \",\"kana\":\"ヤマダ\",\"affiliation\":\"市民課\",\"roles\":[\"clerk\"],\"requested_by\":\"市民課長\"}"
refuses "a name of 65 characters" E_BAD_VALUE "$admin" $R "{\"application_no\":\"APP-B10\",\"name\":\"$(printf '山%.0s' $(seq 65))\",\"kana\":\"ヤマダ\",\"affiliation\":\"市民課\",\"roles\":[\"clerk\"],\"requested_by\":\"市民課長\"}"
refuses "issuing an unknown application" E_NO_APPLICATION "$admin" \
	/v1/operators/issue '{"application_no":"APP-NONE"}'
refuses "approving an unknown application" E_NO_APPLICATION "$admin2" \
	/v1/applications/approve '{"application_no":"APP-NONE"}'
refuses "approving an application that was approved without waiting" E_NOT_AWAITING "$admin2" \
	/v1/applications/approve '{"application_no":"MTX-1"}'
refuses "showing an unknown ID" E_NO_OPERATOR "$admin" \
	/v1/operators/show '{"operator_id":"OP999999"}'
refuses "suspending an unknown ID" E_NO_OPERATOR "$admin" \
	/v1/operators/suspend '{"operator_id":"OP999999"}'
refuses "a PIN for an unknown ID" E_NO_OPERATOR "$admin" \
	/v1/operators/pin '{"operator_id":"OP999999"}'
refuses "a malformed ID" E_BAD_VALUE "$admin" \
	/v1/operators/suspend '{"operator_id":"C0002; DROP"}'
V=/v1/operators/validity
refuses "validity: a date that does not exist" E_BAD_VALUE "$admin" $V '{"operator_id":"C0002","valid_until":"2030-13-01"}'
refuses "validity: an end before today" E_BAD_VALUE "$admin" $V '{"operator_id":"C0002","valid_until":"2001-01-01"}'
refuses "roles: none" E_BAD_VALUE "$admin" /v1/operators/roles '{"operator_id":"C0002","roles":[],"document":"ROLE-B1"}'
refuses "roles: without a document" E_NO_DOCUMENT "$admin" /v1/operators/roles '{"operator_id":"C0002","roles":["clerk","trainer"]}'
refuses "roles: the same as now" E_STATE "$admin" /v1/operators/roles '{"operator_id":"C0002","roles":["clerk"],"document":"ROLE-B2"}'
refuses "resuming an ID that is not suspended" E_STATE "$admin" /v1/operators/resume '{"operator_id":"C0002"}'
refuses "unlocking an ID that is not locked" E_NOT_LOCKED "$admin" /v1/operators/unlock '{"operator_id":"C0002"}'

# An administrator never changes their own ID: a second one must.
refuses "an administrator changing their own roles" E_OWN_ID "$admin" \
	/v1/operators/roles '{"operator_id":"A0001","roles":["admin","clerk"],"document":"OWN-1"}'
refuses "…suspending themselves" E_OWN_ID "$admin" /v1/operators/suspend '{"operator_id":"A0001"}'
refuses "…giving themselves a PIN" E_OWN_ID "$admin" /v1/operators/pin '{"operator_id":"A0001"}'
refuses "…extending their own validity" E_OWN_ID "$admin" $V '{"operator_id":"A0001","valid_until":"2099-12-31"}'
refuses "…revoking themselves" E_OWN_ID "$admin" /v1/operators/revoke '{"operator_id":"A0001","document":"OWN-2"}'
check "…logged with the code" 'audited ".action == \"operator.revoke\" and .operator == \"A0001\" and .target == \"A0001\" and (.reason | startswith(\"E_OWN_ID\"))"'

# Enrolment: the prints are verified at the terminal, so here they are
# opaque bytes; the server checks their shape, all or nothing.
register APP-0002 '["clerk"]'
issue APP-0002
op2=$issued
E=/v1/operators/enrol
p1=$(print64 300) p2=$(print64 300)
refuses "enrol: an unknown finger" E_BAD_VALUE "$admin" $E "{\"operator_id\":\"$op2\",\"prints\":[{\"finger\":\"right-sixth\",\"print\":\"$p1\"}]}"
refuses "enrol: the same finger twice" E_BAD_VALUE "$admin" $E "{\"operator_id\":\"$op2\",\"prints\":[{\"finger\":\"left-index\",\"print\":\"$p1\"},{\"finger\":\"left-index\",\"print\":\"$p2\"}]}"
refuses "enrol: three fingers" E_BAD_VALUE "$admin" $E "{\"operator_id\":\"$op2\",\"prints\":[{\"finger\":\"left-index\",\"print\":\"$p1\"},{\"finger\":\"right-index\",\"print\":\"$p2\"},{\"finger\":\"left-thumb\",\"print\":\"$p2\"}]}"
refuses "enrol: no finger" E_BAD_VALUE "$admin" $E "{\"operator_id\":\"$op2\",\"prints\":[]}"
refuses "enrol: a print that is not base64" E_BAD_VALUE "$admin" $E "{\"operator_id\":\"$op2\",\"prints\":[{\"finger\":\"left-index\",\"print\":\"@@@@\"}]}"
refuses "enrol: a print larger than PROTOCOL_MAX_PRINT" E_BAD_VALUE "$admin" $E "{\"operator_id\":\"$op2\",\"prints\":[{\"finger\":\"left-index\",\"print\":\"$(head -c 8193 /dev/zero | base64 -w0)\"}]}"
as "$admin" $E "{\"operator_id\":\"$op2\",\"prints\":[{\"finger\":\"left-index\",\"print\":\"$p1\"},{\"finger\":\"right-middle\",\"print\":\"$p2\"}],\"document\":\"ENR-1\"}"
answered "enrol two fingers"
show "$op2"
verify "…the ID is active by fingerprint, with both fingers" \
	'shown ".operator | .state == \"active\" and .method == \"fingerprint\" and (.fingers | sort) == [\"left-index\", \"right-middle\"]"' 'jq -c .operator "$work/show.json"'
begin "$op2"
verify "…auth/begin answers both prints, as sent" \
	'jq -e --arg a "$p1" --arg b "$p2" "[.prints[] | .finger + \":\" + .print] | sort == ([\"left-index:\" + \$a, \"right-middle:\" + \$b] | sort)" "$work/body" >/dev/null' got

# --- 4. two people for admin and auditor ------------------------------------

register APP-ADM-1 '["admin"]'
answered "an application for admin waits for approval" \
	'.application_no == "APP-ADM-1" and .state == "awaiting-approval"'
refuses "…it cannot be issued yet" E_NOT_APPROVED "$admin2" \
	/v1/operators/issue '{"application_no":"APP-ADM-1"}'
refuses "…its registrar cannot approve it" E_SELF_APPROVAL "$admin" \
	/v1/applications/approve '{"application_no":"APP-ADM-1"}'
as "$admin2" /v1/applications/approve '{"application_no":"APP-ADM-1"}'
answered "…the second administrator approves it" \
	'.application_no == "APP-ADM-1" and .state == "approved"'
check "…logged" 'audited ".action == \"application.approve\" and .operator == \"A0002\" and .target == \"APP-ADM-1\" and .result == \"ok\""'
refuses "…not twice" E_NOT_AWAITING "$admin2" \
	/v1/applications/approve '{"application_no":"APP-ADM-1"}'
issue APP-ADM-1
answered "…then it is issued" '.operator_id | test("^OP[0-9]{6}$")'
op3=$issued
check "照合IDs are never reused: each one more than the last, revoked ones counted" \
	'[ "$(number "$op2")" = $(($(number "$op1") + 1)) ] && [ "$(number "$op3")" = $(($(number "$op2") + 1)) ]'
show "$op3"
check "…an administrator, unenrolled" \
	'shown ".operator | .roles == [\"admin\"] and .state == \"unenrolled\""'
verify "…whose history records application, approval, issue by whom" \
	'[ "$(jq -r "[.history[] | .action + \":\" + .actor] | join(\" \")" "$work/show.json")" = "application:A0001 approval:A0002 issue:A0001" ]' 'echo "  history: $(jq -c .history "$work/show.json")"'
check "…and the application who approved it" \
	'shown ".applications[0] | .registered_by == \"A0001\" and .approved_by == \"A0002\" and (.approved_at | length) == 20"'

# A role change that adds auditor to a clerk waits the same way.
login C0002
c2=$token
as "$admin" /v1/operators/roles '{"operator_id":"C0002","roles":["clerk","auditor"],"document":"ROLE-1"}'
answered "adding auditor to a clerk waits for approval" \
	'.operator_id == "C0002" and .state == "awaiting-approval"'
show C0002
check "…meanwhile the roles are unchanged" 'shown ".operator.roles == [\"clerk\"]"'
as "$c2" /v1/operators/list '{}'
refused "…and the clerk still cannot read the roster" E_FORBIDDEN
as "$admin" /v1/applications/list '{"state":"awaiting-approval"}'
answered "…the change is listed as an application under the document's number" \
	'any(.applications[]; .application_no == "ROLE-1" and .kind == "roles" and .operator_id == "C0002" and .roles == ["clerk", "auditor"]) and all(.applications[]; .state == "awaiting-approval")'
refuses "…whose number no application may take" E_DUPLICATE "$admin" $R "$(app ROLE-1 '["clerk"]')"
refuses "…and no role change may take an application's number" E_DUPLICATE "$admin" \
	/v1/operators/roles '{"operator_id":"C0001","roles":["clerk","auditor"],"document":"APP-0001"}'
refuses "…its registrar cannot approve it" E_SELF_APPROVAL "$admin" \
	/v1/applications/approve '{"application_no":"ROLE-1"}'
as "$admin2" /v1/applications/approve '{"application_no":"ROLE-1"}'
answered "…the second administrator approves it" '.application_no == "ROLE-1"'
show C0002
check "…and only now the roles change" 'shown ".operator.roles == [\"clerk\", \"auditor\"]"'
has_event "…recorded: approver, before, after, document" roles \
	'.actor == "A0002" and .before == "clerk" and .after == "clerk,auditor" and .document == "ROLE-1"'
check "…with who registered it" \
	'shown "any(.applications[]; .application_no == \"ROLE-1\" and .registered_by == \"A0001\" and .approved_by == \"A0002\")"'
check "…in the audit log too" 'audited ".action == \"application.approve\" and .operator == \"A0002\" and .document == \"ROLE-1\" and .result == \"ok\""'
as "$c2" /v1/operators/list '{}'
answered "…the session already open has the new role at once"
as "$admin2" /v1/operators/roles '{"operator_id":"C0002","roles":["clerk"],"document":"ROLE-2"}'
answered "taking a role away needs no approval" '.state == "done" and .roles == ["clerk"]'
as "$c2" /v1/operators/list '{}'
refused "…and the open session loses it at once" E_FORBIDDEN
as "$admin" /v1/operators/roles '{"operator_id":"A0002","roles":["admin","auditor"],"document":"ROLE-3"}'
answered "a role change for the second administrator waits" '.state == "awaiting-approval"'
refuses "…and they cannot approve their own" E_SELF_APPROVAL "$admin2" \
	/v1/applications/approve '{"application_no":"ROLE-3"}'
refuses "a role change is no application to issue" E_NO_APPLICATION "$admin" \
	/v1/operators/issue '{"application_no":"ROLE-3"}'
as "$auditor" /v1/operators/list '{"role":"auditor"}'
answered "the roster filtered by role (read by an auditor)" \
	'any(.operators[]; .operator_id == "U0001") and all(.operators[]; .roles | index("auditor"))'
as "$auditor" /v1/operators/list '{"text":"ヤマダ"}'
answered "…and by text, which finds kana" \
	'any(.operators[]; .operator_id == "'"$op3"'") and all(.operators[]; .kana | contains("ヤマダ"))'

# --- 5. validity: an ID lapses after its last day ---------------------------

# new_operator NO MORE: registered, issued and given a PIN; sets $issued,
# $pin.
new_operator() {
	register "$1" '["clerk"]' "$2"
	issue "$1"
	give_pin "$issued"
}
new_operator APP-LAPSE ",\"valid_until\":\"$today\""
lapse=$issued lapse_pin=$pin
check "an ID valid until today is active today" '[ "$(state_of "$lapse")" = active ]'
login "$lapse" "$lapse_pin"
verify "…and logs in" '[ -n "$token" ]' got
new_operator APP-LATER ",\"valid_from\":\"$tomorrow\""
later=$issued later_pin=$pin
check "an ID valid from tomorrow is not yet valid" '[ "$(state_of "$later")" = not-yet-valid ]'
login "$later" "$later_pin"
refused "…and cannot log in" E_NOT_YET_VALID

# Two days on.
server_stop
fake_today=$(faketime '+2 days' date +%F)
server_start_later 2 ||
	{ not_ok "the server starts under faketime"; finish; exit 1; }
login A0001
admin=$token
check "the server runs two days on (faketime), the certificates still valid" \
	'[ -n "$admin" ] && [ "$fake_today" = "$(date -d "+2 days" +%F)" ]'
login "$lapse" "$lapse_pin"
refused "after its last day the ID cannot log in" E_LAPSED
check "…its state is lapsed" '[ "$(state_of "$lapse")" = lapsed ]'
as "$admin" /v1/operators/list '{"state":"lapsed"}'
answered "…and the lapsed filter finds it, and only lapsed IDs" \
	'any(.operators[]; .operator_id == "'"$lapse"'") and all(.operators[]; .state == "lapsed")'
refuses "validity must not end before today (the server's today)" E_BAD_VALUE "$admin" \
	$V "{\"operator_id\":\"$lapse\",\"valid_until\":\"$today\"}"
until=$(date -d "+32 days" +%F)
as "$admin" $V "{\"operator_id\":\"$lapse\",\"valid_until\":\"$until\",\"document\":\"VAL-1\"}"
answered "an administrator extends its validity"
login "$lapse" "$lapse_pin"
verify "…and it logs in again" '[ -n "$token" ]' got
check "…active again" '[ "$(state_of "$lapse")" = active ]'
show "$lapse"
has_event "…the extension in its history" validity \
	'.actor == "A0001" and .before == "'"$today"'" and .after == "'"$until"'" and .document == "VAL-1"'
check "…and in the audit log" 'audited ".action == \"operator.validity\" and .target == \"$lapse\" and .document == \"VAL-1\" and .result == \"ok\""'
login "$later" "$later_pin"
verify "the ID valid from tomorrow logs in now" '[ -n "$token" ]' got

# Lock-outs by failures are history too, with no actor.
for _ in 1 2 3 4 5; do login "$later" 00000000; done
refused "five wrong PINs lock the ID" E_LOCKED
show "$later"
has_event "…recorded in its history, with no actor" lock '.actor == ""'
as "$admin" /v1/operators/unlock "{\"operator_id\":\"$later\",\"document\":\"UNL-1\"}"
answered "an administrator unlocks it"
show "$later"
has_event "…recorded too" unlock \
	'.actor == "A0001" and .before == "locked" and .after == "active" and .document == "UNL-1"'
server_stop

# --- the audit log ----------------------------------------------------------

check "every audit entry has a document field" \
	'jq -s -e "all(.[]; has(\"document\"))" "$work/audit.log" >/dev/null'
"$bin/juki-server" --config "$work/server.conf" verify-audit >"$work/verify.out"
check "the audit chain verifies" '[ $? = 0 ]'
check "the server stopped cleanly" '[ "${server_status:-1}" = 0 ]'

finish
