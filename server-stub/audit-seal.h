/*
 * Seals: signed checkpoints of the audit log (audit.h), so that cutting
 * the log short or rewriting it wholesale is found by verification, not
 * only an edit in its middle.
 *
 * A seal is one JSON line in a file of its own beside the log (setting
 * audit_seals, by default the log's name and ".seals"), appended with one
 * write() and fdatasync()ed, like the log's entries.  It names the head of
 * the chain (seq and hash of the last entry; 0 and 64 zeros for an empty
 * log), the time, where the log begins (first: 1, or the first entry a
 * purge kept; anchor: the prev that entry chains from, 64 zeros at 1),
 * the interval the server promises to seal at, and the key (its id), and
 * carries an Ed25519 signature (seal-key.h) over the canonical message
 *
 *	juki-audit-seal/1\n
 *	key=<id>\n seq=<n>\n hash=<hex>\n time=<time>\n
 *	first=<n>\n anchor=<hex>\n interval=<n>\n
 *
 * (one line each, without the spaces shown here).  Its first line keeps
 * the signature of a seal from passing for one of anything else the key
 * might sign, and it names every field, so none can be swapped for
 * another.
 *
 * The server seals when it starts, every seal_interval seconds when the
 * head has moved, when a purge re-anchors the log, and when it stops
 * cleanly; the commands that append (replay-updates, purge-audit) seal
 * when they open and close.  Before its first seal it checks the last
 * seal in the file against the log: a log cut below it or rewritten under
 * it is refused, never sealed afresh.  A log with entries and no seal at
 * all (one from before seals) is sealed only by `seal-audit`, by hand,
 * after its chain was verified.
 *
 * A seal is not also an entry of the chain.  It would move the head it
 * seals, so the server would always have something new to seal; and
 * whoever can cut the log and the seals file back to an earlier seal can
 * cut such entries with them.  What one would add, that the loss of seals
 * alone is noticed, the checks below already give: a log without seals is
 * AUDIT_UNSEALED, and entries left unsealed too long make it stale.
 *
 * audit_verify_sealed checks, and reports the first damage in this order:
 * - each seal: well formed, the key's id, its signature valid for the
 *   key, and seq and first never going back (AUDIT_SEAL_INVALID, at its
 *   line in the seals file);
 * - the chain (audit_verify_from), which may start at seq 1 or where any
 *   seal says a purge left it (first, anchor): a log cut at its head
 *   anywhere else is AUDIT_DELETED at line 1;
 * - every sealed seq the log still holds has the sealed hash, and a seal
 *   just before the first entry has that entry's prev
 *   (AUDIT_SEAL_MISMATCH: a whole chain rewritten and rehashed fails here);
 * - the log reaches the last seal's seq (AUDIT_TRUNCATED);
 * - a log with entries has a seal (AUDIT_UNSEALED).
 *
 * What remains, plainly:
 * - Entries after the last seal can be cut or rewritten unseen: up to
 *   seal_interval seconds of them while the server runs, and those before
 *   a crash until the next start seals them.  The verdict counts them
 *   (unsealed), gives the age of the last seal (seal_age), and sets stale
 *   when the last seal is more than twice its interval older than the last
 *   entry or than now while entries follow it: they should have been
 *   sealed.  Stale is a warning, not proof; a server that crashed and was
 *   not restarted leaves a stale log too.
 * - The seals file is as writable as the log for whoever controls the
 *   server's account.  Both cut back, consistently, to an earlier seal
 *   leave a log that verifies and ends early: only the age of its last
 *   seal betrays it.  Copy the seals file (small) off the machine, or
 *   record the last seal elsewhere, to close that.
 * - Whoever reads the private key can sign any log: the server's account
 *   alone may read it, and verification needs only the public key, which
 *   should be kept elsewhere too.
 * - One key a log: a seal of another key is invalid (no rotation yet).
 */
#ifndef JUKI_AUDIT_SEAL_H
#define JUKI_AUDIT_SEAL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "audit.h"
#include "seal-key.h"

#define AUDIT_SEAL_DOMAIN	"juki-audit-seal/1"
#define AUDIT_SEAL_MESSAGE_MAX	512
/* The seals' interval: from 1 second to a day. */
#define AUDIT_SEAL_INTERVAL_MIN	1
#define AUDIT_SEAL_INTERVAL_MAX	86400

struct audit_seal {
	int64_t seq;			/* the head sealed, 0 for an empty log */
	char hash[65];			/* its hash, hex */
	char time[32];			/* when, as entries write it */
	int64_t first;			/* the first entry the log keeps */
	char anchor[65];		/* the prev it chains from, hex */
	int interval;			/* seconds between seals, promised */
	char key[SEAL_KEY_ID_LEN + 1];	/* the id of the key that signed */
	unsigned char sig[SEAL_SIG_LEN];
};

/* The canonical message of seal into buf: its length, or -1 when it does
 * not fit. */
int audit_seal_message(const struct audit_seal *seal, char *buf,
    size_t bufsz);

/*
 * Reads a line of the seals file (without its newline) into seal: 0, or
 * -1 when it is not a well-formed seal.  Nothing is checked against a
 * key: see audit_seal_valid.
 */
int audit_seal_parse(const char *line, size_t len, struct audit_seal *seal);

/* 1 when seal names k and its signature is k's, else 0. */
int audit_seal_valid(const struct audit_seal *seal, const struct seal_key *k);

struct audit_seals;

/*
 * Opens (creating, mode 0600) the seals file at path of the log a, which
 * the caller has open (and so locked), to seal it with k (a private key)
 * every interval seconds.  A last line torn by a crash is cut (*torn set
 * when torn is not NULL).  The last seal must be valid for k and fit the
 * log: the log reaches its seq, with its hash.  A log with entries and no
 * seal is refused unless adopt is set (seal-audit), and then it must start
 * at seq 1.  0, or -1 with *reason set (untranslated message id).
 */
int audit_seals_open(const char *path, const struct seal_key *k,
    int interval, const struct audit *a, int adopt,
    struct audit_seals **out, int *torn, const char **reason);

/*
 * Seals a's head: always when force is set, otherwise only when the head
 * moved since the last seal.  0, or -1 when no seal could be written (the
 * file is as it was).
 */
int audit_seals_write(struct audit_seals *s, const struct audit *a,
    int force);

/*
 * Seals a's head as a purge will leave the log: beginning at entry first,
 * chained from anchor (hex).  Written before the purged log is renamed
 * into place: the old log, which still reaches the head, verifies with it
 * as well as the new one.  0 or -1.
 */
int audit_seals_anchor(struct audit_seals *s, const struct audit *a,
    int64_t first, const char *anchor);

/* The last seal written or read, NULL when there is none. */
const struct audit_seal *audit_seals_last(const struct audit_seals *s);

void audit_seals_close(struct audit_seals *s);

struct audit_seal_check {
	const char *seals;		/* the seals file */
	const struct seal_key *key;	/* the key, the public half will do */
	time_t now;			/* for the age of the last seal */
};

/*
 * Verifies the log at path with its seals (see the top of this file) into
 * v.  A missing seals file counts as one without seals.  Returns 0 when
 * both files could be read (see v->damage and v->stale), -1 on I/O error
 * or out of memory, with errno set.
 */
int audit_verify_sealed(const char *path, const struct audit_seal_check *c,
    struct audit_verdict *v);

#endif
