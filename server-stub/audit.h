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
 * the last entry can be edited or dropped unseen: the signed checkpoints
 * of the chain head in audit-seal.h close that, up to their last seal.
 * A retention purge (audit-purge.h) leaves a log that begins later than
 * seq 1, at a point a seal vouches for.
 */
#ifndef JUKI_AUDIT_H
#define JUKI_AUDIT_H

#include <stdint.h>
#include <stdio.h>
#include <time.h>

#define AUDIT_FIELD_MAX 64

/* A hash as the log spells it: SHA-256 in lowercase hex.  The first
 * entry's "prev", and the head of an empty log, is AUDIT_ZERO_HASH. */
#define AUDIT_HEX_LEN	64
#define AUDIT_ZERO_HASH \
	"0000000000000000000000000000000000000000000000000000000000000000"

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
 * Opens (creating, mode 0600) the log at path for appending, and locks it
 * (flock) for as long as it stays open: one writer a log.  The last
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
 * For a purge: opens path, a new log holding a tail of another, as a log
 * whose chain continues after seq with hash prev (hex): its last entry
 * must be that one, or it must be empty, and then its first entry will
 * follow it.  0, or -1 with *reason set.
 */
int audit_open_after(const char *path, int64_t seq, const char *prev,
    struct audit **out, const char **reason);

/*
 * a takes the place of what b has open (b is freed): after a purge has
 * renamed b's file over a's, so that whoever holds a (the server, the TLS
 * layer) goes on appending to the new file, under its lock.
 */
void audit_replace(struct audit *a, struct audit *b);

/* The last entry's seq (0 for an empty log) and hash (hex, 64 zeros). */
void audit_head(const struct audit *a, int64_t *seq, char hash[65]);

/*
 * Reads back from the end of a's log the hash (hex) of the entry seq:
 * 0, 1 when the log has no such entry, -1 on error (a line that is not
 * an entry: EINVAL).  Meant for entries near the end.
 */
int audit_hash_at(const struct audit *a, int64_t seq, char hash[65]);

/*
 * The first entry of a's log: its seq, prev (hex) and time.  0, 1 when
 * the log is empty, -1 on error (EINVAL: not an entry).
 */
int audit_first(const struct audit *a, int64_t *seq, char prev[65],
    char time[32]);

/*
 * Appends e (seq and time are filled in), writes it with one write() on an
 * O_APPEND descriptor and fdatasync()s it.  Returns 0 only when the entry
 * is on disk; on -1 the caller must refuse the request.  Never retries
 * silently: a failed append leaves the chain as it was.  A short write or
 * one interrupted by a signal is resumed (fd_write_all); any error (a full
 * disk, the file size limit, a failed fdatasync, after which what the
 * kernel kept of the file is unknown) takes back what reached the file,
 * and if even that fails the log takes nothing more until reopened.  A
 * crash between write() and fdatasync() leaves at most this one entry,
 * never acknowledged, whole or torn (audit_open cuts a torn one).
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
	/* Found only against the seals (audit-seal.h): */
	AUDIT_SEAL_INVALID,	/* a line of the seals file that is not a
				   seal this key signed, or out of order */
	AUDIT_SEAL_MISMATCH,	/* the log holds a sealed seq with another
				   hash: rewritten after it was sealed */
	AUDIT_TRUNCATED,	/* the log ends before a sealed seq */
	AUDIT_UNSEALED,		/* entries but no seal at all: the seals
				   file is gone or was emptied */
};

struct audit_verdict {
	int64_t entries;	/* entries read */
	enum audit_damage damage;
	int64_t line;		/* 1-based line of the first damage, or 0 */
	int64_t seq;		/* seq found on that line, or 0; the sealed
				   seq for the seals' damage */
	char head[65];		/* hash of the last entry when intact (64
				   zeros for an empty log) */
	int64_t first;		/* seq of the first entry (0 when empty):
				   1, or later after a purge */
	char first_time[32];	/* its time, "" when empty */
	char last_time[32];	/* the last entry's time, "" when empty */
	/* Set by audit_verify_sealed only (audit-seal.h): */
	int64_t seal_line;	/* 1-based line of the seals file that the
				   damage is about, or 0 */
	int64_t seals;		/* seals read */
	int64_t sealed_seq;	/* the last seal's seq, -1 without seals */
	char sealed_time[32];	/* its time, "" without seals */
	int64_t unsealed;	/* entries after the last seal */
	int64_t seal_age;	/* seconds from the last seal to now */
	int stale;		/* unsealed entries older than the server
				   should have left them (audit-seal.h) */
};

/* Reads the whole log and reports the first damage; the chain must start
 * at seq 1.  Returns 0 when the file could be read (see v->damage), -1 on
 * I/O error with errno set. */
int audit_verify(const char *path, struct audit_verdict *v);

/* Where a chain may start besides seq 1 after 64 zeros: after a purge,
 * at seq, chained from prev (hex), as a seal says. */
struct audit_start {
	int64_t seq;
	char prev[65];
};

/*
 * Called for every entry of a chain found intact, in order: its line,
 * seq, prev and hash (hex).  Returns AUDIT_INTACT to go on, or the damage
 * to report at that line.
 */
typedef enum audit_damage (*audit_link_cb)(int64_t line, int64_t seq,
    const char *prev, const char *hash, void *arg);

/*
 * audit_verify, for a chain that may also start at one of starts[]
 * (nstarts of them), with each called for every entry when the chain is
 * intact (each may be NULL).  audit_verify is this with neither.
 */
int audit_verify_from(const char *path, const struct audit_start *starts,
    size_t nstarts, audit_link_cb each, void *arg, struct audit_verdict *v);

/*
 * Parses one line of a log (without its newline) into e, prev and hash
 * (hex): 0 for an entry whose hash is its own, 1 for anything else, -1
 * when out of memory.  For a purge, which copies lines as they are.
 */
int audit_line_parse(const char *line, size_t len, struct audit_entry *e,
    char prev[65], char hash[65]);

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

/* The time now as entries and seals carry it ("2026-11-23T09:15:00.123Z",
 * UTC): 0 or -1. */
int audit_time_now(char out[32]);

/* Such a time as seconds since the epoch: 0, or -1 when s is not one. */
int audit_time_parse(const char *s, time_t *out);

/* Untranslated message id describing a damage kind. */
const char *audit_damage_name(enum audit_damage d);

#endif
