/*
 * Forgeries of an audit log for the unit tests, made as an attacker would:
 * the log's hashing rules are public (audit.h), only the seal key is not.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>
#include <openssl/evp.h>

#include "forge.h"

char *
forge_slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* A json_t's hash recomputed as the log's rules say: SHA-256 of the
 * entry without "hash", keys sorted, compact. */
void
forge_rehash(json_t *obj)
{
	static const char digits[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen;
	char hex[65], *text;

	json_object_del(obj, "hash");
	text = json_dumps(obj, JSON_COMPACT | JSON_SORT_KEYS);
	assert_non_null(text);
	assert_int_equal(EVP_Digest(text, strlen(text), md, &mdlen,
	    EVP_sha256(), NULL), 1);
	for (unsigned i = 0; i < 32; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 0x0f];
	}
	hex[64] = '\0';
	free(text);
	json_object_set_new(obj, "hash", json_string(hex));
}

/*
 * The log rewritten from line from on: line edit (0: none) gets another
 * target, and every line from from on is re-chained and rehashed.  drop:
 * the last line is left out.  extra: a forged entry is appended.
 */
void
forge_log(const char *path, int from, int edit, int drop, int extra)
{
	char *text = forge_slurp(path), *line = text, *nl, prev[65] = "";
	FILE *f = fopen(path, "wb");
	json_t *obj = NULL;
	int k = 0;

	assert_non_null(f);
	for (; (nl = strchr(line, '\n')) != NULL; line = nl + 1) {
		k++;
		if (drop && strchr(nl + 1, '\n') == NULL)
			break;
		json_decref(obj);
		obj = json_loadb(line, (size_t)(nl - line), 0, NULL);
		assert_non_null(obj);
		if (k == edit)
			json_object_set_new(obj, "target",
			    json_string("99999999999"));
		if (k >= from) {
			if (*prev != '\0')
				json_object_set_new(obj, "prev",
				    json_string(prev));
			forge_rehash(obj);
		}
		snprintf(prev, sizeof prev, "%s",
		    json_string_value(json_object_get(obj, "hash")));
		assert_true(json_dumpf(obj, f, JSON_COMPACT |
		    JSON_SORT_KEYS) == 0);
		fputc('\n', f);
	}
	if (extra) {
		json_object_set_new(obj, "seq", json_integer(json_integer_value(
		    json_object_get(obj, "seq")) + 1));
		json_object_set_new(obj, "prev", json_string(prev));
		json_object_set_new(obj, "target", json_string("88888888888"));
		forge_rehash(obj);
		assert_true(json_dumpf(obj, f, JSON_COMPACT |
		    JSON_SORT_KEYS) == 0);
		fputc('\n', f);
	}
	json_decref(obj);
	assert_int_equal(fclose(f), 0);
	free(text);
}

