/*
 * Unit tests for server-stub/audit-purge.c: the copy of what stays (the
 * run of entries before the cutoff at the head goes, nothing else), the
 * chain that continues in the new file, the replacement of the log, and
 * the purged log verified from the anchor a seal gives it, through every
 * state a crash can leave between the steps.
 */
#include <sys/stat.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "audit-purge.h"
#include "audit-seal.h"
#include "forge.h"

#define ENTRIES		20
#define R_DAMAGED	"監査ログが壊れています。検証してください"

struct ctx {
	char log[4096], tmp[4096], seals[4096], key[4096];
	char times[ENTRIES + 1][32];	/* of entry n */
	char hashes[ENTRIES + 1][65];
	struct seal_key *k;
};

static void
temp_path(char *out, size_t outsz, const char *what)
{
	const char *dir = getenv("TMPDIR");
	static unsigned counter;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	snprintf(out, outsz, "%s/juki-purge-%ld-%u.%s", dir, (long)getpid(),
	    counter++, what);
	unlink(out);
}

/* ENTRIES entries, each at least 2 ms after the one before, so that each
 * has a time of its own; their times and hashes kept. */
static int
setup(void **state)
{
	struct timespec gap = { 0, 2 * 1000 * 1000 };
	struct ctx *c = calloc(1, sizeof *c);
	struct audit_entry e;
	struct audit *a;
	const char *reason;
	char err[512];
	int64_t seq;

	assert_non_null(c);
	temp_path(c->log, sizeof c->log, "log");
	temp_path(c->tmp, sizeof c->tmp, "purge");
	temp_path(c->seals, sizeof c->seals, "seals");
	temp_path(c->key, sizeof c->key, "key");
	assert_int_equal(seal_key_create(c->key, err, sizeof err), 0);
	assert_non_null(c->k = seal_key_load(c->key, err, sizeof err));
	assert_int_equal(audit_open(c->log, &a, NULL, &reason), 0);
	for (int n = 1; n <= ENTRIES; n++) {
		memset(&e, 0, sizeof e);
		snprintf(e.action, sizeof e.action, "lookup.code");
		snprintf(e.target, sizeof e.target, "%011d", 30000000 + n);
		snprintf(e.result, sizeof e.result, "ok");
		nanosleep(&gap, NULL);
		assert_int_equal(audit_append(a, &e), 0);
		memcpy(c->times[n], e.time, sizeof c->times[n]);
		audit_head(a, &seq, c->hashes[n]);
		assert_int_equal(seq, n);
	}
	audit_close(a);
	*state = c;
	return 0;
}

static int
teardown(void **state)
{
	struct ctx *c = *state;

	seal_key_free(c->k);
	unlink(c->log);
	unlink(c->tmp);
	unlink(c->seals);
	unlink(c->key);
	free(c);
	return 0;
}

static int
exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* Lines from..to (1-based) of text, as they are. */
static char *
lines(const char *text, int from, int to)
{
	const char *start = text, *end;
	char *out;

	for (int i = 1; i < from; i++)
		start = strchr(start, '\n') + 1;
	end = start;
	for (int i = from; i <= to; i++)
		end = strchr(end, '\n') + 1;
	out = strndup(start, (size_t)(end - start));
	assert_non_null(out);
	return out;
}

static void
test_copy_and_commit(void **state)
{
	struct ctx *c = *state;
	struct audit_start start;
	struct audit_verdict v;
	struct audit_purge p;
	struct audit_entry e;
	struct audit *out;
	const char *reason;
	char *before = forge_slurp(c->log), *kept, *after;

	/* The cutoff is entry 11's time: 1 to 10 go, 11 stays. */
	assert_int_equal(audit_purge_copy(c->log, c->tmp, c->times[11], &p,
	    &out, &reason), 0);
	assert_non_null(out);
	assert_int_equal(p.removed, 10);
	assert_int_equal(p.from_seq, 1);
	assert_int_equal(p.to_seq, 10);
	assert_string_equal(p.from_time, c->times[1]);
	assert_string_equal(p.to_time, c->times[10]);
	assert_int_equal(p.first, 11);
	assert_string_equal(p.anchor, c->hashes[10]);
	assert_int_equal(p.head, ENTRIES);
	assert_string_equal(p.head_hash, c->hashes[ENTRIES]);
	/* The log is untouched until the commit; the copy is byte for byte
	 * what stays. */
	after = forge_slurp(c->log);
	assert_string_equal(after, before);
	free(after);
	kept = lines(before, 11, ENTRIES);
	after = forge_slurp(c->tmp);
	assert_string_equal(after, kept);
	free(after);
	/* The new file continues the chain. */
	memset(&e, 0, sizeof e);
	snprintf(e.action, sizeof e.action, "retention.purge");
	snprintf(e.result, sizeof e.result, "ok");
	assert_int_equal(audit_append(out, &e), 0);
	assert_int_equal(e.seq, ENTRIES + 1);
	assert_int_equal(audit_purge_commit(c->tmp, c->log), 0);
	assert_false(exists(c->tmp));
	audit_close(out);
	/* From seq 1 it is a log cut at its head; from the anchor, whole. */
	assert_int_equal(audit_verify(c->log, &v), 0);
	assert_int_equal(v.damage, AUDIT_DELETED);
	assert_int_equal(v.line, 1);
	start.seq = p.first;
	memcpy(start.prev, p.anchor, sizeof start.prev);
	assert_int_equal(audit_verify_from(c->log, &start, 1, NULL, NULL, &v),
	    0);
	assert_int_equal(v.damage, AUDIT_INTACT);
	assert_int_equal(v.first, 11);
	assert_int_equal(v.entries, ENTRIES - 10 + 1);
	assert_string_equal(v.first_time, c->times[11]);
	free(kept);
	free(before);
}

static void
test_nothing_to_remove(void **state)
{
	struct ctx *c = *state;
	struct audit_purge p;
	struct audit *out = (void *)1;
	const char *reason;
	char *before = forge_slurp(c->log), *after;

	assert_int_equal(audit_purge_copy(c->log, c->tmp, c->times[1], &p,
	    &out, &reason), 0);
	assert_null(out);
	assert_int_equal(p.removed, 0);
	assert_false(exists(c->tmp));
	after = forge_slurp(c->log);
	assert_string_equal(after, before);
	free(after);
	free(before);
}

/* Every entry past its period: the new log is empty and its first entry
 * will follow the last one removed. */
static void
test_everything_removed(void **state)
{
	struct ctx *c = *state;
	struct audit_purge p;
	struct audit_entry e;
	struct audit *out;
	const char *reason;
	char *text, prev[65], hash[65];

	assert_int_equal(audit_purge_copy(c->log, c->tmp,
	    "9999-12-31T23:59:59.999Z", &p, &out, &reason), 0);
	assert_int_equal(p.removed, ENTRIES);
	assert_int_equal(p.first, ENTRIES + 1);
	assert_string_equal(p.anchor, c->hashes[ENTRIES]);
	text = forge_slurp(c->tmp);
	assert_string_equal(text, "");
	free(text);
	memset(&e, 0, sizeof e);
	snprintf(e.action, sizeof e.action, "retention.purge");
	snprintf(e.result, sizeof e.result, "ok");
	assert_int_equal(audit_append(out, &e), 0);
	assert_int_equal(e.seq, ENTRIES + 1);
	audit_close(out);
	text = forge_slurp(c->tmp);
	assert_int_equal(audit_line_parse(text, strlen(text) - 1, &e, prev,
	    hash), 0);
	assert_string_equal(prev, c->hashes[ENTRIES]);
	free(text);
}

/* A clock set back: an older-looking entry after a kept one stays. */
static void
test_only_the_head_goes(void **state)
{
	struct ctx *c = *state;
	struct audit_purge p;
	struct audit *out;
	const char *reason;
	char *text, *line, *nl;
	FILE *f;
	int n = 0;

	/* Entry 4 said to be written in 2100, the chain made whole again. */
	text = forge_slurp(c->log);
	assert_non_null(f = fopen(c->log, "wb"));
	for (line = text; (nl = strchr(line, '\n')) != NULL; line = nl + 1) {
		json_t *obj = json_loadb(line, (size_t)(nl - line), 0, NULL);

		if (++n == 4)
			json_object_set_new(obj, "time",
			    json_string("2100-01-01T00:00:00.000Z"));
		assert_int_equal(json_dumpf(obj, f, JSON_COMPACT |
		    JSON_SORT_KEYS), 0);
		fputc('\n', f);
		json_decref(obj);
	}
	fclose(f);
	free(text);
	forge_log(c->log, 4, 0, 0, 0);
	assert_int_equal(audit_purge_copy(c->log, c->tmp,
	    "2099-01-01T00:00:00.000Z", &p, &out, &reason), 0);
	assert_int_equal(p.removed, 3);
	assert_int_equal(p.first, 4);
	audit_close(out);
}

static void
test_damaged_refused(void **state)
{
	struct ctx *c = *state;
	struct audit_purge p;
	struct audit *out;
	const char *reason = NULL;
	char *text = forge_slurp(c->log), *at, *line6, *line7;
	FILE *f;

	/* An edit, its hash not recomputed. */
	at = strstr(text, "30000005");
	assert_non_null(at);
	at[7] = '9';
	assert_non_null(f = fopen(c->log, "wb"));
	fputs(text, f);
	fclose(f);
	assert_int_equal(audit_purge_copy(c->log, c->tmp, c->times[11], &p,
	    &out, &reason), -1);
	assert_string_equal(reason, R_DAMAGED);
	assert_null(out);
	assert_false(exists(c->tmp));
	/* Every line its own, but one missing: the chain is broken. */
	at[7] = '5';
	line6 = text;
	for (int i = 1; i < 6; i++)
		line6 = strchr(line6, '\n') + 1;
	line7 = strchr(line6, '\n') + 1;
	assert_non_null(f = fopen(c->log, "wb"));
	fwrite(text, 1, (size_t)(line6 - text), f);
	fputs(line7, f);
	fclose(f);
	assert_int_equal(audit_purge_copy(c->log, c->tmp, c->times[11], &p,
	    &out, &reason), -1);
	assert_string_equal(reason, R_DAMAGED);
	assert_false(exists(c->tmp));
	free(text);
}

/* A file left by a purge that crashed is replaced, not appended to. */
static void
test_leftover_replaced(void **state)
{
	struct ctx *c = *state;
	struct audit_purge p;
	struct audit *out;
	const char *reason;
	char *before = forge_slurp(c->log), *kept, *after;
	FILE *f = fopen(c->tmp, "wb");

	assert_non_null(f);
	fputs("{\"half\":", f);
	fclose(f);
	assert_int_equal(audit_purge_copy(c->log, c->tmp, c->times[6], &p,
	    &out, &reason), 0);
	kept = lines(before, 6, ENTRIES);
	after = forge_slurp(c->tmp);
	assert_string_equal(after, kept);
	audit_close(out);
	free(after);
	free(kept);
	free(before);
}

static void
expect_sealed(const struct ctx *c, enum audit_damage damage, int64_t first)
{
	struct audit_seal_check chk = { c->seals, c->k, time(NULL) };
	struct audit_verdict v;

	assert_int_equal(audit_verify_sealed(c->log, &chk, &v), 0);
	if (v.damage != damage)
		fail_msg("verdict %s at line %lld, want %s",
		    audit_damage_name(v.damage), (long long)v.line,
		    audit_damage_name(damage));
	if (damage == AUDIT_INTACT)
		assert_int_equal(v.first, first);
}

/*
 * The purge as retention.c makes it, sealed, and the state a crash leaves
 * after each step: every one verifies.  Then a head cut where no seal
 * anchors it, and a first entry chained from elsewhere, are found.
 */
static void
test_sealed_purge(void **state)
{
	struct ctx *c = *state;
	struct audit_seals *s;
	struct audit_purge p;
	struct audit_entry e;
	struct audit *a, *out;
	const char *reason;
	char *purged, *text, *at;
	FILE *f;

	assert_int_equal(audit_open(c->log, &a, NULL, &reason), 0);
	assert_int_equal(audit_seals_open(c->seals, c->k, 300, a, 1, &s, NULL,
	    &reason), 0);
	assert_int_equal(audit_seals_write(s, a, 1), 0);
	expect_sealed(c, AUDIT_INTACT, 1);
	/* 1. The copy. */
	assert_int_equal(audit_purge_copy(c->log, c->tmp, c->times[8], &p,
	    &out, &reason), 0);
	expect_sealed(c, AUDIT_INTACT, 1);
	/* 2. The anchor: the old log verifies with it. */
	assert_int_equal(audit_seals_anchor(s, a, p.first, p.anchor), 0);
	assert_int_equal(audit_seals_last(s)->first, 8);
	expect_sealed(c, AUDIT_INTACT, 1);
	/* 3. The entry, in the new file. */
	memset(&e, 0, sizeof e);
	snprintf(e.action, sizeof e.action, "retention.purge");
	snprintf(e.result, sizeof e.result, "ok");
	assert_int_equal(audit_append(out, &e), 0);
	expect_sealed(c, AUDIT_INTACT, 1);
	/* 4. The new log in place: it verifies from the anchor. */
	assert_int_equal(audit_purge_commit(c->tmp, c->log), 0);
	expect_sealed(c, AUDIT_INTACT, 8);
	/* 5. The server goes on in the new file, and seals it. */
	audit_replace(a, out);
	assert_int_equal(audit_seals_write(s, a, 0), 0);
	assert_int_equal(audit_seals_last(s)->seq, ENTRIES + 1);
	assert_int_equal(audit_seals_last(s)->first, 8);
	memset(&e, 0, sizeof e);
	snprintf(e.action, sizeof e.action, "login");
	snprintf(e.result, sizeof e.result, "ok");
	assert_int_equal(audit_append(a, &e), 0);
	assert_int_equal(e.seq, ENTRIES + 2);
	assert_int_equal(audit_seals_write(s, a, 0), 0);
	/* An anchor never goes back. */
	assert_int_equal(audit_seals_anchor(s, a, 5, c->hashes[4]), -1);
	audit_seals_close(s);
	audit_close(a);
	expect_sealed(c, AUDIT_INTACT, 8);

	/* The head cut further, where no seal anchors it. */
	purged = forge_slurp(c->log);
	assert_non_null(f = fopen(c->log, "wb"));
	fputs(strchr(purged, '\n') + 1, f);
	fclose(f);
	expect_sealed(c, AUDIT_DELETED, 0);
	/* The first entry chained from elsewhere, all rehashed. */
	assert_non_null(f = fopen(c->log, "wb"));
	fputs(purged, f);
	fclose(f);
	text = forge_slurp(c->log);
	at = strstr(text, "\"prev\":\"") + 8;
	*at = *at == '0' ? '1' : '0';
	assert_non_null(f = fopen(c->log, "wb"));
	fputs(text, f);
	fclose(f);
	free(text);
	forge_log(c->log, 1, 0, 0, 0);
	expect_sealed(c, AUDIT_EDITED, 0);
	free(purged);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_copy_and_commit, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_nothing_to_remove, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_everything_removed, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_only_the_head_goes, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_damaged_refused, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_leftover_replaced, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_sealed_purge, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
