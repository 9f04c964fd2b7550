/*
 * One-time challenges of operator authentication.  auth/begin issues one
 * for an operator to the terminal certificate that asked; the outcome the
 * terminal reports (login, unlock) counts only with it, from that
 * certificate, for that operator and method, once and within
 * PROTOCOL_CHALLENGE_SECONDS.  Kept in memory like sessions: a restart
 * voids every challenge.
 */
#ifndef JUKI_CHALLENGES_H
#define JUKI_CHALLENGES_H

#include <stddef.h>

#include "sessions.h"

#define CHALLENGE_LEN BEARER_HEX_LEN
#define CHALLENGE_METHOD_MAX 16

enum challenge_check {
	CHALLENGE_OK,
	CHALLENGE_NONE,			/* missing, unknown or used */
	CHALLENGE_EXPIRED,
	CHALLENGE_OTHER_TERMINAL,	/* issued to another certificate */
	CHALLENGE_OTHER_OPERATOR,	/* issued for another operator */
};

struct challenges;

struct challenges *challenges_new(int capacity, int lifetime_s);
void challenges_free(struct challenges *cs);

/*
 * Issues a challenge for operator_id and method to the certificate
 * cert_fp; the challenge (NUL-terminated hex) goes to out.  When all
 * slots are taken the oldest challenge gives way.  0 or -1.
 */
int challenges_issue(struct challenges *cs, const char *operator_id,
    const unsigned char *cert_fp, const char *method,
    char out[CHALLENGE_LEN + 1]);

/*
 * Takes challenge, presented by cert_fp for operator_id: whatever the
 * answer, it cannot be presented again.  On CHALLENGE_OK the method it
 * was issued for is copied to method.
 */
enum challenge_check challenges_take(struct challenges *cs,
    const char *challenge, const char *operator_id,
    const unsigned char *cert_fp, char method[CHALLENGE_METHOD_MAX]);

/* Why a challenge was refused, for the audit log. */
const char *challenge_check_name(enum challenge_check c);

#endif
