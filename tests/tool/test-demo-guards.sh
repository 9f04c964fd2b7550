#!/bin/sh
# Demo and production kept apart by the server itself: a demo server
# (demo = true) starts only on the trainers' file (juki-gendata --demo), a
# production server never on it, and each refuses in the TLS handshake a
# peer certificate of the other kind (O=JUKI-DEMO or not), audited, even
# when the CA it trusts signed it.
# Usage: test-demo-guards.sh build/bin source-dir
# Checks are strings for eval, so their variables are used there:
# shellcheck disable=SC2016,SC2034
set -u
. "$(dirname "$0")/harness.sh"
harness_start "$@" server_stop
. "$top/tests/tool/server-env.sh"

server_setup 50 || { echo "setup failed"; exit 1; }
"$bin/juki-gendata" --db "$work/demo.db" --demo 2>/dev/null ||
	{ echo "setup failed"; exit 1; }

# configure DATABASE true|false: server.conf for that file and mode.
configure() {
	database=$1 server_config
	echo "demo = $2;" >>"$work/server.conf"
}

# A refused start leaves the trainers' file too.
start_kept=demo.db

# issue PKI NAME SUBJECT: a client certificate PKI/NAME.crt (and .key)
# signed by that PKI's own CA, as juki-pki issues a terminal's.
issue() {
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:prime256v1 \
		-out "$1/$2.key" 2>/dev/null &&
	chmod 600 "$1/$2.key" &&
	(cd "$1" && openssl req -new -config ca/juki-pki.cnf -key "$2.key" \
		-subj "$3" -out "$work/$2.csr" 2>/dev/null &&
	openssl x509 -req -in "$work/$2.csr" -CA ca.crt -CAkey ca.key \
		-set_serial "0x$(openssl rand -hex 16)" -sha256 -days 30 \
		-extfile ca/juki-pki.cnf -extensions client_ext \
		-out "$2.crt" 2>/dev/null)
}

# refused_handshake NAME CERT REASON: CERT (in pki/) is valid under the
# CA the server trusts, yet its handshake fails and the refusal is audited
# with REASON and its CN.
refused_handshake() {
	why=$3
	openssl verify -CAfile "$work/pki/ca.crt" "$work/pki/$2.crt" \
		>/dev/null 2>&1
	ca_ok=$?
	curl -s -o /dev/null --cacert "$work/pki/ca.crt" \
		--cert "$work/pki/$2.crt" --key "$work/pki/$2.key" \
		"https://localhost:$port/v1/jimu"
	curl_status=$?
	verify "$1" '[ $ca_ok -eq 0 ] && [ $curl_status -ne 0 ] &&
		last_audited ".action == \"tls.handshake\" and
		    .result == \"refused\" and .terminal == \"T0099\" and
		    (.reason | contains(\"$why\"))"' \
		'echo "  CA verify $ca_ok, curl $curl_status"; tail -1 "$work/audit.log"'
}

# --- a production server: the trainers' file and demo peers refused
configure residents.db false
server_start || { echo "server did not start"; exit 1; }
api terminal-T0001 GET /v1/jimu
check "a production server answers its own terminal" '[ "$status" != 000 ]'
issue "$work/pki" demo-T0099 "/O=JUKI-DEMO/OU=terminal/CN=T0099" ||
	{ echo "cannot issue"; exit 1; }
refused_handshake "a demo terminal (O=JUKI-DEMO) under its CA is refused" \
	demo-T0099 "O=JUKI-DEMO) on a production server"
issue "$work/pki" demo-cs "/O=JUKI-DEMO/OU=cs/CN=T0099" ||
	{ echo "cannot issue"; exit 1; }
refused_handshake "…and a demo 市町村CS" demo-cs "on a production server"
server_stop

configure demo.db false
refuses_start "a production server refuses the demo dataset" \
	"研修用データです。本番のサーバ (demo = false) では開きません"

# --- a demo server: only the trainers' file
configure residents.db true
refuses_start "a demo server refuses a synthetic dataset" \
	"研修用サーバ (demo = true) は研修用データ (juki-gendata --demo) 以外を開きません"
cp "$work/residents.db" "$work/real.db"
sqlite3 "$work/real.db" "DELETE FROM meta WHERE key = 'dataset'"
configure real.db true
refuses_start "…and a file that names no dataset (a real one)" \
	"研修用サーバ (demo = true)"
rm -f "$work/real.db"

# A demo PKI in place of the production one: the demo server's own.
mv "$work/pki" "$work/production-pki"
sh "$top/server-stub/juki-pki" "$work/pki" --demo >"$work/pki.log" 2>&1 ||
	{ cat "$work/pki.log"; exit 1; }
configure demo.db true
server_start
check "a demo server starts on the demo dataset" '[ -n "$server_pid" ] &&
	grep -q "listening on" "$work/server.log"'
login C0001
check "…and its demo terminal logs in" '[ -n "$token" ]'
issue "$work/pki" real-T0099 "/O=JUKI/OU=terminal/CN=T0099" ||
	{ echo "cannot issue"; exit 1; }
refused_handshake "a demo server refuses O=JUKI under its own CA" \
	real-T0099 "not O=JUKI-DEMO on a demo server"
issue "$work/pki" none-T0099 "/OU=terminal/CN=T0099" ||
	{ echo "cannot issue"; exit 1; }
refused_handshake "…and a certificate with no O" none-T0099 \
	"not O=JUKI-DEMO on a demo server"
issue "$work/pki" both-T0099 "/O=JUKI-DEMO/O=JUKI/OU=terminal/CN=T0099" ||
	{ echo "cannot issue"; exit 1; }
refused_handshake "…and one that also names O=JUKI" both-T0099 \
	"not O=JUKI-DEMO on a demo server"
server_stop
check "the demo server stopped cleanly" '[ "$server_status" -eq 0 ]'

finish
