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
	    "lookup.4joho", "resident.view", "provide.candidate",
	    "disclosure.receive", "disclosure.notify", "print.finish",
	    "login", "auth.begin", "operator.unlock", "operator.issue",
	    "operator.revoke", NULL };

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

/* An entry from terminal about target. */
static struct audit_entry
entry_at(const char *action, const char *result, const char *reason,
    const char *terminal, const char *target)
{
	struct audit_entry e;

	memset(&e, 0, sizeof e);
	snprintf(e.action, sizeof e.action, "%s", action);
	snprintf(e.result, sizeof e.result, "%s", result);
	snprintf(e.reason, sizeof e.reason, "%s", reason);
	snprintf(e.terminal_id, sizeof e.terminal_id, "%s", terminal);
	snprintf(e.target, sizeof e.target, "%s", target);
	return e;
}

static struct audit_entry
entry(const char *action, const char *result, const char *reason)
{
	return entry_at(action, result, reason, "T0001", "");
}

static void
note(struct exercise_progress *p, struct audit_entry e)
{
	assert_int_equal(exercises_note(p, &e), 0);
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
		if (exercise_done(p, i)) {
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
	assert_string_equal(x->list[0].when[0].action, "resident.view");
	assert_int_equal(x->list[0].when[0].nnot_after, 2);
	assert_string_equal(x->list[0].when[0].not_after[1],
	    "provide.candidate");
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
		{ "exercises = (\n" EXERCISE("a", "{ action = \"login\"; "
		    "result = \"ok\"; not_after = [ \"lookup.kojn\" ]; }") ");",
		    "not_after の lookup.kojn は監査ログに記録される", 4 },
		{ "exercises = (\n" EXERCISE("a", "{ action = \"login\"; "
		    "result = \"ok\"; not_after = [ ]; }") ");",
		    "not_after には 1 から 4 件", 4 },
		{ "exercises = (\n" EXERCISE("a", "{ action = \"login\"; "
		    "result = \"ok\"; not_after = [ \"login\", \"login\", "
		    "\"login\", \"login\", \"login\" ]; }") ");",
		    "not_after には 1 から 4 件", 4 },
		{ "exercises = (\n{ id = \"a\"", "syntax error", 2 },
	};
	struct fx *f = *state;
	char says[sizeof f->path + 16];

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

/* An included file's permissions were never checked: refused. */
static void
test_include_refused(void **state)
{
	struct fx *f = *state;
	char inc[PATH_MAX], text[PATH_MAX + 512];
	FILE *out;

	assert_true(snprintf(inc, sizeof inc, "%s/inc.conf", f->dir) <
	    (int)sizeof inc);
	assert_non_null(out = fopen(inc, "w"));
	fputs("title_en = \"Title\";\n", out);
	assert_int_equal(fclose(out), 0);
	assert_int_equal(chmod(inc, 0666), 0);
	snprintf(text, sizeof text, "exercises = ( { id = \"a\";\n"
	    "title = \"t\"; steps = [ \"x\" ];\n@include \"%s\"\n"
	    "steps_en = [ \"x\" ]; done_when = ( " OK("login") " ); } );",
	    inc);
	assert_int_equal(load(f, text), -1);
	assert_non_null(strstr(f->err, "@include で読み込んだ設定は使えません"));
	unlink(inc);
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
	struct exercise_cond mismatch = { .action = "disclosure.receive",
	    .result = "refused", .reason = "E_MISMATCH" };
	struct exercise_cond any = { .action = "lookup.code", .result = "ok" };
	struct exercise_cond no_print = { .action = "operator.show",
	    .result = "refused", .reason = "E_NO_PRINT" };
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
	struct exercise_progress *p;

	assert_int_equal(load(f, "exercises = ( " EXERCISE("two",
	    "{ action = \"login\"; result = \"refused\"; reason = \"E_LOCKED\";"
	    " }, " OK("operator.unlock")) ", " EXERCISE("one",
	    OK("lookup.code")) " );"), 0);
	assert_non_null(p = exercises_progress_new(f->x));
	assert_false(exercise_done(p, 0));
	note(p, entry("operator.unlock", "ok", ""));
	assert_false(exercise_done(p, 0));
	note(p, entry("login", "refused", "E_NO_MATCH:no-match"));
	assert_false(exercise_done(p, 0));
	note(p, entry("login", "refused", "E_LOCKED:no-match"));
	assert_true(exercise_done(p, 0));
	assert_false(exercise_done(p, 1));
	assert_false(exercise_done(p, 2));
	assert_false(exercise_done(p, -1));
	exercises_progress_free(p);
}

/* not_after: an entry about a target its terminal was given first by one
 * of those actions, answered ok, does not count; another terminal's, or
 * a refusal, is no matter. */
static void
test_not_after(void **state)
{
	struct fx *f = *state;
	struct exercise_progress *p;

	assert_int_equal(load(f, "exercises = ( " EXERCISE("code",
	    "{ action = \"resident.view\"; result = \"ok\"; not_after = "
	    "[ \"lookup.kojin\", \"provide.candidate\" ]; }") " );"), 0);
	assert_non_null(p = exercises_progress_new(f->x));
	note(p, entry_at("lookup.kojin", "ok", "", "T1", "11111111111"));
	note(p, entry_at("resident.view", "ok", "", "T1", "11111111111"));
	assert_false(exercise_done(p, 0));
	note(p, entry_at("provide.candidate", "ok", "", "T1", "22222222222"));
	note(p, entry_at("lookup.4joho", "ok", "", "T1", ""));
	note(p, entry_at("resident.view", "ok", "", "T1", "22222222222"));
	assert_false(exercise_done(p, 0));
	/* Refused: nothing was given. */
	note(p, entry_at("lookup.kojin", "refused", "E_NOT_FOUND", "T1",
	    "33333333333"));
	note(p, entry_at("resident.view", "refused", "E_NOT_FOUND", "T1",
	    "33333333333"));
	assert_false(exercise_done(p, 0));
	note(p, entry_at("resident.view", "ok", "", "T1", "33333333333"));
	assert_true(exercise_done(p, 0));
	exercises_progress_free(p);

	/* Given to another terminal: this one looked it up itself. */
	assert_non_null(p = exercises_progress_new(f->x));
	note(p, entry_at("lookup.kojin", "ok", "", "T1", "11111111111"));
	note(p, entry_at("resident.view", "ok", "", "T2", "11111111111"));
	assert_true(exercise_done(p, 0));
	exercises_progress_free(p);

	/* Given after: the lookup by code came first. */
	assert_non_null(p = exercises_progress_new(f->x));
	note(p, entry_at("resident.view", "ok", "", "T1", "11111111111"));
	note(p, entry_at("lookup.kojin", "ok", "", "T1", "11111111111"));
	assert_true(exercise_done(p, 0));
	exercises_progress_free(p);
}

/* Many targets given: the list grows. */
static void
test_not_after_many(void **state)
{
	struct fx *f = *state;
	struct exercise_progress *p;
	char code[16];

	assert_int_equal(load(f, "exercises = ( " EXERCISE("code",
	    "{ action = \"resident.view\"; result = \"ok\"; not_after = "
	    "[ \"provide.candidate\" ]; }") " );"), 0);
	assert_non_null(p = exercises_progress_new(f->x));
	for (int i = 0; i < 1000; i++) {
		snprintf(code, sizeof code, "%011d", i);
		note(p, entry_at("provide.candidate", "ok", "", "T1", code));
	}
	note(p, entry_at("resident.view", "ok", "", "T1", "00000000999"));
	assert_false(exercise_done(p, 0));
	note(p, entry_at("resident.view", "ok", "", "T1", "00000001000"));
	assert_true(exercise_done(p, 0));
	exercises_progress_free(p);
}

/* What the server writes for the terminal's flows, as the shipped file
 * reads it: each entry ticks its own exercise and no other. */
static void
test_shipped_conditions(void **state)
{
#define K "00220986420"	/* found by 個人番号 */
#define C "00539811045"	/* a 4情報 candidate */
#define R "00134603011"	/* looked up by 住民票コード */
	static const struct {
		const char *action, *result, *reason, *target;
		const char *done;	/* the exercises done after it */
	} steps[] = {
		{ "resident.view", "refused", "E_NOT_FOUND", R, "" },
		{ "resident.view", "refused", "E_CHECK_DIGIT:juminhyo_code", R,
		    "" },
		/* Not the terminal's way: no exercise asks for it. */
		{ "lookup.code", "ok", "", R, "" },
		{ "lookup.kojin", "ok", "", K, "lookup-kojin" },
		{ "resident.view", "ok", "", K, "lookup-kojin" },
		{ "lookup.4joho", "refused", "E_TOO_MANY", "", "lookup-kojin" },
		{ "provide.candidate", "ok", "", C, "lookup-kojin" },
		{ "lookup.4joho", "ok", "", "", "lookup-kojin lookup-4joho" },
		{ "resident.view", "ok", "", C, "lookup-kojin lookup-4joho" },
		{ "resident.view", "ok", "", R,
		    "lookup-code lookup-kojin lookup-4joho" },
	};
	static const struct {
		const char *action, *result, *reason;
		const char *done;	/* the exercises done after it */
	} more[] = {
		{ "disclosure.receive", "refused", "E_NO_FEE", "" },
		{ "disclosure.receive", "ok", "", "" },
		{ "print.finish", "ok", "printed", "" },
		{ "disclosure.notify", "refused", "E_NOT_PRINTED:handed", "" },
		{ "disclosure.notify", "ok", "handed", "disclosure-notice" },
		{ "login", "refused", "E_NO_MATCH:no-match",
		    "disclosure-notice" },
		{ "login", "refused", "E_LOCKED:no-match",
		    "disclosure-notice" },
		{ "operator.unlock", "ok", "", "disclosure-notice lockout" },
		{ "disclosure.receive", "refused", "E_MISMATCH:birth",
		    "mismatch disclosure-notice lockout" },
		{ "operator.revoke", "refused", "E_NO_DOCUMENT",
		    "mismatch disclosure-notice lockout" },
		{ "operator.issue", "ok", "",
		    "mismatch disclosure-notice lockout issue-id" },
		{ "operator.revoke", "ok", "active->revoked",
		    "mismatch disclosure-notice lockout issue-id revoke-id" },
	};
	struct exercises *x = NULL;
	struct exercise_progress *p;
	char err[512] = "", done[512];

	(void)state;
	if (exercises_load(SHIPPED, known, &x, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_non_null(p = exercises_progress_new(x));
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		note(p, entry_at(steps[i].action, steps[i].result,
		    steps[i].reason, "T0001", steps[i].target));
		done_ids(x, p, done, sizeof done);
		if (strcmp(done, steps[i].done) != 0)
			fail_msg("after %s %s %s: done \"%s\", not \"%s\"",
			    steps[i].action, steps[i].result, steps[i].reason,
			    done, steps[i].done);
	}
	exercises_progress_free(p);
	/* The rest from a fresh log, one at a time. */
	assert_non_null(p = exercises_progress_new(x));
	for (size_t i = 0; i < sizeof more / sizeof more[0]; i++) {
		note(p, entry(more[i].action, more[i].result, more[i].reason));
		done_ids(x, p, done, sizeof done);
		if (strcmp(done, more[i].done) != 0)
			fail_msg("after %s %s %s: done \"%s\", not \"%s\"",
			    more[i].action, more[i].result, more[i].reason,
			    done, more[i].done);
	}
	assert_int_equal(index_of(x, "revoke-id"), 7);
	exercises_progress_free(p);
	exercises_free(x);
#undef K
#undef C
#undef R
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
		T(test_include_refused),
		T(test_no_action_check),
		T(test_language),
		T(test_condition),
		T(test_done_needs_every_condition),
		T(test_not_after),
		T(test_not_after_many),
		T(test_shipped_conditions),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
