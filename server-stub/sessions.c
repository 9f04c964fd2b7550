#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "bearer.h"
#include "juki/monotonic.h"
#include "sessions.h"

struct sessions {
	struct session *slots;
	int capacity;
	int lifetime_s;
	int idle_s;
};

struct sessions *
sessions_new(int capacity, int lifetime_s, int idle_s)
{
	struct sessions *ss = calloc(1, sizeof *ss);

	if (ss == NULL)
		return NULL;
	if ((ss->slots = calloc((size_t)capacity, sizeof *ss->slots)) ==
	    NULL) {
		free(ss);
		return NULL;
	}
	ss->capacity = capacity;
	ss->lifetime_s = lifetime_s;
	ss->idle_s = idle_s;
	return ss;
}

void
sessions_free(struct sessions *ss)
{
	if (ss == NULL)
		return;
	OPENSSL_cleanse(ss->slots, (size_t)ss->capacity * sizeof *ss->slots);
	free(ss->slots);
	free(ss);
}



static int
expired(const struct sessions *ss, const struct session *s, time_t now)
{
	return now - s->created >= ss->lifetime_s ||
	    now - s->last_used >= ss->idle_s;
}

static void
end(struct session *s)
{
	OPENSSL_cleanse(s, sizeof *s);
}

static struct session *
free_slot(struct sessions *ss, time_t now)
{
	for (int i = 0; i < ss->capacity; i++) {
		struct session *s = &ss->slots[i];
		if (s->in_use && expired(ss, s, now))
			end(s);
		if (!s->in_use)
			return s;
	}
	return NULL;
}

int
sessions_open(struct sessions *ss, const struct operator *op,
    const char *terminal_id, const unsigned char *cert_fp,
    char token[SESSION_TOKEN_LEN + 1])
{
	time_t now = monotonic_seconds();
	struct session *s = free_slot(ss, now);

	if (s == NULL || bearer_make(token, s->token_hash) != 0)
		return -1;
	memcpy(s->operator_id, op->id, sizeof s->operator_id);
	memcpy(s->operator_name, op->name, sizeof s->operator_name);
	snprintf(s->terminal_id, sizeof s->terminal_id, "%s", terminal_id);
	memcpy(s->cert_fp, cert_fp, CERT_FINGERPRINT_LEN);
	s->created = s->last_used = now;
	s->in_use = 1;
	return 0;
}

static struct session *
find(struct sessions *ss, const char *token)
{
	unsigned char h[32];

	if (bearer_hash(token, h) != 0)
		return NULL;
	for (int i = 0; i < ss->capacity; i++)
		if (ss->slots[i].in_use &&
		    CRYPTO_memcmp(ss->slots[i].token_hash, h, sizeof h) == 0)
			return &ss->slots[i];
	return NULL;
}

enum session_check
sessions_check(struct sessions *ss, const char *token,
    const unsigned char *cert_fp, const struct session **out)
{
	struct session *s = find(ss, token);
	time_t now = monotonic_seconds();

	*out = NULL;
	if (s == NULL)
		return SESSION_NONE;
	if (expired(ss, s, now)) {
		end(s);
		return SESSION_EXPIRED;
	}
	/* A stolen token is useless without the terminal's private key. */
	if (CRYPTO_memcmp(s->cert_fp, cert_fp, CERT_FINGERPRINT_LEN) != 0)
		return SESSION_OTHER_TERMINAL;
	if (!s->locked)
		s->last_used = now;
	*out = s;
	return SESSION_OK;
}

int
sessions_end(struct sessions *ss, const char *token)
{
	struct session *s = find(ss, token);

	if (s == NULL)
		return -1;
	end(s);
	return 0;
}

int
sessions_lock(struct sessions *ss, const char *token)
{
	struct session *s = find(ss, token);

	if (s == NULL)
		return -1;
	s->locked = 1;
	return 0;
}

int
sessions_unlock(struct sessions *ss, const char *token, int *expires_in)
{
	struct session *s = find(ss, token);

	if (s == NULL)
		return -1;
	s->locked = 0;
	s->last_used = monotonic_seconds();
	*expires_in = (int)(ss->lifetime_s - (s->last_used - s->created));
	return 0;
}
