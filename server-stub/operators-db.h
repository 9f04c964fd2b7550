/*
 * Inside the roster file, for the modules that read and change it
 * (operators.c, roster.c, applications.c) and for no one else.
 */
#ifndef JUKI_OPERATORS_DB_H
#define JUKI_OPERATORS_DB_H

#include <sqlite3.h>

#include "applications.h"
#include "operators.h"
#include "sqlite-db.h"

struct operators {
	sqlite3 *db;
};

/* s, or NULL when it is "": what the file holds for "no date". */
const char *ops_null_if_empty(const char *s);

/*
 * Appends to id's history what c says happened, as action, at time
 * (NULL: now).  The history cannot be changed afterwards: the file
 * refuses it.  0 or -1.
 */
int ops_event(struct operators *ops, const char *id, const char *action,
    const char *time, const struct roster_change *c);

/* Inserts op (id, names, method, dates, application number, roles),
 * without 照合情報.  0 or -1 (an ID taken). */
int ops_insert(struct operators *ops, const struct operator *op);

/* Replaces id's roles.  0 or -1. */
int ops_set_roles(struct operators *ops, const char *id, unsigned roles);

/* Replaces every print of id with the n given, in slots 1 …  0 or -1. */
int ops_set_prints(struct operators *ops, const char *id,
    const struct sealed_print *prints, int n);

/* Stores a, registered now (a->registered_at set): 0, or -1 with *why
 * E_DUPLICATE (its number taken) or E_INTERNAL.  (applications.c) */
int applications_insert(struct operators *ops, struct application *a,
    enum protocol_error *why);

/* Gives op the set roles, "roles" in their history by c->actor; fills
 * c->before and c->after.  0 or -1.  (roster.c) */
int roster_apply_roles(struct operators *ops, const struct operator *op,
    unsigned roles, struct roster_change *c);

#endif
