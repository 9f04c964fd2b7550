/*
 * The terminal's only way to the server: HTTPS with libcurl, TLS 1.3, this
 * terminal's certificate, the configured CA and optionally the server's
 * pinned key.  Every call ends in one of a few outcomes the screens can
 * explain; nothing half-received is ever handed on.
 */
#ifndef JUKI_NET_H
#define JUKI_NET_H

#include <stdint.h>

#include <jansson.h>

#include "juki/json-wipe.h"

#include "term-config.h"

enum net_status {
	NET_OK,		/* 200 with a JSON object */
	NET_REFUSED,	/* the server answered with an error code */
	NET_DOWN,	/* no connection */
	NET_TIMEOUT,	/* no answer in time */
	NET_TLS,	/* the server's certificate or ours was refused */
	NET_GARBAGE,	/* an answer that is not what the protocol says */
	NET_CANCELLED,	/* the operator gave up waiting */
};

struct net_reply {
	enum net_status status;
	long http;		/* HTTP status, 0 if none */
	json_t *body;		/* the object, for NET_OK and NET_REFUSED */
	char error[32];		/* "E_NOT_FOUND" for NET_REFUSED */
	char detail[64];	/* the error's detail (a field name), sanitised */
	int64_t audit_ref;	/* the server's audit entry, 0 if none */
};

struct net;

struct net *net_new(const struct term_config *cfg);
void net_free(struct net *n);

/*
 * Called often while a call waits (at least once a second); a non-zero
 * return cancels the call.  The terminal uses it to let Esc end a wait.
 */
void net_set_poll(struct net *n, int (*poll)(void *arg), void *arg);

/* The session token sent with every call; NULL ends it (wiped). */
void net_set_token(struct net *n, const char *token);

/*
 * GET path (request NULL) or POST request to it.  Fills out; the caller
 * releases it with net_reply_clear, which wipes what the server sent.
 */
void net_call(struct net *n, const char *path, json_t *request,
    struct net_reply *out);
void net_reply_clear(struct net_reply *r);

/* The string at key of an object, or "" (never NULL). */
const char *json_text(const json_t *object, const char *key);
/* The integer at key of an object, or 0. */
json_int_t json_number(const json_t *object, const char *key);


#endif
