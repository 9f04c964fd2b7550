/*
 * Unit tests for server-stub/audit.c: the hash chain as written, reopening
 * after a crash, what audit_open and audit_append refuse, and audit_verify
 * naming each kind of tampering at the line where it was done.  The forged
 * entries are made the way an attacker would: the canonical form and
 * SHA-256 are public, there is no key.
 */
#include <sys/resource.h>
#include <sys/stat.h>

#include <errno.h>
#include <setjmp.h>
#include <signal.h>
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
#include <openssl/evp.h>

#include "audit.h"

/* The reasons, spelled out so a change of wording is a deliberate one. */
#define R_OPEN		"監査ログを開けません"
#define R_BUSY		"監査ログは別のプロセスが使用中です"
#define R_DAMAGED	"監査ログが壊れています。検証してください"

#define ZEROS \
	"0000000000000000000000000000000000000000000000000000000000000000"
#define ENTRIES		20	/* in the log setup() writes */

struct ctx {
	char path[4096];	/* the log of ENTRIES entries */
	char copy[4096];	/* a manipulated copy, or another log */
	char link[4096];
};

struct lines {
	char **v;
	size_t n;
};

static void
temp_path(char *out, size_t outsz, const char *what)
{
	const char *dir = getenv("TMPDIR");
	static unsigned counter;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	snprintf(out, outsz, "%s/juki-audit-%ld-%u.%s", dir, (long)getpid(),
	    counter++, what);
	unlink(out);
}

/* Entry n of a day at the counter: logins, lookups, a refusal now and then. */
static void
sample(struct audit_entry *e, unsigned n)
{
	memset(e, 0, sizeof *e);
	snprintf(e->operator_id, sizeof e->operator_id, "OP%04u", n % 3);
	snprintf(e->terminal_id, sizeof e->terminal_id, "熊本県-端末%02u",
	    n % 7);
	if (n % 4 == 0) {
		snprintf(e->action, sizeof e->action, "%s", "login");
	} else {
		snprintf(e->action, sizeof e->action, "%s", "lookup.code");
		snprintf(e->target, sizeof e->target, "%011u", 10000000u + n);
		snprintf(e->jimu, sizeof e->jimu, "J%03u", n % 11);
	}
	if (n % 5 == 0) {
		snprintf(e->result, sizeof e->result, "%s", "refused");
		/* Quotes and a backslash: jansson must escape them. */
		snprintf(e->reason, sizeof e->reason, "%s",
		    "E_NOT_FOUND \"該当なし\" \\");
	} else
		snprintf(e->result, sizeof e->result, "%s", "ok");
	if (n % 6 == 0)
		snprintf(e->document, sizeof e->document, "%s", "総第123号");
	if (n % 4 != 0 && n % 5 != 0)
		snprintf(e->items, sizeof e->items, "%s",
		    "code,name,kana,birth,sex,address,idou");
}

/* Appends entries first..last to the log at path. */
static void
append_range(const char *path, unsigned first, unsigned last)
{
	struct audit_entry e;
	struct audit *a;
	const char *reason = NULL;
	int torn = -1;

	assert_int_equal(audit_open(path, &a, &torn, &reason), 0);
	assert_int_equal(torn, 0);
	for (unsigned n = first; n <= last; n++) {
		sample(&e, n);
		assert_int_equal(audit_append(a, &e), 0);
		assert_int_equal(e.seq, n);
	}
	audit_close(a);
}

static int
setup(void **state)
{
	struct ctx *c = calloc(1, sizeof *c);

	assert_non_null(c);
	temp_path(c->path, sizeof c->path, "log");
	temp_path(c->copy, sizeof c->copy, "copy");
	temp_path(c->link, sizeof c->link, "link");
	append_range(c->path, 1, ENTRIES);
	*state = c;
	return 0;
}

static int
teardown(void **state)
{
	struct ctx *c = *state;

	unlink(c->path);
	unlink(c->copy);
	unlink(c->link);
	free(c);
	return 0;
}

static off_t
file_size(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return st.st_size;
}

/* The whole file, NUL-terminated; *len its size. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;

	assert_non_null(f);
	n = (size_t)file_size(path);
	buf = malloc(n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, n, f), n);
	buf[n] = '\0';
	fclose(f);
	*len = n;
	return buf;
}

static void
append_raw(const char *path, const char *bytes, size_t len)
{
	FILE *f = fopen(path, "ab");

	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void
load_lines(const char *path, struct lines *l)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL, **grown;
	size_t bufsz = 0;
	ssize_t len;

	assert_non_null(f);
	l->v = NULL;
	l->n = 0;
	while ((len = getline(&buf, &bufsz, f)) != -1) {
		assert_true(len > 0 && buf[len - 1] == '\n');
		buf[len - 1] = '\0';
		grown = realloc(l->v, (l->n + 1) * sizeof *l->v);
		assert_non_null(grown);
		l->v = grown;
		assert_non_null(l->v[l->n++] = strdup(buf));
	}
	free(buf);
	fclose(f);
}

static void
save_lines(const char *path, const struct lines *l)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	for (size_t i = 0; i < l->n; i++)
		assert_true(fprintf(f, "%s\n", l->v[i]) > 0);
	assert_int_equal(fclose(f), 0);
}

static void
free_lines(struct lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* Line k (1-based) of l, for the helpers below. */
static const char *
line(const struct lines *l, size_t k)
{
	assert_true(k >= 1 && k <= l->n);
	return l->v[k - 1];
}

static void
delete_line(struct lines *l, size_t k)
{
	assert_true(k >= 1 && k <= l->n);
	free(l->v[k - 1]);
	/* A loop, not memmove: valgrind takes glibc's fortified memmove
	 * for a memcpy and reports the overlap. */
	for (size_t i = k - 1; i + 1 < l->n; i++)
		l->v[i] = l->v[i + 1];
	l->n--;
}

/* s (taken over) becomes line k; k = n + 1 appends. */
static void
insert_line(struct lines *l, size_t k, char *s)
{
	char **grown;

	assert_non_null(s);
	assert_true(k >= 1 && k <= l->n + 1);
	grown = realloc(l->v, (l->n + 1) * sizeof *l->v);
	assert_non_null(grown);
	l->v = grown;
	for (size_t i = l->n; i >= k; i--)
		l->v[i] = l->v[i - 1];
	l->v[k - 1] = s;
	l->n++;
}

static void
replace_line(struct lines *l, size_t k, char *s)
{
	assert_non_null(s);
	assert_true(k >= 1 && k <= l->n);
	free(l->v[k - 1]);
	l->v[k - 1] = s;
}

static void
swap_lines(struct lines *l, size_t k, size_t m)
{
	char *t = l->v[k - 1];

	l->v[k - 1] = l->v[m - 1];
	l->v[m - 1] = t;
}

static char *
copy_of(const struct lines *l, size_t k)
{
	char *s = strdup(line(l, k));

	assert_non_null(s);
	return s;
}

static json_t *
parse(const char *s)
{
	json_t *obj = json_loads(s, JSON_REJECT_DUPLICATES, NULL);

	assert_non_null(obj);
	assert_true(json_is_object(obj));
	return obj;
}

/* The string under key of a line. */
static void
get_field(const char *s, const char *key, char *out, size_t outsz)
{
	json_t *obj = parse(s);
	json_t *v = json_object_get(obj, key);

	assert_true(json_is_string(v));
	assert_true(json_string_length(v) < outsz);
	memcpy(out, json_string_value(v), json_string_length(v) + 1);
	json_decref(obj);
}

/* The rule an attacker can apply as well as we do: SHA-256 of the entry
 * without its hash, keys sorted, compact. */
static void
rehash(json_t *obj)
{
	static const char digits[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	char hex[65], *text;
	json_t *bare = json_copy(obj);

	assert_non_null(bare);
	json_object_del(bare, "hash");
	text = json_dumps(bare, JSON_COMPACT | JSON_SORT_KEYS);
	assert_non_null(text);
	assert_int_equal(EVP_Digest(text, strlen(text), md, &mdlen,
	    EVP_sha256(), NULL), 1);
	assert_int_equal(mdlen, 32);
	for (unsigned i = 0; i < 32; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 0x0f];
	}
	hex[64] = '\0';
	assert_int_equal(json_object_set_new(obj, "hash", json_string(hex)),
	    0);
	free(text);
	json_decref(bare);
}

static char *
dump(json_t *obj)
{
	char *s = json_dumps(obj, JSON_COMPACT | JSON_SORT_KEYS);

	assert_non_null(s);
	json_decref(obj);
	return s;
}

/* The line with key set to value (key removed when value is NULL), its
 * hash recomputed or not. */
static char *
with_json(const char *s, const char *key, json_t *value, int recompute)
{
	json_t *obj = parse(s);

	if (value == NULL)
		assert_int_equal(json_object_del(obj, key), 0);
	else
		assert_int_equal(json_object_set_new(obj, key, value), 0);
	if (recompute)
		rehash(obj);
	return dump(obj);
}

static char *
with_field(const char *s, const char *key, const char *value, int recompute)
{
	return with_json(s, key, json_string(value), recompute);
}

/* A forged entry modelled on line s: another target, the given seq and
 * prev, a correct hash. */
static char *
forge(const char *s, int64_t seq, const char *prev)
{
	json_t *obj = parse(s);

	json_object_set_new(obj, "seq", json_integer(seq));
	json_object_set_new(obj, "prev", json_string(prev));
	json_object_set_new(obj, "target", json_string("99999999999"));
	rehash(obj);
	return dump(obj);
}

/* The hash field of line k. */
static void
hash_of(const struct lines *l, size_t k, char out[65])
{
	get_field(line(l, k), "hash", out, 65);
}

static void
expect_verdict(const char *path, int64_t entries, enum audit_damage damage,
    int64_t at, int64_t seq)
{
	struct audit_verdict v;

	assert_int_equal(audit_verify(path, &v), 0);
	if (v.damage != damage || v.line != at || v.seq != seq)
		fail_msg("verdict %s at line %lld seq %lld, want %s at line "
		    "%lld seq %lld", audit_damage_name(v.damage),
		    (long long)v.line, (long long)v.seq,
		    audit_damage_name(damage), (long long)at, (long long)seq);
	assert_int_equal(v.entries, entries);
	if (damage == AUDIT_INTACT)
		assert_int_equal(strlen(v.head), 64);
	else
		assert_string_equal(v.head, "");
}

/* Writes l to the copy, checks the verdict on it, and starts l afresh
 * from the untouched log. */
static void
check(struct ctx *c, struct lines *l, enum audit_damage damage, int64_t at,
    int64_t seq)
{
	save_lines(c->copy, l);
	expect_verdict(c->copy, (int64_t)l->n, damage, at, seq);
	free_lines(l);
	load_lines(c->path, l);
}

static void
expect_intact_head(const char *path, int64_t entries, const char *head)
{
	struct audit_verdict v;

	assert_int_equal(audit_verify(path, &v), 0);
	assert_int_equal(v.damage, AUDIT_INTACT);
	assert_int_equal(v.entries, entries);
	assert_string_equal(v.head, head);
}

static void
test_chain_as_written(void **state)
{
	struct ctx *c = *state;
	char prev[65], want[65], hex[65];
	struct lines l;
	struct tm tm;
	int ms;

	load_lines(c->path, &l);
	assert_int_equal(l.n, ENTRIES);
	snprintf(prev, sizeof prev, "%s", ZEROS);
	for (size_t k = 1; k <= l.n; k++) {
		json_t *obj = parse(line(&l, k)), *seq;
		char *canonical;

		/* Exactly the thirteen keys, each of its type. */
		assert_int_equal(json_object_size(obj), 13);
		seq = json_object_get(obj, "seq");
		assert_true(json_is_integer(seq));
		assert_int_equal(json_integer_value(seq), k);
		static const char *const keys[] = { "time", "operator",
		    "terminal", "action", "target", "jimu", "result",
		    "reason", "document", "items", "prev", "hash" };
		for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
			assert_true(json_is_string(json_object_get(obj,
			    keys[i])));
		get_field(line(&l, k), "prev", hex, sizeof hex);
		assert_string_equal(hex, prev);

		/* The line is its own canonical form, and its hash is the
		 * hash of that form without "hash". */
		canonical = json_dumps(obj, JSON_COMPACT | JSON_SORT_KEYS);
		assert_string_equal(canonical, line(&l, k));
		free(canonical);
		get_field(line(&l, k), "hash", hex, sizeof hex);
		rehash(obj);
		assert_string_equal(json_string_value(json_object_get(obj,
		    "hash")), hex);
		snprintf(prev, sizeof prev, "%s", hex);

		/* UTC, although TZ is Japan: within a minute of now. */
		get_field(line(&l, k), "time", hex, sizeof hex);
		memset(&tm, 0, sizeof tm);
		assert_int_equal(sscanf(hex, "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ",
		    &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
		    &tm.tm_min, &tm.tm_sec, &ms), 7);
		assert_int_equal(strlen(hex), 24);
		tm.tm_year -= 1900;
		tm.tm_mon -= 1;
		assert_true(llabs((long long)(timegm(&tm) - time(NULL))) < 60);
		json_decref(obj);
	}
	/* Escaped, not cut: the quotes and backslash of entry 5. */
	get_field(line(&l, 5), "reason", hex, sizeof hex);
	assert_string_equal(hex, "E_NOT_FOUND \"該当なし\" \\");
	/* The document, always written: "" when there is none. */
	get_field(line(&l, 6), "document", hex, sizeof hex);
	assert_string_equal(hex, "総第123号");
	get_field(line(&l, 7), "document", hex, sizeof hex);
	assert_string_equal(hex, "");
	/* The items a provision gave out, "" for other entries. */
	get_field(line(&l, 7), "items", hex, sizeof hex);
	assert_string_equal(hex, "code,name,kana,birth,sex,address,idou");
	get_field(line(&l, 8), "items", hex, sizeof hex);
	assert_string_equal(hex, "");

	hash_of(&l, ENTRIES, want);
	expect_intact_head(c->path, ENTRIES, want);
	free_lines(&l);
}

static void
test_reopen_continues(void **state)
{
	struct ctx *c = *state;
	char head[65], prev[65];
	struct lines l;

	load_lines(c->path, &l);
	hash_of(&l, ENTRIES, head);
	free_lines(&l);

	append_range(c->path, ENTRIES + 1, ENTRIES + 1);
	append_range(c->path, ENTRIES + 2, ENTRIES + 3);
	load_lines(c->path, &l);
	assert_int_equal(l.n, ENTRIES + 3);
	get_field(line(&l, ENTRIES + 1), "prev", prev, sizeof prev);
	assert_string_equal(prev, head);
	hash_of(&l, ENTRIES + 3, head);
	expect_intact_head(c->path, ENTRIES + 3, head);
	free_lines(&l);
}

static void
expect_open_torn(const char *path, struct audit **a, int want)
{
	const char *reason = NULL;
	int torn = -1;

	if (audit_open(path, a, &torn, &reason) != 0)
		fail_msg("audit_open: %s", reason);
	assert_int_equal(torn, want);
}

/*
 * A log written before entries had the fields named (NULL ends them): l
 * rewritten as such, each entry without them and chained again, as that
 * version wrote them.
 */
static void
without(struct lines *l, const char *const *keys)
{
	char prev[65];

	snprintf(prev, sizeof prev, "%s", ZEROS);
	for (size_t k = 1; k <= l->n; k++) {
		json_t *obj = parse(line(l, k));

		for (const char *const *key = keys; *key != NULL; key++)
			assert_int_equal(json_object_del(obj, *key), 0);
		json_object_set_new(obj, "prev", json_string(prev));
		rehash(obj);
		snprintf(prev, sizeof prev, "%s",
		    json_string_value(json_object_get(obj, "hash")));
		replace_line(l, k, dump(obj));
	}
}

/* The log rewritten without keys verifies and is continued, the new entry
 * with every field: entry 6, with a document and items. */
static void
continue_without(struct ctx *c, const char *const *keys, struct lines *l)
{
	struct audit_entry e;
	struct audit *a;
	char text[65];

	load_lines(c->path, l);
	without(l, keys);
	save_lines(c->path, l);
	free_lines(l);
	expect_verdict(c->path, ENTRIES, AUDIT_INTACT, 0, 0);
	expect_open_torn(c->path, &a, 0);
	sample(&e, 6);
	snprintf(e.items, sizeof e.items, "%s", "code,name");
	assert_int_equal(audit_append(a, &e), 0);
	audit_close(a);
	expect_verdict(c->path, ENTRIES + 1, AUDIT_INTACT, 0, 0);
	load_lines(c->path, l);
	get_field(line(l, ENTRIES + 1), "document", text, sizeof text);
	assert_string_equal(text, "総第123号");
	get_field(line(l, ENTRIES + 1), "items", text, sizeof text);
	assert_string_equal(text, "code,name");
}

/* A log from before "document" and "items" still verifies and is
 * continued; only they may be missing, and only altogether. */
static void
test_entries_before_documents(void **state)
{
	static const char *const keys[] = { "document", "items", NULL };
	struct ctx *c = *state;
	struct lines l;

	continue_without(c, keys, &l);
	/* Another key in its place, or a document of another type, is not
	 * an entry. */
	replace_line(&l, 7, with_field(line(&l, 7), "note", "x", 1));
	check(c, &l, AUDIT_MALFORMED, 7, 0);
	replace_line(&l, ENTRIES + 1, with_json(line(&l, ENTRIES + 1),
	    "document", json_integer(1), 1));
	check(c, &l, AUDIT_MALFORMED, ENTRIES + 1, 0);
	free_lines(&l);
}

/* A log from after "document" and before "items" (every entry with a
 * document, none with items) verifies and is continued the same way;
 * items of another type are not an entry. */
static void
test_entries_before_items(void **state)
{
	static const char *const keys[] = { "items", NULL };
	struct ctx *c = *state;
	struct lines l;

	continue_without(c, keys, &l);
	replace_line(&l, 3, with_json(line(&l, 3), "items",
	    json_array(), 1));
	check(c, &l, AUDIT_MALFORMED, 3, 0);
	replace_line(&l, ENTRIES + 1, with_field(line(&l, ENTRIES + 1),
	    "items", "code,name,kana,birth,sex,address,kojin,idou,history,"
	    "and more than fits", 1));
	check(c, &l, AUDIT_MALFORMED, ENTRIES + 1, 0);
	free_lines(&l);
}

struct walk {
	int64_t seqs[ENTRIES + 8];
	size_t n;
	size_t stop_after;	/* 0: never stop */
	int items_seen;		/* entries with items, as written */
};

static int
walk_entry(const struct audit_entry *e, void *arg)
{
	struct walk *w = arg;
	struct audit_entry want;

	assert_true(w->n < sizeof w->seqs / sizeof w->seqs[0]);
	w->seqs[w->n++] = e->seq;
	sample(&want, (unsigned)e->seq);
	assert_string_equal(e->action, want.action);
	assert_string_equal(e->target, want.target);
	assert_string_equal(e->document, want.document);
	assert_string_equal(e->items, want.items);
	assert_int_equal(strlen(e->time), 24);
	if (e->items[0] != '\0')
		w->items_seen++;
	return w->stop_after != 0 && w->n == w->stop_after ? 7 : 0;
}

/* Every intact entry in the order of the file; a damaged line passed
 * over and counted; the walk stopped when asked; a missing log an
 * error. */
static void
test_each(void **state)
{
	struct ctx *c = *state;
	struct walk w = { .n = 0 };
	int64_t damaged = -1;
	struct lines l;

	assert_int_equal(audit_each(c->path, walk_entry, &w, &damaged), 0);
	assert_int_equal(damaged, 0);
	assert_int_equal(w.n, ENTRIES);
	for (size_t i = 0; i < w.n; i++)
		assert_int_equal(w.seqs[i], i + 1);
	assert_int_equal(w.items_seen, 12);	/* 1..20 not by 4 or 5 */

	/* Entry 3 edited, a line of garbage, a torn tail. */
	load_lines(c->path, &l);
	replace_line(&l, 3, with_field(line(&l, 3), "target", "99999999999",
	    0));
	insert_line(&l, 10, strdup("not an entry"));
	save_lines(c->copy, &l);
	free_lines(&l);
	append_raw(c->copy, "{\"seq\":", 7);
	memset(&w, 0, sizeof w);
	assert_int_equal(audit_each(c->copy, walk_entry, &w, &damaged), 0);
	assert_int_equal(damaged, 3);
	assert_int_equal(w.n, ENTRIES - 1);
	assert_int_equal(w.seqs[1], 2);
	assert_int_equal(w.seqs[2], 4);

	memset(&w, 0, sizeof w);
	w.stop_after = 5;
	assert_int_equal(audit_each(c->path, walk_entry, &w, &damaged), 7);
	assert_int_equal(w.n, 5);

	unlink(c->copy);
	assert_int_equal(audit_each(c->copy, walk_entry, &w, &damaged), -1);
	assert_int_equal(errno, ENOENT);
}

static void
test_torn_tail_cut(void **state)
{
	struct ctx *c = *state;
	off_t before = file_size(c->path), whole;
	struct audit_entry e;
	struct audit *a;
	char head[65];
	struct lines l;

	/* A crash in the middle of the write. */
	append_raw(c->path, "{\"action\":\"lookup.co", 20);
	expect_open_torn(c->path, &a, 1);
	assert_int_equal(file_size(c->path), before);
	sample(&e, 100);
	assert_int_equal(audit_append(a, &e), 0);
	assert_int_equal(e.seq, ENTRIES + 1);
	audit_close(a);
	load_lines(c->path, &l);
	hash_of(&l, ENTRIES + 1, head);
	free_lines(&l);
	expect_intact_head(c->path, ENTRIES + 1, head);

	/* All of it but the newline: still never acknowledged. */
	whole = file_size(c->path);
	assert_int_equal(truncate(c->path, whole - 1), 0);
	expect_open_torn(c->path, &a, 1);
	assert_int_equal(file_size(c->path), before);
	sample(&e, 101);
	assert_int_equal(audit_append(a, &e), 0);
	assert_int_equal(e.seq, ENTRIES + 1);
	audit_close(a);
	load_lines(c->path, &l);
	hash_of(&l, ENTRIES + 1, head);
	free_lines(&l);
	expect_intact_head(c->path, ENTRIES + 1, head);

	/* Nothing to cut: torn stays 0. */
	expect_open_torn(c->path, &a, 0);
	audit_close(a);
}

static void
test_torn_first_entry(void **state)
{
	struct ctx *c = *state;
	struct audit_entry e;
	struct audit *a;
	char prev[65];
	struct lines l;

	append_raw(c->copy, "{\"se", 4);
	expect_open_torn(c->copy, &a, 1);
	assert_int_equal(file_size(c->copy), 0);
	sample(&e, 1);
	assert_int_equal(audit_append(a, &e), 0);
	assert_int_equal(e.seq, 1);
	audit_close(a);
	load_lines(c->copy, &l);
	get_field(line(&l, 1), "prev", prev, sizeof prev);
	assert_string_equal(prev, ZEROS);
	free_lines(&l);
	expect_verdict(c->copy, 1, AUDIT_INTACT, 0, 0);
}

/*
 * Reopening after every append, with now and then a torn tail, so that the
 * last line and the tail fall across the chunks audit_open reads back.
 */
static void
test_reopen_across_chunks(void **state)
{
	struct ctx *c = *state;
	unsigned straddles = 0;
	struct audit_entry e;
	struct audit *a;
	struct lines l;
	int torn = 0;

	for (unsigned n = 1; n <= 80; n++) {
		off_t size;
		size_t len;

		expect_open_torn(c->copy, &a, torn);
		sample(&e, n);
		/* Lines of different lengths move the boundaries about. */
		memset(e.action, 'a', 10 + n * 7 % 53);
		e.action[10 + n * 7 % 53] = '\0';
		assert_int_equal(audit_append(a, &e), 0);
		assert_int_equal(e.seq, n);
		audit_close(a);

		load_lines(c->copy, &l);
		size = file_size(c->copy);
		len = strlen(line(&l, n)) + 1;
		if ((size - 1) / 4096 != (size - (off_t)len) / 4096)
			straddles++;
		torn = n % 3 == 0;
		if (torn)	/* a prefix of a line, as a crash leaves it */
			append_raw(c->copy, line(&l, n), n * 37 % (len - 1) +
			    1);
		free_lines(&l);
	}
	assert_true(straddles > 0);
	expect_open_torn(c->copy, &a, 0);
	audit_close(a);
	expect_verdict(c->copy, 80, AUDIT_INTACT, 0, 0);
}

static void
expect_refused(const char *path, const char *why)
{
	const char *reason = NULL;
	struct audit *a = NULL;
	int torn = -1;

	assert_int_equal(audit_open(path, &a, &torn, &reason), -1);
	assert_null(a);
	assert_int_equal(torn, 0);
	assert_non_null(reason);
	assert_string_equal(reason, why);
}

/* The server must not start on a damaged log, and must not touch it. */
static void
expect_damaged_untouched(const char *path)
{
	size_t before_len, after_len;
	char *before = slurp(path, &before_len), *after;

	expect_refused(path, R_DAMAGED);
	after = slurp(path, &after_len);
	assert_int_equal(after_len, before_len);
	assert_memory_equal(after, before, before_len);
	free(before);
	free(after);
}

static void
test_damaged_last_line_refused(void **state)
{
	struct ctx *c = *state;
	char big[5001];
	struct lines l;

	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	load_lines(c->path, &l);

	/* Edited without its hash. */
	replace_line(&l, ENTRIES, with_field(line(&l, ENTRIES), "target",
	    "99999999999", 0));
	save_lines(c->copy, &l);
	expect_damaged_untouched(c->copy);

	/* The same, and a torn tail after it: that tail is not cut either. */
	append_raw(c->copy, "{\"ac", 4);
	expect_damaged_untouched(c->copy);

	/* Not an entry. */
	replace_line(&l, ENTRIES, strdup("garbage"));
	save_lines(c->copy, &l);
	expect_damaged_untouched(c->copy);

	/* An empty line. */
	replace_line(&l, ENTRIES, strdup(""));
	save_lines(c->copy, &l);
	expect_damaged_untouched(c->copy);

	/* Longer than any entry, as a line or as a "torn" tail. */
	replace_line(&l, ENTRIES, strdup(big));
	save_lines(c->copy, &l);
	expect_damaged_untouched(c->copy);
	delete_line(&l, ENTRIES);
	save_lines(c->copy, &l);
	append_raw(c->copy, big, strlen(big));
	expect_damaged_untouched(c->copy);
	free_lines(&l);
}

static void
test_new_log_private(void **state)
{
	struct ctx *c = *state;
	const char *reason = NULL;
	struct audit *a;
	struct stat st;
	mode_t old;
	int torn = -1;

	/* Not the umask: the mode asked for is 0600. */
	old = umask(0);
	assert_int_equal(audit_open(c->copy, &a, &torn, &reason), 0);
	umask(old);
	assert_int_equal(torn, 0);
	assert_int_equal(stat(c->copy, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(st.st_size, 0);
	audit_close(a);
	expect_intact_head(c->copy, 0, ZEROS);
}

static void
test_symlink_refused(void **state)
{
	struct ctx *c = *state;
	struct stat st;

	assert_int_equal(symlink(c->path, c->link), 0);
	expect_refused(c->link, R_OPEN);

	/* Nor created through a dangling one. */
	assert_int_equal(unlink(c->link), 0);
	assert_int_equal(symlink(c->copy, c->link), 0);
	expect_refused(c->link, R_OPEN);
	assert_int_equal(lstat(c->copy, &st), -1);
	assert_int_equal(errno, ENOENT);
}

static void
test_second_writer_refused(void **state)
{
	struct ctx *c = *state;
	struct audit *a, *b;

	expect_open_torn(c->path, &a, 0);
	expect_refused(c->path, R_BUSY);
	audit_close(a);
	expect_open_torn(c->path, &b, 0);
	audit_close(b);
}

static void
test_unclean_fields_refused(void **state)
{
	static const char *const bad[] = {
		"0123\n4567",		/* a forged line break */
		"0123\r",
		"\t",
		"\x1b[2J",
		"\x7f",			/* DEL */
		"\xc2\x85",		/* NEL, a C1 control */
		"\xff",
		"\xc0\xaf",		/* overlong '/' */
		"\xed\xa0\x80",		/* a surrogate */
		"\xf4\x90\x80\x80",	/* above U+10FFFF */
		"\xe5\xb1",		/* 山 cut short */
	};
	struct ctx *c = *state;
	off_t before = file_size(c->path);
	struct audit_entry e;
	struct audit *a;

	expect_open_torn(c->path, &a, 0);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		sample(&e, 1);
		snprintf(e.target, sizeof e.target, "%s", bad[i]);
		assert_int_equal(audit_append(a, &e), -1);
		sample(&e, 1);
		snprintf(e.operator_id, sizeof e.operator_id, "%s", bad[i]);
		assert_int_equal(audit_append(a, &e), -1);
		/* e is left as it was. */
		assert_int_equal(e.seq, 0);
		assert_string_equal(e.time, "");
	}
	/* No NUL in the field. */
	sample(&e, 1);
	memset(e.reason, 'x', sizeof e.reason);
	assert_int_equal(audit_append(a, &e), -1);
	assert_int_equal(file_size(c->path), before);

	/* The chain goes on where it was. */
	sample(&e, 2);
	snprintf(e.target, sizeof e.target, "%s", "山田");
	assert_int_equal(audit_append(a, &e), 0);
	assert_int_equal(e.seq, ENTRIES + 1);
	audit_close(a);
	expect_verdict(c->path, ENTRIES + 1, AUDIT_INTACT, 0, 0);
}

/*
 * A full disk, made with RLIMIT_FSIZE: the write stops part way (EFBIG),
 * the part written is taken back, and the next append after the disk has
 * room again continues the chain from the last good entry.
 */
static void
test_failed_write_leaves_chain(void **state)
{
	struct ctx *c = *state;
	off_t before = file_size(c->path);
	struct rlimit old, small;
	struct audit_entry e;
	struct audit *a;
	void (*handler)(int);

	expect_open_torn(c->path, &a, 0);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	handler = signal(SIGXFSZ, SIG_IGN);
	small = old;
	small.rlim_cur = (rlim_t)before + 20;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	sample(&e, 1);
	assert_int_equal(audit_append(a, &e), -1);
	assert_int_equal(errno, EFBIG);
	assert_int_equal(e.seq, 0);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, handler);
	assert_int_equal(file_size(c->path), before);

	sample(&e, 2);
	assert_int_equal(audit_append(a, &e), 0);
	assert_int_equal(e.seq, ENTRIES + 1);
	audit_close(a);
	expect_verdict(c->path, ENTRIES + 1, AUDIT_INTACT, 0, 0);
}

static void
test_malformed_lines(void **state)
{
	struct ctx *c = *state;
	char long_target[65];
	struct lines l;
	char *s;
	size_t len;

	memset(long_target, '1', 64);
	long_target[64] = '\0';
	load_lines(c->path, &l);

	replace_line(&l, 7, strdup("not json"));
	check(c, &l, AUDIT_MALFORMED, 7, 0);
	insert_line(&l, 7, strdup(""));
	check(c, &l, AUDIT_MALFORMED, 7, 0);
	replace_line(&l, 7, strdup("[]"));
	check(c, &l, AUDIT_MALFORMED, 7, 0);
	/* Each of the following has its hash recomputed: the line is still
	 * not an entry. */
	replace_line(&l, 7, with_json(line(&l, 7), "jimu", NULL, 1));
	check(c, &l, AUDIT_MALFORMED, 7, 0);
	replace_line(&l, 7, with_field(line(&l, 7), "note", "x", 1));
	check(c, &l, AUDIT_MALFORMED, 7, 0);
	replace_line(&l, 7, with_field(line(&l, 7), "seq", "7", 1));
	check(c, &l, AUDIT_MALFORMED, 7, 0);
	replace_line(&l, 7, with_json(line(&l, 7), "seq", json_real(7.0), 1));
	check(c, &l, AUDIT_MALFORMED, 7, 0);
	replace_line(&l, 7, with_json(line(&l, 7), "seq", json_integer(0), 1));
	check(c, &l, AUDIT_MALFORMED, 7, 0);
	replace_line(&l, 7, with_json(line(&l, 7), "target", json_integer(1),
	    1));
	check(c, &l, AUDIT_MALFORMED, 7, 0);
	replace_line(&l, 7, with_field(line(&l, 7), "prev",
	    "ABCDEF0000000000000000000000000000000000000000000000000000000000",
	    1));
	check(c, &l, AUDIT_MALFORMED, 7, 0);
	replace_line(&l, 7, with_field(line(&l, 7), "hash", "abc", 0));
	check(c, &l, AUDIT_MALFORMED, 7, 0);
	replace_line(&l, 7, with_field(line(&l, 7), "target", "a\nb", 1));
	check(c, &l, AUDIT_MALFORMED, 7, 0);
	replace_line(&l, 7, with_field(line(&l, 7), "target", long_target, 1));
	check(c, &l, AUDIT_MALFORMED, 7, 0);
	replace_line(&l, 7, with_field(line(&l, 7), "time",
	    "2026-11-23 09:15:00", 1));
	check(c, &l, AUDIT_MALFORMED, 7, 0);

	/* A key twice: the second "seq" could say anything. */
	s = copy_of(&l, 7);
	len = strlen(s);
	s = realloc(s, len + 16);
	assert_non_null(s);
	snprintf(s + len - 1, 17, "%s", ",\"seq\":7}");
	replace_line(&l, 7, s);
	check(c, &l, AUDIT_MALFORMED, 7, 0);

	/* A torn last line, before audit_open has cut it. */
	save_lines(c->copy, &l);
	assert_int_equal(truncate(c->copy, file_size(c->copy) - 1), 0);
	expect_verdict(c->copy, ENTRIES, AUDIT_MALFORMED, ENTRIES, 0);

	/* A malformed line comes first even before other damage. */
	delete_line(&l, 12);
	replace_line(&l, 9, strdup("{"));
	check(c, &l, AUDIT_MALFORMED, 9, 0);
	free_lines(&l);
}

/* Fields changed, the hash left as it was. */
static void
test_edited(void **state)
{
	struct ctx *c = *state;
	char other[65];
	struct lines l;

	load_lines(c->path, &l);
	replace_line(&l, 5, with_field(line(&l, 5), "target", "99999999999",
	    0));
	check(c, &l, AUDIT_EDITED, 5, 5);
	replace_line(&l, 5, with_field(line(&l, 5), "result", "ok", 0));
	check(c, &l, AUDIT_EDITED, 5, 5);
	replace_line(&l, 5, with_json(line(&l, 5), "seq", json_integer(6), 0));
	check(c, &l, AUDIT_EDITED, 5, 6);
	hash_of(&l, 4, other);
	replace_line(&l, 5, with_field(line(&l, 5), "hash", other, 0));
	check(c, &l, AUDIT_EDITED, 5, 5);
	replace_line(&l, ENTRIES, with_field(line(&l, ENTRIES), "operator",
	    "OP9999", 0));
	check(c, &l, AUDIT_EDITED, ENTRIES, ENTRIES);
	free_lines(&l);
}

/* Fields changed and the hash recomputed: the next entry's prev tells. */
static void
test_edited_rehashed(void **state)
{
	struct ctx *c = *state;
	char prev[65];
	struct lines l;

	load_lines(c->path, &l);
	replace_line(&l, 6, with_field(line(&l, 6), "target", "99999999999",
	    1));
	check(c, &l, AUDIT_EDITED, 6, 6);
	replace_line(&l, 1, with_field(line(&l, 1), "result", "refused", 1));
	check(c, &l, AUDIT_EDITED, 1, 1);
	replace_line(&l, ENTRIES - 1, with_field(line(&l, ENTRIES - 1),
	    "operator", "OP9999", 1));
	check(c, &l, AUDIT_EDITED, ENTRIES - 1, ENTRIES - 1);
	/* Entry 6 replaced outright by a forgery chained to entry 5. */
	hash_of(&l, 5, prev);
	replace_line(&l, 6, forge(line(&l, 6), 6, prev));
	check(c, &l, AUDIT_EDITED, 6, 6);
	/* The first entry must chain to zeros: its successor tells, and so
	 * does the zeros rule when it has none. */
	replace_line(&l, 1, with_field(line(&l, 1), "prev",
	    "0000000000000000000000000000000000000000000000000000000000000001",
	    1));
	check(c, &l, AUDIT_EDITED, 1, 1);
	replace_line(&l, 1, with_field(line(&l, 1), "prev",
	    "0000000000000000000000000000000000000000000000000000000000000001",
	    1));
	while (l.n > 1)
		delete_line(&l, l.n);
	check(c, &l, AUDIT_EDITED, 1, 1);
	free_lines(&l);
}

static void
test_deleted(void **state)
{
	struct ctx *c = *state;
	struct lines l;

	load_lines(c->path, &l);
	delete_line(&l, 8);
	check(c, &l, AUDIT_DELETED, 8, 9);
	delete_line(&l, 1);
	check(c, &l, AUDIT_DELETED, 1, 2);
	delete_line(&l, 8);
	delete_line(&l, 8);
	delete_line(&l, 8);
	check(c, &l, AUDIT_DELETED, 8, 11);
	delete_line(&l, ENTRIES - 1);
	check(c, &l, AUDIT_DELETED, ENTRIES - 1, ENTRIES);
	free_lines(&l);
}

static void
test_inserted(void **state)
{
	struct ctx *c = *state;
	char prev[65];
	struct lines l;

	load_lines(c->path, &l);

	/* A forgery with the right seq, prev and hash: the original entry
	 * 10 follows it, and entry 11 chains to the original. */
	hash_of(&l, 9, prev);
	insert_line(&l, 10, forge(line(&l, 10), 10, prev));
	check(c, &l, AUDIT_INSERTED, 10, 10);

	/* The same forgery put after the original. */
	hash_of(&l, 9, prev);
	insert_line(&l, 11, forge(line(&l, 10), 10, prev));
	check(c, &l, AUDIT_INSERTED, 11, 10);

	/* Before the first entry. */
	insert_line(&l, 1, forge(line(&l, 1), 1, ZEROS));
	check(c, &l, AUDIT_INSERTED, 1, 1);

	/* A forgery for an old seq, further down. */
	hash_of(&l, 2, prev);
	insert_line(&l, 15, forge(line(&l, 3), 3, prev));
	check(c, &l, AUDIT_INSERTED, 15, 3);

	/*
	 * Plain copies are INSERTED wherever they are put, and named where
	 * they break the chain: the copy itself, or the second of two
	 * identical neighbours.
	 */
	insert_line(&l, 13, copy_of(&l, 3));
	check(c, &l, AUDIT_INSERTED, 13, 3);
	insert_line(&l, 4, copy_of(&l, 15));
	check(c, &l, AUDIT_INSERTED, 4, 15);
	insert_line(&l, 7, copy_of(&l, 6));
	check(c, &l, AUDIT_INSERTED, 7, 6);
	insert_line(&l, 1, copy_of(&l, 1));
	check(c, &l, AUDIT_INSERTED, 2, 1);
	insert_line(&l, ENTRIES + 1, copy_of(&l, ENTRIES));
	check(c, &l, AUDIT_INSERTED, ENTRIES + 1, ENTRIES);
	free_lines(&l);
}

static void
test_reordered(void **state)
{
	struct ctx *c = *state;
	struct lines l;

	load_lines(c->path, &l);
	swap_lines(&l, 11, 12);
	check(c, &l, AUDIT_REORDERED, 11, 12);
	swap_lines(&l, 1, 2);
	check(c, &l, AUDIT_REORDERED, 1, 2);
	swap_lines(&l, ENTRIES - 1, ENTRIES);
	check(c, &l, AUDIT_REORDERED, ENTRIES - 1, ENTRIES);

	/* Entry 3 moved down after entry 7: the first line out of place is
	 * line 3, which now holds entry 4. */
	insert_line(&l, 8, copy_of(&l, 3));
	delete_line(&l, 3);
	check(c, &l, AUDIT_REORDERED, 3, 4);

	/* Entry 15 moved up before entry 5. */
	insert_line(&l, 5, copy_of(&l, 15));
	delete_line(&l, 16);
	check(c, &l, AUDIT_REORDERED, 5, 15);
	free_lines(&l);
}

/*
 * What the chain alone cannot show: nothing follows the last entry to
 * disagree with it.  audit_verify still passes these; with the head
 * sealed, audit_verify_sealed fails them (test_seal.c, the same cases).
 */
static void
test_last_entry_not_yet_sealed(void **state)
{
	struct ctx *c = *state;
	char prev[65], head[65];
	struct lines l;

	load_lines(c->path, &l);

	/* The last entry edited, its hash recomputed. */
	replace_line(&l, ENTRIES, with_field(line(&l, ENTRIES), "target",
	    "99999999999", 1));
	hash_of(&l, ENTRIES, head);
	save_lines(c->copy, &l);
	expect_intact_head(c->copy, ENTRIES, head);
	free_lines(&l);
	load_lines(c->path, &l);

	/* The last entry deleted. */
	delete_line(&l, ENTRIES);
	hash_of(&l, ENTRIES - 1, head);
	save_lines(c->copy, &l);
	expect_intact_head(c->copy, ENTRIES - 1, head);
	free_lines(&l);
	load_lines(c->path, &l);

	/* A forged entry appended. */
	hash_of(&l, ENTRIES, prev);
	insert_line(&l, ENTRIES + 1, forge(line(&l, ENTRIES), ENTRIES + 1,
	    prev));
	hash_of(&l, ENTRIES + 1, head);
	save_lines(c->copy, &l);
	expect_intact_head(c->copy, ENTRIES + 1, head);
	free_lines(&l);
	load_lines(c->path, &l);

	/* A forgery put before the last entry: caught, but with nothing
	 * after the two rivals to tell them apart, the later one (here the
	 * original) is named. */
	hash_of(&l, ENTRIES - 1, prev);
	insert_line(&l, ENTRIES, forge(line(&l, ENTRIES), ENTRIES, prev));
	check(c, &l, AUDIT_INSERTED, ENTRIES + 1, ENTRIES);
	free_lines(&l);
}

static void
test_verify_errors(void **state)
{
	struct ctx *c = *state;
	struct audit_verdict v;
	const char *dir = getenv("TMPDIR");

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	assert_int_equal(audit_verify(c->copy, &v), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(audit_verify(dir, &v), -1);
	assert_int_equal(errno, EISDIR);
}

static void
test_damage_names(void **state)
{
	(void)state;
	assert_string_equal(audit_damage_name(AUDIT_INTACT), "改ざんなし");
	assert_string_equal(audit_damage_name(AUDIT_MALFORMED),
	    "形式が不正な行");
	assert_string_equal(audit_damage_name(AUDIT_EDITED), "内容の改ざん");
	assert_string_equal(audit_damage_name(AUDIT_DELETED),
	    "エントリの削除");
	assert_string_equal(audit_damage_name(AUDIT_INSERTED),
	    "エントリの挿入");
	assert_string_equal(audit_damage_name(AUDIT_REORDERED),
	    "順序の入れ替え");
	assert_string_equal(audit_damage_name((enum audit_damage)99),
	    "不明な損傷");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_chain_as_written, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_entries_before_documents,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_entries_before_items,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_each, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reopen_continues, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_torn_tail_cut, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_torn_first_entry, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_reopen_across_chunks,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged_last_line_refused,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_log_private, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_symlink_refused, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_second_writer_refused,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_unclean_fields_refused,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_write_leaves_chain,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_malformed_lines, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_edited, setup, teardown),
		cmocka_unit_test_setup_teardown(test_edited_rehashed, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_deleted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_inserted, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_reordered, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_last_entry_not_yet_sealed,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_verify_errors, setup,
		    teardown),
		cmocka_unit_test(test_damage_names),
	};

	/* The log is in UTC whatever the zone: run in Japan's. */
	setenv("TZ", "JST-9", 1);
	tzset();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
