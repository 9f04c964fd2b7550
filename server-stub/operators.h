/*
 * The operator roster (操作者名簿): who may log in, with which roles and
 * how they prove who they are (a fingerprint, or a PIN for an operator
 * who cannot use the reader).  A SQLite file of its own beside the
 * resident file; 照合情報 in it are sealed (print-seal.h).
 */
#ifndef JUKI_OPERATORS_H
#define JUKI_OPERATORS_H

#include <stddef.h>

#include "juki/protocol.h"

#define OPERATOR_ID_MAX 32
#define OPERATOR_NAME_MAX 128

struct operator {
	char id[OPERATOR_ID_MAX];		/* 照合ID */
	char name[OPERATOR_NAME_MAX];
	unsigned roles;
	char status[16];	/* "active", "locked", "suspended", "revoked" */
	char method[16];	/* AUTH_METHOD_FINGERPRINT or AUTH_METHOD_PIN */
	int has_print;		/* a sealed 照合情報 is registered */
	int failures;		/* consecutive failed logins */
};

enum login_result {
	LOGIN_OK,
	LOGIN_BAD,		/* "no-match" or a wrong PIN: counted */
	LOGIN_UNKNOWN_ID,
	LOGIN_LOCKED,		/* locked now or before */
	LOGIN_INACTIVE,		/* suspended or revoked */
	LOGIN_WRONG_METHOD,	/* an outcome of the other method */
	LOGIN_NOT_VERIFIED,	/* the reader proved nothing (timeout, …) */
	LOGIN_ERROR,
};

struct operators;

/* 照合ID: 1 to 31 of A-Z a-z 0-9 and '-', so it is safe in every log. */
int operator_id_well_formed(const char *id);

int operators_open(const char *path, int create, struct operators **out,
    const char **reason);
void operators_close(struct operators *ops);

/*
 * Adds an operator.  op->method says how they prove who they are:
 * AUTH_METHOD_FINGERPRINT with their 照合情報 sealed for them (sealed,
 * sealedlen; pin NULL), or AUTH_METHOD_PIN with pin (sealed NULL).  0, or
 * -1 with *reason set (bad or duplicate ID, bad PIN, no print, no role).
 */
int operators_add(struct operators *ops, const struct operator *op,
    const char *pin, const unsigned char *sealed, size_t sealedlen,
    const char **reason);

/*
 * Checks what a terminal reports for id: the outcome of a fingerprint
 * scan, or a PIN.  Only an active operator is checked.  A "no-match" or a
 * wrong PIN counts towards max_failures, which locks the ID; a success
 * resets the count; an outcome of the other method, or one that proves
 * nothing, counts neither way.  *out is filled whenever id exists.
 */
enum login_result operators_authenticate(struct operators *ops,
    const char *id, enum auth_outcome outcome, const char *pin,
    int max_failures, struct operator *out);

/* 0 found, 1 not found, -1 error. */
int operators_get(struct operators *ops, const char *id, struct operator *out);

/* The sealed 照合情報 of id into out.  0, 1 when id has none, -1 on error
 * (or when it is larger than outsz). */
int operators_sealed_print(struct operators *ops, const char *id,
    unsigned char *out, size_t outsz, size_t *outlen);

/*
 * Moves id from status from to status to, an administrator's decision;
 * becoming active clears the failure count.  0, 1 when id is not in
 * status from (or does not exist), -1 on error.
 */
int operators_set_status(struct operators *ops, const char *id,
    const char *from, const char *to);

#endif
