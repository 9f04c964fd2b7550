# The little test harness the tool tests share.  Source it; then
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
