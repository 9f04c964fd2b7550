# Shared by the tests that need a running 都道府県サーバ: a fresh PKI,
# resident file, print key, operator roster (PIN operators, PIN 1234) and
# configuration in $work, the server started on a free loopback port, and
# a curl wrapper that speaks to it with a given client certificate.  Source
# it; set $bin (the build's bin/) and $top (the source tree) first.  With
# $demo set, a demo server: the demo PKI (O=JUKI-DEMO), demo residents and
# "demo = true;".

# server_pki [OPTION…]: the test PKI in $work/pki (a demo one when $demo
# is set), made by juki-pki with OPTIONs.
server_pki() {
	sh "$top/server-stub/juki-pki" "$work/pki" ${demo:+--demo} "$@" \
		>"$work/pki.log" 2>&1 || { cat "$work/pki.log"; return 1; }
}

server_setup() {
	residents=${1:-2000}
	mkdir -p "$work"
	server_pki || return 1
	"$bin/juki-gendata" --db "$work/residents.db" --count "$residents" \
		--seed 5 ${demo:+--demo} 2>/dev/null || return 1
	server_config
	"$bin/juki-server" new-print-key "$work/print.key" || return 1
	"$bin/juki-server" new-seal-key "$work/seal.key" || return 1
	# A0002: the second administrator an approval needs.
	for op in "C0001 clerk 窓口一郎" "C0002 clerk 窓口二郎" \
	    "A0001 admin 管理太郎" "A0002 admin 管理次郎" \
	    "U0001 auditor 監査花子" "R0001 trainer 研修次郎"; do
		set -- $op
		echo 1234 | "$bin/juki-server" --config "$work/server.conf" \
			add-operator "$1" "$2" "$3" --pin || return 1
	done
}

# Writes $work/server.conf; extra libconfig lines may follow as arguments.
# The alerts (protocol.h, "Alerts") are kept quiet unless $alerts sets
# them: every hour a business hour and counts no test reaches, so that no
# "alert.raise" entry comes between the entries a test reads.
server_config() {
	port=${port:-$((20000 + $$ % 20000))}
	quiet_alerts='alerts = { business_hours = "00:00-24:00"; weekends = false;
  login_failures = { count = 10000; minutes = 1; };
  many_residents = { count = 10000; minutes = 1; }; };'
	cat >"$work/server.conf" <<CONF
listen = { address = "127.0.0.1"; port = $port; };
database = "${database:-residents.db}";
operators = "operators.db";
audit_log = "audit.log";
print_key = "${print_key:-print.key}";
seal_key = "seal.key";
${seal_interval:+seal_interval = $seal_interval;}
tls = { certificate = "pki/server.crt"; key = "pki/server.key";
        ca = "pki/ca.crt"; crl = "pki/crl.pem"; };
session = { lifetime_seconds = ${session_lifetime:-28800};
            idle_seconds = ${session_idle:-1800}; };
lookup = { max_candidates = ${max_candidates:-50}; };
login = { max_failures = 5; };
${demo:+demo = true;}
${alerts:-$quiet_alerts}
jimu = (
  { code = "KAIJI"; name = "本人確認情報の開示"; kojin = true; },
  { code = "TEIKYO"; name = "国の機関等への提供"; kojin = false; }
);
CONF
	chmod 600 "$work/server.conf"
}

# server_demo: the server becomes a demo one (demo = true) as juki-demo
# makes it: the trainers' file (juki-gendata --demo) in place of the
# resident file and a demo PKI (O=JUKI-DEMO) in place of the test one, for
# a demo server refuses any other.  The terminal's copies in $term follow.
# Call it with the server stopped.
server_demo() {
	demo=1
	"$bin/juki-gendata" --db "$work/${database:-residents.db}" --demo \
		--replace 2>/dev/null || return 1
	server_pki --force || return 1
	if [ -n "${term:-}" ]; then
		cp "$work/pki/ca.crt" "$work/pki/terminal-T0001.crt" "$term/"
		cp "$work/pki/terminal-T0001.key" "$term/terminal.key"
		chmod 600 "$term/terminal.key"
		[ "$(id -u)" -ne 0 ] || chown -R juki: "$term"
	fi
	echo 'demo = true;' >>"$work/server.conf"
}

# Starts the server, trying further ports if one is taken.
server_start() {
	for try in 1 2 3 4 5; do
		# $JUKI_SERVER_WRAPPER: e.g. "valgrind --error-exitcode=99"
		${JUKI_SERVER_WRAPPER:-} "$bin/juki-server" \
			--config "$work/server.conf" >"$work/server.log" 2>&1 &
		server_pid=$!
		for _ in $(seq 300); do
			grep -q "listening on" "$work/server.log" && return 0
			kill -0 "$server_pid" 2>/dev/null || break
			sleep 0.1
		done
		wait "$server_pid" 2>/dev/null
		grep -q "待ち受けできません\|cannot listen" "$work/server.log" ||
			{ cat "$work/server.log"; return 1; }
		port=$((port + 7))
		server_config
	done
	return 1
}

# server_start_later DAYS: starts the server with its clock DAYS days on
# (libfaketime).  faketime(1) forks and would not pass SIGTERM on, so the
# server gets the library and offset directly, as faketime would set them.
# An ASan build refuses a library preloaded before its runtime; that check
# is about interposing malloc, which libfaketime does not.
server_start_later() {
	command -v faketime >/dev/null || { echo "faketime is missing"; return 1; }
	fake=$(faketime "+$1 days" sh -c 'echo "LD_PRELOAD=$LD_PRELOAD FAKETIME=$FAKETIME"')
	asan="ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
	JUKI_SERVER_WRAPPER="env $asan $fake" server_start
}

# server_start_at "YYYY-MM-DD HH:MM:SS": starts the server with its clock
# at that moment in Japan (JST, the zone the alerts' business hours are
# in), running on from there: as server_start_later, an offset from now
# that libfaketime takes in seconds.
server_start_at() {
	command -v faketime >/dev/null || { echo "faketime is missing"; return 1; }
	at=$(TZ=Asia/Tokyo date -d "$1" +%s) || return 1
	offset=$((at - $(date +%s)))
	[ "$offset" -lt 0 ] || offset=+$offset
	fake=$(faketime "+1 days" sh -c 'echo "LD_PRELOAD=$LD_PRELOAD"')
	asan="ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
	JUKI_SERVER_WRAPPER="env $asan $fake FAKETIME=$offset" server_start
}

server_stop() {
	[ -n "${server_pid:-}" ] || return 0
	kill -TERM "$server_pid" 2>/dev/null
	wait "$server_pid"
	server_status=$?
	server_pid=
}

# api CERT METHOD PATH [BODY] [TOKEN]: $status is the HTTP status (000 if
# the TLS handshake failed), the response body is in $work/body.
api() {
	cert=$1 method=$2 path=$3 data=${4:-} token=${5:-}
	set -- -s -o "$work/body" -w '%{http_code}' --cacert "$work/pki/ca.crt" \
		-X "$method"
	[ -n "$cert" ] && set -- "$@" --cert "$work/pki/$cert.crt" \
		--key "$work/pki/$cert.key"
	[ -n "$token" ] && set -- "$@" -H "Authorization: Bearer $token"
	[ -n "$data" ] && set -- "$@" --data-binary "$data"
	status=$(curl "$@" "https://localhost:$port$path") || true
	[ "$status" = 000 ] || answered=$((${answered:-0} + 1))
}

# The error code of the last response, or "".
error_code() {
	jq -r '.error.code // ""' "$work/body" 2>/dev/null
}

# status_of CODE, message_of CODE: the HTTP status and the message
# protocol.h gives an error code.
status_of() {
	sed -n "s/^[[:space:]]*X($1,[[:space:]]*\([0-9][0-9]*\),.*/\1/p" \
		"$top/include/juki/protocol.h"
}
message_of() {
	sed -n "s/^[[:space:]]*X($1,[[:space:]]*[0-9]*,[[:space:]]*\"\(.*\)\").*/\1/p" \
		"$top/include/juki/protocol.h"
}

# jqb FILTER: the last answer satisfies the jq filter.  got: shows the
# last answer, for a check that failed.
jqb() { jq -e "$1" "$work/body" >/dev/null 2>&1; }
got() { echo "  got $status: $(head -c 600 "$work/body")"; }

# answered NAME [FILTER]: the last call succeeded (and its answer fits).
answered() {
	if [ "$status" = 200 ] && jqb "${2:-.}"; then ok "$1"
	else not_ok "$1"; got; fi
}

# as TOKEN PATH BODY [CERT]: a POST for the session TOKEN, from terminal
# T0001 unless CERT says another.
as() { api "${4:-terminal-T0001}" POST "$2" "$3" "$1"; }

# snap: as SQL, the files a refused call must leave byte for byte: those
# $kept names (in $work), by default the roster, the forms ledger, the
# disclosures and the alerts.
snap() {
	for db in ${kept:-operators.db ledger.db disclosures.db alerts.db}; do
		sqlite3 "$work/$db" .dump
	done
}

# refuses NAME CODE TOKEN PATH BODY [CERT]: the call (as) is refused with
# CODE and the status protocol.h gives it, and the files are exactly as
# they were before it.
refuses() {
	snap >"$work/before.sql"
	as "$3" "$4" "$5" "${6:-}"
	snap >"$work/after.sql"
	if [ "$(error_code)" = "$2" ] &&
	    [ "$status" = "$(status_of "$2")" ] &&
	    cmp -s "$work/before.sql" "$work/after.sql"; then
		ok "$1"
	else
		not_ok "$1 ($2, ${kept:-every file} unchanged)"
		got
		diff "$work/before.sql" "$work/after.sql" | head -5
	fi
}

# refuses_start NAME TEXT: the server, started, exits non-zero at once,
# saying TEXT on stderr, and leaves the resident file, the roster, the
# audit log and whatever $start_kept names (in $work) as they were.
refuses_start() {
	start_text=$2
	start_sums >"$work/before.sums"
	timeout 20 "$bin/juki-server" --config "$work/server.conf" \
		>"$work/start.out" 2>"$work/start.err"
	start_status=$?
	start_sums >"$work/after.sums"
	verify "$1" '[ $start_status -ne 0 ] && [ $start_status -ne 124 ] &&
		grep -qF -- "$start_text" "$work/start.err" &&
		cmp -s "$work/before.sums" "$work/after.sums" &&
		! grep -q "listening on" "$work/start.out"' \
		'echo "  exit $start_status: $(cat "$work/start.err")"'
}
start_sums() {
	(cd "$work" && sha256sum residents.db operators.db ${start_kept:-} &&
		{ [ ! -f audit.log ] || sha256sum audit.log; })
}

# audited FILTER: some audit entry satisfies the jq filter; last_audited
# FILTER: the last one does.
audited() {
	jq -c "select($1)" "$work/audit.log" 2>/dev/null | grep -q .
}
last_audited() {
	tail -1 "$work/audit.log" | jq -e "select($1)" >/dev/null 2>&1
}

# begin ID [CERT]: sets $challenge ("" when refused; the answer is in
# $work/body either way).
begin() {
	api "${2:-terminal-T0001}" POST /v1/auth/begin "{\"operator_id\":\"$1\"}"
	challenge=$(jq -r '.challenge // ""' "$work/body" 2>/dev/null)
	[ -n "$challenge" ] || [ -n "$(error_code)" ] ||
		echo "# auth.begin $1: no answer from the server (HTTP status $status)"
}

# login ID [PIN] [CERT]: begins and logs in with the PIN; sets $token ("" when
# refused, by begin or by login).
login() {
	token=
	begin "$1" "${3:-}"
	[ -n "$challenge" ] || return 0
	api "${3:-terminal-T0001}" POST /v1/session/login \
		"{\"operator_id\":\"$1\",\"challenge\":\"$challenge\",\"outcome\":\"pin\",\"pin\":\"${2:-1234}\"}"
	token=$(jq -r '.token // ""' "$work/body" 2>/dev/null)
	# Refusals are for the caller to check; no answer at all is not one,
	# and would otherwise show only as the next call's E_NO_SESSION.
	[ -n "$token" ] || [ -n "$(error_code)" ] ||
		echo "# login $1: no answer from the server (HTTP status $status)"
}

# statement CODE NO [JQ]: a disclosures/receive body numbered NO stating
# the resident of CODE as $work/all.tsv (an export) has them (self, at the
# counter, fee paid), then changed by the jq filter JQ.
statement() {
	awk -F'\t' -v c="$1" '$1 == "current" && $2 == c {
		print $3 "\t" $5 "\t" $6 "\t" $7 "\t" $8 }' "$work/all.tsv" |
	jq -Rc --arg no "$2" 'split("\t") | {request_no: $no,
		channel: "counter", requester: "self",
		documents: ["driving-licence"], name: .[0], kana: .[1],
		birth_date: .[2], sex: (.[3] | tonumber), address: .[4],
		fee_paid: 1}' | jq -c "${3:-.}"
}

# decided_request TOKEN NO CODE [CERT]: request NO about the resident of
# CODE received and decided by the clerk of TOKEN; fails when refused.
decided_request() {
	api "${4:-terminal-T0001}" POST /v1/disclosures/receive \
		"$(statement "$3" "$2")" "$1"
	[ "$status" = 200 ] || return 1
	api "${4:-terminal-T0001}" POST /v1/disclosures/decide \
		"{\"request_no\":\"$2\"}" "$1"
	[ "$status" = 200 ]
}

# record_json CODE [ADDRESS] [NAME_KANJI]: the current record of CODE from
# $work/all.tsv (an export) as the "record" of an update, optionally with
# another address or name.
record_json() {
	awk -F'\t' -v c="$1" -v addr="${2:-}" -v name="${3:-}" '
	$1 == "current" && $2 == c {
		if (addr != "") $8 = addr
		if (name != "") $3 = name
		printf "{\"juminhyo_code\":\"%s\",\"name_kanji\":\"%s\",", $2, $3
		printf "\"name_gaiji_count\":%d,\"name_kana\":\"%s\",", $4, $5
		printf "\"birth_date\":\"%s\",\"sex\":%d,\"address\":\"%s\",", $6, $7, $8
		printf "\"address_gaiji_count\":%d,", $9
		if ($10 != "") printf "\"kojin_bango\":\"%s\",", $10
		printf "\"municipality_code\":\"%s\",\"aza_code\":\"%s\",", $15, $16
		printf "\"gaiji_flag\":%d,\"name_gaiji_seq\":%d,", $21, $24
		printf "\"address_gaiji_seq\":%d}", $25
	}' "$work/all.tsv"
}

# update_json ID IDOU DATE RECORD: the body of POST /v1/cs/update.
update_json() {
	printf '{"update_id":"%s","idou_code":%d,"idou_date":"%s","operator_id":"CS431001-01","record":%s}' \
		"$1" "$2" "$3" "$4"
}
