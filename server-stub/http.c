/*
 * HTTPS on libevent: TLS on each connection, then one route a request,
 * checked in a fixed order (version, route, method, certificate kind,
 * session, its lock and role, body, 事務) before its handler runs.
 */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/bufferevent_ssl.h>
#include <event2/keyvalq_struct.h>

#include "juki/i18n.h"
#include "juki/json-wipe.h"
#include "juki/utf8.h"
#include "server.h"

/* libevent's own hard limit on a body, far above ours: between the two we
 * answer E_TOO_LARGE ourselves, with an audit entry; past it libevent
 * closes the connection unheard. */
#define HARD_BODY_LIMIT (1024 * 1024)

/* Audit fields may hold what a client sent: never raw. */
static void
set_field(char *dst, size_t dstsz, const char *src)
{
	utf8_sanitize(dst, dstsz, src != NULL ? src : "");
}

/* Appends e to the audit log, then shows it to the alerts' rules: the
 * one way a request's entries are written. */
static int
append(struct request *rq, struct audit_entry *e)
{
	if (audit_append(rq->srv->audit, e) != 0)
		return -1;
	alert_watch(rq->srv, e);
	return 0;
}

static void
send_json(struct request *rq, int status, json_t *body)
{
	struct evbuffer *out = evbuffer_new();
	char *text = json_dumps(body, JSON_COMPACT);

	evhttp_add_header(evhttp_request_get_output_headers(rq->http),
	    "Content-Type", "application/json; charset=utf-8");
	evhttp_add_header(evhttp_request_get_output_headers(rq->http),
	    "Cache-Control", "no-store");
	if (out != NULL && text != NULL)
		evbuffer_add(out, text, strlen(text));
	evhttp_send_reply(rq->http, status, NULL, out);
	if (text != NULL) {
		/* Responses may hold resident data, a print, a new PIN. */
		explicit_bzero(text, strlen(text));
		free(text);
	}
	if (out != NULL)
		evbuffer_free(out);
	json_wipe(body);
}

static json_t *
error_body(enum protocol_error e, const char *detail, int64_t ref)
{
	json_t *err = json_pack("{s:s, s:s}", "code", protocol_error_code(e),
	    "message", protocol_error_message(e));

	if (detail != NULL && *detail != '\0')
		json_object_set_new(err, "detail", json_string(detail));
	return json_pack("{s:o, s:I}", "error", err, "audit_ref",
	    (json_int_t)ref);
}

void
reply_error(struct request *rq, enum protocol_error e, const char *raw)
{
	int status = protocol_error_status(e);
	char detail[AUDIT_FIELD_MAX], reason[3 * AUDIT_FIELD_MAX];

	/* The detail may be a field name the client made up. */
	utf8_sanitize(detail, sizeof detail, raw != NULL ? raw : "");
	set_field(rq->audit.result, sizeof rq->audit.result,
	    status >= 500 ? "error" : "refused");
	snprintf(reason, sizeof reason, "%s%s%s%s%s", protocol_error_code(e),
	    *detail ? ":" : "", detail, rq->audit_note != NULL ? ":" : "",
	    rq->audit_note != NULL ? rq->audit_note : "");
	set_field(rq->audit.reason, sizeof rq->audit.reason, reason);
	if (append(rq, &rq->audit) != 0) {
		e = E_AUDIT;
		status = protocol_error_status(e);
		rq->audit.seq = 0;
	}
	send_json(rq, status, error_body(e, detail, rq->audit.seq));
}

int
audit_request(struct request *rq)
{
	set_field(rq->audit.result, sizeof rq->audit.result, "ok");
	if (rq->audit_note != NULL)
		set_field(rq->audit.reason, sizeof rq->audit.reason,
		    rq->audit_note);
	return append(rq, &rq->audit);
}

void
send_ok(struct request *rq, json_t *body)
{
	json_object_set_new(body, "audit_ref", json_integer(rq->audit.seq));
	send_json(rq, HTTP_OK, body);
}

int
reply_ok(struct request *rq, json_t *body)
{
	if (audit_request(rq) != 0) {
		json_wipe(body);
		reply_error(rq, E_AUDIT, NULL);
		return -1;
	}
	send_ok(rq, body);
	return 0;
}

int
audit_target(struct request *rq, const char *action, const char *target,
    const char *items)
{
	struct audit_entry e = rq->audit;

	set_field(e.action, sizeof e.action, action);
	set_field(e.target, sizeof e.target, target);
	set_field(e.items, sizeof e.items, items);
	set_field(e.result, sizeof e.result, "ok");
	return append(rq, &e);
}

const char *
body_string(const struct request *rq, const char *name)
{
	const char *s = json_string_value(json_object_get(rq->body, name));

	return s != NULL ? s : "";
}

const char *
body_operator_id(struct request *rq)
{
	const char *id = body_string(rq, "operator_id");

	if (!operator_id_well_formed(id)) {
		reply_error(rq, E_BAD_VALUE, "operator_id");
		return NULL;
	}
	return id;
}

static const struct route *
find_route(const char *path)
{
	for (size_t i = 0; i < routes_count; i++)
		if (strcmp(routes[i].path, path) == 0)
			return &routes[i];
	return NULL;
}

static int
type_matches(json_t *v, enum field_type t)
{
	switch (t) {
	case FIELD_STRING:
		return json_is_string(v);
	case FIELD_INTEGER:
		return json_is_integer(v);
	case FIELD_OBJECT:
		return json_is_object(v);
	case FIELD_ARRAY:
		return json_is_array(v);
	}
	return 0;
}

/* Every key known and of its type, every required one present. */
static int
check_fields(struct request *rq, const struct field *fields)
{
	const char *key;
	json_t *v;

	json_object_foreach(rq->body, key, v) {
		const struct field *f = fields;
		while (f != NULL && f->name != NULL && strcmp(f->name, key))
			f++;
		if (f == NULL || f->name == NULL) {
			reply_error(rq, E_UNKNOWN_FIELD, key);
			return -1;
		}
		if (!type_matches(v, f->type)) {
			reply_error(rq, E_WRONG_TYPE, key);
			return -1;
		}
	}
	for (const struct field *f = fields; f != NULL && f->name; f++)
		if (f->required && json_object_get(rq->body, f->name) == NULL) {
			reply_error(rq, E_MISSING_FIELD, f->name);
			return -1;
		}
	return 0;
}

static int
read_body(struct request *rq, const struct route *r)
{
	struct evbuffer *in = evhttp_request_get_input_buffer(rq->http);
	size_t len = evbuffer_get_length(in);
	unsigned char *text;
	json_error_t jerr;

	if (r->method != EVHTTP_REQ_POST)
		return 0;
	if (len > PROTOCOL_MAX_BODY) {
		reply_error(rq, E_TOO_LARGE, NULL);
		return -1;
	}
	text = evbuffer_pullup(in, -1);
	rq->body = json_loadb((const char *)text, len, JSON_REJECT_DUPLICATES,
	    &jerr);
	/* It may hold a PIN or a record: zero it before libevent frees it. */
	explicit_bzero(text, len);
	if (rq->body == NULL || !json_is_object(rq->body)) {
		reply_error(rq, E_MALFORMED, NULL);
		return -1;
	}
	return check_fields(rq, r->fields);
}

/*
 * The session's operator as the roster has them now: one who may no
 * longer work (locked, suspended, revoked, lapsed, not yet valid) loses
 * the session at once, and the roles that count are those held now.
 */
static int
check_operator(struct request *rq)
{
	char today[OPERATOR_DATE_MAX];
	struct operator op;
	enum login_result r;
	int rc;

	memset(&op, 0, sizeof op);
	rc = operators_get(rq->srv->operators, rq->session->operator_id, &op);
	if (rc < 0) {
		reply_error(rq, E_INTERNAL, "operators");
		return -1;
	}
	operators_today(today);
	r = rc > 0 ? LOGIN_INACTIVE : operator_may_work(&op, today);
	/* Enrolled again or not, the session was opened with a proof. */
	if (r == LOGIN_OK || r == LOGIN_UNENROLLED) {
		rq->roles = op.roles;
		return 0;
	}
	sessions_end(rq->srv->sessions, rq->token);
	rq->session = NULL;
	rq->audit_note = rc > 0 ? "unknown-id" : operator_state(&op, today);
	reply_error(rq, login_refusal(r, &op), NULL);
	return -1;
}

static int
check_session(struct request *rq, const struct route *r)
{
	const char *auth = evhttp_find_header(
	    evhttp_request_get_input_headers(rq->http), "Authorization");
	static const char bearer[] = "Bearer ";

	if (auth == NULL || strncmp(auth, bearer, sizeof bearer - 1) != 0) {
		reply_error(rq, E_NO_SESSION, NULL);
		return -1;
	}
	rq->token = auth + sizeof bearer - 1;
	switch (sessions_check(rq->srv->sessions, rq->token,
	    rq->peer.fingerprint, &rq->session)) {
	case SESSION_OK:
		break;
	case SESSION_NONE:
		reply_error(rq, E_NO_SESSION, NULL);
		return -1;
	case SESSION_EXPIRED:
		reply_error(rq, E_SESSION_EXPIRED, NULL);
		return -1;
	case SESSION_OTHER_TERMINAL:
		reply_error(rq, E_SESSION_TERMINAL, NULL);
		return -1;
	}
	set_field(rq->audit.operator_id, sizeof rq->audit.operator_id,
	    rq->session->operator_id);
	if (check_operator(rq) != 0)
		return -1;
	if (rq->session->locked && !(r->flags & ROUTE_WHILE_LOCKED)) {
		reply_error(rq, E_SESSION_LOCKED, NULL);
		return -1;
	}
	if ((rq->roles & r->roles) == 0) {
		reply_error(rq, E_FORBIDDEN, NULL);
		return -1;
	}
	return 0;
}

static int
check_jimu(struct request *rq)
{
	const char *code = body_string(rq, "jimu");

	if (*code == '\0') {
		reply_error(rq, E_NO_JIMU, NULL);
		return -1;
	}
	if ((rq->jimu = server_config_jimu(&rq->srv->cfg, code)) == NULL) {
		reply_error(rq, E_UNKNOWN_JIMU, NULL);
		return -1;
	}
	set_field(rq->audit.jimu, sizeof rq->audit.jimu, rq->jimu->code);
	return 0;
}

/* Who is calling: the verified certificate of the connection. */
static int
identify(struct request *rq)
{
	struct bufferevent *bev = evhttp_connection_get_bufferevent(
	    evhttp_request_get_connection(rq->http));
	SSL *ssl = bev != NULL ? bufferevent_openssl_get_ssl(bev) : NULL;

	if (ssl == NULL || tls_peer(ssl, &rq->peer) != 0) {
		reply_error(rq, E_FORBIDDEN, "certificate");
		return -1;
	}
	set_field(rq->audit.terminal_id, sizeof rq->audit.terminal_id,
	    rq->peer.id);
	return 0;
}

/* Terminals and 市町村CS each have their own routes. */
static int
check_peer_kind(struct request *rq, const struct route *r)
{
	if ((r->flags & ROUTE_CS) && rq->peer.kind != PEER_CS) {
		reply_error(rq, E_NOT_CS, NULL);
		return -1;
	}
	if (!(r->flags & ROUTE_CS) && rq->peer.kind != PEER_TERMINAL) {
		reply_error(rq, E_FORBIDDEN, "certificate");
		return -1;
	}
	return 0;
}

static const struct route *
route_of(struct request *rq, const char *uri)
{
	const struct route *r;

	if (strncmp(uri, PROTOCOL_PREFIX, strlen(PROTOCOL_PREFIX)) != 0) {
		reply_error(rq, uri[0] == '/' && uri[1] == 'v' ? E_VERSION :
		    E_NO_ROUTE, NULL);
		return NULL;
	}
	/* The path as sent: a query string makes it an unknown route. */
	if ((r = find_route(uri)) == NULL) {
		reply_error(rq, E_NO_ROUTE, NULL);
		return NULL;
	}
	set_field(rq->audit.action, sizeof rq->audit.action, r->action);
	if (evhttp_request_get_command(rq->http) != r->method) {
		reply_error(rq, E_METHOD, NULL);
		return NULL;
	}
	return r;
}

/*
 * An answer goes out in more than one TLS record; with Nagle's algorithm
 * the last waits for the client's delayed ACK, 40 ms a request.
 */
static void
no_delay(struct evhttp_request *http)
{
	struct bufferevent *bev = evhttp_connection_get_bufferevent(
	    evhttp_request_get_connection(http));
	evutil_socket_t fd = bev != NULL ? bufferevent_getfd(bev) : -1;
	int on = 1;

	if (fd >= 0)
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

static void
dispatch(struct evhttp_request *http, void *arg)
{
	struct request rq = { .srv = arg, .http = http };
	const struct route *r;

	no_delay(http);

	set_field(rq.audit.action, sizeof rq.audit.action, "unknown");
	if (identify(&rq) != 0 ||
	    (r = route_of(&rq, evhttp_request_get_uri(http))) == NULL ||
	    check_peer_kind(&rq, r) != 0 ||
	    (r->roles != 0 && check_session(&rq, r) != 0) ||
	    read_body(&rq, r) != 0 ||
	    ((r->flags & ROUTE_JIMU) && check_jimu(&rq) != 0))
		goto out;
	r->handle(&rq);
out:
	json_wipe(rq.body);
	explicit_bzero(&rq.audit, sizeof rq.audit);
}

/* Each connection speaks TLS; the handshake verifies the client. */
static struct bufferevent *
new_connection(struct event_base *base, void *arg)
{
	struct server *srv = arg;
	SSL *ssl = SSL_new(srv->tls);

	if (ssl == NULL)
		return NULL;
	return bufferevent_openssl_socket_new(base, -1, ssl,
	    BUFFEREVENT_SSL_ACCEPTING, BEV_OPT_CLOSE_ON_FREE);
}

/*
 * SIGTERM and SIGINT become loop events: stop accepting, let the loop
 * finish what it is writing, then return to close the files.
 */
static void
on_stop(evutil_socket_t sig, short what, void *arg)
{
	struct server *srv = arg;
	struct timeval drain = { 1, 0 };

	(void)what;
	fprintf(stderr, "juki-server: signal %d, stopping\n", (int)sig);
	if (srv->listener != NULL) {
		evhttp_del_accept_socket(srv->http, srv->listener);
		srv->listener = NULL;
	}
	event_base_loopexit(srv->base, &drain);
}

static int
listen_on(struct server *srv, char *err, size_t errsz)
{
	srv->listener = evhttp_bind_socket_with_handle(srv->http,
	    srv->cfg.listen_address, (ev_uint16_t)srv->cfg.listen_port);
	if (srv->listener == NULL) {
		snprintf(err, errsz, _("%s:%d で待ち受けできません"),
		    srv->cfg.listen_address, srv->cfg.listen_port);
		return -1;
	}
	return 0;
}

int
server_run(struct server *srv, char *err, size_t errsz)
{
	static const int stop_signals[2] = { SIGTERM, SIGINT };
	int rc = -1;

	if ((srv->base = event_base_new()) == NULL ||
	    (srv->http = evhttp_new(srv->base)) == NULL) {
		snprintf(err, errsz, _("イベントループを作成できません"));
		goto out;
	}
	evhttp_set_bevcb(srv->http, new_connection, srv);
	evhttp_set_gencb(srv->http, dispatch, srv);
	evhttp_set_max_body_size(srv->http, HARD_BODY_LIMIT);
	evhttp_set_max_headers_size(srv->http, 16384);
	evhttp_set_timeout(srv->http, srv->cfg.request_timeout);
	evhttp_set_allowed_methods(srv->http, EVHTTP_REQ_GET |
	    EVHTTP_REQ_POST | EVHTTP_REQ_PUT | EVHTTP_REQ_DELETE);
	for (int i = 0; i < 2; i++) {
		srv->stop_events[i] = evsignal_new(srv->base, stop_signals[i],
		    on_stop, srv);
		if (srv->stop_events[i] == NULL ||
		    event_add(srv->stop_events[i], NULL) != 0) {
			snprintf(err, errsz, _("シグナルを設定できません"));
			goto out;
		}
	}
	/* The purge runs before the first request is taken. */
	if (jobs_start(srv, err, errsz) != 0 ||
	    listen_on(srv, err, errsz) != 0)
		goto out;
	fprintf(stderr, "juki-server: listening on %s:%d\n",
	    srv->cfg.listen_address, srv->cfg.listen_port);
	rc = event_base_dispatch(srv->base) == -1 ? -1 : 0;
	if (rc != 0)
		snprintf(err, errsz, _("イベントループが異常終了しました"));
out:
	jobs_stop(srv);
	for (int i = 0; i < 2; i++)
		if (srv->stop_events[i] != NULL)
			event_free(srv->stop_events[i]);
	if (srv->http != NULL)
		evhttp_free(srv->http);
	if (srv->base != NULL)
		event_base_free(srv->base);
	return rc;
}
