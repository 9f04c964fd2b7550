/*
 * Alerts for administrators (protocol.h, "Alerts"): how many are open,
 * the list, and the acknowledgement, by another administrator than the
 * one an alert is about, with a note that goes whole into the audit
 * entry.  The alerts themselves are raised by the watch (alert-watch.c).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "juki/json-wipe.h"
#include "juki/utf8.h"
#include "server.h"

static json_t *
alert_json(const struct alert *a)
{
	const struct alert_raised *r = &a->raised;

	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:I, s:s,"
	    " s:s, s:s}", "id", (json_int_t)a->id, "time", r->time, "rule",
	    r->rule, "operator_id", r->operator_id, "terminal_id",
	    r->terminal_id, "detail", r->detail, "count", r->count, "minutes",
	    r->minutes, "audit_seq", (json_int_t)a->audit_seq,
	    "acknowledged_by", a->acknowledged_by, "acknowledged_at",
	    a->acknowledged_at, "note", a->note);
}

/* The number in the log: what the administrator was shown. */
void
handle_alert_count(struct request *rq)
{
	char note[32];
	int64_t n;

	if (alerts_open_count(rq->srv->alerts, &n) != 0) {
		reply_error(rq, E_INTERNAL, "alerts");
		return;
	}
	snprintf(note, sizeof note, "open=%" PRId64, n);
	rq->audit_note = note;
	reply_ok(rq, json_pack("{s:I}", "open", (json_int_t)n));
}

static int
append_alert(const struct alert *a, void *arg)
{
	return json_array_append_new(arg, alert_json(a));
}

void
handle_alert_list(struct request *rq)
{
	const char *filter = body_string(rq, "filter");
	json_t *list;
	int open;

	if (*filter == '\0' || strcmp(filter, "open") == 0)
		open = 1;
	else if (strcmp(filter, "all") == 0)
		open = 0;
	else {
		reply_error(rq, E_BAD_VALUE, "filter");
		return;
	}
	if ((list = json_array()) == NULL ||
	    alerts_list(rq->srv->alerts, open, append_alert, list) != 0) {
		json_decref(list);
		reply_error(rq, E_INTERNAL, "alerts");
		return;
	}
	reply_ok(rq, json_pack("{s:o}", "alerts", list));
}

/*
 * The body's note into out (AUDIT_FIELD_MAX bytes): trimmed text of at
 * most ALERT_NOTE_CHARS characters that fits an audit field whole.  0,
 * or -1 after refusing it.
 */
static int
body_note(struct request *rq, char *out)
{
	char text[OPERATOR_NAME_MAX];
	size_t chars = 0, len;
	char32_t cp;

	if (operator_text(body_string(rq, "note"), text) != 0) {
		reply_error(rq, E_BAD_VALUE, "note");
		return -1;
	}
	if (text[0] == '\0') {
		reply_error(rq, E_NO_NOTE, NULL);
		return -1;
	}
	for (const char *p = text; *p != '\0'; p += len, chars++)
		if ((len = utf8_decode(p, &cp)) == 0)
			break;
	if (chars > ALERT_NOTE_CHARS || strlen(text) >= AUDIT_FIELD_MAX) {
		reply_error(rq, E_BAD_VALUE, "note");
		return -1;
	}
	memcpy(out, text, strlen(text) + 1);
	return 0;
}

void
handle_alert_ack(struct request *rq)
{
	json_int_t id = json_integer_value(json_object_get(rq->body, "id"));
	char note[AUDIT_FIELD_MAX];
	sqlite3 *db = alerts_db(rq->srv->alerts);
	enum protocol_error why;
	struct alert a;

	if (id < 1) {
		reply_error(rq, E_BAD_VALUE, "id");
		return;
	}
	snprintf(rq->audit.document, sizeof rq->audit.document, "%" PRId64,
	    (int64_t)id);
	if (body_note(rq, note) != 0 || change_begin(rq, db, "alerts") != 0)
		return;
	if (alerts_ack(rq->srv->alerts, (int64_t)id, rq->session->operator_id,
	    time(NULL), note, &a, &why) != 0) {
		change_refuse(rq, db, "alerts", why, NULL);
		return;
	}
	rq->audit_note = note;
	change_finish(rq, db, "alerts", json_pack("{s:o}", "alert",
	    alert_json(&a)));
}
