/*
 * What the roster's codes (an operator's state, a finger, an entry of an
 * operator's history, where an application stands) mean to a person,
 * and the lists to choose them from.
 */
#ifndef JUKI_ROSTER_LABELS_H
#define JUKI_ROSTER_LABELS_H

#include "labels.h"

extern const struct label roster_states[];	/* "active", … */
extern const struct label roster_fingers[];	/* "right-thumb", … */
extern const struct label roster_events[];	/* "suspend": "停止", … */
extern const struct label application_states[]; /* not yet done */

#endif
