#include <string.h>

#include "juki/json-wipe.h"

/* Zeroes the strings of v and everything in it, keeping the structure. */
static void
wipe_contents(json_t *v)
{
	const char *key;
	json_t *item;
	size_t i;

	if (json_is_string(v))
		explicit_bzero((char *)json_string_value(v),
		    json_string_length(v));
	else if (json_is_object(v)) {
		json_object_foreach(v, key, item)
			wipe_contents(item);
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, item)
			wipe_contents(item);
	}
}

void
json_wipe(json_t *v)
{
	if (v == NULL)
		return;
	wipe_contents(v);
	json_decref(v);
}
