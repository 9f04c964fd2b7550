# The little test harness the tool tests share.  Source it; then
#   harness_start BIN TOP [STOP…]   a test's arguments, its $work, its end
#   check NAME 'SHELL CONDITION'   passes when the condition holds
#   verify NAME 'CONDITION' 'DIAGNOSIS'
#                                   the same, running DIAGNOSIS when it fails
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

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
