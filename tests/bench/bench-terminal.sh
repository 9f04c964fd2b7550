#!/bin/sh
# The terminal as a clerk feels it, through tmux: time from start to the
# login screen, time from Enter to a drawn result for each lookup kind, and
# the client's resident memory over 1,000 lookups (it must not grow).
# Medians of repeated runs; the screen is read every 5 ms, which bounds
# the resolution.  Usage: bench-terminal.sh build/bin source-dir
set -eu
bin=$1
top=$2
work=$(mktemp -d)
server_pid=
export LANG=C.UTF-8
sock=
trap 'tmux -S "$sock" kill-server 2>/dev/null; server_stop; rm -rf "$work"' EXIT
. "$top/tests/tool/server-env.sh"

server_setup 20000 >/dev/null
server_start
"$bin/juki-gendata" --db "$work/residents.db" --export - >"$work/all.tsv"
awk -F'\t' '$1 == "current" && $22 == 0 && $10 != "" { print $2 "\t" $3 "\t" $5 "\t" $6 "\t" $10 }' \
	"$work/all.tsv" | head -200 >"$work/people"
cat >"$work/terminal.conf" <<CONF
server = { url = "https://localhost:$port"; ca = "pki/ca.crt";
           certificate = "pki/terminal-T0001.crt";
           key = "pki/terminal-T0001.key"; };
log = "terminal.log";
CONF
chmod 600 "$work/terminal.conf"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
screen() { tmux -S "$sock" capture-pane -p -t t; }
keys() { tmux -S "$sock" send-keys -t t "$@"; }
# wait_for TEXT: until the screen shows it (5 ms polls, 10 s at most).
wait_for() {
	n=2000
	until screen | grep -qF -- "$1"; do
		n=$((n - 1))
		[ $n -gt 0 ] || { echo "bench: '$1' never appeared" >&2; return 1; }
		sleep 0.005
	done
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
p90() { sort -n | awk '{ v[NR] = $1 } END { print v[int(NR * 0.9 + 0.5)] }'; }

# A fresh tmux server each time: reusing a socket right after kill-server
# races with the old server's exit.
start_client() {
	[ -z "$sock" ] || tmux -S "$sock" kill-server 2>/dev/null || true
	sock="$work/tmux-$(date +%s%N).sock"
	tmux -S "$sock" -u -f /dev/null new-session -d -s t -x 100 -y 30 \
		"$bin/juki-terminal --config $work/terminal.conf; sleep 600"
}

: >"$work/start"
for i in $(seq 15); do
	t0=$(now_ms)
	start_client
	wait_for "照合ID"
	echo $(( $(now_ms) - t0 )) >>"$work/start"
done
echo "start to the login screen: median $(median <"$work/start") ms, p90 $(p90 <"$work/start") ms (15 starts)"

keys C0001 Enter 1234 Enter
wait_for "1. 住民の検索・照会"
keys 1 F4
wait_for "本人確認情報の開示"

# lookup METHOD-KEYS QUERY-KEYS... : Enter, then until the name is drawn.
time_lookups() {
	label=$1
	: >"$work/times"
	head -20 "$work/people" | while IFS="$(printf '\t')" read -r code name kana birth kojin; do
		case $label in
		code) keys "$code" ;;
		kojin) keys "$kojin" ;;
		4joho) keys "$kana" Tab "$birth" ;;
		esac
		t0=$(now_ms)
		keys Enter
		if [ "$label" = 4joho ]; then wait_for "$code"; else wait_for "$name"; fi
		echo $(( $(now_ms) - t0 )) >>"$work/times"
		keys F10
		wait_for "検索方法"
	done
	echo "Enter to a drawn result, by $label: median $(median <"$work/times") ms, p90 $(p90 <"$work/times") ms (20 lookups)"
}
time_lookups code
keys F3
time_lookups kojin
keys F3
time_lookups 4joho
keys F3

# By exact name: the tmux server's command line holds the client's too.
pid=$(pgrep -n -x juki-terminal)
# Heap and stack (RssAnon) apart from library pages faulted in (RssFile).
rss() { awk '/^RssAnon/ { a = $2 } /^RssFile/ { f = $2 } END { printf "%d+%d", a, f }' "/proc/$pid/status"; }
printf 'resident memory of the client, anonymous+file kB: after login %s' "$(rss)"
for round in 1 2 3 4 5; do
	for i in $(seq 200); do
		line=$(sed -n "$(( (i - 1) % 200 + 1 ))p" "$work/people")
		code=$(echo "$line" | cut -f1)
		name=$(echo "$line" | cut -f2)
		keys "$code" Enter
		wait_for "$name"
		keys F10
		wait_for "検索方法"
	done
	printf ', after %d lookups %s' $((round * 200)) "$(rss)"
done
echo
