/*
 * What the audit review's handlers share (h-audit.c, h-audit-report.c):
 * the period a request names.
 */
#ifndef JUKI_H_AUDIT_H
#define JUKI_H_AUDIT_H

#include "audit-search.h"
#include "server.h"

/* The body's "from" and "to" (JST dates, "" or absent for an open end)
 * as f's bounds: 0, or -1 after refusing them (E_BAD_VALUE with the
 * date's name, E_BAD_RANGE). */
int audit_period_of(struct request *rq, struct audit_filter *f);

#endif
