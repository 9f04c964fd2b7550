/*
 * The roster as the protocol shows it: OPERATOR, APPLICATION and history
 * lines (protocol.h), built here and nowhere else.
 */
#ifndef JUKI_ROSTER_JSON_H
#define JUKI_ROSTER_JSON_H

#include <jansson.h>

#include "applications.h"
#include "roster.h"

/* ["clerk", "admin"]: in the order of enum role. */
json_t *roles_json(unsigned roles);

/* OPERATOR, its "state" for the date today. */
json_t *operator_json(const struct operator *op, const char *today);

json_t *application_json(const struct application *a);

/* Append to the JSON array arg, as the callbacks of roster_history and
 * applications_list: 0, or -1. */
int append_event(const struct operator_event *e, void *arg);
int append_application(const struct application *a, void *arg);

#endif
