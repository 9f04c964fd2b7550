# A private CUPS scheduler in a folder of its own, for the demo
# (juki-demo) and the tests that print (tests/tool/cups-env.sh).  It never
# reads or writes the system's /etc/cups, /var/spool/cups, /var/cache/cups,
# /var/log/cups or /run/cups, and never talks to a system cupsd.  Source
# it; run as root (the scheduler must be able to become lp).  Its
# functions keep their variables to names that begin with cups_; under
# "set -e" call them where a failure is tested (if, ||), as their steps
# may fail on purpose.
#
#   cups_serve DIR        starts the scheduler in DIR (made if need be; a
#                         scheduler of an earlier run left there is stopped
#                         first), $cups_dir, its process $cups_pid; exports
#                         CUPS_SERVER (DIR/cups.sock), which libcups and the
#                         lp tools follow.  DIR's parent must let lp and the
#                         account juki (the terminal's) through.
#   cups_backend NAME     installs the script on stdin as the backend NAME
#                         (device URIs NAME:…), run as lp
#   cups_queue QUEUE URI  makes QUEUE print to the device URI, as a raw
#                         queue (no filters: the printer gets the document
#                         as sent); true once it is ready
#   cups_keep QUEUE OUT   makes QUEUE keep each job's document, byte for
#                         byte, as OUT/JOBID.pdf (OUT is made, lp's)
#   cups_failed WHY       says why, with the ends of the logs, and stops it
#   cups_stop             stops it; safe to call twice, and from an EXIT
#                         trap; $cups_status is cupsd's exit status
#
# The scheduler is a copy of /usr/sbin/cupsd: Debian's AppArmor profile
# for /usr/sbin/cupsd confines it to the system's folders, and a profile
# follows the program's path, not its contents.  Its backends are only
# those made with cups_backend: none of the system's, some of which run as
# root, and anyone who reaches the socket may make queues.

cups_dir=
cups_pid=

cups_serve() {
	cups_dir=$1
	cups_pid=
	# A unix socket's path has at most 107 bytes.
	if [ $((${#cups_dir} + 10)) -gt 107 ]; then
		echo "cups_serve: $cups_dir/cups.sock: too long for a socket"
		return 1
	fi
	if [ "$(id -u)" -ne 0 ]; then
		echo "cups_serve: must run as root"
		return 1
	fi
	# An earlier run killed outright (kill -9) left it running: its copy
	# of cupsd is busy, and its socket taken.
	cups_stop
	mkdir -p "$cups_dir/sbin" "$cups_dir/spool/tmp" "$cups_dir/cache" \
		"$cups_dir/state" "$cups_dir/log" "$cups_dir/ssl" \
		"$cups_dir/ppd" || return 1
	chmod 755 "$cups_dir"
	# Backends made afresh each time; the rest of ServerBin is the
	# system's.
	rm -rf "${cups_dir:?}/bin" && mkdir -p "$cups_dir/bin/backend" || return 1
	for cups_f in /usr/lib/cups/*; do
		[ "$cups_f" = /usr/lib/cups/backend ] ||
			ln -sfn "$cups_f" "$cups_dir/bin/${cups_f##*/}"
	done
	cp /usr/sbin/cupsd "$cups_dir/sbin/cupsd" || return 1
	# The folders cups_keep made, which its backend keeps documents in.
	: >"$cups_dir/keep"
	cups_keep_backend | cups_backend juki-keep || return 1
	# lp (the backends) and juki (a client) reach in: say so now rather
	# than with a job that never prints.
	if ! setpriv --reuid=lp --regid=lp --clear-groups \
	    test -x "$cups_dir/bin/backend"; then
		echo "cups_serve: lp cannot reach $cups_dir"
		return 1
	fi
	if id juki >/dev/null 2>&1 &&
	    ! setpriv --reuid=juki --regid=juki --clear-groups \
	    test -x "$cups_dir"; then
		echo "cups_serve: juki cannot reach $cups_dir"
		return 1
	fi
	cups_conf || return 1

	export CUPS_SERVER="$cups_dir/cups.sock"
	# No system D-Bus (colord, notifications) and no systemd notify or
	# socket activation meant for whatever started us.
	env -u NOTIFY_SOCKET -u LISTEN_FDS -u LISTEN_PID -u LISTEN_FDNAMES \
		DBUS_SYSTEM_BUS_ADDRESS=unix:path=/nonexistent \
		"$cups_dir/sbin/cupsd" -f -c "$cups_dir/cupsd.conf" \
		-s "$cups_dir/cups-files.conf" >"$cups_dir/log/cupsd.out" 2>&1 &
	cups_pid=$!
	for _ in $(seq 100); do
		if LC_ALL=C lpstat -r 2>/dev/null | grep -q "is running" &&
		    [ -S "$CUPS_SERVER" ]; then
			return 0
		fi
		kill -0 "$cups_pid" 2>/dev/null || break
		sleep 0.1
	done
	cups_failed "cupsd did not answer"
	return 1
}

# cups_conf: its two configuration files, everything inside $cups_dir.
cups_conf() {
	cat >"$cups_dir/cups-files.conf" <<CONF || return 1
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
# A job's document is kept where its queue keeps it, not in the spool.
PreserveJobFiles No
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
}

cups_backend() {
	cat >"$cups_dir/bin/backend/$1" || return 1
	# Not 0700: the scheduler runs it as lp, not as root.
	chmod 755 "$cups_dir/bin/backend/$1"
}

# The backend of cups_keep: juki-keep:OUT keeps the job's document as
# OUT/JOBID.pdf, for a folder OUT that cups_keep made.
cups_keep_backend() {
	cat <<BACKEND
#!/bin/sh
# juki-keep backend: juki-keep:OUT keeps the job's document as
# OUT/JOBID.pdf, OUT one of the folders $cups_dir/keep lists.
# Arguments: job-id user title copies options [file]; none: discovery.
if [ \$# -eq 0 ]; then
	echo 'direct juki-keep "Unknown" "juki printer (keeps jobs)"'
	exit 0
fi
out=\${DEVICE_URI#juki-keep:}
if ! grep -qxF -- "\$out" "$cups_dir/keep"; then
	echo "ERROR: \$out is not a folder to keep documents in" >&2
	exit 1
fi
if [ \$# -ge 6 ]; then cat -- "\$6"; else cat; fi >"\$out/\$1.tmp" || {
	echo "ERROR: cannot write \$out/\$1.tmp" >&2
	exit 1
}
mv -f "\$out/\$1.tmp" "\$out/\$1.pdf" || exit 1
echo "INFO: kept as \$out/\$1.pdf" >&2
exit 0
BACKEND
}

cups_queue() {
	# No -m: a raw queue (lpadmin says raw queues are deprecated; they work).
	lpadmin -p "$1" -E -v "$2" >>"$cups_dir/log/lpadmin.out" 2>&1 &&
		lpstat -p "$1" >/dev/null 2>&1
}

cups_keep() {
	# The folder goes into a device URI as it is: nothing to escape.
	case $2 in
	/*[!A-Za-z0-9/._+-]* | [!/]*)
		echo "cups_keep: $2: not an absolute path of A-Z a-z 0-9 / . _ + -"
		return 1 ;;
	esac
	# The backend runs as lp and writes only here.
	install -d -o lp -g lp -m 755 "$2" || return 1
	if ! setpriv --reuid=lp --regid=lp --clear-groups test -w "$2"; then
		echo "cups_keep: lp cannot write in $2"
		return 1
	fi
	grep -qxF -- "$2" "$cups_dir/keep" || echo "$2" >>"$cups_dir/keep"
	cups_queue "$1" "juki-keep:$2"
}

cups_failed() {
	echo "cups_serve: $1"
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
	# Started in another shell (a subshell, an earlier run): its pid file
	# says which.
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
