/*
 * The operator roster (操作者名簿): who may log in, with which roles, for
 * which dates, and how they prove who they are (fingerprints, or a PIN for
 * an operator who cannot use the reader).  A SQLite file of its own beside
 * the resident file; 照合情報 in it are sealed (print-seal.h).  Every
 * change of an operator is kept in their history (roster.h), in the same
 * transaction as the change.
 */
#ifndef JUKI_OPERATORS_H
#define JUKI_OPERATORS_H

#include <stddef.h>

#include <sqlite3.h>

#include "juki/protocol.h"
#include "print-seal.h"

#define OPERATOR_ID_MAX 32
/* Names, kana, affiliations: at most OPERATOR_TEXT_CHARS characters. */
#define OPERATOR_TEXT_CHARS 64
#define OPERATOR_NAME_MAX (4 * OPERATOR_TEXT_CHARS + 1)
/* Application and document numbers: 1 to 31 printable ASCII characters
 * without spaces, the paper's reference as filed ("R7-0012"), safe in
 * every log. */
#define OPERATOR_NUMBER_MAX 32
#define OPERATOR_DATE_MAX 11	/* "YYYY-MM-DD", local */
#define OPERATOR_TIME_MAX 21	/* "YYYY-MM-DDTHH:MM:SSZ", UTC */
/* What a change made, as short text: a status, roles "clerk,admin", a
 * date, fingers "right-index,left-index". */
#define OPERATOR_NOTE_MAX 64

struct operator {
	char id[OPERATOR_ID_MAX];		/* 照合ID */
	char name[OPERATOR_NAME_MAX];
	char kana[OPERATOR_NAME_MAX];
	char affiliation[OPERATOR_NAME_MAX];
	unsigned roles;
	char status[16];	/* "active", "locked", "suspended", "revoked" */
	char method[16];	/* AUTH_METHOD_FINGERPRINT or AUTH_METHOD_PIN */
	int fingers[PROTOCOL_MAX_FINGERS];	/* of each print: finger_name */
	int nprints;		/* sealed 照合情報 registered */
	int has_pin;
	int failures;		/* consecutive failed logins */
	char valid_from[OPERATOR_DATE_MAX];	/* "" for none */
	char valid_until[OPERATOR_DATE_MAX];	/* "" for no end */
	char application_no[OPERATOR_NUMBER_MAX];	/* "" for none */
};

/* One sealed 照合情報 and the finger it is of. */
struct sealed_print {
	int finger;
	unsigned char bytes[PRINT_SEALED_MAX];
	size_t len;
};

/* A change of an operator, as their history keeps it. */
struct roster_change {
	const char *actor;	/* who decided: an administrator's 照合ID,
				   "cli", or "" for the server itself */
	const char *document;	/* the paper document's number, or "" */
	char before[OPERATOR_NOTE_MAX];
	char after[OPERATOR_NOTE_MAX];
};

enum login_result {
	LOGIN_OK,
	LOGIN_BAD,		/* "no-match" or a wrong PIN: counted */
	LOGIN_UNKNOWN_ID,
	LOGIN_LOCKED,		/* locked now or before */
	LOGIN_INACTIVE,		/* suspended or revoked */
	LOGIN_LAPSED,		/* past valid_until */
	LOGIN_NOT_YET_VALID,	/* before valid_from */
	LOGIN_UNENROLLED,	/* nothing to prove it with */
	LOGIN_WRONG_METHOD,	/* an outcome of the other method */
	LOGIN_NOT_VERIFIED,	/* the reader proved nothing (timeout, …) */
	LOGIN_ERROR,
};

struct operators;

/* 照合ID: 1 to 31 of A-Z a-z 0-9 and '-', so it is safe in every log. */
int operator_id_well_formed(const char *id);

/* An application or document number (OPERATOR_NUMBER_MAX): 1 or 0. */
int operator_number_well_formed(const char *number);

/* A real date written "YYYY-MM-DD": 1 or 0. */
int operator_date_well_formed(const char *date);

/*
 * Text a person typed (a name, kana, an affiliation), into out of
 * OPERATOR_NAME_MAX bytes: without the spaces around it (ASCII and
 * full-width), valid UTF-8 without control characters, at most
 * OPERATOR_TEXT_CHARS characters.  0, or -1 when it is not such text.
 */
int operator_text(const char *in, char *out);

/* Today, the server's local date, and now, UTC, as the roster writes
 * them.  From the clock (time()), never from SQLite: what the server
 * decides by must be the time it is run at. */
void operators_today(char out[OPERATOR_DATE_MAX]);
void operators_now(char out[OPERATOR_TIME_MAX]);

/*
 * What applies to op on the date today ("YYYY-MM-DD"): one of the names
 * of OPERATOR_STATES.  revoked, suspended, lapsed, not-yet-valid, locked
 * and unenrolled, in that order, each hides those after it.
 */
const char *operator_state(const struct operator *op, const char *today);

/* Whether op may work on the date today: LOGIN_OK, or why not
 * (LOGIN_INACTIVE, _LAPSED, _NOT_YET_VALID, _LOCKED, _UNENROLLED). */
enum login_result operator_may_work(const struct operator *op,
    const char *today);

/* "clerk,admin" for roles, into out of outsz bytes. */
void operator_roles_text(unsigned roles, char *out, size_t outsz);

/* Its inverse: the roles "clerk,admin" names into *roles; 0, or -1 with
 * *roles 0 and *bad (unless bad is NULL) at the first unknown or empty
 * name, which ends at the next ',' or the end. */
int operator_roles_parse(const char *text, unsigned *roles,
    const char **bad);

int operators_open(const char *path, int create, struct operators **out,
    const char **reason);
void operators_close(struct operators *ops);

/*
 * A change of the roster and its history, all or nothing: begun, made
 * (roster.h, applications.h), then committed or rolled back.  0 or -1.
 */
int operators_begin(struct operators *ops);
int operators_commit(struct operators *ops);
void operators_rollback(struct operators *ops);

/* The file itself, for change_begin and the rest (server.h). */
sqlite3 *operators_db(struct operators *ops);

/*
 * Adds an operator directly, for the first administrators (the CLI):
 * their history starts with an "issue" by actor.  op->method says how
 * they prove who they are: AUTH_METHOD_FINGERPRINT with their 照合情報
 * sealed for them (print; pin NULL), or AUTH_METHOD_PIN with pin (print
 * NULL).  op->valid_until may set an end.  0, or -1 with *reason set
 * (bad or duplicate ID, bad name or date, bad PIN, no print, no role).
 */
int operators_add(struct operators *ops, const struct operator *op,
    const char *actor, const char *pin, const struct sealed_print *print,
    const char **reason);

/*
 * Checks what a terminal reports for id: the outcome of a fingerprint
 * scan, or a PIN.  Only an operator who may work today is checked.  A
 * "no-match" or a wrong PIN counts towards max_failures, which locks the
 * ID (a "lock" in its history); a success resets the count; an outcome
 * of the other method, or one that proves nothing, counts neither way.
 * *out is filled whenever id exists.
 */
enum login_result operators_authenticate(struct operators *ops,
    const char *id, enum auth_outcome outcome, const char *pin,
    int max_failures, struct operator *out);

/* 0 found, 1 not found, -1 error. */
int operators_get(struct operators *ops, const char *id, struct operator *out);

/* The sealed 照合情報 of id into out, in the order of their slots; *n of
 * them, 0 when id has none.  0, or -1 on error. */
int operators_sealed_prints(struct operators *ops, const char *id,
    struct sealed_print out[PROTOCOL_MAX_FINGERS], int *n);

#endif
