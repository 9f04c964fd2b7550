/*
 * Applications: the 照合ID付与申請 an ID is issued on, registered by one
 * administrator and, when it asks for "admin" or "auditor", approved by
 * another; and role changes that wait for that approval (roster.h).
 * Their numbers, the paper's, are unique across both kinds.
 *
 * Changes follow the rules of roster.h: made in the caller's
 * transaction, c->before and c->after filled, 0 or -1 with *why set.
 */
#ifndef JUKI_APPLICATIONS_H
#define JUKI_APPLICATIONS_H

#include "operators.h"

#define APPLICATION_STATE_MAX 20

struct application {
	char no[OPERATOR_NUMBER_MAX];
	char kind[8];				/* "issue" or "roles" */
	char operator_id[OPERATOR_ID_MAX];	/* "" until issued */
	char name[OPERATOR_NAME_MAX];
	char kana[OPERATOR_NAME_MAX];
	char affiliation[OPERATOR_NAME_MAX];
	unsigned roles;
	char valid_from[OPERATOR_DATE_MAX];	/* "" for none */
	char valid_until[OPERATOR_DATE_MAX];	/* "" for no end */
	char requested_by[OPERATOR_NAME_MAX];	/* "" for a role change */
	char registered_by[OPERATOR_ID_MAX];
	char registered_at[OPERATOR_TIME_MAX];
	char approved_by[OPERATOR_ID_MAX];	/* "" */
	char approved_at[OPERATOR_TIME_MAX];	/* "" */
	char state[APPLICATION_STATE_MAX];	/* "awaiting-approval",
						   "approved", "done" */
};

/* Whether name is a state an application may be in: 1 or 0. */
int application_state_known(const char *name);

/*
 * Registers a, of kind "issue", by c->actor now.  It waits for approval
 * when it asks for "admin" or "auditor", else it is approved as it is;
 * a->state says which.  E_DUPLICATE when its number is taken.
 */
int applications_register(struct operators *ops, struct application *a,
    struct roster_change *c, enum protocol_error *why);

/*
 * Approves application no for c->actor, who neither registered it nor
 * is the operator it changes (E_SELF_APPROVAL); *out is the application
 * as it is then.  A role change takes effect at once: "roles" in the
 * operator's history.  E_NO_APPLICATION, E_NOT_AWAITING, E_REVOKED.
 */
int applications_approve(struct operators *ops, const char *no,
    struct roster_change *c, struct application *out,
    enum protocol_error *why);

/*
 * Issues the ID that approved application no asks for, into id: "OP"
 * and six digits, one more than the highest ever issued, so none comes
 * back.  It has no 照合情報 yet.  Its history starts with the
 * application, the approval when there was one, and the issue by
 * c->actor.  E_NO_APPLICATION (a role change too), E_NOT_APPROVED,
 * E_ALREADY_ISSUED.
 */
int applications_issue(struct operators *ops, const char *no,
    struct roster_change *c, char id[OPERATOR_ID_MAX],
    enum protocol_error *why);

/*
 * Calls each for the applications in state ("" for any) and, when
 * operator_id is not NULL, of that operator, oldest first, at most
 * ROSTER_LIST_MAX.  each returns 0 to go on.  0, or -1.
 */
int applications_list(struct operators *ops, const char *state,
    const char *operator_id, int (*each)(const struct application *, void *),
    void *arg);

#endif
