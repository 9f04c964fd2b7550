/*
 * What the forms ledger's codes (a line's state, a form, an event, a
 * reprint request) mean to a person, and the lists to choose them from.
 */
#ifndef JUKI_PRINT_LABELS_H
#define JUKI_PRINT_LABELS_H

extern const char *const print_states[];	/* "issued", …, NULL */
extern const char *const print_forms[];		/* "roster", …, NULL */

/* The translated label of a state, a form's title, what an event of a
 * line records ("廃棄" for "destroyed"), and where a reprint request
 * stands ("" for none).  An unknown code is returned as it is (ui_put
 * sanitises it). */
const char *print_state_label(const char *state);
const char *print_form_title(const char *form);
const char *print_event_label(const char *action);
const char *print_reprint_label(const char *reprint);

#endif
