#include <jansson.h>

#include "juki/idou.h"
#include "juki/json-wipe.h"
#include "resident-json.h"

json_t *
resident_candidate_json(const struct resident *r)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:i, s:s, s:b}",
	    "juminhyo_code", r->juminhyo_code, "name_kanji", r->name_kanji,
	    "name_kana", r->name_kana, "birth_date", r->birth_date,
	    "sex", r->sex, "address", r->address, "removed", r->deleted);
}

json_t *
resident_json(const struct resident *r, int with_kojin)
{
	const struct idou_reason *idou = idou_lookup(r->idou_code);
	json_t *o = json_pack("{s:s, s:s, s:i, s:s, s:s, s:i, s:s, s:i,"
	    " s:i, s:s, s:s, s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i,"
	    " s:b, s:I, s:i, s:i}",
	    "juminhyo_code", r->juminhyo_code,
	    "name_kanji", r->name_kanji,
	    "name_gaiji_count", r->name_gaiji_count,
	    "name_kana", r->name_kana,
	    "birth_date", r->birth_date,
	    "sex", r->sex,
	    "address", r->address,
	    "address_gaiji_count", r->address_gaiji_count,
	    "idou_code", r->idou_code,
	    "idou_name", idou != NULL ? idou->name : "",
	    "idou_date", r->idou_date,
	    "retention_flag", r->retention_flag,
	    "seion_kana", r->seion_kana,
	    "municipality_code", r->municipality_code,
	    "aza_code", r->aza_code,
	    "operator_id", r->operator_id,
	    "terminal_id", r->terminal_id,
	    "timestamp", r->timestamp,
	    "notified_date", r->notified_date,
	    "gaiji_flag", r->gaiji_flag,
	    "removed", r->deleted,
	    "update_seq", (json_int_t)r->update_seq,
	    "name_gaiji_seq", r->name_gaiji_seq,
	    "address_gaiji_seq", r->address_gaiji_seq);

	if (o != NULL && with_kojin)
		json_object_set_new(o, "kojin_bango",
		    json_string(r->kojin_bango));
	return o;
}

struct history {
	json_t *list;
	int with_kojin;
};

static int
add_version(const struct resident *r, void *arg)
{
	struct history *h = arg;

	return json_array_append_new(h->list, resident_json(r, h->with_kojin));
}

int
resident_history_json(struct store *st, const char *code, int with_kojin,
    json_t **out)
{
	struct history h = { json_array(), with_kojin };
	int rc;

	*out = NULL;
	if (h.list == NULL)
		return STORE_ERROR;
	if ((rc = store_history(st, code, add_version, &h)) != STORE_OK) {
		json_wipe(h.list);
		return rc;
	}
	*out = h.list;
	return STORE_OK;
}

/* In the order of RESIDENT_ITEMS. */
const char *
resident_json_items(int with_kojin, int with_history)
{
	static const char *const items[2][2] = {
		{ RESIDENT_CANDIDATE_ITEMS ",idou",
		    RESIDENT_CANDIDATE_ITEMS ",idou,history" },
		{ RESIDENT_CANDIDATE_ITEMS ",kojin,idou",
		    RESIDENT_CANDIDATE_ITEMS ",kojin,idou,history" },
	};

	return items[with_kojin != 0][with_history != 0];
}
