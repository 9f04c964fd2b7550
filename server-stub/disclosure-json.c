#include <string.h>

#include "disclosure-json.h"

json_t *
names_json(const char *names)
{
	json_t *list = json_array();
	const char *end;

	while (list != NULL && *names != '\0') {
		end = strchr(names, ',');
		if (end == NULL)
			end = names + strlen(names);
		if (json_array_append_new(list, json_stringn(names,
		    (size_t)(end - names))) != 0) {
			json_decref(list);
			return NULL;
		}
		names = *end == ',' ? end + 1 : end;
	}
	return list;
}

json_t *
request_json(const struct disclosure_request *r)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:o?, s:s, s:s, s:s, s:i,"
	    " s:s, s:s, s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
	    "request_no", r->request_no,
	    "channel", r->channel,
	    "requester", r->requester,
	    "representative", r->representative,
	    "documents", names_json(r->documents),
	    "name", r->name,
	    "kana", r->kana,
	    "birth_date", r->birth_date,
	    "sex", r->sex,
	    "address", r->address,
	    "juminhyo_code", r->juminhyo_code,
	    "fee", r->fee,
	    "state", r->state,
	    "received_at", r->received_at,
	    "received_by", r->received_by,
	    "decided_at", r->decided_at,
	    "decided_by", r->decided_by,
	    "notified_at", r->notified_at,
	    "notified_by", r->notified_by,
	    "notified_how", r->notified_how);
}

json_t *
correction_json(const struct correction *c)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s,"
	    " s:s}",
	    "correction_no", c->correction_no,
	    "request_no", c->request_no,
	    "kind", c->kind,
	    "item", c->item,
	    "current", c->current,
	    "requested", c->requested,
	    "reason", c->reason,
	    "state", c->state,
	    "registered_at", c->registered_at,
	    "registered_by", c->registered_by);
}
