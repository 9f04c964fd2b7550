/*
 * The trainers' exercises (assets/training/exercises.conf, libconfig): what
 * a trainee is asked to do on a demo server, in Japanese and in English,
 * and the audit entries that show it done.  Read once at start; a file
 * that is not right is refused whole, with the line at fault, so a typo
 * never leaves an exercise that can never be done.
 *
 *   exercises = (
 *     { id = "lookup-code"; title = "…"; steps = [ "…", … ];
 *       title_en = "…"; steps_en = [ "…", … ];
 *       done_when = ( { action = "lookup.code"; result = "ok"; } ); },
 *     …
 *   );
 *
 * A condition is met by an audit entry of that action and result whose
 * reason is "reason" or starts with it and a ':' ("E_MISMATCH" is met by
 * "E_MISMATCH:birth"); any reason when it is absent.  An
 * exercise is done when every condition of it is met, each by some entry.
 */
#ifndef JUKI_EXERCISES_H
#define JUKI_EXERCISES_H

#include "audit.h"

#define EXERCISES_MAX 32
#define EXERCISE_STEPS_MAX 12
#define EXERCISE_CONDS_MAX 8
#define EXERCISE_ID_MAX 32		/* a-z, 0-9 and -, at most 31 */
#define EXERCISE_TEXT_CHARS 120		/* a title, a step */
#define EXERCISE_TEXT_MAX (4 * EXERCISE_TEXT_CHARS + 1)

enum exercise_language {
	EXERCISE_JA,
	EXERCISE_EN,
	EXERCISE_LANGUAGES
};

struct exercise_cond {
	char action[AUDIT_FIELD_MAX];	/* "lookup.code" */
	char result[16];		/* "ok", "refused", "error" */
	char reason[AUDIT_FIELD_MAX];	/* how the reason starts, or "" */
};

struct exercise_text {
	char title[EXERCISE_TEXT_MAX];
	char steps[EXERCISE_STEPS_MAX][EXERCISE_TEXT_MAX];
	int nsteps;
};

struct exercise {
	char id[EXERCISE_ID_MAX];
	struct exercise_text text[EXERCISE_LANGUAGES];
	struct exercise_cond when[EXERCISE_CONDS_MAX];
	int nwhen;
};

struct exercises {
	struct exercise list[EXERCISES_MAX];
	int count;
};

/* Which conditions of each exercise some entry met: a bit a condition. */
struct exercise_progress {
	unsigned met[EXERCISES_MAX];
};

/*
 * Reads path into *out (exercises_free releases it).  known_action, when
 * not NULL, says whether an action is one the audit log is written with.
 * Refused, with a message in err (file:line: what): a file others may
 * write, one libconfig cannot read, no exercises or too many, an id
 * missing, malformed or used twice, a title or step missing, empty, too
 * long, not clean text, or steps and steps_en of different lengths, a
 * condition of an unknown action or result, or with a reason "E_…" that
 * is no error code, an exercise without conditions, and a setting the
 * file may not have.  0 or -1.
 */
int exercises_load(const char *path, int (*known_action)(const char *),
    struct exercises **out, char *err, size_t errsz);
void exercises_free(struct exercises *x);

/* "ja" → EXERCISE_JA, "en" → EXERCISE_EN, else -1. */
int exercises_language(const char *name);

/* Whether entry e meets condition c: 1 or 0. */
int exercise_cond_met(const struct exercise_cond *c,
    const struct audit_entry *e);

/* Notes in p the conditions e meets. */
void exercises_note(const struct exercises *x, const struct audit_entry *e,
    struct exercise_progress *p);

/* Whether exercise i is done by what p noted: 1 or 0. */
int exercise_done(const struct exercises *x, int i,
    const struct exercise_progress *p);

#endif
