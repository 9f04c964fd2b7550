#include <stdio.h>
#include <string.h>

#include "juki/i18n.h"
#include "juki/protocol.h"
#include "roles.h"

static const struct {
	unsigned role;
	const char *label;
} roles[] = {
	{ ROLE_CLERK, N_("窓口担当") },
	{ ROLE_ADMIN, N_("システム管理者") },
	{ ROLE_AUDITOR, N_("監査担当") },
	{ ROLE_TRAINER, N_("研修担当") },
};

#define NROLES ((int)(sizeof roles / sizeof roles[0]))
#define FIRST_ROLE_KEY 3	/* F3 */

void
roles_text(unsigned set, char *out, size_t outsz)
{
	size_t len = 0;

	out[0] = '\0';
	for (int i = 0; i < NROLES && len < outsz; i++)
		if (set & roles[i].role) {
			snprintf(out + len, outsz - len, "%s%s",
			    len > 0 ? "・" : "", _(roles[i].label));
			len = strlen(out);
		}
}

void
roles_draw(unsigned set, int row, int col, int cols)
{
	char line[256];
	size_t len = 0;

	for (int i = 0; i < NROLES && len < sizeof line; i++) {
		snprintf(line + len, sizeof line - len, "F%d[%s]%s  ",
		    FIRST_ROLE_KEY + i, set & roles[i].role ? "×" : " ",
		    _(roles[i].label));
		len = strlen(line);
	}
	ui_put(row, col, cols, line, UI_PLAIN);
}

int
roles_key(unsigned *set, const struct ui_key *k)
{
	int i = k->fkey - FIRST_ROLE_KEY;

	if (i < 0 || i >= NROLES)
		return 0;
	*set ^= roles[i].role;
	return 1;
}

json_t *
roles_json(unsigned set)
{
	json_t *names = json_array();

	for (int i = 0; i < NROLES; i++)
		if (set & roles[i].role)
			json_array_append_new(names,
			    json_string(role_name(roles[i].role)));
	return names;
}

unsigned
roles_from_json(const json_t *names)
{
	unsigned set = 0;
	json_t *name;
	size_t i;

	json_array_foreach(names, i, name)
		if (json_is_string(name))
			set |= role_from_name(json_string_value(name));
	return set;
}
