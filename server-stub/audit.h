/*
 * The server's audit log: every request, accepted or refused, appended and
 * flushed to disk before the response is sent.
 *
 * One JSON object a line (JSON Lines), append-only, hash-chained: each entry
 * carries the SHA-256 of the entry before it ("prev") and its own ("hash"),
 * computed over the entry's canonical form (keys sorted, compact, "hash"
 * left out).  The first entry's "prev" is 64 zeros.  Entries written
 * before "document" or "items" was added lack it; they are read as having
 * "".  Resident data never goes into it beyond the 住民票コード
 * ("target").
 *
 * Without a key, whoever can rewrite the whole file can forge a chain, and
 * the last entry can be edited or dropped unseen: signed checkpoints of
 * the chain head (a later step) close that.
 */
#ifndef JUKI_AUDIT_H
#define JUKI_AUDIT_H

#include <stdint.h>
#include <stdio.h>

#define AUDIT_FIELD_MAX 64

struct audit_entry {
	int64_t seq;				/* set by audit_append: 1, 2, … */
	char time[32];				/* set by audit_append: UTC,
						   "2026-11-23T09:15:00.123Z" */
	char operator_id[AUDIT_FIELD_MAX];	/* "" before login */
	char terminal_id[AUDIT_FIELD_MAX];	/* from the client certificate */
	char action[AUDIT_FIELD_MAX];		/* "lookup.code", "login", … */
	char target[AUDIT_FIELD_MAX];		/* 住民票コード or "" */
	char jimu[AUDIT_FIELD_MAX];		/* 事務 code or "" */
	char result[16];			/* "ok", "refused", "error" */
	char reason[AUDIT_FIELD_MAX];		/* error code and why, or what
						   an answer rests on
						   ("match"), or "" */
	char document[AUDIT_FIELD_MAX];		/* the number of the paper
						   document a change rests on
						   (a roster document, a
						   form's serial, a request's
						   or correction's number),
						   or "" */
	char items[AUDIT_FIELD_MAX];		/* what a provision of a
						   resident's data gave out:
						   names of RESIDENT_ITEMS,
						   "code,name,…", or "" */
	/* The chain, in hex, as audit_append wrote it and audit_each read
	 * it back: the hash of the entry before, and this entry's own.
	 * Never input: audit_append computes both. */
	char prev[65];
	char hash[65];
};

struct audit;

/*
 * Opens (creating, mode 0600) the log at path for appending.  The last
 * entry's seq and hash are read back so the chain continues.  A final line
 * without its newline is a write torn by a crash: it was never
 * acknowledged, so it is cut off (and *torn set to 1 when torn is not
 * NULL).  Any other damage is refused: run audit_verify.  Returns 0, or -1
 * with *reason set (untranslated message id).
 */
int audit_open(const char *path, struct audit **out, int *torn,
    const char **reason);
void audit_close(struct audit *a);

/*
 * Appends e (seq and time are filled in), writes it with one write() on an
 * O_APPEND descriptor and fdatasync()s it.  Returns 0 only when the entry
 * is on disk; on -1 the caller must refuse the request.  Never retries
 * silently: a failed append leaves the chain as it was.
 */
int audit_append(struct audit *a, struct audit_entry *e);

enum audit_damage {
	AUDIT_INTACT = 0,
	AUDIT_MALFORMED,	/* a line that is not an entry */
	AUDIT_EDITED,		/* an entry whose hash does not match it */
	AUDIT_DELETED,		/* seq skips: entries missing before it */
	AUDIT_INSERTED,		/* an entry that does not belong in the chain:
				   a duplicate seq, a copy, a forgery */
	AUDIT_REORDERED,	/* seq jumps ahead and the skipped one
				   turns up later */
};

struct audit_verdict {
	int64_t entries;	/* entries read */
	enum audit_damage damage;
	int64_t line;		/* 1-based line of the first damage, or 0 */
	int64_t seq;		/* seq found on that line, or 0 */
	char head[65];		/* hash of the last entry when intact (64
				   zeros for an empty log) */
};

/* Reads the whole log and reports the first damage.  Returns 0 when the
 * file could be read (see v->damage), -1 on I/O error with errno set. */
int audit_verify(const char *path, struct audit_verdict *v);

/*
 * Calls each for every entry of the log at path, in the order of the
 * file, stopping when it returns non-zero.  Lines that are not intact
 * entries (malformed, or not matching their own hash) are passed over
 * and counted in *damaged: the caller decides whether a partial reading
 * will do.  The chain itself is not followed: audit_verify does that.
 * Returns 0 when the file was read to its end, what each returned when
 * it stopped, or -1 on I/O error or out of memory, with errno set.
 */
int audit_each(const char *path, int (*each)(const struct audit_entry *,
    void *), void *arg, int64_t *damaged);

/* Untranslated message id describing a damage kind. */
const char *audit_damage_name(enum audit_damage d);

#endif
