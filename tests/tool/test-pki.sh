#!/bin/sh
# juki-pki as a developer runs it: the certificates verify (or fail) the
# way the server's tests expect, keys are private P-256 PKCS#8, subjects and
# EKUs are right, an existing PKI is not overwritten without --force, and a
# terminal really connects to a server over mutual TLS 1.3.
# Usage: test-pki.sh path/to/juki-pki
# Checks are strings for eval, so their variables are used there:
# shellcheck disable=SC2016,SC2034
set -u
pki=$1
work=$(mktemp -d)
server_pid=
trap '[ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
trap 'exit 1' HUP INT TERM

. "$(dirname "$0")/harness.sh"

# Runs juki-pki, keeping status and output.
run() {
	"$pki" "$@" >"$work/out" 2>"$work/err"
	status=$?
}

# verify_says CERT TEXT [ARGS...]: openssl verify fails with TEXT.
verify_says() {
	cert=$1 text=$2
	shift 2
	! openssl verify -CAfile "$d/ca.crt" "$@" "$d/$cert" >"$work/verify" 2>&1 &&
		grep -q "$text" "$work/verify"
}

verify_ok() {
	openssl verify -CAfile "$d/ca.crt" "$@" >/dev/null 2>&1
}

subject() {
	openssl x509 -in "$d/$1.crt" -noout -subject -nameopt compat
}

# has_ext CERT TEXT: the certificate's text shows TEXT.
has_ext() {
	openssl x509 -in "$d/$1.crt" -noout -text | grep -q "$2"
}

is_p256_pkcs8() {
	head -n 1 "$1" | grep -qx -- '-----BEGIN PRIVATE KEY-----' &&
		openssl pkey -in "$1" -noout -text 2>/dev/null | grep -q 'ASN1 OID: prime256v1'
}

# A listing of every file and its checksum, to see that nothing changed.
fingerprint() {
	(cd "$1" && find . -type f -exec sha256sum {} + | sort)
}

# --- the default PKI ---
d=$work/pki
run "$d"
check "makes a PKI" '[ $status -eq 0 ] && [ -s "$d/ca.crt" ] && [ -s "$d/crl.pem" ]'
check "directory is private (0700)" '[ "$(stat -c %a "$d")" = 700 ]'
check "default terminals T0001, T0002 and CS CS431001" \
	'[ -s "$d/terminal-T0001.crt" ] && [ -s "$d/terminal-T0002.crt" ] && [ -s "$d/cs-CS431001.crt" ]'
check "no staging directory left" '[ -z "$(ls -A "$work" | grep juki-pki)" ]'

keys=0
bad_mode=
bad_key=
for key in "$d"/*.key; do
	keys=$((keys + 1))
	[ "$(stat -c %a "$key")" = 600 ] || bad_mode="$bad_mode ${key##*/}"
	is_p256_pkcs8 "$key" || bad_key="$bad_key ${key##*/}"
done
check "all $keys keys are 0600" '[ $keys -eq 10 ] && [ -z "$bad_mode" ]'
check "all keys are unencrypted PKCS#8 EC prime256v1" '[ -z "$bad_key" ]'

# The CA.
check "CA is self-signed and valid" 'verify_ok "$d/ca.crt"'
check "CA subject O=JUKI, CN=JUKI Development CA" \
	'[ "$(subject ca)" = "subject=/O=JUKI/CN=JUKI Development CA" ]'
check "CA basicConstraints critical CA:TRUE" \
	'openssl x509 -in "$d/ca.crt" -noout -ext basicConstraints | grep -q "critical" &&
	 openssl x509 -in "$d/ca.crt" -noout -ext basicConstraints | grep -q "CA:TRUE"'
check "CA keyUsage keyCertSign, cRLSign" 'has_ext ca "Certificate Sign, CRL Sign"'
check "CA signs with ECDSA SHA-256" 'has_ext ca "ecdsa-with-SHA256"'
ca_end=$(openssl x509 -in "$d/ca.crt" -noout -enddate | sed 's/.* \([0-9]\{4\}\) GMT/\1/')
check "CA is valid for 10 years" '[ "$ca_end" -ge $(($(date -u +%Y) + 9)) ]'

# Certificates that must verify, for the right purpose.
check "server verifies as a TLS server" 'verify_ok -purpose sslserver "$d/server.crt"'
check "terminals verify as TLS clients" \
	'verify_ok -purpose sslclient "$d/terminal-T0001.crt" "$d/terminal-T0002.crt"'
check "CS verifies as a TLS client" 'verify_ok -purpose sslclient "$d/cs-CS431001.crt"'
check "good certificates pass the CRL check" \
	'verify_ok -crl_check -CRLfile "$d/crl.pem" "$d/server.crt" "$d/terminal-T0001.crt"'
check "terminal is not a TLS server" '! verify_ok -purpose sslserver "$d/terminal-T0001.crt"'
check "server is not a TLS client" '! verify_ok -purpose sslclient "$d/server.crt"'

# Subjects, SAN and EKU.
check "server subject O=JUKI, CN=localhost" '[ "$(subject server)" = "subject=/O=JUKI/CN=localhost" ]'
check "server SAN localhost, 127.0.0.1, ::1" \
	'has_ext server "DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1"'
check "server EKU serverAuth only" \
	'has_ext server "TLS Web Server Authentication" && ! has_ext server "Client Authentication"'
check "terminal subject CN=T0001, OU=terminal, O=JUKI" \
	'[ "$(subject terminal-T0001)" = "subject=/O=JUKI/OU=terminal/CN=T0001" ]'
check "CS subject CN=CS431001, OU=cs, O=JUKI" \
	'[ "$(subject cs-CS431001)" = "subject=/O=JUKI/OU=cs/CN=CS431001" ]'
check "terminal and CS EKU clientAuth only" \
	'for c in terminal-T0001 terminal-T0002 cs-CS431001; do
		has_ext $c "TLS Web Client Authentication" && ! has_ext $c "Server Authentication" || exit 1
	 done'
check "leaf certificates are not CAs" 'has_ext terminal-T0001 "CA:FALSE" && has_ext server "CA:FALSE"'

# The broken certificates for the server's tests.
check "revoked.crt verifies without the CRL" 'verify_ok "$d/revoked.crt"'
check "revoked.crt is refused as revoked with the CRL" \
	'verify_says revoked.crt "certificate revoked" -crl_check -CRLfile "$d/crl.pem"'
check "expired.crt is refused as expired" 'verify_says expired.crt "certificate has expired"'
check "notyet.crt is refused as not yet valid" 'verify_says notyet.crt "not yet valid"'
check "other.crt is refused by ca.crt" 'verify_says other.crt "unable to get local issuer"'
check "other.crt verifies against other-ca.crt" \
	'openssl verify -CAfile "$d/other-ca.crt" "$d/other.crt" >/dev/null 2>&1'
check "test certificates are terminals T9001-T9004" \
	'[ "$(subject expired)" = "subject=/O=JUKI/OU=terminal/CN=T9001" ] &&
	 [ "$(subject notyet)" = "subject=/O=JUKI/OU=terminal/CN=T9002" ] &&
	 [ "$(subject revoked)" = "subject=/O=JUKI/OU=terminal/CN=T9003" ] &&
	 [ "$(subject other)" = "subject=/O=JUKI/OU=terminal/CN=T9004" ]'

# The CRL.
serial=$(openssl x509 -in "$d/revoked.crt" -noout -serial | cut -d= -f2)
check "CRL is signed by the CA" \
	'openssl crl -in "$d/crl.pem" -CAfile "$d/ca.crt" -noout 2>&1 | grep -q "verify OK"'
check "CRL lists revoked.crt's serial" \
	'openssl crl -in "$d/crl.pem" -noout -text | grep -q "Serial Number: $serial"'
next=$(openssl crl -in "$d/crl.pem" -noout -nextupdate | cut -d= -f2)
days=$((($(date -u -d "$next" +%s) - $(date -u +%s)) / 86400))
check "CRL next update in 30 days" '[ $days -ge 29 ] && [ $days -le 30 ]'

# --- rerunning ---
before=$(fingerprint "$d")
run "$d"
check "refuses a non-empty directory without --force" \
	'[ $status -eq 1 ] && grep -q -- "--force" "$work/err"'
check "refused run changed nothing" '[ "$(fingerprint "$d")" = "$before" ]'
run "$d" --force --terminal T0100
check "--force replaces the PKI" \
	'[ $status -eq 0 ] && [ "$(fingerprint "$d")" != "$before" ] &&
	 [ -s "$d/terminal-T0100.crt" ] && [ ! -e "$d/terminal-T0001.crt" ] &&
	 [ "$(stat -c %a "$d")" = 700 ]'
mkdir "$work/mine"
echo "precious" >"$work/mine/notes.txt"
run "$work/mine" --force
check "--force never replaces a directory juki-pki did not make" \
	'[ $status -eq 1 ] && grep -q precious "$work/mine/notes.txt" && [ ! -e "$work/mine/ca.crt" ]'
mkdir "$work/empty"
run "$work/empty"
check "an empty existing directory is used" '[ $status -eq 0 ] && [ -s "$work/empty/ca.crt" ]'

# --- options ---
run "$work/demo" --demo --terminal T0500 --terminal T0501 --cs CS131016 --cs CS271004
check "--demo runs" '[ $status -eq 0 ]'
d=$work/demo
check "--demo CA is O=JUKI-DEMO, CN=JUKI Demo CA" \
	'[ "$(subject ca)" = "subject=/O=JUKI-DEMO/CN=JUKI Demo CA" ]'
check "--demo terminal is O=JUKI-DEMO" \
	'[ "$(subject terminal-T0500)" = "subject=/O=JUKI-DEMO/OU=terminal/CN=T0500" ]'
check "--terminal and --cs give exactly those certificates" \
	'[ "$(cd "$d" && ls terminal-*.crt cs-*.crt | tr "\n" " ")" = "cs-CS131016.crt cs-CS271004.crt terminal-T0500.crt terminal-T0501.crt " ]'
check "--demo certificates verify" \
	'verify_ok -purpose sslclient "$d/terminal-T0501.crt" "$d/cs-CS271004.crt"'

run --help
check "--help shows usage and the development-only warning" \
	'[ $status -eq 0 ] && grep -q "^Usage:" "$work/out" && grep -qi "unencrypted" "$work/out"'
run
check "no DIR is a usage error" '[ $status -eq 2 ] && grep -q "DIR" "$work/err"'
run "$work/bad" --terminal "T1/../x"
check "an ID with '/' is refused" '[ $status -eq 2 ] && [ ! -e "$work/bad" ] && [ -s "$work/err" ]'
run "$work/bad" --cs "CS1,O=EVIL"
check "an ID with ',' or '=' is refused" '[ $status -eq 2 ] && [ ! -e "$work/bad" ]'
run "$work/bad" --terminal
check "--terminal without an ID is refused" '[ $status -eq 2 ] && [ ! -e "$work/bad" ]'
run "$work/bad" --terminal T0007 --terminal=T0007
check "a terminal given twice is refused" '[ $status -eq 2 ] && [ ! -e "$work/bad" ] && grep -q T0007 "$work/err"'
run "$work/bad" --frobnicate
check "an unknown option is refused" '[ $status -eq 2 ] && [ ! -e "$work/bad" ]'

# An openssl failure part way leaves neither DIR nor a half-made PKI.
mkdir "$work/bin" "$work/fail"
real_openssl=$(command -v openssl)
cat >"$work/bin/openssl" <<EOF
#!/bin/sh
case " \$* " in *" -gencrl "*) echo "simulated failure" >&2; exit 1 ;; esac
exec "$real_openssl" "\$@"
EOF
chmod +x "$work/bin/openssl"
saved_path=$PATH
PATH="$work/bin:$PATH"
run "$work/fail/pki"
PATH=$saved_path
check "a failed openssl leaves nothing behind" \
	'[ $status -ne 0 ] && grep -q "simulated failure" "$work/err" && [ -z "$(ls -A "$work/fail")" ]'

# --- live mutual TLS 1.3 ---
# -verify_return_error matters: without it s_server only logs a bad client
# certificate and carries on.
d=$work/pki
run "$d" --force
port=
for try in 1 2 3 4 5; do
	p=$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 20000))
	openssl s_server -accept "127.0.0.1:$p" -tls1_3 -cert "$d/server.crt" \
		-key "$d/server.key" -CAfile "$d/ca.crt" -Verify 1 -verify_return_error \
		-crl_check -CRL "$d/crl.pem" -www >"$work/server.log" 2>&1 &
	server_pid=$!
	# Listening once it says ACCEPT; gone if the port was taken.
	n=0
	while [ $n -lt 50 ] && kill -0 "$server_pid" 2>/dev/null &&
		! grep -q ACCEPT "$work/server.log"; do
		sleep 0.1
		n=$((n + 1))
	done
	if grep -q ACCEPT "$work/server.log" && kill -0 "$server_pid" 2>/dev/null; then
		port=$p
		break
	fi
	kill "$server_pid" 2>/dev/null
	wait "$server_pid" 2>/dev/null
	server_pid=
done

# handshake NAME [CAFILE]: a TLS 1.3 client with NAME's certificate that
# checks the server against CAFILE (default ca.crt), sending nothing.
handshake() {
	timeout 5 openssl s_client -connect "127.0.0.1:$port" -tls1_3 \
		-cert "$d/$1.crt" -key "$d/$1.key" -CAfile "${2:-$d/ca.crt}" \
		-verify_return_error </dev/null >"$work/client.log" 2>&1
}

# fetch NAME: asks for the server's status page (which shows the client
# certificate the server accepted) with NAME's certificate, or none if
# NAME is empty.
fetch() {
	if [ -n "$1" ]; then set -- -cert "$d/$1.crt" -key "$d/$1.key"; else set --; fi
	printf 'GET / HTTP/1.0\r\n\r\n' |
		timeout 5 openssl s_client -quiet -connect "127.0.0.1:$port" -tls1_3 \
			-CAfile "$d/ca.crt" -verify_return_error "$@" >"$work/client.log" 2>&1
}

# refused NAME ALERT: the server ends NAME's handshake with ALERT.
refused() {
	fetch "$1"
	grep -q "alert $2" "$work/client.log" && ! grep -q "HTTP/1.0 200" "$work/client.log"
}

if [ -z "$port" ]; then
	not_ok "start openssl s_server (no free port found)"
else
	handshake terminal-T0001
	check "terminal T0001 connects over TLS 1.3 and trusts the server" \
		'grep -q "Verify return code: 0 (ok)" "$work/client.log" &&
		 grep -q "New, TLSv1.3" "$work/client.log"'
	handshake terminal-T0001 "$d/other-ca.crt"
	check "a terminal trusting only other-ca.crt refuses the server" \
		'! grep -q "Verify return code: 0 (ok)" "$work/client.log"'
	fetch terminal-T0001
	check "server accepts terminal T0001 and sees its CN" \
		'grep -q "^Client certificate" "$work/client.log" &&
		 grep -q "Subject: O=JUKI, OU=terminal, CN=T0001" "$work/client.log"'
	fetch cs-CS431001
	check "server accepts the CS and sees its CN" \
		'grep -q "Subject: O=JUKI, OU=cs, CN=CS431001" "$work/client.log"'
	check "server refuses other.crt (unknown CA)" 'refused other "unknown ca"'
	check "server refuses expired.crt" 'refused expired "certificate expired"'
	check "server refuses notyet.crt" 'refused notyet "bad certificate"'
	check "server refuses revoked.crt with the CRL" 'refused revoked "certificate revoked"'
	check "server refuses a client without a certificate" 'refused "" "certificate required"'
fi

finish
