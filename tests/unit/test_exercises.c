/*
 * The trainers' exercises: the shipped file read whole, a small file read
 * right, every refusal with the line at fault, and which audit entries
 * meet which condition and tick which exercise.  Each test works in its
 * own folder made with mkdtemp under $TMPDIR.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "exercises.h"

#define SHIPPED JUKI_SOURCE_DIR "/assets/training/exercises.conf"

struct fx {
	char dir[PATH_MAX];
	char path[PATH_MAX];	/* exercises.conf in it */
	char err[512];
	struct exercises *x;
};

/* The actions the tests take as known: those the shipped file uses and
 * a few more, as routes.c would say. */
static int
known(const char *action)
{
	static const char *const names[] = { "lookup.code", "lookup.kojin",
	    "lookup.4joho", "disclosure.receive", "disclosure.notify",
	    "print.finish", "login", "auth.begin", "operator.unlock",
	    "operator.issue", "operator.revoke", NULL };

	for (const char *const *n = names; *n != NULL; n++)
		if (strcmp(*n, action) == 0)
			return 1;
	return 0;
}

static void
write_file(struct fx *f, mode_t mode, const char *text)
{
	size_t len = strlen(text);
	int fd;

	fd = open(f->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(fchmod(fd, mode), 0);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	assert_int_equal(close(fd), 0);
}

static int
load(struct fx *f, const char *text)
{
	write_file(f, 0644, text);
	exercises_free(f->x);
	f->x = NULL;
	f->err[0] = '\0';
	return exercises_load(f->path, known, &f->x, f->err, sizeof f->err);
}

static int
setup(void **state)
{
	const char *tmp = getenv("TMPDIR");
	struct fx *f = calloc(1, sizeof *f);

	assert_non_null(f);
	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	assert_true(snprintf(f->dir, sizeof f->dir, "%s/juki-ex-XXXXXX",
	    tmp) < (int)sizeof f->dir);
	assert_non_null(mkdtemp(f->dir));
	assert_true(snprintf(f->path, sizeof f->path, "%s/exercises.conf",
	    f->dir) < (int)sizeof f->path);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	exercises_free(f->x);
	unlink(f->path);
	rmdir(f->dir);
	free(f);
	return 0;
}

/* An exercise in libconfig text, with its conditions. */
#define EXERCISE(id, when) \
	"{ id = \"" id "\"; title = \"題\"; steps = [ \"一\", \"二\" ];\n" \
	"  title_en = \"Title\"; steps_en = [ \"One\", \"Two\" ];\n" \
	"  done_when = ( " when " ); }"
#define OK(action) "{ action = \"" action "\"; result = \"ok\"; }"

static struct audit_entry
entry(const char *action, const char *result, const char *reason)
{
	struct audit_entry e;

	memset(&e, 0, sizeof e);
	snprintf(e.action, sizeof e.action, "%s", action);
	snprintf(e.result, sizeof e.result, "%s", result);
	snprintf(e.reason, sizeof e.reason, "%s", reason);
	return e;
}

static int
index_of(const struct exercises *x, const char *id)
{
	for (int i = 0; i < x->count; i++)
		if (strcmp(x->list[i].id, id) == 0)
			return i;
	fail_msg("no exercise %s", id);
	return -1;
}

/* The ids of the exercises p makes done, space-separated. */
static void
done_ids(const struct exercises *x, const struct exercise_progress *p,
    char *out, size_t outsz)
{
	size_t n = 0;

	out[0] = '\0';
	for (int i = 0; i < x->count; i++)
		if (exercise_done(x, i, p)) {
			snprintf(out + n, outsz - n, "%s%s", n ? " " : "",
			    x->list[i].id);
			n = strlen(out);
		}
}

static void
test_shipped_file(void **state)
{
	static const char *const ids[] = { "lookup-code", "lookup-kojin",
	    "lookup-4joho", "mismatch", "disclosure-notice", "lockout",
	    "issue-id", "revoke-id" };
	struct exercises *x = NULL;
	char err[512] = "";

	(void)state;
	if (exercises_load(SHIPPED, known, &x, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(x->count, 8);
	for (int i = 0; i < x->count; i++) {
		const struct exercise *e = &x->list[i];

		assert_string_equal(e->id, ids[i]);
		assert_true(e->text[EXERCISE_JA].title[0] != '\0');
		assert_true(e->text[EXERCISE_EN].title[0] != '\0');
		assert_true(e->text[EXERCISE_JA].nsteps > 0);
		assert_int_equal(e->text[EXERCISE_JA].nsteps,
		    e->text[EXERCISE_EN].nsteps);
		assert_true(e->nwhen > 0);
	}
	assert_string_equal(x->list[0].text[EXERCISE_JA].title,
	    "住民票コードで照会する");
	assert_string_equal(x->list[0].when[0].action, "lookup.code");
	exercises_free(x);
}

static void
test_small_file(void **state)
{
	struct fx *f = *state;
	const struct exercise *e;

	assert_int_equal(load(f, "exercises = (\n" EXERCISE("a-1",
	    OK("lookup.code") ", { action = \"login\"; result = \"refused\";"
	    " reason = \"E_LOCKED\"; }") ",\n" EXERCISE("b2",
	    OK("operator.issue")) "\n);\n"), 0);
	assert_int_equal(f->x->count, 2);
	e = &f->x->list[0];
	assert_string_equal(e->id, "a-1");
	assert_string_equal(e->text[EXERCISE_JA].title, "題");
	assert_string_equal(e->text[EXERCISE_JA].steps[1], "二");
	assert_string_equal(e->text[EXERCISE_EN].title, "Title");
	assert_string_equal(e->text[EXERCISE_EN].steps[0], "One");
	assert_int_equal(e->nwhen, 2);
	assert_string_equal(e->when[1].action, "login");
	assert_string_equal(e->when[1].result, "refused");
	assert_string_equal(e->when[1].reason, "E_LOCKED");
	assert_string_equal(e->when[0].reason, "");
	assert_string_equal(f->x->list[1].id, "b2");
}

/* Each file is refused with a message naming the line and saying what. */
static void
test_refusals(void **state)
{
	static const struct {
		const char *text;
		const char *says;	/* in the message */
		int line;		/* the line named, 0: any */
	} cases[] = {
		{ "", "exercises には", 0 },
		{ "exercises = ();", "exercises には", 1 },
		{ "exercises = ( " EXERCISE("a", OK("lookup.code")) " );\n"
		    "extra = 1;", "extra は使えない設定です", 4 },
		{ "exercises = (\n{ id = \"A\"; } );", "id は英小文字", 2 },
		{ "exercises = (\n{ title = \"t\"; } );", "id は英小文字", 2 },
		{ "exercises = (\n" EXERCISE("a", OK("lookup.code")) ",\n"
		    EXERCISE("a", OK("lookup.code")) ");",
		    "id a が重複しています", 5 },
		{ "exercises = (\n{ id = \"a\"; done_whn = (); } );",
		    "done_whn は使えない設定です", 2 },
		{ "exercises = (\n{ id = \"a\"; steps = [ \"x\" ]; } );",
		    "title は 1 から 120 文字", 2 },
		{ "exercises = (\n{ id = \"a\"; title = \"\"; } );",
		    "title は 1 から 120 文字", 2 },
		{ "exercises = (\n{ id = \"a\"; title = \"t\"; steps = []; } );",
		    "steps には 1 から 12 行", 2 },
		{ "exercises = (\n{ id = \"a\"; title = \"t\";\n"
		    "steps = [ \"x\", \"\\x01\" ]; } );",
		    "steps の 2 行目は", 3 },
		{ "exercises = (\n{ id = \"a\"; title = \"t\";\n"
		    "steps = [ \"x\" ]; steps_en = [ \"x\" ]; } );",
		    "title_en は", 2 },
		{ "exercises = (\n{ id = \"a\"; title = \"t\"; steps = [ \"x\" ];"
		    "\ntitle_en = \"t\"; steps_en = [ \"x\", \"y\" ]; } );",
		    "steps と steps_en の行数が違います", 2 },
		{ "exercises = (\n" EXERCISE("a", "") ");",
		    "done_when には 1 から 8 件", 4 },
		{ "exercises = (\n" EXERCISE("a", OK("lookup.cod")) ");",
		    "action は監査ログに記録される操作の名前です (lookup.cod)", 4 },
		{ "exercises = (\n" EXERCISE("a", "{ action = \"login\"; "
		    "result = \"refuse\"; }") ");", "result は ok", 4 },
		{ "exercises = (\n" EXERCISE("a", "{ action = \"login\"; "
		    "result = \"refused\"; reason = \"E_LOCKD\"; }") ");",
		    "reason はエラーコード", 4 },
		{ "exercises = (\n" EXERCISE("a", "{ action = \"login\"; "
		    "result = \"refused\"; reason = \"\"; }") ");",
		    "reason はエラーコード", 4 },
		{ "exercises = (\n" EXERCISE("a", "{ action = \"login\"; "
		    "result = \"ok\"; why = \"x\"; }") ");",
		    "why は使えない設定です", 4 },
		{ "exercises = (\n{ id = \"a\"", "syntax error", 2 },
	};
	struct fx *f = *state;
	char says[600];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (load(f, cases[i].text) != -1)
			fail_msg("case %zu was taken", i);
		assert_null(f->x);
		if (strstr(f->err, cases[i].says) == NULL ||
		    strncmp(f->err, f->path, strlen(f->path)) != 0)
			fail_msg("case %zu: %s", i, f->err);
		snprintf(says, sizeof says, "%s:%d: ", f->path, cases[i].line);
		if (cases[i].line != 0 && strncmp(f->err, says,
		    strlen(says)) != 0)
			fail_msg("case %zu, not line %d: %s", i, cases[i].line,
			    f->err);
	}
}

static void
test_text_length(void **state)
{
	struct fx *f = *state;
	char text[4096], title[EXERCISE_TEXT_MAX + 4];

	/* 120 characters of three bytes each: the most a title may have. */
	for (int i = 0; i < EXERCISE_TEXT_CHARS; i++)
		memcpy(title + 3 * i, "あ", 3);
	title[3 * EXERCISE_TEXT_CHARS] = '\0';
	snprintf(text, sizeof text, "exercises = ( { id = \"a\"; title = "
	    "\"%s\"; steps = [ \"x\" ]; title_en = \"t\"; steps_en = [ \"x\" ];"
	    " done_when = ( " OK("login") " ); } );", title);
	assert_int_equal(load(f, text), 0);
	assert_string_equal(f->x->list[0].text[EXERCISE_JA].title, title);
	snprintf(text, sizeof text, "exercises = ( { id = \"a\"; title = "
	    "\"%sい\"; steps = [ \"x\" ]; title_en = \"t\"; steps_en = [ \"x\" ];"
	    " done_when = ( " OK("login") " ); } );", title);
	assert_int_equal(load(f, text), -1);
	assert_non_null(strstr(f->err, "title は 1 から 120 文字"));
}

static void
test_file_others_may_write(void **state)
{
	struct fx *f = *state;

	write_file(f, 0646, "exercises = ( " EXERCISE("a", OK("login"))
	    " );");
	assert_int_equal(exercises_load(f->path, known, &f->x, f->err,
	    sizeof f->err), -1);
	assert_null(f->x);
	assert_non_null(strstr(f->err, "他のユーザーが書き込める"));
	unlink(f->path);
	assert_int_equal(exercises_load(f->path, known, &f->x, f->err,
	    sizeof f->err), -1);
	assert_non_null(strstr(f->err, "開けません"));
}

/* Without known_action, any action is taken. */
static void
test_no_action_check(void **state)
{
	struct fx *f = *state;

	write_file(f, 0644, "exercises = ( " EXERCISE("a", OK("made.up"))
	    " );");
	assert_int_equal(exercises_load(f->path, NULL, &f->x, f->err,
	    sizeof f->err), 0);
	assert_string_equal(f->x->list[0].when[0].action, "made.up");
}

static void
test_language(void **state)
{
	(void)state;
	assert_int_equal(exercises_language("ja"), EXERCISE_JA);
	assert_int_equal(exercises_language("en"), EXERCISE_EN);
	assert_int_equal(exercises_language("EN"), -1);
	assert_int_equal(exercises_language(""), -1);
	assert_int_equal(exercises_language("english"), -1);
}

static void
test_condition(void **state)
{
	struct exercise_cond mismatch = { "disclosure.receive", "refused",
	    "E_MISMATCH" };
	struct exercise_cond any = { "lookup.code", "ok", "" };
	struct exercise_cond no_print = { "operator.show", "refused",
	    "E_NO_PRINT" };
	struct audit_entry e;

	(void)state;
	e = entry("disclosure.receive", "refused", "E_MISMATCH:birth");
	assert_true(exercise_cond_met(&mismatch, &e));
	e = entry("disclosure.receive", "refused", "E_MISMATCH");
	assert_true(exercise_cond_met(&mismatch, &e));
	e = entry("disclosure.receive", "refused", "E_NO_FEE");
	assert_false(exercise_cond_met(&mismatch, &e));
	e = entry("disclosure.receive", "ok", "E_MISMATCH");
	assert_false(exercise_cond_met(&mismatch, &e));
	e = entry("disclosure.show", "refused", "E_MISMATCH");
	assert_false(exercise_cond_met(&mismatch, &e));
	/* Whole parts: a code is not the start of a longer one. */
	e = entry("operator.show", "refused", "E_NO_PRINT_JOB");
	assert_false(exercise_cond_met(&no_print, &e));
	e = entry("operator.show", "refused", "E_NO_PRINT:x");
	assert_true(exercise_cond_met(&no_print, &e));
	e = entry("lookup.code", "ok", "");
	assert_true(exercise_cond_met(&any, &e));
	e = entry("lookup.code", "ok", "anything");
	assert_true(exercise_cond_met(&any, &e));
	e = entry("lookup.code", "refused", "E_NOT_FOUND");
	assert_false(exercise_cond_met(&any, &e));
	e = entry("lookup.codes", "ok", "");
	assert_false(exercise_cond_met(&any, &e));
}

/* Every condition, each by some entry, in any order. */
static void
test_done_needs_every_condition(void **state)
{
	struct fx *f = *state;
	struct exercise_progress p;
	struct audit_entry e;

	assert_int_equal(load(f, "exercises = ( " EXERCISE("two",
	    "{ action = \"login\"; result = \"refused\"; reason = \"E_LOCKED\";"
	    " }, " OK("operator.unlock")) ", " EXERCISE("one",
	    OK("lookup.code")) " );"), 0);
	memset(&p, 0, sizeof p);
	assert_false(exercise_done(f->x, 0, &p));
	e = entry("operator.unlock", "ok", "");
	exercises_note(f->x, &e, &p);
	assert_false(exercise_done(f->x, 0, &p));
	e = entry("login", "refused", "E_NO_MATCH:no-match");
	exercises_note(f->x, &e, &p);
	assert_false(exercise_done(f->x, 0, &p));
	e = entry("login", "refused", "E_LOCKED:no-match");
	exercises_note(f->x, &e, &p);
	assert_true(exercise_done(f->x, 0, &p));
	assert_false(exercise_done(f->x, 1, &p));
	assert_false(exercise_done(f->x, 2, &p));
	assert_false(exercise_done(f->x, -1, &p));
}

/* What the server writes, as the shipped file reads it: each entry ticks
 * its own exercise and no other. */
static void
test_shipped_conditions(void **state)
{
	static const struct {
		const char *action, *result, *reason;
		const char *done;	/* the exercises done after it */
	} steps[] = {
		{ "lookup.code", "refused", "E_NOT_FOUND", "" },
		{ "lookup.code", "refused", "E_CHECK_DIGIT:juminhyo_code", "" },
		{ "lookup.code", "ok", "", "lookup-code" },
		{ "lookup.kojin", "ok", "", "lookup-code lookup-kojin" },
		{ "lookup.4joho", "refused", "E_TOO_MANY",
		    "lookup-code lookup-kojin" },
		{ "disclosure.receive", "refused", "E_NO_FEE",
		    "lookup-code lookup-kojin" },
		{ "disclosure.receive", "ok", "", "lookup-code lookup-kojin" },
		{ "print.finish", "ok", "printed",
		    "lookup-code lookup-kojin" },
		{ "disclosure.notify", "refused", "E_NOT_PRINTED:handed",
		    "lookup-code lookup-kojin" },
		{ "disclosure.notify", "ok", "handed",
		    "lookup-code lookup-kojin disclosure-notice" },
		{ "login", "refused", "E_NO_MATCH:no-match",
		    "lookup-code lookup-kojin disclosure-notice" },
		{ "login", "refused", "E_LOCKED:no-match",
		    "lookup-code lookup-kojin disclosure-notice" },
		{ "operator.unlock", "ok", "",
		    "lookup-code lookup-kojin disclosure-notice lockout" },
		{ "disclosure.receive", "refused", "E_MISMATCH:birth",
		    "lookup-code lookup-kojin mismatch disclosure-notice "
		    "lockout" },
		{ "operator.revoke", "refused", "E_NO_DOCUMENT",
		    "lookup-code lookup-kojin mismatch disclosure-notice "
		    "lockout" },
		{ "operator.issue", "ok", "",
		    "lookup-code lookup-kojin mismatch disclosure-notice "
		    "lockout issue-id" },
		{ "operator.revoke", "ok", "active->revoked",
		    "lookup-code lookup-kojin mismatch disclosure-notice "
		    "lockout issue-id revoke-id" },
		{ "lookup.4joho", "ok", "",
		    "lookup-code lookup-kojin lookup-4joho mismatch "
		    "disclosure-notice lockout issue-id revoke-id" },
	};
	struct exercises *x = NULL;
	struct exercise_progress p;
	struct audit_entry e;
	char err[512] = "", done[512];

	(void)state;
	if (exercises_load(SHIPPED, known, &x, err, sizeof err) != 0)
		fail_msg("%s", err);
	memset(&p, 0, sizeof p);
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		e = entry(steps[i].action, steps[i].result, steps[i].reason);
		exercises_note(x, &e, &p);
		done_ids(x, &p, done, sizeof done);
		if (strcmp(done, steps[i].done) != 0)
			fail_msg("after %s %s %s: done \"%s\", not \"%s\"",
			    steps[i].action, steps[i].result, steps[i].reason,
			    done, steps[i].done);
	}
	assert_int_equal(index_of(x, "revoke-id"), 7);
	exercises_free(x);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_shipped_file),
		T(test_small_file),
		T(test_refusals),
		T(test_text_length),
		T(test_file_others_may_write),
		T(test_no_action_check),
		T(test_language),
		T(test_condition),
		T(test_done_needs_every_condition),
		T(test_shipped_conditions),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
