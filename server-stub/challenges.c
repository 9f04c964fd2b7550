#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>

#include "bearer.h"
#include "juki/monotonic.h"
#include "challenges.h"

struct challenge {
	unsigned char hash[32];		/* SHA-256 of the hex, not the hex */
	char operator_id[OPERATOR_ID_MAX];
	unsigned char cert_fp[CERT_FINGERPRINT_LEN];
	char method[CHALLENGE_METHOD_MAX];
	time_t issued;
	int in_use;
};

struct challenges {
	struct challenge *slots;
	int capacity;
	int lifetime_s;
};

struct challenges *
challenges_new(int capacity, int lifetime_s)
{
	struct challenges *cs = calloc(1, sizeof *cs);

	if (cs == NULL)
		return NULL;
	if ((cs->slots = calloc((size_t)capacity, sizeof *cs->slots)) ==
	    NULL) {
		free(cs);
		return NULL;
	}
	cs->capacity = capacity;
	cs->lifetime_s = lifetime_s;
	return cs;
}

void
challenges_free(struct challenges *cs)
{
	if (cs == NULL)
		return;
	OPENSSL_cleanse(cs->slots, (size_t)cs->capacity * sizeof *cs->slots);
	free(cs->slots);
	free(cs);
}



static void
drop(struct challenge *c)
{
	OPENSSL_cleanse(c, sizeof *c);
}

/*
 * A free slot, else an expired one, else the oldest: a terminal that
 * floods auth/begin (each one is in the audit log) pushes out challenges
 * nearest their end, and their operators begin again.
 */
static struct challenge *
slot_for(struct challenges *cs, time_t now)
{
	struct challenge *oldest = NULL;

	for (int i = 0; i < cs->capacity; i++) {
		struct challenge *c = &cs->slots[i];
		if (c->in_use && now - c->issued >= cs->lifetime_s)
			drop(c);
		if (!c->in_use)
			return c;
		if (oldest == NULL || c->issued < oldest->issued)
			oldest = c;
	}
	if (oldest != NULL)
		drop(oldest);
	return oldest;
}

int
challenges_issue(struct challenges *cs, const char *operator_id,
    const unsigned char *cert_fp, const char *method,
    char out[CHALLENGE_LEN + 1])
{
	time_t now = monotonic_seconds();
	struct challenge *c = slot_for(cs, now);

	if (c == NULL || bearer_make(out, c->hash) != 0)
		return -1;
	snprintf(c->operator_id, sizeof c->operator_id, "%s", operator_id);
	memcpy(c->cert_fp, cert_fp, CERT_FINGERPRINT_LEN);
	snprintf(c->method, sizeof c->method, "%s", method);
	c->issued = now;
	c->in_use = 1;
	return 0;
}

static struct challenge *
find(struct challenges *cs, const char *challenge)
{
	unsigned char h[32];

	if (bearer_hash(challenge, h) != 0)
		return NULL;
	for (int i = 0; i < cs->capacity; i++)
		if (cs->slots[i].in_use &&
		    CRYPTO_memcmp(cs->slots[i].hash, h, sizeof h) == 0)
			return &cs->slots[i];
	return NULL;
}

enum challenge_check
challenges_take(struct challenges *cs, const char *challenge,
    const char *operator_id, const unsigned char *cert_fp,
    char method[CHALLENGE_METHOD_MAX])
{
	struct challenge *c = find(cs, challenge);
	struct challenge taken;
	enum challenge_check rc = CHALLENGE_OK;

	if (c == NULL)
		return CHALLENGE_NONE;
	/* Used up before it is looked at: no second try with it. */
	taken = *c;
	drop(c);
	if (monotonic_seconds() - taken.issued >= cs->lifetime_s)
		rc = CHALLENGE_EXPIRED;
	else if (CRYPTO_memcmp(taken.cert_fp, cert_fp,
	    CERT_FINGERPRINT_LEN) != 0)
		rc = CHALLENGE_OTHER_TERMINAL;
	else if (strcmp(taken.operator_id, operator_id) != 0)
		rc = CHALLENGE_OTHER_OPERATOR;
	else
		memcpy(method, taken.method, CHALLENGE_METHOD_MAX);
	OPENSSL_cleanse(&taken, sizeof taken);
	return rc;
}

const char *
challenge_check_name(enum challenge_check c)
{
	switch (c) {
	case CHALLENGE_OK:
		return "challenge-ok";
	case CHALLENGE_NONE:
		return "challenge-unknown";
	case CHALLENGE_EXPIRED:
		return "challenge-expired";
	case CHALLENGE_OTHER_TERMINAL:
		return "challenge-other-terminal";
	case CHALLENGE_OTHER_OPERATOR:
		return "challenge-other-operator";
	}
	return "challenge";
}
