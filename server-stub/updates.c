#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "juki/i18n.h"
#include "juki/idou.h"
#include "juki/jdate.h"
#include "juki/utc-time.h"
#include "updates.h"

/* The items of the record a 市町村CS sends; the server decides the rest. */
struct record_field {
	const char *name;
	int is_text;
	size_t offset;
	size_t size;
};

#define TEXT(f) { #f, 1, offsetof(struct resident, f), \
	sizeof(((struct resident *)0)->f) }
#define INT(f) { #f, 0, offsetof(struct resident, f), sizeof(int) }

static const struct record_field record_fields[] = {
	TEXT(juminhyo_code), TEXT(name_kanji), TEXT(name_kana),
	TEXT(birth_date), TEXT(address), TEXT(kojin_bango),
	TEXT(municipality_code), TEXT(aza_code), TEXT(notified_date),
	INT(sex), INT(name_gaiji_count), INT(address_gaiji_count),
	INT(gaiji_flag), INT(name_gaiji_seq), INT(address_gaiji_seq),
};

#undef TEXT
#undef INT

static const struct record_field *
record_field(const char *name)
{
	for (size_t i = 0; i < sizeof record_fields / sizeof *record_fields;
	    i++)
		if (strcmp(record_fields[i].name, name) == 0)
			return &record_fields[i];
	return NULL;
}

static int
take_field(const struct record_field *f, json_t *v, struct resident *r)
{
	char *dst = (char *)r + f->offset;
	const char *s = json_string_value(v);

	if (f->is_text) {
		if (s == NULL || strlen(s) >= f->size)
			return -1;
		memcpy(dst, s, strlen(s) + 1);
		return 0;
	}
	if (!json_is_integer(v) || json_integer_value(v) < 0 ||
	    json_integer_value(v) > 999999)
		return -1;
	*(int *)dst = (int)json_integer_value(v);
	return 0;
}

static int
take_record(json_t *o, struct resident *r, const char **field)
{
	const char *key;
	json_t *v;

	if (!json_is_object(o)) {
		*field = "record";
		return -1;
	}
	json_object_foreach(o, key, v) {
		const struct record_field *f = record_field(key);
		if (f == NULL || take_field(f, v, r) != 0) {
			*field = key;
			return -1;
		}
	}
	return 0;
}

int
update_from_json(json_t *body, const char *terminal_id,
    const struct kana_options *kana, struct cs_update *u, const char **field)
{
	struct resident *r = &u->record;
	static const char *const known[] = {
		"update_id", "idou_code", "idou_date", "operator_id", "record"
	};
	const char *key, *s;
	json_t *v;

	memset(u, 0, sizeof *u);
	const size_t nknown = sizeof known / sizeof known[0];

	json_object_foreach(body, key, v) {
		size_t i = 0;
		while (i < nknown && strcmp(known[i], key) != 0)
			i++;
		if (i == nknown) {
			*field = key;
			return -1;
		}
	}
	*field = "update_id";
	if ((s = json_string_value(json_object_get(body, "update_id"))) ==
	    NULL || *s == '\0' || strlen(s) >= sizeof u->update_id ||
	    strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_.") != strlen(s))
		return -1;
	memcpy(u->update_id, s, strlen(s) + 1);
	*field = "idou_code";
	if (!json_is_integer(json_object_get(body, "idou_code")))
		return -1;
	r->idou_code = (int)json_integer_value(json_object_get(body,
	    "idou_code"));
	*field = "idou_date";
	if ((s = json_string_value(json_object_get(body, "idou_date"))) ==
	    NULL || strlen(s) >= sizeof r->idou_date)
		return -1;
	memcpy(r->idou_date, s, strlen(s) + 1);
	*field = "operator_id";
	if ((s = json_string_value(json_object_get(body, "operator_id"))) ==
	    NULL || *s == '\0' || strlen(s) >= sizeof r->operator_id)
		return -1;
	memcpy(r->operator_id, s, strlen(s) + 1);
	if (take_record(json_object_get(body, "record"), r, field) != 0)
		return -1;
	snprintf(r->terminal_id, sizeof r->terminal_id, "%s", terminal_id);
	(void)utc_text(time(NULL), r->timestamp);
	if (r->name_kana[0] != '\0' &&
	    resident_fold_name(r, kana, NULL) != 0) {
		*field = "name_kana";
		return -1;
	}
	return 0;
}

/* 転居 may change only where the person lives. */
static int
only_address_changed(const struct resident *before,
    const struct resident *after)
{
	return strcmp(before->name_kanji, after->name_kanji) == 0 &&
	    strcmp(before->name_kana, after->name_kana) == 0 &&
	    strcmp(before->birth_date, after->birth_date) == 0 &&
	    before->sex == after->sex &&
	    strcmp(before->kojin_bango, after->kojin_bango) == 0 &&
	    strcmp(before->municipality_code, after->municipality_code) == 0 &&
	    before->name_gaiji_count == after->name_gaiji_count &&
	    before->name_gaiji_seq == after->name_gaiji_seq;
}

static enum update_outcome
refuse(const char **why, const char **reason, const char *code,
    const char *message)
{
	*why = code;
	*reason = message;
	return UPDATE_REFUSED;
}

/* A removal keeps the record as it was, marked 消除 and kept for its
 * retention period. */
static void
as_removal(struct resident *r, const struct resident *current)
{
	struct resident next = *current;

	next.idou_code = r->idou_code;
	memcpy(next.idou_date, r->idou_date, sizeof next.idou_date);
	memcpy(next.operator_id, r->operator_id, sizeof next.operator_id);
	memcpy(next.terminal_id, r->terminal_id, sizeof next.terminal_id);
	memcpy(next.timestamp, r->timestamp, sizeof next.timestamp);
	if (r->notified_date[0] != '\0')
		memcpy(next.notified_date, r->notified_date,
		    sizeof next.notified_date);
	next.deleted = 1;
	next.retention_flag = RETENTION_KEPT;
	*r = next;
}

/* The logic checks; 0 if the update may be written. */
static enum update_outcome
check(struct cs_update *u, int found, const struct resident *current,
    const char **why, const char **reason)
{
	const struct idou_reason *idou = idou_lookup(u->record.idou_code);
	int live = found && !current->deleted;

	if (idou == NULL)
		return refuse(why, reason, "unknown-idou",
		    N_("異動事由のコードが不明です"));
	switch (idou->kind) {
	case IDOU_ENTRY:
		if (live)
			return refuse(why, reason, "already-resident",
			    N_("現に住民である者への転入等はできません"));
		break;
	case IDOU_CHANGE:
		if (!found)
			return refuse(why, reason, "unknown-resident",
			    N_("住民票コードに該当する住民がいません"));
		if (!live)
			return refuse(why, reason, "removed",
			    N_("消除された住民は変更できません"));
		if (idou->code == IDOU_TENKYO &&
		    !only_address_changed(current, &u->record))
			return refuse(why, reason, "tenkyo-not-address",
			    N_("転居では住所以外を変更できません"));
		break;
	case IDOU_REMOVAL:
		if (!found)
			return refuse(why, reason, "unknown-resident",
			    N_("住民票コードに該当する住民がいません"));
		if (!live)
			return refuse(why, reason, "already-removed",
			    N_("すでに消除されています"));
		as_removal(&u->record, current);
		break;
	}
	return UPDATE_APPLIED;
}

enum update_outcome
update_apply(struct store *st, struct cs_update *u, const char **why,
    const char **reason)
{
	struct resident current;
	enum update_outcome out;
	int found, rc;

	if ((rc = store_update_applied(st, u->update_id)) == STORE_OK)
		return UPDATE_REPLAY;
	if (rc != STORE_NOT_FOUND)
		return UPDATE_ERROR;
	rc = store_get_by_code(st, u->record.juminhyo_code, &current);
	if (rc != STORE_OK && rc != STORE_NOT_FOUND)
		return UPDATE_ERROR;
	found = rc == STORE_OK;
	out = check(u, found, &current, why, reason);
	resident_wipe(&current);
	if (out != UPDATE_APPLIED)
		return out;
	/* A returning resident's record continues, history and all. */
	rc = found ? store_update(st, &u->record) :
	    store_insert(st, &u->record);
	if (rc == STORE_EINVAL || rc == STORE_EEXIST)
		return refuse(why, reason, rc == STORE_EINVAL ?
		    "invalid-record" : "duplicate", store_error(st));
	if (rc != STORE_OK ||
	    store_mark_applied(st, u->update_id, u->record.update_seq) !=
	    STORE_OK)
		return UPDATE_ERROR;
	return UPDATE_APPLIED;
}
