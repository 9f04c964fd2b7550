/*
 * A form printed through the forms ledger (帳票管理簿): the server gives
 * the serial number for the reason stated, the form is rendered in memory
 * with that serial on every page (and 研修 / TRAINING across it when the
 * server says the form is for training), spooled to the configured
 * printer, and how it ended goes back to the ledger.
 */
#ifndef JUKI_PRINT_H
#define JUKI_PRINT_H

#include "printout.h"

struct app;
struct field;
struct ui_key;

/* Draws the form's body; 0, or -1 when it could not (nothing printed). */
typedef int (*print_body)(struct app *a, struct printout *p, void *arg);

/* Prints form (about subject, a number; NULL for a form about none).
 * 0 when printed; else -1 with the reason on the message line. */
int print_form(struct app *a, const char *form, const char *subject,
    const char *title, const char *reason, print_body body, void *arg);

/* What a key did while the reason for a print is asked. */
enum print_reason {
	PRINT_REASON_TYPED,	/* into the field, or Enter with none (said) */
	PRINT_REASON_CANCELLED,	/* Esc or F10: the screen says what now */
	PRINT_REASON_GIVEN,	/* Enter with a reason: print */
};

enum print_reason print_reason_key(struct app *a, struct field *reason,
    const struct ui_key *k);

#endif
