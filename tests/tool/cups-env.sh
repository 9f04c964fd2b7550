# Shared by the tests that print through a real CUPS scheduler: a private
# cupsd of their own in $work/cups, which never reads or writes the
# system's /etc/cups, /var/spool/cups, /var/cache/cups, /var/log/cups or
# /run/cups, and never talks to a system cupsd.  Source it; set $work
# first.  Run as root (the scheduler must be able to become lp).  Its
# functions keep their variables to names that begin with cups_.
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
#
# The scheduler is a copy of /usr/sbin/cupsd: Debian's AppArmor profile
# for /usr/sbin/cupsd confines it to the system's folders, and a profile
# follows the program's path, not its contents.

cups_dir=
cups_pid=

cups_start() {
	cups_dir=$work/cups
	cups_pid=
	# A unix socket's path has at most 107 bytes.
	if [ $((${#cups_dir} + 10)) -gt 107 ]; then
		echo "cups_start: $cups_dir/cups.sock: too long for a socket"
		return 1
	fi
	if [ "$(id -u)" -ne 0 ]; then
		echo "cups_start: must run as root"
		return 1
	fi
	# lp (the backend) and juki (a client) go through $work to the socket
	# and the output folder; nothing else there becomes readable.
	chmod 711 "$work"
	mkdir -p "$cups_dir/sbin" "$cups_dir/bin/backend" \
		"$cups_dir/spool/tmp" "$cups_dir/cache" "$cups_dir/state" \
		"$cups_dir/log" "$cups_dir/ssl" "$cups_dir/ppd" || return 1
	chmod 755 "$cups_dir"
	# The backend runs as lp (its mode is not 0700) and writes only here.
	install -d -o lp -g lp -m 755 "$cups_dir/out" || return 1
	: >"$cups_dir/printed.seen"
	cp /usr/sbin/cupsd "$cups_dir/sbin/cupsd" || return 1
	# Every folder above must let them through (TMPDIR under /root would
	# not): say so now rather than with a job that never prints.
	if ! setpriv --reuid=lp --regid=lp --clear-groups \
	    test -w "$cups_dir/out"; then
		echo "cups_start: lp cannot write in $cups_dir/out"
		return 1
	fi
	if id juki >/dev/null 2>&1 &&
	    ! setpriv --reuid=juki --regid=juki --clear-groups \
	    test -x "$cups_dir"; then
		echo "cups_start: juki cannot reach $cups_dir"
		return 1
	fi

	# ServerBin: the system's, but for backend/, which has ours too.
	for cups_f in /usr/lib/cups/*; do
		[ "$cups_f" = /usr/lib/cups/backend ] ||
			ln -sfn "$cups_f" "$cups_dir/bin/${cups_f##*/}"
	done
	for cups_f in /usr/lib/cups/backend/*; do
		ln -sfn "$cups_f" "$cups_dir/bin/backend/${cups_f##*/}"
	done
	cups_backend >"$cups_dir/bin/backend/juki-test" || return 1
	chmod 755 "$cups_dir/bin/backend/juki-test"

	cat >"$cups_dir/cups-files.conf" <<CONF
ServerRoot $cups_dir
ServerBin $cups_dir/bin
DataDir /usr/share/cups
DocumentRoot /usr/share/cups/doc-root
RequestRoot $cups_dir/spool
TempDir $cups_dir/spool/tmp
CacheDir $cups_dir/cache
StateDir $cups_dir/state
ServerKeychain $cups_dir/ssl
AccessLog $cups_dir/log/access_log
ErrorLog $cups_dir/log/error_log
PageLog $cups_dir/log/page_log
Printcap $cups_dir/printcap
User lp
Group lp
SystemGroup root
LogFileGroup root
FileDevice No
CONF
	cat >"$cups_dir/cupsd.conf" <<CONF
LogLevel debug
MaxLogSize 0
Listen $cups_dir/cups.sock
Browsing No
BrowseLocalProtocols none
DefaultShared No
WebInterface No
DefaultAuthType None
IdleExitTimeout 0
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  JobPrivateAccess all
  JobPrivateValues none
  SubscriptionPrivateAccess all
  SubscriptionPrivateValues none
  <Limit All>
    Order deny,allow
    Allow all
  </Limit>
</Policy>
DefaultPolicy default
CONF

	export CUPS_SERVER="$cups_dir/cups.sock"
	# No system D-Bus (colord, notifications) and no systemd notify or
	# socket activation meant for whatever started the tests.
	env -u NOTIFY_SOCKET -u LISTEN_FDS -u LISTEN_PID -u LISTEN_FDNAMES \
		DBUS_SYSTEM_BUS_ADDRESS=unix:path=/nonexistent \
		"$cups_dir/sbin/cupsd" -f -c "$cups_dir/cupsd.conf" \
		-s "$cups_dir/cups-files.conf" >"$cups_dir/log/cupsd.out" 2>&1 &
	cups_pid=$!
	for _ in $(seq 100); do
		if LC_ALL=C lpstat -r 2>/dev/null | grep -q "is running" &&
		    [ -S "$CUPS_SERVER" ]; then
			cups_queues && return 0
			cups_failed "the queues could not be made"
			return 1
		fi
		kill -0 "$cups_pid" 2>/dev/null || break
		sleep 0.1
	done
	cups_failed "cupsd did not answer"
	return 1
}

# The backend both queues use: the device URI says which one it is.
cups_backend() {
	cat <<BACKEND
#!/bin/sh
# juki-test backend: juki-test:/keep keeps the job's document as
# $cups_dir/out/JOBID.pdf; juki-test:/jam stops the printer.
# Arguments: job-id user title copies options [file]; none: discovery.
if [ \$# -eq 0 ]; then
	echo 'direct juki-test:/keep "Unknown" "juki test printer (keeps jobs)"'
	exit 0
fi
case \${DEVICE_URI:-} in
juki-test:/keep)
	out=$cups_dir/out
	if [ \$# -ge 6 ]; then cat -- "\$6"; else cat; fi >"\$out/\$1.tmp" || {
		echo "ERROR: cannot write \$out/\$1.tmp" >&2
		exit 1
	}
	mv -f "\$out/\$1.tmp" "\$out/\$1.pdf" || exit 1
	echo "INFO: kept as \$out/\$1.pdf" >&2
	exit 0 ;;
juki-test:/jam)
	echo "STATE: +media-jam-error" >&2
	echo "ERROR: paper jam" >&2
	exit 4 ;;
*)
	echo "ERROR: unknown device \${DEVICE_URI:-}" >&2
	exit 1 ;;
esac
BACKEND
}

cups_queues() {
	# No -m: a raw queue (lpadmin says raw queues are deprecated; they work).
	lpadmin -p juki -E -v juki-test:/keep >>"$cups_dir/log/lpadmin.out" 2>&1 &&
		lpadmin -p jam -E -v juki-test:/jam \
			>>"$cups_dir/log/lpadmin.out" 2>&1 &&
		lpstat -p juki >/dev/null 2>&1 && lpstat -p jam >/dev/null 2>&1
}

cups_failed() {
	echo "cups_start: $1"
	for cups_f in cupsd.out lpadmin.out error_log; do
		[ -s "$cups_dir/log/$cups_f" ] || continue
		echo "--- $cups_f"
		tail -n 20 "$cups_dir/log/$cups_f"
	done
	cups_stop
}

cups_stop() {
	cups_p=${cups_pid:-}
	cups_pid=
	# Started in another shell (a subshell, say): its pid file says which.
	if [ -z "$cups_p" ] && [ -n "${cups_dir:-}" ] &&
	    [ -s "$cups_dir/state/cupsd.pid" ]; then
		cups_p=$(cat "$cups_dir/state/cupsd.pid")
		[ "$(readlink "/proc/$cups_p/exe" 2>/dev/null)" = \
		    "$cups_dir/sbin/cupsd" ] || cups_p=
	fi
	[ -n "$cups_p" ] || return 0
	kill -TERM "$cups_p" 2>/dev/null
	wait "$cups_p" 2>/dev/null
	# shellcheck disable=SC2034 # for the caller: cupsd's exit status
	cups_status=$?
	# wait returns at once for a process that is not our child.
	for _ in $(seq 100); do
		kill -0 "$cups_p" 2>/dev/null || return 0
		sleep 0.1
	done
	echo "cups_stop: cupsd $cups_p did not stop; killing it"
	kill -KILL "$cups_p" 2>/dev/null
	return 1
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
