/*
 * The 都道府県サーバ: what a request handler sees.
 */
#ifndef JUKI_SERVER_H
#define JUKI_SERVER_H

#include <event2/event.h>
#include <event2/http.h>
#include <jansson.h>
#include <openssl/ssl.h>

#include "audit.h"
#include "challenges.h"
#include "juki/protocol.h"
#include "juki/store.h"
#include "operators.h"
#include "print-seal.h"
#include "server-config.h"
#include "sessions.h"
#include "tls.h"

struct server {
	struct server_config cfg;
	struct store *store;
	struct operators *operators;
	struct audit *audit;
	struct sessions *sessions;
	struct challenges *challenges;
	struct print_key *print_key;
	SSL_CTX *tls;
	struct event_base *base;
	struct evhttp *http;
	struct evhttp_bound_socket *listener;
	struct event *stop_events[2];
};

struct request {
	struct server *srv;
	struct evhttp_request *http;
	struct peer peer;
	const struct session *session;	/* for routes that need one */
	const char *token;		/* the bearer token presented */
	const struct jimu *jimu;	/* for routes that need one */
	json_t *body;			/* the parsed request, an object */
	struct audit_entry audit;	/* written by the reply */
	const char *audit_note;		/* for the log, not the client: after
					   the code of a refusal, the reason
					   of an answer */
};

enum field_type {
	FIELD_STRING,
	FIELD_INTEGER,
	FIELD_OBJECT,
};

struct field {
	const char *name;
	enum field_type type;
	int required;
};

enum route_flags {
	ROUTE_CS = 1 << 0,	/* only a 市町村CS certificate may call */
	ROUTE_JIMU = 1 << 1,	/* the body names a 事務 */
	ROUTE_WHILE_LOCKED = 1 << 2,	/* a locked session may call */
};

struct route {
	const char *path;
	enum evhttp_cmd_type method;
	const char *action;		/* audit action */
	unsigned roles;			/* roles allowed; 0: no session */
	unsigned flags;
	const struct field *fields;	/* ended by a NULL name; NULL: none */
	void (*handle)(struct request *rq);
};

extern const struct route routes[];
extern const size_t routes_count;

/* Starts serving; returns when stopped by SIGTERM or SIGINT. */
int server_run(struct server *srv, char *err, size_t errsz);

/*
 * Replies.  Each first writes the request's audit entry; if that fails the
 * client gets E_AUDIT instead.  reply_ok takes ownership of body, adds
 * "audit_ref", and returns -1 when it had to send E_AUDIT: the handler
 * must then undo what it did.
 */
int reply_ok(struct request *rq, json_t *body);
void reply_error(struct request *rq, enum protocol_error e,
    const char *detail);

/*
 * The two halves of reply_ok, for a handler that must commit between
 * them: the audit entry (0 or -1), then the answer.
 */
int audit_request(struct request *rq);
void send_ok(struct request *rq, json_t *body);

/* A string field of the body, or "" when absent. */
const char *body_string(const struct request *rq, const char *name);

/* The body's "operator_id", or NULL after refusing it (E_BAD_VALUE). */
const char *body_operator_id(struct request *rq);

/*
 * Writes an audit entry of this request for another target (each resident
 * a search shows is a provision of their data).  0, or -1: the caller must
 * then refuse with E_AUDIT.
 */
int audit_target(struct request *rq, const char *action, const char *target);

/* Handlers, one per request. */
void handle_auth_begin(struct request *rq);
void handle_login(struct request *rq);
void handle_logout(struct request *rq);
void handle_lock(struct request *rq);
void handle_unlock(struct request *rq);
void handle_operator_unlock(struct request *rq);
void handle_jimu(struct request *rq);
void handle_lookup_code(struct request *rq);
void handle_lookup_kojin(struct request *rq);
void handle_lookup_4joho(struct request *rq);
void handle_resident(struct request *rq);
void handle_cs_update(struct request *rq);

#endif
