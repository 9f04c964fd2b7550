#include <stdio.h>
#include <string.h>

#include "juki/i18n.h"
#include "labels.h"

const char *
label_of(const struct label *table, const char *code)
{
	for (int i = 0; table[i].code != NULL; i++)
		if (strcmp(table[i].code, code) == 0)
			return _(table[i].text);
	return code;
}

const char *
label_at(const struct label *table, int at)
{
	return at < 0 ? _("すべて") : _(table[at].text);
}

int
label_count(const struct label *table)
{
	int n = 0;

	while (table[n].code != NULL)
		n++;
	return n;
}

int
label_next(const struct label *table, int at, int first)
{
	return table[at + 1].code != NULL ? at + 1 : first;
}

const char *
label_of_sex(const json_t *person)
{
	return json_integer_value(json_object_get(person, "sex")) == 1 ?
	    _("男") : _("女");
}

void
labels_join(const json_t *codes, const struct label *table, char *out,
    size_t outsz)
{
	const json_t *code;
	size_t i, len = 0;

	out[0] = '\0';
	json_array_foreach(codes, i, code) {
		const char *s = json_string_value(code);

		if (s == NULL || len >= outsz)
			continue;
		snprintf(out + len, outsz - len, "%s%s", len > 0 ? "、" : "",
		    label_of(table, s));
		len = strlen(out);
	}
}
