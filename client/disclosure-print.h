/*
 * Printing a disclosure's forms through the forms ledger: the lines
 * built for the screen go to paper as they are, and the receipt of a
 * correction is built, printed and wiped in one go.
 */
#ifndef JUKI_DISCLOSURE_PRINT_H
#define JUKI_DISCLOSURE_PRINT_H

#include <jansson.h>

#include "form-letter.h"
#include "form-lines.h"

struct app;

/* Prints lines as form ("disclosure", "provisions", "correction") about
 * subject, for reason.  0 when printed; else -1 with the reason on the
 * message line. */
int disclosure_print(struct app *a, const char *form, const char *subject,
    const struct form_lines *lines, const char *reason);

/* Builds the receipt of correction (a CORRECTION) about the request
 * open, prints it for reason and wipes it.  0 or -1, as above. */
int disclosure_print_receipt(struct app *a, const json_t *correction,
    const char *reason);

/* Who issues the letters: the answer's "authority" when it names one
 * (remembered then), else the one the server named last. */
const char *disclosure_authority(struct app *a, const json_t *answer);

#endif
