/*
 * What an alert (protocol.h, "Alerts") says to an administrator: its
 * rule, what it saw, and when, in Japan's time as the rules reckon it.
 */
#ifndef JUKI_ALERT_LABELS_H
#define JUKI_ALERT_LABELS_H

#include <stddef.h>

#include <jansson.h>

#include "labels.h"

extern const struct label alert_rule_labels[];	/* "off-hours", … */

/* What alert saw, in the user's language, into out: the action done off
 * hours, or how many refused logins or residents in how many minutes. */
void alert_describe(const json_t *alert, char *out, size_t outsz);

/* Whether an administrator has acknowledged alert: 1 or 0. */
int alert_acknowledged(const json_t *alert);

#endif
