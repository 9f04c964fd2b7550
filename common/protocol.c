#include <string.h>

#include "juki/i18n.h"
#include "juki/protocol.h"

struct error_info {
	const char *code;
	int status;
	const char *message;
};

static const struct error_info errors[PROTOCOL_ERROR_COUNT] = {
#define PROTOCOL_ROW(name, status, message) \
	[name] = { #name, status, N_(message) },
	PROTOCOL_ERRORS(PROTOCOL_ROW)
#undef PROTOCOL_ROW
};

const char *
protocol_error_code(enum protocol_error e)
{
	return errors[e].code;
}

int
protocol_error_status(enum protocol_error e)
{
	return errors[e].status;
}

const char *
protocol_error_message(enum protocol_error e)
{
	return errors[e].message;
}

int
protocol_error_from_code(const char *code)
{
	for (int i = 0; i < PROTOCOL_ERROR_COUNT; i++)
		if (strcmp(errors[i].code, code) == 0)
			return i;
	return -1;
}

static const struct {
	unsigned role;
	const char *name;
} roles[] = {
	{ ROLE_CLERK, "clerk" },
	{ ROLE_ADMIN, "admin" },
	{ ROLE_AUDITOR, "auditor" },
	{ ROLE_TRAINER, "trainer" },
};

const char *
role_name(unsigned role)
{
	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
		if (roles[i].role == role)
			return roles[i].name;
	return NULL;
}

unsigned
role_from_name(const char *name)
{
	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
		if (strcmp(roles[i].name, name) == 0)
			return roles[i].role;
	return 0;
}

static const char *const outcomes[AUTH_OUTCOME_COUNT] = {
#define AUTH_ROW(name, text) [name] = text,
	AUTH_OUTCOMES(AUTH_ROW)
#undef AUTH_ROW
};

const char *
auth_outcome_name(enum auth_outcome o)
{
	return outcomes[o];
}

int
name_index(const char *const *names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return (int)i;
	return -1;
}

int
auth_outcome_from_name(const char *name)
{
	return NAME_INDEX(outcomes, name);
}

#define NAME_ROW(name, label) name,

static const char *const fingers[] = { FINGERS(NAME_ROW) };
static const char *const states[] = { OPERATOR_STATES(NAME_ROW) };

#define NFINGERS (int)(sizeof fingers / sizeof fingers[0])

const char *
finger_name(int finger)
{
	return finger >= 0 && finger < NFINGERS ? fingers[finger] : NULL;
}

int
finger_from_name(const char *name)
{
	return NAME_INDEX(fingers, name);
}

int
operator_state_known(const char *name)
{
	return NAME_INDEX(states, name) >= 0;
}
