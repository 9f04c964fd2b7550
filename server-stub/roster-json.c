#include "roster-json.h"

json_t *
roles_json(unsigned roles)
{
	json_t *list = json_array();

	for (unsigned bit = 1; bit <= ROLE_TRAINER; bit <<= 1)
		if (roles & bit)
			json_array_append_new(list, json_string(role_name(bit)));
	return list;
}

static json_t *
fingers_json(const struct operator *op)
{
	json_t *list = json_array();

	for (int i = 0; i < op->nprints; i++)
		json_array_append_new(list,
		    json_string(finger_name(op->fingers[i])));
	return list;
}

json_t *
operator_json(const struct operator *op, const char *today)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:o,"
	    " s:s, s:s, s:s, s:i}", "operator_id", op->id, "name", op->name,
	    "kana", op->kana, "affiliation", op->affiliation, "roles",
	    roles_json(op->roles), "status", op->status, "state",
	    operator_state(op, today), "method", op->method, "fingers",
	    fingers_json(op), "valid_from", op->valid_from, "valid_until",
	    op->valid_until, "application_no", op->application_no,
	    "failures", op->failures);
}

json_t *
application_json(const struct application *a)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:s,"
	    " s:s, s:s, s:s, s:s, s:s, s:s}", "application_no", a->no,
	    "kind", a->kind, "operator_id", a->operator_id, "name", a->name,
	    "kana", a->kana, "affiliation", a->affiliation, "roles",
	    roles_json(a->roles), "valid_from", a->valid_from, "valid_until",
	    a->valid_until, "requested_by", a->requested_by, "registered_by",
	    a->registered_by, "registered_at", a->registered_at,
	    "approved_by", a->approved_by, "approved_at", a->approved_at,
	    "state", a->state);
}

int
append_event(const struct operator_event *e, void *arg)
{
	return json_array_append_new(arg, json_pack("{s:s, s:s, s:s, s:s,"
	    " s:s, s:s}", "time", e->time, "action", e->action, "actor",
	    e->actor, "before", e->before, "after", e->after, "document",
	    e->document));
}

int
append_application(const struct application *a, void *arg)
{
	return json_array_append_new(arg, application_json(a));
}
