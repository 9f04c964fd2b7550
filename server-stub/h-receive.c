/*
 * A disclosure request received (disclosures/receive): every field
 * checked, the statement matched (突合, match.c) against the resident
 * file, and only then recorded.  A mismatch is refused without saying
 * which item differs; the audit entry's reason says it, for the log.
 * The entry's document is the request's number, its target the
 * 住民票コード of the resident matched (or, refused, the one stated).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "disclosure-json.h"
#include "juki/checkdigit.h"
#include "juki/jdate.h"
#include "juki/kana.h"
#include "match.h"
#include "server.h"

/* What receiving gives out: the statement and the code matched. */
#define RECEIVE_ITEMS "code,name,kana,birth,sex,address"

/* name, one of a protocol table (known), into out. */
static int
body_word(struct request *rq, const char *name, int (*known)(const char *),
    char out[DISCLOSURE_WORD_MAX])
{
	const char *s = body_string(rq, name);

	if (!known(s)) {
		reply_error(rq, E_BAD_VALUE, name);
		return -1;
	}
	snprintf(out, DISCLOSURE_WORD_MAX, "%s", s);
	return 0;
}

/* Whether the documents before the i-th name it: they are strings,
 * checked already. */
static int
named_before(json_t *list, size_t i, const char *name)
{
	for (size_t j = 0; j < i; j++)
		if (strcmp(json_string_value(json_array_get(list, j)),
		    name) == 0)
			return 1;
	return 0;
}

/* "documents": names of ID_DOCUMENTS, at least one, none twice, into
 * out comma-separated. */
static int
body_documents(struct request *rq, char out[DISCLOSURE_DOCUMENTS_MAX])
{
	json_t *list = json_object_get(rq->body, "documents");
	size_t n = json_array_size(list), at = 0;
	const char *name;

	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		name = json_string_value(json_array_get(list, i));
		if (name == NULL || !disclosure_document_known(name) ||
		    named_before(list, i, name) ||
		    at + strlen(name) + 2 > DISCLOSURE_DOCUMENTS_MAX)
			goto bad;
		at += (size_t)snprintf(out + at, DISCLOSURE_DOCUMENTS_MAX - at,
		    "%s%s", at > 0 ? "," : "", name);
	}
	if (n > 0)
		return 0;
bad:
	reply_error(rq, E_BAD_VALUE, "documents");
	return -1;
}

/* "requester" and "representative": a name for a representative, none
 * for the person themselves. */
static int
body_requester(struct request *rq, struct disclosure_request *r)
{
	int representative;

	if (body_word(rq, "requester", disclosure_requester_known,
	    r->requester) != 0)
		return -1;
	representative = strcmp(r->requester, "representative") == 0;
	if (body_text(rq, "representative", representative,
	    r->representative) != 0)
		return -1;
	if (!representative && r->representative[0] != '\0') {
		reply_error(rq, E_BAD_VALUE, "representative");
		return -1;
	}
	return 0;
}

/* The statement of the person the request is about. */
static int
body_person(struct request *rq, struct disclosure_request *r)
{
	char seion[RESIDENT_KANA_MAX];
	struct jdate d;
	json_int_t sex;

	if (body_text(rq, "name", 1, r->name) != 0 ||
	    body_text(rq, "kana", 1, r->kana) != 0)
		return -1;
	if (kana_seion(r->kana, seion, sizeof seion,
	    store_kana_options(rq->srv->store), NULL) != 0) {
		reply_error(rq, E_BAD_VALUE, "kana");
		return -1;
	}
	explicit_bzero(seion, sizeof seion);
	if (jdate_parse_iso(body_string(rq, "birth_date"), &d, NULL) != 0) {
		reply_error(rq, E_BAD_VALUE, "birth_date");
		return -1;
	}
	snprintf(r->birth_date, sizeof r->birth_date, "%s",
	    body_string(rq, "birth_date"));
	sex = json_integer_value(json_object_get(rq->body, "sex"));
	if (sex != SEX_MALE && sex != SEX_FEMALE) {
		reply_error(rq, E_BAD_VALUE, "sex");
		return -1;
	}
	r->sex = (int)sex;
	return body_text(rq, "address", 1, r->address);
}

/* "juminhyo_code", when stated: eleven digits (then the audit entry's
 * target, as a lookup's is) with their check digit. */
static int
body_code(struct request *rq, char out[JUMINHYO_CODE_LEN + 1])
{
	const char *code;

	out[0] = '\0';
	if (*body_string(rq, "juminhyo_code") == '\0')
		return 0;
	if ((code = juminhyo_code(rq)) == NULL)
		return -1;
	memcpy(out, code, JUMINHYO_CODE_LEN + 1);
	return 0;
}

/* The request as the body states it, each field checked in the order of
 * the form; the number also the audit entry's document. */
static int
body_request(struct request *rq, struct disclosure_request *r)
{
	json_t *fee = json_object_get(rq->body, "fee_paid");

	if (body_number(rq, "request_no", r->request_no) != 0)
		return -1;
	snprintf(rq->audit.document, sizeof rq->audit.document, "%s",
	    r->request_no);
	if (body_word(rq, "channel", disclosure_channel_known,
	    r->channel) != 0 ||
	    body_requester(rq, r) != 0 ||
	    body_documents(rq, r->documents) != 0 ||
	    body_person(rq, r) != 0 ||
	    body_code(rq, r->juminhyo_code) != 0)
		return -1;
	if (json_integer_value(fee) != 1) {
		reply_error(rq, E_NO_FEE, NULL);
		return -1;
	}
	return 0;
}

/* The statement matched: 0 with the resident's code in r, or -1 after
 * refusing (E_MISMATCH, its item only in the log). */
static int
matched(struct request *rq, struct disclosure_request *r)
{
	struct statement s = { r->name, r->kana, r->birth_date, r->sex,
	    r->address, r->juminhyo_code };
	struct resident res;
	const char *which;
	int rc = match_statement(rq->srv->store, &s, &res, &which);

	if (rc < 0) {
		reply_error(rq, E_INTERNAL, "store");
		return -1;
	}
	if (rc > 0) {
		rq->audit_note = which;
		reply_error(rq, E_MISMATCH, NULL);
		rq->audit_note = NULL;
		return -1;
	}
	snprintf(r->juminhyo_code, sizeof r->juminhyo_code, "%s",
	    res.juminhyo_code);
	resident_wipe(&res);
	return 0;
}

/* A number already used is refused before anyone is matched. */
static int
unused(struct request *rq, const char *no)
{
	struct disclosure_request taken;
	int rc = disclosures_get(rq->srv->disclosures, no, &taken);

	explicit_bzero(&taken, sizeof taken);
	if (rc == 1)
		return 0;
	reply_error(rq, rc == 0 ? E_DUPLICATE : E_INTERNAL,
	    rc == 0 ? NULL : "disclosures");
	return -1;
}

void
handle_disclosure_receive(struct request *rq)
{
	sqlite3 *db = disclosures_db(rq->srv->disclosures);
	struct disclosure_request r;
	enum protocol_error why;

	memset(&r, 0, sizeof r);
	if (body_request(rq, &r) != 0 || unused(rq, r.request_no) != 0 ||
	    matched(rq, &r) != 0)
		goto out;
	snprintf(rq->audit.target, sizeof rq->audit.target, "%s",
	    r.juminhyo_code);
	snprintf(rq->audit.items, sizeof rq->audit.items, RECEIVE_ITEMS);
	if (change_begin(rq, db, "disclosures") != 0)
		goto out;
	if (disclosures_receive(rq->srv->disclosures, &r,
	    rq->session->operator_id, time(NULL), &why) != 0)
		change_refuse(rq, db, "disclosures", why, NULL);
	else
		change_finish(rq, db, "disclosures", json_pack("{s:o}",
		    "request", request_json(&r)));
out:
	explicit_bzero(&r, sizeof r);
}
