/*
 * What the forms ledger's codes (a line's state, a form, an event, a
 * reprint request) mean to a person, and the lists to choose them from.
 */
#ifndef JUKI_PRINT_LABELS_H
#define JUKI_PRINT_LABELS_H

#include "labels.h"

extern const struct label print_states[];	/* "issued", … */
extern const struct label print_forms[];	/* "roster", …: the titles */
extern const struct label print_events[];	/* what an event records */
extern const struct label print_reprints[];	/* a reprint request */

#endif
