/*
 * Disclosure requests (本人確認情報開示請求, 住基法第30条の32) and the
 * correction requests (訂正・追加・削除の申出, 第30条の35) made about
 * them: a SQLite file of its own beside the forms ledger.
 *
 * The file keeps its rules however it is reached: nothing is ever
 * deleted; a request is received once under its number and then moves
 * only from "received" to "decided" (when, by whom) and from "decided" to
 * "notified" (when, by whom, how), nothing else of it changing; a
 * correction is registered once under its number, only about a request
 * decided or notified, and never changes.
 *
 * Nothing here reads the clock: the time is passed in.  A change is made
 * inside a transaction the caller began (change_begin on
 * disclosures_db()), so that its audit entry can be written before it is
 * committed.
 */
#ifndef JUKI_DISCLOSURES_H
#define JUKI_DISCLOSURES_H

#include <time.h>

#include <sqlite3.h>

#include "juki/protocol.h"
#include "juki/resident.h"
#include "juki/utc-time.h"
#include "operators.h"

/* Request and correction numbers: as application numbers. */
#define DISCLOSURE_NUMBER_MAX OPERATOR_NUMBER_MAX
/* What the requester wrote: at most OPERATOR_TEXT_CHARS characters. */
#define DISCLOSURE_TEXT_MAX OPERATOR_NAME_MAX
/* A name of one of the protocol's tables: a channel, a state, … */
#define DISCLOSURE_WORD_MAX 24
/* The ID_DOCUMENTS checked, comma-separated, each once. */
#define DISCLOSURE_DOCUMENTS_MAX 160
/* A correction's "current": an item of the record as it is. */
#define CORRECTION_CURRENT_MAX RESIDENT_ADDRESS_MAX
/* Most requests a list shows. */
#define DISCLOSURE_LIST_MAX 1000

/* A request as received, and what has happened to it since ("" for
 * what has not). */
struct disclosure_request {
	char request_no[DISCLOSURE_NUMBER_MAX];
	char channel[DISCLOSURE_WORD_MAX];	/* DISCLOSURE_CHANNELS */
	char requester[DISCLOSURE_WORD_MAX];	/* DISCLOSURE_REQUESTERS */
	char representative[DISCLOSURE_TEXT_MAX];	/* "" for "self" */
	char documents[DISCLOSURE_DOCUMENTS_MAX];
	/* The statement, as it matched the file. */
	char name[DISCLOSURE_TEXT_MAX];
	char kana[DISCLOSURE_TEXT_MAX];
	char birth_date[OPERATOR_DATE_MAX];
	int sex;
	char address[DISCLOSURE_TEXT_MAX];
	char juminhyo_code[JUMINHYO_CODE_LEN + 1];	/* of the resident
							   matched */
	int fee;				/* yen received */
	char state[DISCLOSURE_WORD_MAX];	/* DISCLOSURE_STATES */
	char received_at[UTC_TEXT_MAX];
	char received_by[OPERATOR_ID_MAX];
	char decided_at[UTC_TEXT_MAX];
	char decided_by[OPERATOR_ID_MAX];
	char notified_at[UTC_TEXT_MAX];
	char notified_by[OPERATOR_ID_MAX];
	char notified_how[DISCLOSURE_WORD_MAX];	/* DISCLOSURE_NOTICES */
};

/* A 訂正・追加・削除 申出, forwarded to the municipality: the record
 * itself is never changed here. */
struct correction {
	char correction_no[DISCLOSURE_NUMBER_MAX];
	char request_no[DISCLOSURE_NUMBER_MAX];
	char kind[DISCLOSURE_WORD_MAX];		/* CORRECTION_KINDS */
	char item[DISCLOSURE_WORD_MAX];		/* RESIDENT_ITEMS, not
						   "history" */
	char current[CORRECTION_CURRENT_MAX];	/* the item as recorded */
	char requested[DISCLOSURE_TEXT_MAX];	/* "" for some "delete" */
	char reason[DISCLOSURE_TEXT_MAX];
	char state[DISCLOSURE_WORD_MAX];	/* "forwarded" */
	char registered_at[UTC_TEXT_MAX];
	char registered_by[OPERATOR_ID_MAX];
};

struct disclosures;

/* Whether name is one of the protocol's table of that kind: 1 or 0.
 * correction_item_known refuses "history": a correction is about an
 * item of the record. */
int disclosure_state_known(const char *name);
int disclosure_channel_known(const char *name);
int disclosure_requester_known(const char *name);
int disclosure_notice_known(const char *name);
int disclosure_document_known(const char *name);
int correction_kind_known(const char *name);
int correction_item_known(const char *name);

/* Opens the file at path, creating it (mode 0600) when missing.  0, or
 * -1 with *reason set (an untranslated message id). */
int disclosures_open(const char *path, struct disclosures **out,
    const char **reason);
void disclosures_close(struct disclosures *d);

/* The file itself, for change_begin and the rest (server.h). */
sqlite3 *disclosures_db(struct disclosures *d);

/*
 * Records r, received by the operator by at now: its state, fee, time
 * and operator are set in *r.  The rest is taken as it is: the caller has
 * checked it and matched it.  0, or -1 with *why set: E_DUPLICATE (the
 * number was used), E_INTERNAL.
 */
int disclosures_receive(struct disclosures *d, struct disclosure_request *r,
    const char *by, time_t now, enum protocol_error *why);

/* Whether r is decided (or notified since): what its notice, its 提供状況
 * and a correction wait for.  1 or 0. */
int disclosure_decided(const struct disclosure_request *r);

/* Request no into *out: 0, 1 when there is none, -1 on error. */
int disclosures_get(struct disclosures *d, const char *no,
    struct disclosure_request *out);

/*
 * The steps of request no by the operator by at now, the request as it
 * is then in *out: decide (received → decided), notify (decided →
 * notified, how: "handed" or "mailed").  0, or -1 with *why set:
 * E_NO_REQUEST, E_STATE, E_INTERNAL.
 */
int disclosures_decide(struct disclosures *d, const char *no,
    const char *by, time_t now, struct disclosure_request *out,
    enum protocol_error *why);
int disclosures_notify(struct disclosures *d, const char *no,
    const char *how, const char *by, time_t now,
    struct disclosure_request *out, enum protocol_error *why);

/*
 * Calls each for the requests in state ("" for any), newest first, at
 * most DISCLOSURE_LIST_MAX.  each returns 0 to go on.  0, or -1 on error
 * (or when each failed).
 */
int disclosures_list(struct disclosures *d, const char *state,
    int (*each)(const struct disclosure_request *, void *), void *arg);

/*
 * Registers c (its number, request, kind, item, current, requested and
 * reason checked by the caller) by the operator by at now: its state and
 * registration are set in *c.  0, or -1 with *why set: E_NO_REQUEST,
 * E_STATE (the request is not decided or notified), E_DUPLICATE (the
 * correction number was used), E_INTERNAL.
 */
int disclosures_correct(struct disclosures *d, struct correction *c,
    const char *by, time_t now, enum protocol_error *why);

/* Whether correction no is in the file: 1, 0, or -1 on error. */
int disclosures_correction_known(struct disclosures *d, const char *no);

/* Calls each for the corrections of request no, in the order they were
 * registered.  0, or -1 on error (or when each failed). */
int disclosures_corrections(struct disclosures *d, const char *no,
    int (*each)(const struct correction *, void *), void *arg);

#endif
