/*
 * The fields the roster's requests carry, each checked before anything
 * is looked up: what a person typed on the paper's behalf is trimmed,
 * and refused rather than mended when it is not clean.
 */
#include <stdio.h>
#include <string.h>

#include "server.h"

int
body_text(struct request *rq, const char *name, int required, char *out)
{
	if (operator_text(body_string(rq, name), out) != 0 ||
	    (required && out[0] == '\0')) {
		reply_error(rq, E_BAD_VALUE, name);
		return -1;
	}
	return 0;
}

/* The number under name into out: 0, 1 when absent or empty, or -1
 * after refusing it. */
static int
number(struct request *rq, const char *name, char *out)
{
	char text[OPERATOR_NAME_MAX];

	out[0] = '\0';
	if (operator_text(body_string(rq, name), text) != 0 ||
	    (text[0] != '\0' && !operator_number_well_formed(text))) {
		reply_error(rq, E_BAD_VALUE, name);
		return -1;
	}
	if (text[0] == '\0')
		return 1;
	memcpy(out, text, strlen(text) + 1);	/* well formed: it fits */
	return 0;
}

int
body_number(struct request *rq, const char *name, char *out)
{
	int rc = number(rq, name, out);

	if (rc > 0)
		reply_error(rq, E_BAD_VALUE, name);
	return rc == 0 ? 0 : -1;
}

int
body_document(struct request *rq, int required, char *out)
{
	int rc = number(rq, "document", out);

	if (rc < 0)
		return -1;
	if (rc > 0 && required) {
		reply_error(rq, E_NO_DOCUMENT, NULL);
		return -1;
	}
	snprintf(rq->audit.document, sizeof rq->audit.document, "%s", out);
	return 0;
}

/* An unknown role, or one named twice, is a client's mistake: refused,
 * not guessed at. */
int
body_roles(struct request *rq, unsigned *out)
{
	json_t *list = json_object_get(rq->body, "roles"), *v;
	unsigned role;
	size_t i;

	*out = 0;
	json_array_foreach(list, i, v) {
		role = json_is_string(v) ?
		    role_from_name(json_string_value(v)) : 0;
		if (role == 0 || (*out & role) != 0) {
			*out = 0;
			break;
		}
		*out |= role;
	}
	if (*out == 0) {
		reply_error(rq, E_BAD_VALUE, "roles");
		return -1;
	}
	return 0;
}

static int
date(struct request *rq, const char *name, char *out)
{
	const char *s = body_string(rq, name);

	if (*s != '\0' && !operator_date_well_formed(s)) {
		reply_error(rq, E_BAD_VALUE, name);
		return -1;
	}
	snprintf(out, OPERATOR_DATE_MAX, "%s", s);
	return 0;
}

int
body_validity(struct request *rq, char *from, char *until)
{
	char today[OPERATOR_DATE_MAX];

	if (date(rq, "valid_from", from) != 0 ||
	    date(rq, "valid_until", until) != 0)
		return -1;
	operators_today(today);
	if (*until != '\0' && (strcmp(until, today) < 0 ||
	    (*from != '\0' && strcmp(until, from) < 0))) {
		reply_error(rq, E_BAD_VALUE, "valid_until");
		return -1;
	}
	return 0;
}
