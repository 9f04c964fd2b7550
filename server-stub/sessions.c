#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

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

/* Monotonic seconds: setting the wall clock neither ends nor extends a
 * session. */
static time_t
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

static int
hash_token(const char *token, unsigned char out[32])
{
	return EVP_Digest(token, strlen(token), out, NULL, EVP_sha256(),
	    NULL) == 1 ? 0 : -1;
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
	static const char hex[] = "0123456789abcdef";
	unsigned char raw[SESSION_TOKEN_LEN / 2];
	time_t now = now_seconds();
	struct session *s = free_slot(ss, now);

	if (s == NULL || RAND_bytes(raw, sizeof raw) != 1)
		return -1;
	for (size_t i = 0; i < sizeof raw; i++) {
		token[2 * i] = hex[raw[i] >> 4];
		token[2 * i + 1] = hex[raw[i] & 15];
	}
	token[SESSION_TOKEN_LEN] = '\0';
	OPENSSL_cleanse(raw, sizeof raw);
	if (hash_token(token, s->token_hash) != 0)
		return -1;
	memcpy(s->operator_id, op->id, sizeof s->operator_id);
	memcpy(s->operator_name, op->name, sizeof s->operator_name);
	s->roles = op->roles;
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

	if (strlen(token) != SESSION_TOKEN_LEN || hash_token(token, h) != 0)
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
	time_t now = now_seconds();

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
