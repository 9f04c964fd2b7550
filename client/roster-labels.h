/*
 * What the roster's codes (an operator's state, a finger) mean to a
 * person, and the lists to choose them from.
 */
#ifndef JUKI_ROSTER_LABELS_H
#define JUKI_ROSTER_LABELS_H

extern const char *const roster_states[];	/* "active", …, NULL */
extern const char *const roster_fingers[];	/* "right-thumb", …, NULL */

/* The translated label of a state or a finger; an unknown code is
 * returned as it is (ui_put sanitises it). */
const char *roster_state_label(const char *state);
const char *roster_finger_label(const char *finger);

/* What an entry of an operator's history records: "停止" for "suspend". */
const char *roster_event_label(const char *action);

#endif
