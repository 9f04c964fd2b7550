/*
 * The trainers' exercises (training/exercises), on a demo server only:
 * each exercise of the server's file, in the language asked for, with
 * whether the audit log holds what its conditions ask for.  The log is
 * read from its start each time: a demo's is small, and begins empty at
 * each reset.  Lines that are not intact entries are passed over: a
 * checklist is no record, and a training log has nothing to hide.
 */
#include <string.h>

#include "server.h"

static int
note(const struct audit_entry *e, void *arg)
{
	return exercises_note(arg, e) == 0 ? 0 : -1;
}

/* The answer for the exercises x in language lang, done as p says. */
static json_t *
answer(const struct exercises *x, int lang,
    const struct exercise_progress *p)
{
	json_t *list = json_array(), *steps;
	int done = 0;

	for (int i = 0; x != NULL && i < x->count; i++) {
		const struct exercise_text *t = &x->list[i].text[lang];
		int is_done = exercise_done(p, i);

		steps = json_array();
		for (int j = 0; j < t->nsteps; j++)
			json_array_append_new(steps, json_string(t->steps[j]));
		json_array_append_new(list, json_pack("{s:s, s:s, s:o, s:b}",
		    "id", x->list[i].id, "title", t->title, "steps", steps,
		    "done", is_done));
		done += is_done;
	}
	return json_pack("{s:o, s:i, s:i}", "exercises", list, "done", done,
	    "total", x != NULL ? x->count : 0);
}

/* What the log shows of the exercises x: NULL after refusing. */
static struct exercise_progress *
progress(struct request *rq, const struct exercises *x)
{
	struct exercise_progress *p = exercises_progress_new(x);
	int64_t damaged;

	if (p == NULL || (x != NULL && audit_each(rq->srv->cfg.audit_log,
	    note, p, &damaged) != 0)) {
		exercises_progress_free(p);
		reply_error(rq, E_INTERNAL, "audit");
		return NULL;
	}
	return p;
}

void
handle_training_exercises(struct request *rq)
{
	const struct exercises *x = rq->srv->exercises;
	int lang = exercises_language(body_string(rq, "language"));
	struct exercise_progress *p;
	json_t *body;

	/* What counts as done is read from the log of real work on a
	 * production server: nobody is trained there. */
	if (!rq->srv->cfg.demo) {
		reply_error(rq, E_NOT_DEMO, NULL);
		return;
	}
	if (lang < 0) {
		reply_error(rq, E_BAD_VALUE, "language");
		return;
	}
	if ((p = progress(rq, x)) == NULL)
		return;
	if ((body = answer(x, lang, p)) == NULL)
		reply_error(rq, E_INTERNAL, NULL);
	else
		reply_ok(rq, body);
	exercises_progress_free(p);
}
