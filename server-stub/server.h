/*
 * The 都道府県サーバ: what a request handler sees.
 */
#ifndef JUKI_SERVER_H
#define JUKI_SERVER_H

#include <event2/event.h>
#include <event2/http.h>
#include <jansson.h>
#include <openssl/ssl.h>

#include "alert-rules.h"
#include "alerts.h"
#include "audit.h"
#include "audit-seal.h"
#include "challenges.h"
#include "juki/protocol.h"
#include "juki/store.h"
#include "applications.h"
#include "disclosures.h"
#include "exercises.h"
#include "ledger.h"
#include "operators.h"
#include "print-seal.h"
#include "roster.h"
#include "server-config.h"
#include "sessions.h"
#include "tls.h"

struct server {
	struct server_config cfg;
	struct store *store;
	struct operators *operators;
	struct ledger *ledger;		/* 帳票管理簿 */
	struct disclosures *disclosures;	/* 開示請求 */
	struct audit *audit;
	struct seal_key *seal_key;	/* signs the audit log's seals */
	struct audit_seals *seals;
	struct sessions *sessions;
	struct challenges *challenges;
	struct print_key *print_key;
	struct exercises *exercises;	/* demo only; NULL: none */
	struct alerts *alerts;		/* 警告 */
	struct alert_rules *alert_rules;	/* what they count */
	SSL_CTX *tls;
	struct event_base *base;
	struct evhttp *http;
	struct evhttp_bound_socket *listener;
	struct event *stop_events[2];
	struct event *seal_timer;	/* jobs.c */
	struct event *purge_timer;
};

struct request {
	struct server *srv;
	struct evhttp_request *http;
	struct peer peer;
	const struct session *session;	/* for routes that need one */
	const char *token;		/* the bearer token presented */
	const struct jimu *jimu;	/* for routes that need one */
	unsigned roles;			/* the operator's, as they are now */
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
	FIELD_ARRAY,
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

/* Whether the audit log is written with action (a route's, or one
 * written beside it): 1 or 0. */
int audit_action_known(const char *action);

/*
 * The alerts' hook (alert-watch.c): entry e, just appended for a request,
 * through the rules; each alert raised is kept and audited.
 */
void alert_watch(struct server *srv, const struct audit_entry *e);

/* Starts serving; returns when stopped by SIGTERM or SIGINT. */
int server_run(struct server *srv, char *err, size_t errsz);

/*
 * The timed jobs on srv->base (jobs.c): the retention purge, run once
 * now, then daily; a seal every seal_interval seconds when the log's head
 * moved.  jobs_start: 0, or -1 with a message in err.
 */
int jobs_start(struct server *srv, char *err, size_t errsz);
void jobs_stop(struct server *srv);
/* Seals the log's head (always when force is set, else when it moved),
 * saying so on stderr when it cannot: 0 or -1. */
int server_seal(struct server *srv, int force);

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
 * The roster's fields of the body, each checked (h-fields.c): 0, or -1
 * after refusing it, E_BAD_VALUE with the field's name unless said.
 *
 * body_text: text a person typed (OPERATOR_NAME_MAX), trimmed, "" when
 *   absent, which a required one must not be.
 * body_number: an application number, trimmed (OPERATOR_NUMBER_MAX).
 * body_document: the paper's number (OPERATOR_NUMBER_MAX), also into the
 *   audit entry; "" when absent, which is E_NO_DOCUMENT when required.
 * body_roles: "roles", a set of role names, none twice, not empty.
 * body_validity: "valid_from" and "valid_until" (each "" for none), real
 *   dates, the end neither before the start nor before today.
 */
int body_text(struct request *rq, const char *name, int required,
    char *out);
int body_number(struct request *rq, const char *name, char *out);
int body_document(struct request *rq, int required, char *out);
int body_roles(struct request *rq, unsigned *out);
int body_validity(struct request *rq, char *from, char *until);

/*
 * The disclosure request the body's "request_no" names, into *out: 0, or
 * -1 after refusing it (E_BAD_VALUE, E_NO_REQUEST).  The number becomes
 * the audit entry's document, the resident's 住民票コード its target.
 */
int disclosure_of(struct request *rq, struct disclosure_request *out);

/* body, an answer a letter is printed from, with who issues the letters
 * ("authority") and who runs the server ("organisation"). */
json_t *letter_answer(const struct request *rq, json_t *body);

/* The refusal of a proof or of a session for r, in op's words (a
 * fingerprint operator hears of fingers). */
enum protocol_error login_refusal(enum login_result r,
    const struct operator *op);

/*
 * A change of one SQLite file, db (its name what, "operators",
 * "ledger" or "disclosures", the detail of an internal error), and its
 * audit entry (h-change.c): change_begin (0, or -1 after refusing), the
 * change, then change_refuse with its refusal, or change_finish: the
 * audit entry first (its note whatever rq->audit_note is), then the
 * commit, then body as the answer (released, wiped, when it is not
 * sent).  Whatever fails, nothing is half saved.
 */
int change_begin(struct request *rq, sqlite3 *db, const char *what);
void change_refuse(struct request *rq, sqlite3 *db, const char *what,
    enum protocol_error why, const char *detail);
void change_finish(struct request *rq, sqlite3 *db, const char *what,
    json_t *body);

/*
 * A change of the roster (h-operators.c): begin_change (0, or -1 after
 * refusing), the change (roster.h, applications.h), then refuse_change
 * with its refusal, or finish_change: the audit entry ("before->after"
 * of c) first, then the commit, then body as the answer.  Whatever
 * fails, nothing is half saved.
 */
int begin_change(struct request *rq);
void refuse_change(struct request *rq, enum protocol_error why,
    const char *detail, const struct roster_change *c);
void finish_change(struct request *rq, const struct roster_change *c,
    json_t *body);

/*
 * Writes an audit entry of this request for another target (each resident
 * a search shows is a provision of their data, items what it gave out).
 * 0, or -1: the caller must then refuse with E_AUDIT.
 */
int audit_target(struct request *rq, const char *action, const char *target,
    const char *items);

/* Whether the subject of form (a disclosure request, a correction) is
 * ready to be printed (h-subjects.c): 0, or -1 after refusing. */
int print_subject_ready(struct request *rq, const char *form,
    const char *subject);

/* The body's "juminhyo_code": eleven digits (then the audit entry's
 * target) with their check digit; NULL after refusing it (h-lookup.c).
 * juminhyo_code_in: the same of the field name. */
const char *juminhyo_code(struct request *rq);
const char *juminhyo_code_in(struct request *rq, const char *name);

/* Handlers, one per request. */
void handle_auth_begin(struct request *rq);
void handle_login(struct request *rq);
void handle_logout(struct request *rq);
void handle_lock(struct request *rq);
void handle_unlock(struct request *rq);
void handle_operator_list(struct request *rq);
void handle_operator_show(struct request *rq);
void handle_operator_issue(struct request *rq);
void handle_operator_enrol(struct request *rq);
void handle_operator_pin(struct request *rq);
void handle_operator_unlock(struct request *rq);
void handle_operator_suspend(struct request *rq);
void handle_operator_resume(struct request *rq);
void handle_operator_roles(struct request *rq);
void handle_operator_validity(struct request *rq);
void handle_operator_revoke(struct request *rq);
void handle_application_list(struct request *rq);
void handle_application_register(struct request *rq);
void handle_application_approve(struct request *rq);
void handle_print_begin(struct request *rq);
void handle_print_finish(struct request *rq);
void handle_print_step(struct request *rq);
void handle_print_reprint(struct request *rq);
void handle_print_approve(struct request *rq);
void handle_print_list(struct request *rq);
void handle_print_show(struct request *rq);
void handle_disclosure_receive(struct request *rq);
void handle_disclosure_list(struct request *rq);
void handle_disclosure_show(struct request *rq);
void handle_disclosure_decide(struct request *rq);
void handle_disclosure_notify(struct request *rq);
void handle_disclosure_provisions(struct request *rq);
void handle_correction_register(struct request *rq);
void handle_correction_list(struct request *rq);
void handle_jimu(struct request *rq);
void handle_lookup_code(struct request *rq);
void handle_lookup_kojin(struct request *rq);
void handle_lookup_4joho(struct request *rq);
void handle_resident(struct request *rq);
void handle_cs_update(struct request *rq);
void handle_training_exercises(struct request *rq);
void handle_alert_count(struct request *rq);
void handle_alert_list(struct request *rq);
void handle_alert_ack(struct request *rq);
void handle_audit_search(struct request *rq);
void handle_audit_verify(struct request *rq);
void handle_audit_export(struct request *rq);
void handle_audit_stats(struct request *rq);

#endif
