/*
 * The paper's life after the printer: handed over, stored, destroyed,
 * each step an event of its line; and the events as they are read.
 */
#include <stdio.h>
#include <string.h>

#include "juki/utc-time.h"
#include "ledger-db.h"

/* The steps of PRINT_STATES after "printed": where each may go from. */
static const struct {
	const char *to;
	const char *from[2];
} steps[] = {
	{ "handed-over", { "printed", "stored" } },
	{ "stored", { "printed", NULL } },
	{ "destroyed", { "printed", "stored" } },
};

/* The step to to: its index, or -1 when to is no step. */
static int
step_index(const char *to)
{
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (strcmp(steps[i].to, to) == 0)
			return (int)i;
	return -1;
}

int
ledger_step_known(const char *name)
{
	return step_index(name) >= 0;
}

static int
step_allowed(int step, const char *from)
{
	for (int i = 0; i < 2 && steps[step].from[i] != NULL; i++)
		if (strcmp(steps[step].from[i], from) == 0)
			return 1;
	return 0;
}

/*
 * Who may take j to "destroyed" (an administrator, saying why) or a step
 * short of it (an administrator, or who printed it if they may still
 * print its form).  Refusals of the person come before the line's state
 * is told.  0, or -1 with *why set.
 */
static int
may_step(const struct print_job *j, const char *to, const char *note,
    const struct print_owner *who, enum protocol_error *why)
{
	int admin = (who->roles & ROLE_ADMIN) != 0;
	int destroy = strcmp(to, "destroyed") == 0;

	if (!admin && !ledger_may_print(who, j->form))
		*why = E_FORBIDDEN;
	else if (!admin && strcmp(j->operator_id, who->operator_id) != 0)
		*why = E_NOT_YOURS;
	else if (destroy && !admin)
		*why = E_FORBIDDEN;
	else if (destroy && note[0] == '\0')
		*why = E_NO_REASON;
	else
		return 0;
	return -1;
}

int
ledger_step(struct ledger *l, const char *serial, const char *to,
    const char *note, const struct print_owner *who, time_t now,
    struct print_job *out, enum protocol_error *why)
{
	char at[OPERATOR_TIME_MAX];
	int step = step_index(to), rc;

	if (step < 0) {
		*why = E_BAD_VALUE;
		return -1;
	}
	if ((rc = ledger_get(l, serial, out)) != 0) {
		*why = rc > 0 ? E_NO_PRINT_JOB : E_INTERNAL;
		return -1;
	}
	if (may_step(out, to, note, who, why) != 0)
		return -1;
	if (!step_allowed(step, out->state)) {
		*why = E_STATE;
		return -1;
	}
	*why = E_INTERNAL;	/* whatever fails from here */
	if (utc_text(now, at) != 0 || sqlite_db_run(l->db, 1, "UPDATE print_job"
	    " SET state = ?2 WHERE serial = ?1 AND state = ?3", 3, serial, to,
	    out->state) != 0 || ledger_event(l, serial, to, who, at,
	    note) != 0)
		return -1;
	snprintf(out->state, sizeof out->state, "%s", to);
	return 0;
}

int
ledger_events(struct ledger *l, const char *serial,
    int (*each)(const struct print_event *, void *), void *arg)
{
	struct print_event e;
	sqlite3_stmt *st;
	int rc;

	if ((st = sqlite_db_statement(l->db, "SELECT time, action,"
	    " operator_id, terminal_id, note FROM print_event"
	    " WHERE serial = ?1 ORDER BY seq", 1, serial)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&e, 0, sizeof e);
		sqlite_db_column_text(st, 0, e.time, sizeof e.time);
		sqlite_db_column_text(st, 1, e.action, sizeof e.action);
		sqlite_db_column_text(st, 2, e.operator_id,
		    sizeof e.operator_id);
		sqlite_db_column_text(st, 3, e.terminal_id,
		    sizeof e.terminal_id);
		sqlite_db_column_text(st, 4, e.note, sizeof e.note);
		if (each(&e, arg) != 0) {
			rc = SQLITE_ERROR;
			break;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}
