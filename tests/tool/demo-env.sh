# Shared by the tests that run the README's demo command (juki-demo) in a
# terminal, as a trainer would.  Source it after harness.sh and
# terminal-env.sh; set $bin, $top and $work first.  $demo_dir is the
# demo's folder, $demo_port its server's port.
#
#   start_demo [OPTIONS]  juki-demo in a fresh tmux session
#   stop_demo             the session closed
#   end_demo              whatever of this demo still runs, killed
#   running NAME          a process NAME (cupsd, juki-server, …) of this
#                         demo runs
#   none_left             none does
#   demo_pid NAME         its process id

demo_dir=$work/demo
demo_port=$((20000 + $$ % 20000))
sock=
# Run by root, juki-demo runs the terminal as "juki", and cupsd's backend
# runs as lp: both go through $work.
[ "$(id -u)" -ne 0 ] || chmod 711 "$work"

start_demo() {
	stop_demo
	sock="$work/tmux-$(date +%s%N).sock"
	tmux -S "$sock" -u -f /dev/null new-session -d -s t -x 100 -y 30 \
		"JUKI_DEMO_DIR=$demo_dir JUKI_DEMO_PORT=$demo_port $top/server-stub/juki-demo $* $bin/..; sleep 60"
}
stop_demo() { [ -z "$sock" ] || tmux -S "$sock" kill-server 2>/dev/null || true; }

# demo_procs: the processes of this demo, one "PID NAME" a line: its
# scheduler, a copy of cupsd in its folder, and juki-demo, its server and
# its terminal, which work in its folder.  (Another demo's server on the
# same machine has the same command line: only the folder tells.)
demo_procs() {
	for p in $(pgrep -f "$demo_dir/cups/sbin/cupsd"); do echo "$p cupsd"; done
	for p in $(pgrep -x "juki-demo|juki-server|juki-terminal"); do
		case $(readlink "/proc/$p/cwd" 2>/dev/null) in
		"$demo_dir" | "$demo_dir"/*)
			echo "$p $(cat "/proc/$p/comm" 2>/dev/null)" ;;
		esac
	done
}
end_demo() {
	for p in $(demo_procs | cut -d" " -f1); do kill -KILL "$p"; done
}
running() { demo_procs | grep -q " $1\$"; }
none_left() { [ -z "$(demo_procs)" ]; }
demo_pid() { demo_procs | sed -n "s/ $1\$//p" | head -1; }
