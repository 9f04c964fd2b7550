/*
 * The forms ledger (帳票管理簿): one line for each form a terminal was
 * allowed to print, under a serial number the page carries, with who
 * printed it where, why, what about (its subject: a disclosure request's
 * number, "" for a form about none), how the spooling ended, and what
 * became of the paper: handed over, stored, destroyed.  Each step is an
 * event of the line, with who, where and when.  A SQLite file of its own
 * beside the roster.
 *
 * The file only grows: a line is never deleted, and changes only along
 * its steps (PRINT_STATES): issued → printed | not-printed; printed →
 * handed-over | stored | destroyed; stored → handed-over | destroyed.
 * Events and reprint requests are never changed but for a request's
 * approval and its use, once each.  The file refuses anything else,
 * however it is reached.  Serials are "P", the year of issue (local, the
 * year the paper is dated in), "-" and six digits: one more than the
 * last ever issued, whatever the year, so none repeats and none goes
 * back.
 *
 * A form printed again for a subject it was printed for before (a line
 * of the same form and subject printed or later) is a reprint: only on
 * a request an administrator other than the one who asked approved,
 * used up by the reprint.
 *
 * Nothing here reads the clock: the time is passed in.  A change is made
 * inside a transaction the caller began (change_begin on ledger_db), so
 * that the audit entry can be written before it is committed.
 */
#ifndef JUKI_LEDGER_H
#define JUKI_LEDGER_H

#include <time.h>

#include <sqlite3.h>

#include "juki/protocol.h"
#include "operators.h"

#define LEDGER_SERIAL_MAX 13		/* "P2026-000001" */
#define LEDGER_FORM_MAX 32
/* Subjects are numbers as an application's: OPERATOR_NUMBER_MAX. */
#define LEDGER_SUBJECT_MAX OPERATOR_NUMBER_MAX
/* Reasons, details and notes: at most LEDGER_TEXT_CHARS characters. */
#define LEDGER_TEXT_CHARS 64
#define LEDGER_TEXT_MAX (4 * LEDGER_TEXT_CHARS + 1)
#define LEDGER_TERMINAL_MAX 64
#define LEDGER_CERT_MAX 65		/* SHA-256, hex */
#define LEDGER_STATE_MAX 20		/* "awaiting-approval" */
/* Who reads every line of the ledger; others read the lines they
 * printed. */
#define LEDGER_READERS (ROLE_ADMIN | ROLE_AUDITOR)
/* Most lines a list shows. */
#define LEDGER_LIST_MAX 1000
/* The last sequence number there is room for. */
#define LEDGER_SEQUENCE_MAX 999999

/* One line of the ledger. */
struct print_job {
	char serial[LEDGER_SERIAL_MAX];
	char form[LEDGER_FORM_MAX];
	char subject[LEDGER_SUBJECT_MAX];	/* "" for none */
	char reason[LEDGER_TEXT_MAX];
	char operator_id[OPERATOR_ID_MAX];
	char terminal_id[LEDGER_TERMINAL_MAX];
	char terminal_cert[LEDGER_CERT_MAX];	/* the certificate's SHA-256 */
	char issued_at[OPERATOR_TIME_MAX];	/* UTC */
	char state[LEDGER_STATE_MAX];		/* PRINT_STATES */
	char finished_at[OPERATOR_TIME_MAX];	/* "" while issued */
	char detail[LEDGER_TEXT_MAX];		/* how the spooling ended */
	char reprint_of[LEDGER_SERIAL_MAX];	/* the line printed again,
						   or "" */
	char reprint[LEDGER_STATE_MAX];		/* its latest reprint request:
						   "awaiting-approval",
						   "approved", "" (none, or
						   used) */
};

/* One event of a line, oldest first. */
struct print_event {
	char time[OPERATOR_TIME_MAX];
	char action[LEDGER_STATE_MAX];
	char operator_id[OPERATOR_ID_MAX];
	char terminal_id[LEDGER_TERMINAL_MAX];
	char note[LEDGER_TEXT_MAX];
};

/* Who asks: the operator with the roles they hold now, and the terminal
 * by its ID and certificate. */
struct print_owner {
	const char *operator_id;
	const char *terminal_id;
	const char *terminal_cert;
	unsigned roles;
};

struct ledger;

/* The roles that may print form (PRINT_FORMS), or 0 for a form the
 * protocol does not know. */
unsigned ledger_form_roles(const char *form);

/* Whether who's roles may print form: 1 or 0. */
int ledger_may_print(const struct print_owner *who, const char *form);

/* Whether form is about a subject (PRINT_FORMS): 1 or 0. */
int ledger_form_has_subject(const char *form);

/* Whether name is one of PRINT_STATES: 1 or 0. */
int ledger_state_known(const char *name);

/* Whether name is a state ledger_step takes a line to: 1 or 0. */
int ledger_step_known(const char *name);

/* "P", four digits, "-", six digits: 1 or 0. */
int ledger_serial_well_formed(const char *serial);

/* Opens the ledger at path, creating it (mode 0600) when missing and
 * bringing an older file up to date in place.  0, or -1 with *reason
 * set (an untranslated message id). */
int ledger_open(const char *path, struct ledger **out, const char **reason);
void ledger_close(struct ledger *l);

/* The file itself, for change_begin and the rest (server.h): a change
 * and the audit entry that records it, all or nothing. */
sqlite3 *ledger_db(struct ledger *l);

/*
 * Issues the next serial for form about subject ("" for none), printed
 * for reason by who, at now: the line, "issued", into *out, and its
 * "issued" event.  A reprint (ledger.h) takes the approved request of
 * that form and subject: the line's reprint_of is the serial it was
 * asked for, which gets a "reprinted" event.  form, subject and reason
 * are taken as they are: the caller has checked them.  0, or -1 with
 * *why: E_REPRINT, E_INTERNAL (also when the serials have run out).
 */
int ledger_issue(struct ledger *l, const char *form, const char *subject,
    const char *reason, const struct print_owner *who, time_t now,
    struct print_job *out, enum protocol_error *why);

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

/*
 * Takes the paper under serial a step on, to "handed-over", "stored" or
 * "destroyed", with note ("" for none), at now.  An administrator may
 * take any line; anyone else only a line of a form their roles print
 * (E_FORBIDDEN), that they printed (E_NOT_YOURS), and not to
 * "destroyed" (E_FORBIDDEN), which needs a note (E_NO_REASON).  A step
 * the line's state does not lead to is E_STATE.  0 with the line as it
 * is now in *out, or -1 with *why set (also E_NO_PRINT_JOB, E_BAD_VALUE
 * for a state that is not a step, E_INTERNAL).
 */
int ledger_step(struct ledger *l, const char *serial, const char *to,
    const char *note, const struct print_owner *who, time_t now,
    struct print_job *out, enum protocol_error *why);

/*
 * Asks, for reason, to print the form and subject of the line under
 * serial again: by someone whose roles print that form (E_FORBIDDEN),
 * for a line printed or later (E_STATE) of a form about a subject
 * (E_BAD_VALUE), while no other request for them is awaiting approval or
 * approved and unused (E_DUPLICATE).  The line gets a "reprint-asked"
 * event.  0, or -1 with *why set (also E_NO_PRINT_JOB, E_INTERNAL).
 */
int ledger_reprint_ask(struct ledger *l, const char *serial,
    const char *reason, const struct print_owner *who, time_t now,
    enum protocol_error *why);

/*
 * Approves the request awaiting for the line under serial
 * (E_NOT_AWAITING), by who, an administrator (the caller has checked)
 * other than the one who asked (E_SELF_APPROVAL).  The line gets a
 * "reprint-approved" event.  0, or -1 with *why set (also
 * E_NO_PRINT_JOB, E_INTERNAL).
 */
int ledger_reprint_approve(struct ledger *l, const char *serial,
    const struct print_owner *who, time_t now, enum protocol_error *why);

/* The line of serial into *out: 0, 1 when there is none, -1 on error. */
int ledger_get(struct ledger *l, const char *serial, struct print_job *out);

/* Whether a line of form about subject was printed (printed or a later
 * state): 1, 0, or -1 on error. */
int ledger_printed(struct ledger *l, const char *form, const char *subject);

/* What ledger_list shows; "" for any. */
struct ledger_filter {
	const char *state;
	const char *form;
	const char *subject;
	const char *operator_id;	/* who printed it */
};

/*
 * Calls each for the lines that fit f, newest first, at most
 * LEDGER_LIST_MAX.  each returns 0 to go on.  0, or -1 on error (or when
 * each failed).
 */
int ledger_list(struct ledger *l, const struct ledger_filter *f,
    int (*each)(const struct print_job *, void *), void *arg);

/* Calls each for the events of serial, oldest first: 0, or -1 (as
 * ledger_list). */
int ledger_events(struct ledger *l, const char *serial,
    int (*each)(const struct print_event *, void *), void *arg);

#endif
