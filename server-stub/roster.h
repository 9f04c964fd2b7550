/*
 * The lifecycle of an issued 照合ID: each change an administrator
 * decides, and what the roster shows of its operators.
 *
 * A change is made inside a transaction the caller began
 * (operators_begin) together with its line in the operator's history.
 * It takes c->actor and c->document and fills c->before and c->after
 * with what changed, for the audit log.  It returns 0, or -1 with *why
 * set: E_NO_OPERATOR, E_OWN_ID (the actor's own ID: someone else must
 * decide), E_REVOKED, the refusal of that change, or E_INTERNAL; the
 * caller then rolls back.  c->before holds the status whenever the
 * operator exists.
 */
#ifndef JUKI_ROSTER_H
#define JUKI_ROSTER_H

#include "operators.h"

/* One line of an operator's history. */
struct operator_event {
	char time[OPERATOR_TIME_MAX];
	char action[16];	/* "issue", "enrol", "lock", "roles", … */
	char actor[OPERATOR_ID_MAX];	/* "" for the server itself */
	char before[OPERATOR_NOTE_MAX];
	char after[OPERATOR_NOTE_MAX];
	char document[OPERATOR_NUMBER_MAX];
};

enum roster_transition {
	ROSTER_UNLOCK,		/* locked to active, else E_NOT_LOCKED */
	ROSTER_SUSPEND,		/* active or locked to suspended, else
				   E_STATE */
	ROSTER_RESUME,		/* suspended to active, else E_STATE */
	ROSTER_REVOKE,		/* to revoked, for good; its prints and PIN
				   are deleted */
};

/* Which operators a list shows: each filter "" for any. */
struct roster_filter {
	const char *state;	/* one of OPERATOR_STATES, today */
	const char *role;	/* a role name */
	const char *text;	/* in the ID, name, kana or affiliation */
};

/* Most operators a list shows. */
#define ROSTER_LIST_MAX 1000

int roster_transition(struct operators *ops, const char *id,
    enum roster_transition t, struct roster_change *c,
    enum protocol_error *why);

/* Replaces every print and any PIN of id with prints (1 to
 * PROTOCOL_MAX_FINGERS of distinct fingers, sealed for id): the method
 * becomes fingerprint. */
int roster_enrol(struct operators *ops, const char *id,
    const struct sealed_print *prints, int n, struct roster_change *c,
    enum protocol_error *why);

/* Replaces every print and any PIN of id with the PIN of hash: the
 * method becomes pin. */
int roster_set_pin(struct operators *ops, const char *id, const char *hash,
    struct roster_change *c, enum protocol_error *why);

/*
 * Gives id the set roles instead of theirs (the same set: E_STATE).  A
 * set that adds "admin" or "auditor" waits for another administrator:
 * it is stored as an application of kind "roles" numbered c->document
 * (E_DUPLICATE when that number is taken), and *awaiting set.
 * Otherwise it applies now.
 */
int roster_roles(struct operators *ops, const char *id, unsigned roles,
    struct roster_change *c, int *awaiting, enum protocol_error *why);

/* Sets the last day id is valid ("" for no end); one before their first
 * is E_BAD_VALUE.  It may revive a lapsed ID. */
int roster_validity(struct operators *ops, const char *id,
    const char *valid_until, struct roster_change *c,
    enum protocol_error *why);

/*
 * Calls each for the operators f lets through, by 照合ID, at most
 * ROSTER_LIST_MAX; the state is taken for the date today.  each returns
 * 0 to go on.  0, or -1 on error (or when each failed).
 */
int roster_list(struct operators *ops, const struct roster_filter *f,
    const char *today, int (*each)(const struct operator *, void *),
    void *arg);

/* Calls each for id's history, oldest first.  0, or -1. */
int roster_history(struct operators *ops, const char *id,
    int (*each)(const struct operator_event *, void *), void *arg);

#endif
