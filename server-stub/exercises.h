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
 * "E_MISMATCH:birth"); any reason when it is absent.  With not_after =
 * [ "lookup.kojin", … ], not by an entry whose target (the 住民票コード)
 * the same terminal was given before by one of those actions, answered
 * ok: the terminal views a record (resident.view) for a lookup by
 * 住民票コード, and again for one found by 個人番号 or 4情報.  An
 * exercise is done when every condition of it is met, each by some
 * entry.
 */
#ifndef JUKI_EXERCISES_H
#define JUKI_EXERCISES_H

#include "audit.h"

#define EXERCISES_MAX 32
#define EXERCISE_STEPS_MAX 12
#define EXERCISE_CONDS_MAX 8
#define EXERCISE_NOT_AFTER_MAX 4
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
	char not_after[EXERCISE_NOT_AFTER_MAX][AUDIT_FIELD_MAX];
	int nnot_after;			/* actions that give its target
					   first disqualify it */
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

/* What the audit log showed so far (exercises-progress.c). */
struct exercise_progress;

/*
 * Reads path into *out (exercises_free releases it).  known_action, when
 * not NULL, says whether an action is one the audit log is written with.
 * Refused, with a message in err (file:line: what): a file that is not
 * a regular one or that others may write, one libconfig cannot read, a
 * setting from an @include, no exercises or too many, an id missing,
 * malformed or used twice, a title or step missing, empty, too long, not
 * clean text, or steps and steps_en of different lengths, a
 * condition of an unknown action or result, with a reason "E_…" that is
 * no error code or not_after not 1 to EXERCISE_NOT_AFTER_MAX known
 * actions, an exercise without conditions, and a setting the file may
 * not have.  0 or -1.
 */
int exercises_load(const char *path, int (*known_action)(const char *),
    struct exercises **out, char *err, size_t errsz);
void exercises_free(struct exercises *x);

/* "ja" → EXERCISE_JA, "en" → EXERCISE_EN, else -1. */
int exercises_language(const char *name);

/* Whether entry e meets condition c, by itself (not_after aside): 1 or
 * 0. */
int exercise_cond_met(const struct exercise_cond *c,
    const struct audit_entry *e);

/*
 * The progress of the exercises x through an audit log read in order:
 * exercises_progress_new (NULL when out of memory), exercises_note for
 * each entry (0, or -1 when out of memory), then exercise_done for each
 * exercise, whether every condition of exercise i was met: 1 or 0.
 */
struct exercise_progress *exercises_progress_new(const struct exercises *x);
int exercises_note(struct exercise_progress *p, const struct audit_entry *e);
int exercise_done(const struct exercise_progress *p, int i);
void exercises_progress_free(struct exercise_progress *p);

#endif
