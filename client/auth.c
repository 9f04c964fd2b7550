#include <string.h>
#include <sys/mman.h>

#include <glib.h>

#include "app.h"
#include "auth.h"
#include "juki/i18n.h"
#include "juki/utf8.h"
#include "reader.h"
#include "roster-labels.h"

void
auth_clear(struct auth *au)
{
	for (int i = 0; i < au->nprints; i++) {
		explicit_bzero(au->prints[i].data, au->prints[i].len);
		munlock(au->prints[i].data, au->prints[i].len);
		g_free(au->prints[i].data);
	}
	explicit_bzero(au, sizeof *au);
}

/* A print of the answer, decoded into memory that is never swapped out
 * (where the limit allows). */
static int
take_print(struct auth *au, const json_t *p)
{
	struct auth_print *to = &au->prints[au->nprints];
	const char *base64 = json_text(p, "print");
	gsize len = 0;

	if (*base64 == '\0' || au->nprints >= PROTOCOL_MAX_FINGERS)
		return -1;
	to->data = g_base64_decode(base64, &len);
	to->len = len;
	au->nprints++;
	if (to->data == NULL || len == 0 || len > PROTOCOL_MAX_PRINT)
		return -1;
	(void)mlock(to->data, to->len);
	utf8_sanitize(to->finger, sizeof to->finger, json_text(p, "finger"));
	return 0;
}

static int
take_answer(struct auth *au, const json_t *body)
{
	const char *method = json_text(body, "method");
	const char *challenge = json_text(body, "challenge");
	json_t *prints = json_object_get(body, "prints"), *p;
	size_t i;

	if (*challenge == '\0' || strlen(challenge) >= sizeof au->challenge)
		return -1;
	snprintf(au->challenge, sizeof au->challenge, "%s", challenge);
	if (strcmp(method, AUTH_METHOD_PIN) == 0) {
		au->pin = 1;
		return 0;
	}
	if (strcmp(method, AUTH_METHOD_FINGERPRINT) != 0 ||
	    json_array_size(prints) == 0)
		return -1;
	json_array_foreach(prints, i, p)
		if (take_print(au, p) != 0)
			return -1;
	return 0;
}

int
auth_begin(struct app *a, struct auth *au, const char *operator_id)
{
	struct net_reply r;
	json_t *req;
	int rc = 0;

	auth_clear(au);
	snprintf(au->operator_id, sizeof au->operator_id, "%s", operator_id);
	app_busy(a, _("照合情報を確認しています…"));
	req = json_pack("{s:s}", "operator_id", operator_id);
	net_call(a->net, PATH_AUTH_BEGIN, req, &r);
	json_decref(req);
	if (r.status != NET_OK) {
		app_explain(a, &r);
		rc = -1;
	} else if (take_answer(au, r.body) != 0) {
		r.status = NET_GARBAGE;
		app_explain(a, &r);
		rc = -1;
	} else
		app_message(a, 0, "");
	app_log(a, "auth.begin", &r);
	net_reply_clear(&r);
	if (rc != 0)
		auth_clear(au);
	return rc;
}

static enum auth_outcome
outcome_of(enum reader_result res)
{
	switch (res) {
	case READER_MATCH:
		return AUTH_MATCH;
	case READER_NO_MATCH:
		return AUTH_NO_MATCH;
	case READER_TIMEOUT:
		return AUTH_TIMEOUT;
	case READER_CANCELLED:
		return AUTH_CANCELLED;
	case READER_REMOVED:
		return AUTH_READER_REMOVED;
	default:
		return AUTH_READER_ERROR;
	}
}

struct scan_wait {
	struct app *app;
	struct auth *auth;
};

/* Esc cancels; a finger's number typed during the scan stops it to
 * scan against that finger's print instead. */
static int
scan_poll(void *arg)
{
	struct scan_wait *sw = arg;
	struct app *a = sw->app;
	int cancel = app_poll(a);

	while (!cancel && a->ntyped > 0 && sw->auth->nprints > 1) {
		const char *t = a->typed[a->ntyped - 1].text;
		int n = t[0] - '1';

		if (t[1] != '\0' || n < 0 || n >= sw->auth->nprints)
			break;
		a->ntyped--;
		if (n != sw->auth->finger) {
			sw->auth->finger = n;
			sw->auth->switched = cancel = 1;
		}
	}
	return cancel;
}

static void
ask_finger(struct app *a, const struct auth *au)
{
	char line[256];

	if (au->nprints < 2) {
		app_busy(a, _("指を読み取り装置に置いてください"));
		return;
	}
	snprintf(line, sizeof line, _("%s を読み取り装置に置いてください "
	    "(1 %s / 2 %s で切替)"),
	    label_of(roster_fingers, au->prints[au->finger].finger),
	    label_of(roster_fingers, au->prints[0].finger),
	    label_of(roster_fingers, au->prints[1].finger));
	app_busy(a, line);
}

enum auth_outcome
auth_scan(struct app *a, struct auth *au)
{
	struct scan_wait sw = { a, au };
	struct reader_wait w = { .poll = scan_poll, .arg = &sw,
	    .timeout_s = a->cfg.reader_timeout };
	enum reader_retry retry = READER_RETRY_GENERAL;
	enum reader_result res = READER_NONE;

	snprintf(a->scanning, sizeof a->scanning, "%s", au->operator_id);
	ask_finger(a, au);
	while (a->reader != NULL) {
		const struct auth_print *p = &au->prints[au->finger];

		res = reader_verify(a->reader, p->data, p->len, &w, &retry);
		if (res == READER_CANCELLED && au->switched) {
			au->switched = 0;
			ask_finger(a, au);
		} else if (res == READER_RETRY) {
			/* A bad scan does not use up a try. */
			app_log(a, "scan.retry", NULL);
			app_busy(a, reader_message(res, retry));
		} else
			break;
	}
	a->scanning[0] = '\0';
	app_message(a, res != READER_MATCH, reader_message(res, retry));
	return outcome_of(res);
}

void
auth_report(struct app *a, struct auth *au, const char *path,
    enum auth_outcome outcome, const char *pin, struct net_reply *r)
{
	json_t *req = json_pack("{s:s, s:s}", "challenge", au->challenge,
	    "outcome", auth_outcome_name(outcome));

	/* Unlocking is for the session's own operator: no ID to name. */
	if (strcmp(path, PATH_LOGIN) == 0)
		json_object_set_new(req, "operator_id",
		    json_string(au->operator_id));
	if (pin != NULL)
		json_object_set_new(req, "pin", json_string(pin));
	auth_clear(au);
	net_call(a->net, path, req, r);
	json_wipe(req);
	/* For a scan that proved nothing, the reader's words say more than
	 * the server's "not verified". */
	if (r->status != NET_OK && !(r->status == NET_REFUSED &&
	    strcmp(r->error, "E_NOT_VERIFIED") == 0))
		app_explain(a, r);
}
