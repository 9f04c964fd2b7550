#!/bin/sh
# Stands up the 都道府県サーバ on a benchmark resident file and nginx as the
# transport floor (same certificates, TLS 1.3 only, X25519/P-256, client
# certificate required, one worker like our one event loop), then runs
# bench_server against both.
# Usage: bench-server.sh build/bin source-dir resident-file residents
set -eu
bin=$1
top=$2
database=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
residents=$4
work=$(mktemp -d)
chmod 755 "$work"
server_pid=
nginx_pid=
cleanup() {
	[ -z "$nginx_pid" ] || kill "$nginx_pid" 2>/dev/null || true
	server_stop || true
	rm -rf "$work"
}
trap cleanup EXIT
. "$top/tests/tool/server-env.sh"

sh "$top/server-stub/juki-pki" "$work/pki" >/dev/null
max_candidates=50 server_config
"$bin/juki-server" new-print-key "$work/print.key"
echo 1234 | "$bin/juki-server" --config "$work/server.conf" add-operator \
	B0001 clerk 性能測定 --pin
server_start

# The static file: a real answer of the server, so the sizes match.
code=$("$bin/juki-gendata" --db "$database" --export - 2>/dev/null |
	awk -F'\t' '$1 == "current" { print $2; exit }')
login B0001
mkdir -p "$work/static"
api terminal-T0001 POST /v1/lookup/code \
	"{\"jimu\":\"KAIJI\",\"juminhyo_code\":\"$code\"}" "$token"
cp "$work/body" "$work/static/resident.json"
chmod -R a+rX "$work/static"

nginx_port=$((port + 1))
cat >"$work/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 256; }
http {
	access_log off;
	server {
		listen 127.0.0.1:$nginx_port ssl;
		ssl_certificate $work/pki/server.crt;
		ssl_certificate_key $work/pki/server.key;
		ssl_protocols TLSv1.3;
		ssl_ecdh_curve X25519:prime256v1;
		ssl_client_certificate $work/pki/ca.crt;
		ssl_crl $work/pki/crl.pem;
		ssl_verify_client on;
		keepalive_requests 100000000;
		keepalive_timeout 60s;
		root $work/static;
		location / { default_type application/json; }
	}
}
CONF
nginx -c "$work/nginx.conf" -p "$work" &
nginx_pid=$!
sleep 1

echo "static file: $(wc -c <"$work/static/resident.json") bytes, as a 住民票コード lookup's answer"
"$bin/bench_server" --residents "$residents" --db "$database" \
	--url "https://localhost:$port" \
	--static-url "https://localhost:$nginx_port/resident.json" \
	--pki "$work/pki" --operator B0001 --pin 1234
