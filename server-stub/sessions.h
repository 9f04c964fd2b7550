/*
 * Operator sessions: short-lived bearer tokens bound to the terminal
 * certificate they were issued to.  Kept in memory only; a restart ends
 * every session, which is the safe way to fail.
 */
#ifndef JUKI_SESSIONS_H
#define JUKI_SESSIONS_H

#include <time.h>

#include "bearer.h"
#include "operators.h"

#define SESSION_TOKEN_LEN BEARER_HEX_LEN
#define CERT_FINGERPRINT_LEN 32	/* SHA-256 */

struct session {
	unsigned char token_hash[32];	/* SHA-256 of the token */
	char operator_id[OPERATOR_ID_MAX];
	char operator_name[OPERATOR_NAME_MAX];
	char terminal_id[64];
	unsigned char cert_fp[CERT_FINGERPRINT_LEN];
	time_t created;
	time_t last_used;
	int locked;	/* the operator stepped away: refused but for unlock
			   and logout */
	int in_use;
};

enum session_check {
	SESSION_OK,
	SESSION_NONE,		/* no such token */
	SESSION_EXPIRED,	/* past its lifetime or idle too long */
	SESSION_OTHER_TERMINAL,	/* presented by another certificate */
};

struct sessions;

struct sessions *sessions_new(int capacity, int lifetime_s, int idle_s);
void sessions_free(struct sessions *ss);

/* Opens a session; the token (NUL-terminated hex) goes to token.  0 or -1
 * (full). */
int sessions_open(struct sessions *ss, const struct operator *op,
    const char *terminal_id, const unsigned char *cert_fp,
    char token[SESSION_TOKEN_LEN + 1]);

/* Looks a token up for a request from this certificate; an expired
 * session is ended on the way.  Using a session keeps it alive, unless it
 * is locked: refused requests do not. */
enum session_check sessions_check(struct sessions *ss, const char *token,
    const unsigned char *cert_fp, const struct session **out);

/* Ends the session of token; 0, or -1 if there was none. */
int sessions_end(struct sessions *ss, const char *token);

/* Locks the session of token; 0, or -1 if there is none. */
int sessions_lock(struct sessions *ss, const char *token);

/* Unlocks it, its operator proven again, and counts it as used now;
 * *expires_in is what is left of its lifetime.  0, or -1 if none. */
int sessions_unlock(struct sessions *ss, const char *token,
    int *expires_in);

#endif
