/*
 * Correction requests (訂正・追加・削除の申出) about a disclosure:
 * registered from the paper with the item as the file has it now, and
 * forwarded; the record itself is never changed here (the municipality
 * corrects it by its update).  The audit entry's document is the
 * correction's number, its target the resident's 住民票コード.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "disclosure-json.h"
#include "juki/idou.h"
#include "juki/json-wipe.h"
#include "server.h"

/* The item of r as the file has it, into out. */
static void
item_text(const struct resident *r, const char *item,
    char out[CORRECTION_CURRENT_MAX])
{
	const struct idou_reason *idou;

	if (strcmp(item, "code") == 0)
		snprintf(out, CORRECTION_CURRENT_MAX, "%s", r->juminhyo_code);
	else if (strcmp(item, "name") == 0)
		snprintf(out, CORRECTION_CURRENT_MAX, "%s", r->name_kanji);
	else if (strcmp(item, "kana") == 0)
		snprintf(out, CORRECTION_CURRENT_MAX, "%s", r->name_kana);
	else if (strcmp(item, "birth") == 0)
		snprintf(out, CORRECTION_CURRENT_MAX, "%s", r->birth_date);
	else if (strcmp(item, "sex") == 0)
		snprintf(out, CORRECTION_CURRENT_MAX, "%d", r->sex);
	else if (strcmp(item, "address") == 0)
		snprintf(out, CORRECTION_CURRENT_MAX, "%s", r->address);
	else if (strcmp(item, "kojin") == 0)
		snprintf(out, CORRECTION_CURRENT_MAX, "%s", r->kojin_bango);
	else {
		idou = idou_lookup(r->idou_code);
		snprintf(out, CORRECTION_CURRENT_MAX, "%s %s",
		    idou != NULL ? idou->name : "", r->idou_date);
	}
}

/* c's item as the resident of the request has it now: 0, or -1 after
 * refusing. */
static int
current(struct request *rq, const struct disclosure_request *r,
    struct correction *c)
{
	struct resident res;
	int rc = store_get_by_code(rq->srv->store, r->juminhyo_code, &res);

	if (rc == STORE_OK)
		item_text(&res, c->item, c->current);
	else
		reply_error(rq, rc == STORE_NOT_FOUND ? E_NOT_FOUND :
		    E_INTERNAL, rc == STORE_NOT_FOUND ? NULL : "store");
	resident_wipe(&res);
	return rc == STORE_OK ? 0 : -1;
}

/* The correction as the body states it; the value asked for is
 * required but for a deletion. */
static int
body_correction(struct request *rq, struct correction *c)
{
	const char *kind = body_string(rq, "kind");
	const char *item = body_string(rq, "item");
	int needed = strcmp(kind, "delete") != 0;

	if (body_number(rq, "correction_no", c->correction_no) != 0)
		return -1;
	snprintf(rq->audit.document, sizeof rq->audit.document, "%s",
	    c->correction_no);
	if (!correction_kind_known(kind)) {
		reply_error(rq, E_BAD_VALUE, "kind");
		return -1;
	}
	if (!correction_item_known(item)) {
		reply_error(rq, E_BAD_VALUE, "item");
		return -1;
	}
	snprintf(c->kind, sizeof c->kind, "%s", kind);
	snprintf(c->item, sizeof c->item, "%s", item);
	if (needed && json_object_get(rq->body, "requested") == NULL) {
		reply_error(rq, E_MISSING_FIELD, "requested");
		return -1;
	}
	return body_text(rq, "requested", needed, c->requested) != 0 ||
	    body_text(rq, "reason", 1, c->reason) != 0 ? -1 : 0;
}

void
handle_correction_register(struct request *rq)
{
	sqlite3 *db = disclosures_db(rq->srv->disclosures);
	struct disclosure_request r;
	struct correction c;
	enum protocol_error why;
	char note[2 * DISCLOSURE_WORD_MAX];

	memset(&c, 0, sizeof c);
	memset(&r, 0, sizeof r);
	if (body_correction(rq, &c) != 0 || disclosure_of(rq, &r) != 0)
		goto out;
	/* disclosure_of made the request's number the document again. */
	snprintf(rq->audit.document, sizeof rq->audit.document, "%s",
	    c.correction_no);
	if (current(rq, &r, &c) != 0)
		goto out;
	snprintf(c.request_no, sizeof c.request_no, "%s", r.request_no);
	snprintf(note, sizeof note, "%s:%s", c.kind, c.item);
	rq->audit_note = note;
	if (change_begin(rq, db, "disclosures") != 0)
		goto out;
	if (disclosures_correct(rq->srv->disclosures, &c,
	    rq->session->operator_id, time(NULL), &why) != 0)
		change_refuse(rq, db, "disclosures", why, NULL);
	else
		change_finish(rq, db, "disclosures", letter_answer(rq,
		    json_pack("{s:o}", "correction", correction_json(&c))));
out:
	rq->audit_note = NULL;
	explicit_bzero(&c, sizeof c);
	explicit_bzero(&r, sizeof r);
}

static int
append_correction(const struct correction *c, void *arg)
{
	return json_array_append_new(arg, correction_json(c));
}

void
handle_correction_list(struct request *rq)
{
	struct disclosure_request r;
	json_t *list;

	if (disclosure_of(rq, &r) != 0)
		return;
	if ((list = json_array()) == NULL ||
	    disclosures_corrections(rq->srv->disclosures, r.request_no,
	    append_correction, list) != 0) {
		json_wipe(list);
		reply_error(rq, E_INTERNAL, "disclosures");
	} else
		reply_ok(rq, letter_answer(rq, json_pack("{s:o}",
		    "corrections", list)));
	explicit_bzero(&r, sizeof r);
}
