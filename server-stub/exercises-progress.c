/*
 * The trainers' exercises against the audit log, read in order: which
 * condition some entry met, and, for the conditions with not_after, which
 * targets each terminal was given by which action before.
 */
#include <stdlib.h>
#include <string.h>

#include "exercises.h"

/* A target a terminal was given by an action a not_after names. */
struct given {
	char terminal[AUDIT_FIELD_MAX];
	char target[AUDIT_FIELD_MAX];
	char action[AUDIT_FIELD_MAX];
};

struct exercise_progress {
	const struct exercises *x;
	unsigned met[EXERCISES_MAX];	/* a bit a condition */
	struct given *given;
	size_t ngiven, cap;
};

struct exercise_progress *
exercises_progress_new(const struct exercises *x)
{
	struct exercise_progress *p = calloc(1, sizeof *p);

	if (p != NULL)
		p->x = x;
	return p;
}

void
exercises_progress_free(struct exercise_progress *p)
{
	if (p == NULL)
		return;
	free(p->given);
	free(p);
}

/* A reason is parts joined by ':' ("E_MISMATCH:birth"): the condition's
 * matches whole parts, so E_NO_PRINT is not E_NO_PRINT_JOB. */
int
exercise_cond_met(const struct exercise_cond *c, const struct audit_entry *e)
{
	size_t n = strlen(c->reason);

	return strcmp(c->action, e->action) == 0 &&
	    strcmp(c->result, e->result) == 0 &&
	    strncmp(c->reason, e->reason, n) == 0 &&
	    (n == 0 || e->reason[n] == '\0' || e->reason[n] == ':');
}

/* Whether e's terminal was given e's target before, by an action c's
 * not_after names. */
static int
given_before(const struct exercise_progress *p, const struct exercise_cond *c,
    const struct audit_entry *e)
{
	for (size_t i = 0; i < p->ngiven; i++) {
		const struct given *g = &p->given[i];

		if (strcmp(g->target, e->target) != 0 ||
		    strcmp(g->terminal, e->terminal_id) != 0)
			continue;
		for (int j = 0; j < c->nnot_after; j++)
			if (strcmp(c->not_after[j], g->action) == 0)
				return 1;
	}
	return 0;
}

/* Whether some condition names e's action in its not_after. */
static int
disqualifies(const struct exercises *x, const struct audit_entry *e)
{
	for (int i = 0; i < x->count; i++)
		for (int j = 0; j < x->list[i].nwhen; j++)
			for (int k = 0; k < x->list[i].when[j].nnot_after; k++)
				if (strcmp(x->list[i].when[j].not_after[k],
				    e->action) == 0)
					return 1;
	return 0;
}

/* Keeps e's terminal, target and action: 0, or -1 out of memory. */
static int
remember(struct exercise_progress *p, const struct audit_entry *e)
{
	struct given *g;
	size_t cap;

	if (p->ngiven == p->cap) {
		cap = p->cap != 0 ? 2 * p->cap : 64;
		if ((g = reallocarray(p->given, cap, sizeof *g)) == NULL)
			return -1;
		p->given = g;
		p->cap = cap;
	}
	g = &p->given[p->ngiven++];
	memcpy(g->terminal, e->terminal_id, sizeof g->terminal);
	memcpy(g->target, e->target, sizeof g->target);
	memcpy(g->action, e->action, sizeof g->action);
	return 0;
}

int
exercises_note(struct exercise_progress *p, const struct audit_entry *e)
{
	const struct exercises *x = p->x;

	for (int i = 0; i < x->count; i++)
		for (int j = 0; j < x->list[i].nwhen; j++) {
			const struct exercise_cond *c = &x->list[i].when[j];

			if (exercise_cond_met(c, e) && (c->nnot_after == 0 ||
			    !given_before(p, c, e)))
				p->met[i] |= 1u << j;
		}
	/* Only what was given out counts as given. */
	if (strcmp(e->result, "ok") != 0 || e->target[0] == '\0' ||
	    !disqualifies(x, e))
		return 0;
	return remember(p, e);
}

int
exercise_done(const struct exercise_progress *p, int i)
{
	const struct exercises *x = p->x;
	unsigned all;

	if (i < 0 || i >= x->count || x->list[i].nwhen == 0)
		return 0;
	all = (1u << x->list[i].nwhen) - 1;
	return (p->met[i] & all) == all;
}
