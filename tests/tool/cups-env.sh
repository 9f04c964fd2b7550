# Shared by the tests that print through a real CUPS scheduler: a private
# cupsd of their own in $work/cups (server-stub/private-cups.sh, which the
# demo uses too).  Source it; set $work and $top first (test-cups-env.sh
# sets $top to the source tree too).  Run as root (the scheduler must be
# able to become lp).  Its functions keep their variables to names that
# begin with cups_.
#
#   cups_start   starts it; exports CUPS_SERVER (its unix socket), which
#                libcups and the lp tools follow, and makes the queues:
#                  juki  keeps each job's document, byte for byte, as
#                        $work/cups/out/JOBID.pdf (a raw queue: no filters)
#                  jam   fails every job as a printer that stops would
#                        (its backend exits CUPS_BACKEND_STOP: the queue
#                        stops and the job stays unprinted)
#                and any other name is a printer that is not there.
#   cups_stop    stops it; safe to call twice, and from an EXIT trap.
#   printed [N]  waits up to N seconds (10) for a document the juki queue
#                has kept that no earlier call reported; prints its path
#                (the newest, if several came) or fails.

. "$top/server-stub/private-cups.sh"

cups_start() {
	# lp (the backend) and juki (a client) go through $work to the socket
	# and the output folder; nothing else there becomes readable.
	chmod 711 "$work"
	cups_serve "$work/cups" || return 1
	: >"$cups_dir/printed.seen"
	if cups_jam_backend | cups_backend juki-jam &&
	    cups_keep juki "$cups_dir/out" && cups_queue jam juki-jam:/; then
		return 0
	fi
	cups_failed "the queues could not be made"
	return 1
}

# The backend of the queue jam: a printer that stops, always.
cups_jam_backend() {
	cat <<'BACKEND'
#!/bin/sh
# juki-jam backend: stops the printer, as a paper jam would.
# Arguments: job-id user title copies options [file]; none: discovery.
if [ $# -eq 0 ]; then
	echo 'direct juki-jam:/ "Unknown" "juki test printer (jams)"'
	exit 0
fi
echo "STATE: +media-jam-error" >&2
echo "ERROR: paper jam" >&2
exit 4
BACKEND
}

# printed [N]: a document the juki queue kept and no earlier call reported.
# (The list of those is a file: callers run this in $(...), a subshell.)
printed() {
	cups_n=$(( ${1:-10} * 10 ))
	while :; do
		# shellcheck disable=SC2010
		cups_new=$(ls -t "$cups_dir/out" 2>/dev/null | grep '^[0-9]*\.pdf$' |
			grep -vxF -f "$cups_dir/printed.seen" | head -n 1)
		if [ -n "$cups_new" ]; then
			echo "$cups_new" >>"$cups_dir/printed.seen"
			echo "$cups_dir/out/$cups_new"
			return 0
		fi
		[ "$cups_n" -gt 0 ] || break
		sleep 0.1
		cups_n=$((cups_n - 1))
	done
	echo "printed: nothing new in $cups_dir/out" >&2
	return 1
}
