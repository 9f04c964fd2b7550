# Shared by the tests that drive the real 業務端末 in tmux.  Source it after
# server-env.sh and harness.sh; set $bin, $top and $work first.
#
# The terminal refuses to run as root.  Run by root, these tests give it
# the unprivileged account "juki" (.ci/install-deps makes it) and a folder
# of its own, $term: its configuration, certificate, key and log, and the
# virtual fingerprint reader's socket.

# terminal_setup [EXTRA-CONFIG-LINES]: $term and $term/terminal.conf.
terminal_setup() {
	term=$work/term
	mkdir -p "$term"
	cp "$work/pki/ca.crt" "$work/pki/terminal-T0001.crt" "$term/"
	cp "$work/pki/terminal-T0001.key" "$term/terminal.key"
	terminal_config "$term/terminal.conf" "$@"
	as_terminal=
	if [ "$(id -u)" -eq 0 ]; then
		chown -R juki: "$term"
		chmod 711 "$work"
		as_terminal="setpriv --reuid=juki --regid=juki --clear-groups --"
	fi
	# In a sanitizer build, what the client reports lands in files we
	# check; the client may write only in its own folder.
	export ASAN_OPTIONS="log_path=$term/sanitizer:detect_leaks=1"
	export UBSAN_OPTIONS="log_path=$term/sanitizer:print_stacktrace=1"
	export LSAN_OPTIONS="suppressions=$top/tests/lsan.supp:print_suppressions=0"
	# Tests drive libfprint's virtual reader, never real hardware.
	export FP_VIRTUAL_DEVICE="$term/reader.sock"
	export FP_DRIVERS_WHITELIST=virtual_device
}

# terminal_config FILE [EXTRA-LINES]: a configuration for this server.
terminal_config() {
	file=$1
	shift
	{
		cat <<CONF
server = { url = "https://localhost:$port"; ca = "ca.crt";
           certificate = "terminal-T0001.crt";
           key = "terminal.key"; request_timeout = 5; };
log = "terminal.log";
CONF
		for line in "$@"; do echo "$line"; done
	} >"$file"
	chmod 600 "$file"
	[ "$(id -u)" -ne 0 ] || chown juki: "$file"
}

# start_client [OPTIONS]: the client in a 100×30 tmux window, a tmux
# server of its own each time.  $JUKI_TERMINAL_WRAPPER goes in front
# (strace, to see the system calls the sandbox must allow).
sock=
start_client() {
	stop_client
	rm -f "$FP_VIRTUAL_DEVICE"
	sock="$work/tmux-$(date +%s%N).sock"
	tmux -S "$sock" -u -f /dev/null new-session -d -s t -x 100 -y 30 \
		"${JUKI_TERMINAL_WRAPPER:-} $as_terminal $bin/juki-terminal --config $term/terminal.conf $*; sleep 60"
}
# stop_client: the window closed, and the client waited for: a sanitizer
# build checks for leaks as it exits and writes its report then.
stop_client() {
	[ -n "$sock" ] || return 0
	stop_pid=$(terminal_pid)
	tmux -S "$sock" kill-server 2>/dev/null
	sock=
	[ -z "$stop_pid" ] || within 30 gone "$stop_pid"
}
# The client's process id: the pane's shell runs it.
terminal_pid() {
	pgrep -x -P "$(tmux -S "$sock" display -p -t t '#{pane_pid}')" juki-terminal
}
screen() { tmux -S "$sock" capture-pane -p -t t; }
keys() { tmux -S "$sock" send-keys -t t "$@"; }
# shows TEXT [SECONDS]: waits until the screen shows TEXT.
shows() {
	within "${2:-5}" on_screen "$1" && return 0
	echo "  screen lacks '$1':"; screen | sed 's/^/  | /'
	return 1
}
on_screen() { screen | grep -qF -- "$1"; }
lacks() { ! on_screen "$1"; }
# serial_on_screen: the first form serial (P2026-000001) the screen shows.
serial_on_screen() { screen | grep -o "P[0-9]\{4\}-[0-9]\{6\}" | head -1; }

# What the terminal says when it waits for a finger.
prompt="指を読み取り装置に置いてください"

# as_fingerprint ID [OPTIONS] / as_pin ID: the client started afresh
# (with OPTIONS) and ID logged in at the menu, by the virtual finger ID or
# by the PIN 1234.
as_fingerprint() {
	as_who=$1
	shift
	start_client "$@"
	keys "$as_who" Enter
	shows "$prompt" >/dev/null
	finger "$as_who"
	shows "業務メニュー" >/dev/null
}
as_pin() {
	start_client
	keys "$1" Enter
	shows "暗証番号を入力して" >/dev/null
	keys 1234 Enter
	shows "業務メニュー" >/dev/null
}

# finger ID | finger --retry N | finger --unplug: the virtual reader.
finger() { "$top/client/juki-finger" "$FP_VIRTUAL_DEVICE" "$@"; }

# enrol ID ROLES NAME: an operator whose 照合情報 is the virtual finger ID,
# enrolled through libfprint by juki-enrol and sealed by the server.
enrol() {
	sock_e="$work/enrol.sock"
	rm -f "$sock_e"
	FP_VIRTUAL_DEVICE=$sock_e "$bin/juki-enrol" "$1" 2>"$work/enrol.err" |
		"$bin/juki-server" --config "$work/server.conf" \
		add-operator "$1" "$2" "$3" --fingerprint &
	for _ in 1 2 3 4 5 6; do
		"$top/client/juki-finger" "$sock_e" "$1" || return 1
	done
	wait $!
}
