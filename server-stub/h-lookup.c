/*
 * Lookups (検索・照会): by 住民票コード, by 個人番号, by 4情報, and one
 * resident with history.  Every resident shown is a provision of their
 * data and gets an audit entry of its own, before anything is sent.
 */
#include <string.h>

#include "juki/checkdigit.h"
#include "juki/jdate.h"
#include "juki/kana.h"
#include "resident-json.h"
#include "server.h"

/* The 個人番号 leaves the server only for a clerk and a 事務 that needs it. */
static int
may_see_kojin(const struct request *rq)
{
	return rq->jimu->kojin && (rq->roles & ROLE_CLERK);
}

static void
reply_resident(struct request *rq, const struct resident *r,
    json_t *history)
{
	json_t *body = json_pack("{s:o}", "resident",
	    resident_json(r, may_see_kojin(rq)));

	snprintf(rq->audit.target, sizeof rq->audit.target, "%s",
	    r->juminhyo_code);
	snprintf(rq->audit.items, sizeof rq->audit.items, "%s",
	    resident_json_items(may_see_kojin(rq), history != NULL));
	if (history != NULL)
		json_object_set_new(body, "history", history);
	reply_ok(rq, body);
}

static void
found_or_not(struct request *rq, int rc, struct resident *r)
{
	if (rc == STORE_OK)
		reply_resident(rq, r, NULL);
	else if (rc == STORE_NOT_FOUND)
		reply_error(rq, E_NOT_FOUND, NULL);
	else
		reply_error(rq, E_INTERNAL, "store");
	resident_wipe(r);
}

const char *
juminhyo_code_in(struct request *rq, const char *name)
{
	const char *code = body_string(rq, name);

	if (strlen(code) != JUMINHYO_CODE_LEN ||
	    strspn(code, "0123456789") != JUMINHYO_CODE_LEN) {
		reply_error(rq, E_BAD_VALUE, name);
		return NULL;
	}
	/* Eleven digits: safe in the log even when the check digit is not. */
	snprintf(rq->audit.target, sizeof rq->audit.target, "%s", code);
	if (!checkdigit_juminhyo_valid(code, NULL)) {
		reply_error(rq, E_CHECK_DIGIT, name);
		return NULL;
	}
	return code;
}

const char *
juminhyo_code(struct request *rq)
{
	return juminhyo_code_in(rq, "juminhyo_code");
}

void
handle_lookup_code(struct request *rq)
{
	const char *code = juminhyo_code(rq);
	struct resident r;

	if (code != NULL)
		found_or_not(rq, store_get_by_code(rq->srv->store, code, &r),
		    &r);
}

void
handle_lookup_kojin(struct request *rq)
{
	const char *kojin = body_string(rq, "kojin_bango");
	struct resident r;

	/* Looking up by 個人番号 is itself a use of it. */
	if (!may_see_kojin(rq)) {
		reply_error(rq, E_FORBIDDEN, "kojin_bango");
		return;
	}
	if (strlen(kojin) != KOJIN_BANGO_LEN ||
	    strspn(kojin, "0123456789") != KOJIN_BANGO_LEN) {
		reply_error(rq, E_BAD_VALUE, "kojin_bango");
		return;
	}
	if (!checkdigit_kojin_valid(kojin, NULL)) {
		reply_error(rq, E_CHECK_DIGIT, "kojin_bango");
		return;
	}
	found_or_not(rq, store_get_by_kojin(rq->srv->store, kojin, &r), &r);
}

struct candidates {
	struct request *rq;
	json_t *list;
	int audit_failed;
};

static int
add_candidate(const struct resident *r, void *arg)
{
	struct candidates *c = arg;

	if (audit_target(c->rq, "provide.candidate", r->juminhyo_code,
	    RESIDENT_CANDIDATE_ITEMS) != 0) {
		c->audit_failed = 1;
		return 1;
	}
	json_array_append_new(c->list, resident_candidate_json(r));
	return 0;
}

/* The query from the body, or a refusal.  Dates come as 西暦. */
static int
joho_query(struct request *rq, struct store_query *q, char *kana,
    size_t kanasz)
{
	json_t *sex = json_object_get(rq->body, "sex");
	struct jdate d;

	if (kana_seion(body_string(rq, "name_kana"), kana, kanasz,
	    store_kana_options(rq->srv->store), NULL) != 0) {
		reply_error(rq, E_BAD_VALUE, "name_kana");
		return -1;
	}
	q->seion_kana = kana;
	q->birth_date = body_string(rq, "birth_date");
	if (*q->birth_date != '\0' &&
	    jdate_parse_iso(q->birth_date, &d, NULL) != 0) {
		reply_error(rq, E_BAD_VALUE, "birth_date");
		return -1;
	}
	if (sex != NULL && json_integer_value(sex) != SEX_MALE &&
	    json_integer_value(sex) != SEX_FEMALE) {
		reply_error(rq, E_BAD_VALUE, "sex");
		return -1;
	}
	q->sex = (int)json_integer_value(sex);
	q->address_prefix = body_string(rq, "address");
	q->include_deleted = json_integer_value(json_object_get(rq->body,
	    "include_removed")) != 0;
	q->limit = (unsigned)rq->srv->cfg.max_candidates;
	return 0;
}

static int
count_match(const struct resident *r, void *arg)
{
	(void)r;
	(*(int *)arg)++;
	return 0;
}

void
handle_lookup_4joho(struct request *rq)
{
	char kana[RESIDENT_KANA_MAX];
	struct store_query q = { 0 };
	struct candidates c = { rq, NULL, 0 };
	bool more = false;
	int matches = 0;

	if (joho_query(rq, &q, kana, sizeof kana) != 0)
		return;
	/* Counted first: too many is refused before anyone is provided. */
	if (store_search(rq->srv->store, &q, count_match, &matches, &more) !=
	    STORE_OK) {
		reply_error(rq, E_INTERNAL, "store");
		return;
	}
	if (more) {
		reply_error(rq, E_TOO_MANY, NULL);
		return;
	}
	if (matches == 0) {
		reply_error(rq, E_NOT_FOUND, NULL);
		return;
	}
	c.list = json_array();
	if (store_search(rq->srv->store, &q, add_candidate, &c, &more) !=
	    STORE_OK || c.audit_failed) {
		json_decref(c.list);
		reply_error(rq, c.audit_failed ? E_AUDIT : E_INTERNAL, NULL);
		return;
	}
	reply_ok(rq, json_pack("{s:o}", "candidates", c.list));
}

void
handle_resident(struct request *rq)
{
	const char *code = juminhyo_code(rq);
	struct resident r;
	json_t *history;
	int rc;

	if (code == NULL)
		return;
	if ((rc = store_get_by_code(rq->srv->store, code, &r)) != STORE_OK) {
		found_or_not(rq, rc, &r);
		return;
	}
	if (resident_history_json(rq->srv->store, code, may_see_kojin(rq),
	    &history) != STORE_OK)
		reply_error(rq, E_INTERNAL, "store");
	else
		reply_resident(rq, &r, history);
	resident_wipe(&r);
}
