#!/bin/sh
# The private CUPS scheduler the printing tests share (cups-env.sh, on
# server-stub/private-cups.sh, which the demo uses too): root and the
# unprivileged user juki both print to the queue juki, whose documents
# land byte for byte in $work/cups/out; the queue jam stops as a jammed
# printer would; a queue that does not exist refuses the job; the system's
# CUPS folders are left as they were, and a system cupsd too; cups_stop
# leaves no scheduler of ours running.
# Usage: test-cups-env.sh   (as root)
# shellcheck disable=SC2016,SC2034
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'cups_stop; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
. "$here/harness.sh"
. "$here/cups-env.sh"
# The lp tools' messages, as this test reads them.
export LC_ALL=C

as_juki="setpriv --reuid=juki --regid=juki --clear-groups --"

# make_pdf FILE TEXT: a one-page PDF showing TEXT (ASCII, no parentheses),
# written by hand: nothing that makes PDFs need be installed.  The second
# line is binary, as PDF advises, so a copy that is not byte for byte shows.
make_pdf() {
	file=$1 stream="BT /F1 24 Tf 72 720 Td ($2) Tj ET" n=0 offsets=
	printf '%%PDF-1.4\n%%\342\343\317\323\n' >"$file"
	for body in "<< /Type /Catalog /Pages 2 0 R >>" \
	    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>" \
	    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>" \
	    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>" \
	    "<< /Length ${#stream} >>
stream
$stream
endstream"; do
		n=$((n + 1))
		offsets="$offsets $(wc -c <"$file")"
		printf '%d 0 obj\n%s\nendobj\n' "$n" "$body" >>"$file"
	done
	xref=$(wc -c <"$file")
	{
		printf 'xref\n0 %d\n0000000000 65535 f \n' $((n + 1))
		for off in $offsets; do printf '%010d 00000 n \n' "$off"; done
		printf 'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' \
			$((n + 1)) "$xref"
	} >>"$file"
}

# The job id lp reports ("request id is juki-7 (1 file(s))").
job_id() { sed -n 's/^request id is .*-\([0-9][0-9]*\) .*/\1/p'; }
# listed WHICH QUEUE ID [USER]: lpstat -W WHICH lists job QUEUE-ID (of USER).
listed() {
	lpstat -W "$1" -o "$2" | grep -q "^$2-$3  *${4:-}"
}
jam_stopped() { lpstat -p jam | grep -q "^printer jam disabled"; }

# What the system's CUPS keeps: names, types, modes, owners, sizes, times.
system_files() {
	for d in /etc/cups /var/spool/cups /var/cache/cups; do
		[ ! -e "$d" ] || find "$d" -printf '%p %y %m %u:%g %s %T@\n'
	done | sort
}
# The system's schedulers running: /usr/sbin/cupsd itself (ours, and those
# of other tests running alongside, are copies).
system_cupsd() {
	for p in $(pgrep -x cupsd); do
		[ "$(readlink "/proc/$p/exe")" != /usr/sbin/cupsd ] || echo "$p"
	done
}
all_alive() { for p in "$@"; do kill -0 "$p" 2>/dev/null || return 1; done; }

system_files >"$work/system.before"
system_cupsd=$(system_cupsd)

make_pdf "$work/doc.pdf" "Juki test page"
chmod 644 "$work/doc.pdf"
check "the test's own PDF is a one-page PDF" \
	'pdfinfo "$work/doc.pdf" 2>/dev/null | grep -q "^Pages: *1$"'

cups_start || { echo "cupsd did not start"; exit 1; }
ours=$cups_pid
check "CUPS_SERVER is the private scheduler's socket" \
	'[ "$CUPS_SERVER" = "$work/cups/cups.sock" ] && [ -S "$CUPS_SERVER" ]'
check "the scheduler answers root" 'lpstat -r | grep -qx "scheduler is running"'
check "…and juki" '$as_juki lpstat -r | grep -qx "scheduler is running"'
check "the queues juki and jam are ready" \
	'lpstat -p juki | grep -q "^printer juki is idle" && lpstat -p jam | grep -q "^printer jam is idle" && lpstat -a juki,jam | grep -c "accepting requests" | grep -qx 2'
check "the scheduler runs as root, from a copy of cupsd" \
	'[ "$(ps -o user= -p "$ours")" = root ] && [ "$(readlink "/proc/$ours/exe")" = "$work/cups/sbin/cupsd" ]'

# --- root prints, juki prints -----------------------------------------------
root_id=$(lp -d juki "$work/doc.pdf" | job_id)
root_pdf=$(printed)
check "a job root sends to juki lands as out/JOBID.pdf" \
	'[ -n "$root_id" ] && [ "$root_pdf" = "$work/cups/out/$root_id.pdf" ]'
check "…byte for byte" 'cmp "$work/doc.pdf" "$root_pdf"'
check "…and the job completes" 'within 10 listed completed juki "$root_id" root'
pdftotext "$root_pdf" "$work/root.txt" 2>"$work/pdftotext.err"
check "pdftotext reads what the printer received" \
	'grep -qx "Juki test page" "$work/root.txt"'

juki_id=$($as_juki lp -d juki "$work/doc.pdf" | job_id)
juki_pdf=$(printed)
check "a job the user juki sends lands as out/JOBID.pdf" \
	'[ -n "$juki_id" ] && [ "$juki_pdf" = "$work/cups/out/$juki_id.pdf" ]'
check "…byte for byte" 'cmp "$work/doc.pdf" "$juki_pdf"'
check "…and the job completes, juki's" \
	'within 10 listed completed juki "$juki_id" juki'
check "juki sees its job" '$as_juki lpstat -W completed -o juki | grep -q "^juki-$juki_id "'
check "printed reports each document once" '! printed 1 2>/dev/null'

# --- a printer that stops, a printer that is not there ----------------------
jam_id=$(lp -d jam "$work/doc.pdf" | job_id)
check "a job to jam is accepted" '[ -n "$jam_id" ]'
check "…and the queue stops" 'within 10 jam_stopped'
check "…saying why" 'lpstat -p jam | grep -q "paper jam"'
check "…leaving the job unprinted, held by the stopped printer" \
	'listed not-completed jam "$jam_id" && lpstat -l -o jam | grep -q "Alerts: .*printer-stopped"'
check "…and nothing in out/" '[ ! -e "$work/cups/out/$jam_id.pdf" ] && ! printed 1 2>/dev/null'
check "the queue juki prints on" 'lpstat -p juki | grep -q "^printer juki is idle"'

lp -d nosuch "$work/doc.pdf" >"$work/nosuch.out" 2>&1
nosuch=$?
check "a job to a queue that does not exist is refused" \
	'[ "$nosuch" -ne 0 ] && grep -q "does not exist" "$work/nosuch.out"'
check "…as it is for juki" \
	'! $as_juki lp -d nosuch "$work/doc.pdf" >/dev/null 2>&1'

# --- stopping -----------------------------------------------------------------
cups_stop
check "cups_stop stops the scheduler cleanly" \
	'[ "$cups_status" -eq 0 ] && ! kill -0 "$ours" 2>/dev/null && grep -q "Scheduler shutting down normally" "$work/cups/log/error_log"'
check "…leaving no cupsd of ours and no backend running" \
	'! pgrep -f "$work/cups/" >/dev/null'
check "…and a second cups_stop is harmless" 'cups_stop'
check "a system cupsd, if one ran, runs on" 'all_alive $system_cupsd'
system_files >"$work/system.after"
check "nothing was written under /etc/cups, /var/spool/cups, /var/cache/cups" \
	'cmp -s "$work/system.before" "$work/system.after" || { diff "$work/system.before" "$work/system.after" | head; false; }'
finish
