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

struct scan {
	const struct exercises *x;
	struct exercise_progress p;
};

static int
note(const struct audit_entry *e, void *arg)
{
	struct scan *s = arg;

	exercises_note(s->x, e, &s->p);
	return 0;
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
		int is_done = exercise_done(x, i, p);

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

void
handle_training_exercises(struct request *rq)
{
	struct scan s = { rq->srv->exercises, { { 0 } } };
	int lang = exercises_language(body_string(rq, "language"));
	int64_t damaged;
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
	if (s.x != NULL && audit_each(rq->srv->cfg.audit_log, note, &s,
	    &damaged) != 0) {
		reply_error(rq, E_INTERNAL, "audit");
		return;
	}
	if ((body = answer(s.x, lang, &s.p)) == NULL)
		reply_error(rq, E_INTERNAL, NULL);
	else
		reply_ok(rq, body);
}
