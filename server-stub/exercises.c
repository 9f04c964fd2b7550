/*
 * The trainers' exercises: the file read and checked whole at start.  The
 * audit entries are matched against its conditions in
 * exercises-progress.c.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libconfig.h>

#include "exercises.h"
#include "juki/i18n.h"
#include "juki/protocol.h"
#include "juki/utf8.h"

/* The settings each level of the file may have. */
static const char *const top_names[] = { "exercises", NULL };
static const char *const exercise_names[] = { "id", "title", "steps",
    "title_en", "steps_en", "done_when", NULL };
static const char *const cond_names[] = { "action", "result", "reason",
    "not_after", NULL };
static const char *const results[] = { "ok", "refused", "error", NULL };

/* The names of each language's title and steps. */
static const char *const title_names[EXERCISE_LANGUAGES] = { "title",
    "title_en" };
static const char *const steps_names[EXERCISE_LANGUAGES] = { "steps",
    "steps_en" };

struct loading {
	const char *path;
	int (*known_action)(const char *);
	char *err;
	size_t errsz;
};

/* Says what is wrong at s's line: -1. */
static int __attribute__((format(printf, 3, 4)))
refuse(struct loading *l, const config_setting_t *s, const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	snprintf(l->err, l->errsz, "%s:%d: %s", l->path,
	    s != NULL ? config_setting_source_line(s) : 0, what);
	return -1;
}

static int
listed(const char *const *names, const char *name)
{
	for (; *names != NULL; names++)
		if (strcmp(*names, name) == 0)
			return 1;
	return 0;
}

/* Every setting of the group s one of names: a misspelt one would be
 * passed over unseen.  None from an @include, a file whose permissions
 * were never checked. */
static int
only(struct loading *l, const config_setting_t *s, const char *const *names)
{
	int n = config_setting_length(s);

	for (int i = 0; i < n; i++) {
		config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
		const char *name = config_setting_name(e);

		if (config_setting_source_file(e) != NULL)
			return refuse(l, e, _("@include で読み込んだ設定は使え"
			    "ません"));
		if (name == NULL || !listed(names, name))
			return refuse(l, e, _("%s は使えない設定です"),
			    name != NULL ? name : "?");
	}
	return 0;
}

/* Text a person reads: 1 to EXERCISE_TEXT_CHARS characters of valid
 * UTF-8 without control characters.  1 or 0. */
static int
clean_text(const char *v)
{
	char copy[EXERCISE_TEXT_MAX];
	size_t chars = 0, len;
	char32_t cp;

	for (const char *p = v; *p != '\0'; p += len, chars++)
		if ((len = utf8_decode(p, &cp)) == 0 ||
		    chars >= EXERCISE_TEXT_CHARS)
			return 0;
	return chars > 0 && utf8_sanitize(copy, sizeof copy, v) == 0;
}

/* The string setting name of group s into out (outsz bytes): 0, or -1
 * when it is missing or not a string. */
static int
string_of(const config_setting_t *s, const char *name, char *out,
    size_t outsz)
{
	const char *v;

	if (!config_setting_lookup_string(s, name, &v))
		return -1;
	return snprintf(out, outsz, "%s", v) < (int)outsz ? 0 : -1;
}

static int
load_id(struct loading *l, const config_setting_t *s, struct exercises *x,
    struct exercise *e)
{
	if (string_of(s, "id", e->id, sizeof e->id) != 0 || e->id[0] == '\0' ||
	    strspn(e->id, "abcdefghijklmnopqrstuvwxyz0123456789-") !=
	    strlen(e->id))
		return refuse(l, s, _("id は英小文字・数字・- の 1 から %d 文字"
		    "です"), EXERCISE_ID_MAX - 1);
	for (int i = 0; i < x->count; i++)
		if (strcmp(x->list[i].id, e->id) == 0)
			return refuse(l, s, _("id %s が重複しています"), e->id);
	return 0;
}

/* The title and steps of one language. */
static int
load_text(struct loading *l, const config_setting_t *s, int lang,
    struct exercise_text *t)
{
	config_setting_t *steps = config_setting_get_member(s,
	    steps_names[lang]);
	int n = steps != NULL ? config_setting_length(steps) : 0;
	const char *v;

	if (string_of(s, title_names[lang], t->title, sizeof t->title) != 0 ||
	    !clean_text(t->title))
		return refuse(l, s, _("%s は 1 から %d 文字の文字列です"),
		    title_names[lang], EXERCISE_TEXT_CHARS);
	if (steps == NULL || !(config_setting_is_array(steps) ||
	    config_setting_is_list(steps)) || n < 1 || n > EXERCISE_STEPS_MAX)
		return refuse(l, steps != NULL ? steps : s,
		    _("%s には 1 から %d 行の手順を並べてください"),
		    steps_names[lang], EXERCISE_STEPS_MAX);
	for (int i = 0; i < n; i++) {
		config_setting_t *step = config_setting_get_elem(steps,
		    (unsigned)i);

		if ((v = config_setting_get_string(step)) == NULL ||
		    !clean_text(v))
			return refuse(l, step, _("%s の %d 行目は 1 から %d "
			    "文字の文字列です"), steps_names[lang], i + 1,
			    EXERCISE_TEXT_CHARS);
		snprintf(t->steps[i], sizeof t->steps[i], "%s", v);
	}
	t->nsteps = n;
	return 0;
}

/* A reason "E_…" names an error code: one misspelt would never match. */
static int
reason_known(const char *reason)
{
	char code[AUDIT_FIELD_MAX];

	if (strncmp(reason, "E_", 2) != 0)
		return 1;
	snprintf(code, sizeof code, "%.*s", (int)strcspn(reason, ":"),
	    reason);
	return protocol_error_from_code(code) >= 0;
}

/* The actions whose giving of a target first disqualifies an entry. */
static int
load_not_after(struct loading *l, const config_setting_t *s,
    struct exercise_cond *c)
{
	config_setting_t *list = config_setting_get_member(s, "not_after");
	int n = list != NULL ? config_setting_length(list) : 0;
	const char *v;

	if (list == NULL)
		return 0;
	if (!(config_setting_is_array(list) || config_setting_is_list(list)) ||
	    n < 1 || n > EXERCISE_NOT_AFTER_MAX)
		return refuse(l, list, _("not_after には 1 から %d 件の操作の"
		    "名前を並べてください"), EXERCISE_NOT_AFTER_MAX);
	for (int i = 0; i < n; i++) {
		v = config_setting_get_string(config_setting_get_elem(list,
		    (unsigned)i));
		if (v == NULL || snprintf(c->not_after[i],
		    sizeof c->not_after[i], "%s", v) >=
		    (int)sizeof c->not_after[i] || (l->known_action != NULL &&
		    !l->known_action(v)))
			return refuse(l, list, _("not_after の %s は監査ログに"
			    "記録される操作の名前ではありません"),
			    v != NULL ? v : "?");
	}
	c->nnot_after = n;
	return 0;
}

static int
load_cond(struct loading *l, const config_setting_t *s,
    struct exercise_cond *c)
{
	if (!config_setting_is_group(s))
		return refuse(l, s, _("条件は { action = …; result = …; } の形"
		    "です"));
	if (only(l, s, cond_names) != 0)
		return -1;
	if (string_of(s, "action", c->action, sizeof c->action) != 0 ||
	    (l->known_action != NULL && !l->known_action(c->action)))
		return refuse(l, s, _("action は監査ログに記録される操作の名前"
		    "です (%s)"), c->action);
	if (string_of(s, "result", c->result, sizeof c->result) != 0 ||
	    !listed(results, c->result))
		return refuse(l, s, _("result は ok、refused、error の"
		    "どれかです"));
	if (config_setting_get_member(s, "reason") != NULL &&
	    (string_of(s, "reason", c->reason, sizeof c->reason) != 0 ||
	    c->reason[0] == '\0' || !clean_text(c->reason) ||
	    !reason_known(c->reason)))
		return refuse(l, s, _("reason はエラーコード (E_…) などの、"
		    "監査ログの理由の先頭です (%s)"), c->reason);
	return load_not_after(l, s, c);
}

static int
load_conds(struct loading *l, const config_setting_t *s, struct exercise *e)
{
	config_setting_t *when = config_setting_get_member(s, "done_when");
	int n = when != NULL ? config_setting_length(when) : 0;

	if (when == NULL || !config_setting_is_list(when) || n < 1 ||
	    n > EXERCISE_CONDS_MAX)
		return refuse(l, when != NULL ? when : s, _("done_when には 1 "
		    "から %d 件の条件を並べてください"), EXERCISE_CONDS_MAX);
	for (int i = 0; i < n; i++)
		if (load_cond(l, config_setting_get_elem(when, (unsigned)i),
		    &e->when[i]) != 0)
			return -1;
	e->nwhen = n;
	return 0;
}

static int
load_exercise(struct loading *l, const config_setting_t *s,
    struct exercises *x)
{
	struct exercise *e = &x->list[x->count];

	if (!config_setting_is_group(s))
		return refuse(l, s, _("課題は { id = …; … } の形です"));
	if (only(l, s, exercise_names) != 0 || load_id(l, s, x, e) != 0)
		return -1;
	for (int lang = 0; lang < EXERCISE_LANGUAGES; lang++)
		if (load_text(l, s, lang, &e->text[lang]) != 0)
			return -1;
	/* A translation line for line: one missing is seen at once. */
	if (e->text[EXERCISE_JA].nsteps != e->text[EXERCISE_EN].nsteps)
		return refuse(l, s, _("steps と steps_en の行数が違います"));
	if (load_conds(l, s, e) != 0)
		return -1;
	x->count++;
	return 0;
}

static int
load_all(struct loading *l, config_t *c, struct exercises *x)
{
	config_setting_t *root = config_root_setting(c);
	config_setting_t *list = config_lookup(c, "exercises");
	int n = list != NULL ? config_setting_length(list) : 0;

	if (only(l, root, top_names) != 0)
		return -1;
	if (list == NULL || !config_setting_is_list(list) || n < 1 ||
	    n > EXERCISES_MAX)
		return refuse(l, list, _("exercises には 1 から %d 件の課題を"
		    "並べてください"), EXERCISES_MAX);
	for (int i = 0; i < n; i++)
		if (load_exercise(l, config_setting_get_elem(list,
		    (unsigned)i), x) != 0)
			return -1;
	return 0;
}

/*
 * The file, opened once and checked as opened: what trainees are told to
 * do, so no one else may rewrite it.  NULL after saying why.
 */
static FILE *
open_file(const char *path, char *err, size_t errsz)
{
	struct stat sb;
	FILE *f;
	int fd;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY |
	    O_CLOEXEC)) < 0) {
		snprintf(err, errsz, _("%s: 設定ファイルを開けません"), path);
		return NULL;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))
		snprintf(err, errsz, _("%s: 設定ファイルを開けません"), path);
	else if (sb.st_mode & S_IWOTH)
		snprintf(err, errsz, _("%s: 他のユーザーが書き込める設定ファイル"
		    "は使えません"), path);
	else if ((f = fdopen(fd, "r")) != NULL)
		return f;
	else
		snprintf(err, errsz, _("%s: 設定ファイルを開けません"), path);
	close(fd);
	return NULL;
}

int
exercises_load(const char *path, int (*known_action)(const char *),
    struct exercises **out, char *err, size_t errsz)
{
	struct loading l = { path, known_action, err, errsz };
	struct exercises *x;
	config_t c;
	FILE *f;
	int rc;

	*out = NULL;
	if ((f = open_file(path, err, errsz)) == NULL)
		return -1;
	if ((x = calloc(1, sizeof *x)) == NULL) {
		snprintf(err, errsz, "%s: %s", path, _("メモリが足りません"));
		fclose(f);
		return -1;
	}
	/* Read from the file checked: an included one never was, so any
	 * setting from an @include is refused (only). */
	config_init(&c);
	if (!config_read(&c, f)) {
		snprintf(err, errsz, "%s:%d: %s", config_error_file(&c) !=
		    NULL ? config_error_file(&c) : path,
		    config_error_line(&c), config_error_text(&c));
		rc = -1;
	} else
		rc = load_all(&l, &c, x);
	config_destroy(&c);
	fclose(f);
	if (rc != 0) {
		free(x);
		return -1;
	}
	*out = x;
	return 0;
}

void
exercises_free(struct exercises *x)
{
	free(x);
}

int
exercises_language(const char *name)
{
	if (strcmp(name, "ja") == 0)
		return EXERCISE_JA;
	if (strcmp(name, "en") == 0)
		return EXERCISE_EN;
	return -1;
}

