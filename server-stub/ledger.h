/*
 * The forms ledger (帳票管理簿): one line for each form a terminal was
 * allowed to print, under a serial number the page carries, with who
 * printed it where, why, and how the spooling ended.  A SQLite file of
 * its own beside the roster.
 *
 * The file only grows: a line is never deleted, and once written it
 * changes only once, from "issued" to "printed" or "not-printed" (its
 * state, finished_at and detail); the file refuses anything else, however
 * it is reached.  Serials are "P", the year of issue (local, the year the
 * paper is dated in), "-" and six digits: one more than the last ever
 * issued, whatever the year, so none repeats and none goes back.
 *
 * Nothing here reads the clock: the time is passed in.  A change is made
 * inside a transaction the caller began (ledger_begin), so that the audit
 * entry can be written before it is committed.
 */
#ifndef JUKI_LEDGER_H
#define JUKI_LEDGER_H

#include <time.h>

#include <sqlite3.h>

#include "juki/protocol.h"
#include "operators.h"

#define LEDGER_SERIAL_MAX 13		/* "P2026-000001" */
#define LEDGER_FORM_MAX 32
/* Reasons and details: at most LEDGER_TEXT_CHARS characters. */
#define LEDGER_TEXT_CHARS 64
#define LEDGER_TEXT_MAX (4 * LEDGER_TEXT_CHARS + 1)
#define LEDGER_TERMINAL_MAX 64
#define LEDGER_CERT_MAX 65		/* SHA-256, hex */
#define LEDGER_STATE_MAX 16
/* Most lines a list shows. */
#define LEDGER_LIST_MAX 1000
/* The last sequence number there is room for. */
#define LEDGER_SEQUENCE_MAX 999999

/* One line of the ledger. */
struct print_job {
	char serial[LEDGER_SERIAL_MAX];
	char form[LEDGER_FORM_MAX];
	char reason[LEDGER_TEXT_MAX];
	char operator_id[OPERATOR_ID_MAX];
	char terminal_id[LEDGER_TERMINAL_MAX];
	char terminal_cert[LEDGER_CERT_MAX];	/* the certificate's SHA-256 */
	char issued_at[OPERATOR_TIME_MAX];	/* UTC */
	char state[LEDGER_STATE_MAX];	/* "issued", "printed",
					   "not-printed" */
	char finished_at[OPERATOR_TIME_MAX];	/* "" while issued */
	char detail[LEDGER_TEXT_MAX];		/* "" */
};

/* Who asks: the operator, and the terminal by its ID and certificate. */
struct print_owner {
	const char *operator_id;
	const char *terminal_id;
	const char *terminal_cert;
};

struct ledger;

/* The roles that may print form (PRINT_FORMS), or 0 for a form the
 * protocol does not know. */
unsigned ledger_form_roles(const char *form);

/* Whether name is a state a line may be in: 1 or 0. */
int ledger_state_known(const char *name);

/* "P", four digits, "-", six digits: 1 or 0. */
int ledger_serial_well_formed(const char *serial);

/* Opens the ledger at path, creating it (mode 0600) when missing.  0, or
 * -1 with *reason set (an untranslated message id). */
int ledger_open(const char *path, struct ledger **out, const char **reason);
void ledger_close(struct ledger *l);

/* A change and the audit entry that records it, all or nothing: begun,
 * made, then committed or rolled back.  0 or -1. */
int ledger_begin(struct ledger *l);
int ledger_commit(struct ledger *l);
void ledger_rollback(struct ledger *l);

/* The file itself, for change_begin and the rest (server.h). */
sqlite3 *ledger_db(struct ledger *l);

/*
 * Issues the next serial for form, printed for reason by who, at now: the
 * line, "issued", into *out.  form and reason are taken as they are: the
 * caller has checked them.  0, or -1 (E_INTERNAL; also when the serials
 * have run out).
 */
int ledger_issue(struct ledger *l, const char *form, const char *reason,
    const struct print_owner *who, time_t now, struct print_job *out);

/*
 * Records how the form under serial ended, at now: "printed" when printed
 * is not 0, else "not-printed", with detail ("" for none).  Only who
 * began it (the same operator, terminal and certificate) may, and only
 * once.  0 with the line as it is now in *out, or -1 with *why set:
 * E_NO_PRINT_JOB, E_NOT_YOURS, E_STATE (already finished), E_INTERNAL.
 */
int ledger_finish(struct ledger *l, const char *serial,
    const struct print_owner *who, int printed, const char *detail,
    time_t now, struct print_job *out, enum protocol_error *why);

/* The line of serial into *out: 0, 1 when there is none, -1 on error. */
int ledger_get(struct ledger *l, const char *serial, struct print_job *out);

/*
 * Calls each for the lines in state and of form (each "" for any), newest
 * first, at most LEDGER_LIST_MAX.  each returns 0 to go on.  0, or -1 on
 * error (or when each failed).
 */
int ledger_list(struct ledger *l, const char *state, const char *form,
    int (*each)(const struct print_job *, void *), void *arg);

#endif
