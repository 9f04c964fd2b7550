# The little test harness the tool tests share.  Source it; then
#   harness_start BIN TOP [STOP…]   a test's arguments, its $work, its end
#   check NAME 'SHELL CONDITION'   passes when the condition holds
#   verify NAME 'CONDITION' 'DIAGNOSIS'
#                                   the same, running DIAGNOSIS when it fails
#   within SECONDS COMMAND…         COMMAND succeeds before SECONDS pass
#   gone PID                        the process PID has ended
#   ok NAME / not_ok NAME           record a result directly
#   finish                          prints "N passed, M failed" and is
#                                   false when any failed
# Conditions are strings for eval, so their variables expand there.
# shellcheck disable=SC2034
passed=0
failed=0

# harness_start BIN TOP [STOP…]: $bin (the build's bin/) and $top (the
# source tree) from a test's arguments, and a fresh $work.  At exit each
# STOP (server_stop, stop_client, cups_stop) runs, then $work is removed
# unless $KEEP is set, to look at what the test left.
harness_start() {
	bin=$1
	top=$2
	shift 2
	work=$(mktemp -d)
	harness_stops=$*
	trap harness_end EXIT
}
harness_end() {
	for stop in $harness_stops; do "$stop"; done
	[ -n "${KEEP:-}" ] || rm -rf "$work"
}

ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }
# check returns 0 whatever happened, so "check … || echo" never echoes:
# a diagnosis goes here.
verify() { if eval "$2"; then ok "$1"; else not_ok "$1"; eval "$3"; fi; }

# within SECONDS COMMAND…: runs COMMAND every tenth of a second until it
# succeeds (true) or SECONDS have passed (false).  Tests wait this way,
# never by a fixed sleep: a sanitizer build or a busy machine is slower.
within() {
	within_n=$(($1 * 10))
	shift
	until "$@"; do
		[ "$within_n" -gt 0 ] || return 1
		sleep 0.1
		within_n=$((within_n - 1))
	done
}
gone() { ! kill -0 "$1" 2>/dev/null; }

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
