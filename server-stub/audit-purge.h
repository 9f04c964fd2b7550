/*
 * The retention purge of the audit log (retention.h decides when): a new
 * log of the entries still within their period put in place of the old
 * one, atomically, the chain unbroken.
 *
 * What goes is the run of entries at the head of the log whose times are
 * all before the cutoff: everything from the first entry at or after it
 * stays, even an older-looking entry written under a clock set back.
 * Nothing within its period is ever removed, and what is kept is one
 * chain, from a first entry whose prev is the hash of the last entry
 * removed (the anchor).
 *
 * The steps, and what a crash (kill -9, a power cut) between any two
 * leaves:
 * 1. audit_purge_copy: the kept lines, byte for byte, into a new file
 *    beside the log, fsynced, and opened (and locked) as a log that
 *    continues the chain.  A crash: the old log, and a leftover file that
 *    the next purge replaces.
 * 2. The caller seals the head with the new first entry and anchor
 *    (audit_seals_anchor).  A crash: the old log, which starts at seq 1
 *    and still reaches the sealed head: it verifies.
 * 3. The caller appends the purge's own audit entry to the new file.
 * 4. audit_purge_commit: rename over the log, fsync the folder.  From here
 *    the log is the new one, which starts at the sealed anchor: it
 *    verifies, its purge entry after the last seal.
 * 5. The caller audit_replace()s its log with the new one and seals the
 *    new head.
 * The log must have been verified first: a purge re-anchors whatever it
 * copies, and would launder a forged head.
 */
#ifndef JUKI_AUDIT_PURGE_H
#define JUKI_AUDIT_PURGE_H

#include <stdint.h>

#include "audit.h"

/* What a purge removes and leaves. */
struct audit_purge {
	int64_t removed;		/* entries removed; 0: nothing */
	int64_t from_seq, to_seq;	/* the first's and last's seq */
	char from_time[32];		/* and their times */
	char to_time[32];
	int64_t first;			/* the first entry kept, or the next
					   to be written when none is */
	char anchor[65];		/* the hash it chains from */
	int64_t head;			/* the log's last entry */
	char head_hash[65];
};

/*
 * Reads the log at path and, when its head has entries before cutoff (a
 * time as entries carry it), copies the rest into tmp (a new file, mode
 * 0600, beside the log; one left by an earlier crash is replaced) and
 * opens it into *out as a log continuing the chain (audit_open_after).
 * *p says what would go; with nothing to remove, *out is NULL and tmp is
 * gone.  0, or -1 with *reason set (and tmp removed).
 */
int audit_purge_copy(const char *path, const char *tmp, const char *cutoff,
    struct audit_purge *p, struct audit **out, const char **reason);

/*
 * Renames tmp over path and syncs their folder: 0, -1 with errno when tmp
 * was not renamed, -2 with errno when it was but the folder's sync
 * failed (path is the new log, which a crash may yet undo).
 */
int audit_purge_commit(const char *tmp, const char *path);

#endif
