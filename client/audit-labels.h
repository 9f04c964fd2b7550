/*
 * What the audit log's codes mean to a person: the action of an entry
 * (every action the server writes, routes.c and beyond), its result, the
 * verdict of a verification, and the periods of the statistics.
 */
#ifndef JUKI_AUDIT_LABELS_H
#define JUKI_AUDIT_LABELS_H

#include "labels.h"

extern const struct label audit_actions[];	/* "login", "lookup.code", … */
extern const struct label audit_results[];	/* "ok", "refused", "error" */
extern const struct label audit_damages[];	/* "intact", "edited", … */
extern const struct label audit_periods[];	/* "day", "month" */

#endif
