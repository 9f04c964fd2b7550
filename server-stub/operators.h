/*
 * The operator roster (操作者名簿): who may log in, with which roles.  A
 * SQLite file of its own beside the resident file.
 */
#ifndef JUKI_OPERATORS_H
#define JUKI_OPERATORS_H

#include "juki/protocol.h"

#define OPERATOR_ID_MAX 32
#define OPERATOR_NAME_MAX 128

struct operator {
	char id[OPERATOR_ID_MAX];		/* 照合ID */
	char name[OPERATOR_NAME_MAX];
	unsigned roles;
	char status[16];	/* "active", "locked", "suspended", "revoked" */
	int failures;		/* consecutive failed logins */
};

enum login_result {
	LOGIN_OK,
	LOGIN_BAD,		/* unknown ID or wrong PIN: one answer for both */
	LOGIN_UNKNOWN_ID,	/* as LOGIN_BAD to the client; kept for the log */
	LOGIN_LOCKED,		/* locked now or before */
	LOGIN_INACTIVE,		/* suspended or revoked */
	LOGIN_ERROR,
};

struct operators;

int operators_open(const char *path, int create, struct operators **out,
    const char **reason);
void operators_close(struct operators *ops);

/* Adds an operator with a PIN (seeding tests and the demo).  0, or -1
 * with *reason set (duplicate ID, bad PIN, no role). */
int operators_add(struct operators *ops, const struct operator *op,
    const char *pin, const char **reason);

/*
 * Checks a PIN.  A failure counts towards max_failures, which locks the
 * ID; a success resets the count.  *out is filled on LOGIN_OK.
 */
enum login_result operators_login(struct operators *ops, const char *id,
    const char *pin, int max_failures, struct operator *out);

/* 0 found, 1 not found, -1 error. */
int operators_get(struct operators *ops, const char *id, struct operator *out);

#endif
