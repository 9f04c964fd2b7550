/*
 * The disclosure requests in their SQLite file: the schema and the rules
 * the file itself keeps, and the requests from their receipt to their
 * notice.  The corrections about them are in corrections.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "disclosures-db.h"
#include "juki/i18n.h"

/*
 * One row a request; "id" is the order they were received in.  The
 * lists of names are those of protocol.h as this version of the file
 * was made (a later name is a later migration).  The triggers keep the
 * rules of disclosures.h against anything done to the file through SQL,
 * INSERT OR REPLACE included (it deletes without the delete trigger): a
 * new request is "received", under a number not used before; none is
 * deleted; a request changes only by its next step, with the columns of
 * that step, and nothing else of it.
 */
#define REQUEST_SCHEMA \
	"CREATE TABLE request (" \
	"  id INTEGER PRIMARY KEY," \
	"  request_no TEXT NOT NULL UNIQUE CHECK" \
	"    (length(request_no) BETWEEN 1 AND 31" \
	"    AND request_no NOT GLOB '*[^!-~]*')," \
	"  channel TEXT NOT NULL CHECK (channel IN ('counter', 'post'))," \
	"  requester TEXT NOT NULL" \
	"    CHECK (requester IN ('self', 'representative'))," \
	"  representative TEXT NOT NULL DEFAULT ''," \
	"  documents TEXT NOT NULL CHECK (documents <> '')," \
	"  name TEXT NOT NULL CHECK (name <> '')," \
	"  kana TEXT NOT NULL CHECK (kana <> '')," \
	"  birth_date TEXT NOT NULL CHECK (birth_date GLOB" \
	"    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')," \
	"  sex INTEGER NOT NULL CHECK (sex IN (1, 2))," \
	"  address TEXT NOT NULL CHECK (address <> '')," \
	"  juminhyo_code TEXT NOT NULL CHECK (length(juminhyo_code) = 11" \
	"    AND juminhyo_code NOT GLOB '*[^0-9]*')," \
	"  fee INTEGER NOT NULL CHECK (fee > 0)," \
	"  state TEXT NOT NULL DEFAULT 'received'" \
	"    CHECK (state IN ('received', 'decided', 'notified'))," \
	"  received_at TEXT NOT NULL CHECK (received_at <> '')," \
	"  received_by TEXT NOT NULL CHECK (received_by <> '')," \
	"  decided_at TEXT, decided_by TEXT," \
	"  notified_at TEXT, notified_by TEXT," \
	"  notified_how TEXT CHECK (notified_how IN ('handed', 'mailed'))," \
	"  CHECK ((requester = 'representative') = (representative <> ''))," \
	"  CHECK ((state = 'received') = (decided_at IS NULL))," \
	"  CHECK ((decided_at IS NULL) = (decided_by IS NULL))," \
	"  CHECK ((state = 'notified') = (notified_at IS NOT NULL))," \
	"  CHECK ((notified_at IS NULL) = (notified_by IS NULL))," \
	"  CHECK ((notified_at IS NULL) = (notified_how IS NULL))" \
	") STRICT;" \
	"CREATE TRIGGER request_receive BEFORE INSERT ON request" \
	"  WHEN NEW.state <> 'received' OR EXISTS (SELECT 1 FROM request" \
	"    WHERE request_no = NEW.request_no OR id = NEW.id)" \
	"  BEGIN SELECT RAISE(ABORT," \
	"    'a request is received once, under a new number'); END;" \
	"CREATE TRIGGER request_no_delete BEFORE DELETE ON request" \
	"  BEGIN SELECT RAISE(ABORT, 'every request is kept'); END;" \
	"CREATE TRIGGER request_step BEFORE UPDATE ON request" \
	"  WHEN NOT ((OLD.state = 'received' AND NEW.state = 'decided')" \
	"    OR (OLD.state = 'decided' AND NEW.state = 'notified'" \
	"    AND NEW.decided_at IS OLD.decided_at" \
	"    AND NEW.decided_by IS OLD.decided_by))" \
	"    OR NEW.id IS NOT OLD.id OR NEW.request_no IS NOT OLD.request_no" \
	"    OR NEW.channel IS NOT OLD.channel" \
	"    OR NEW.requester IS NOT OLD.requester" \
	"    OR NEW.representative IS NOT OLD.representative" \
	"    OR NEW.documents IS NOT OLD.documents" \
	"    OR NEW.name IS NOT OLD.name OR NEW.kana IS NOT OLD.kana" \
	"    OR NEW.birth_date IS NOT OLD.birth_date OR NEW.sex IS NOT OLD.sex" \
	"    OR NEW.address IS NOT OLD.address" \
	"    OR NEW.juminhyo_code IS NOT OLD.juminhyo_code" \
	"    OR NEW.fee IS NOT OLD.fee" \
	"    OR NEW.received_at IS NOT OLD.received_at" \
	"    OR NEW.received_by IS NOT OLD.received_by" \
	"  BEGIN SELECT RAISE(ABORT," \
	"    'a request goes received, decided, notified, one step at a" \
	" time'); END;"

/*
 * One row a correction, in the order registered, about a request that
 * was decided (or since notified); written once, never changed or
 * deleted.  "requested" may be empty only for a deletion.
 */
#define CORRECTION_SCHEMA \
	"CREATE TABLE correction (" \
	"  id INTEGER PRIMARY KEY," \
	"  correction_no TEXT NOT NULL UNIQUE CHECK" \
	"    (length(correction_no) BETWEEN 1 AND 31" \
	"    AND correction_no NOT GLOB '*[^!-~]*')," \
	"  request_no TEXT NOT NULL REFERENCES request (request_no)," \
	"  kind TEXT NOT NULL CHECK (kind IN ('correct', 'add', 'delete'))," \
	"  item TEXT NOT NULL CHECK (item IN ('code', 'name', 'kana'," \
	"    'birth', 'sex', 'address', 'kojin', 'idou'))," \
	"  current TEXT NOT NULL," \
	"  requested TEXT NOT NULL," \
	"  reason TEXT NOT NULL CHECK (reason <> '')," \
	"  state TEXT NOT NULL DEFAULT 'forwarded'" \
	"    CHECK (state = 'forwarded')," \
	"  registered_at TEXT NOT NULL CHECK (registered_at <> '')," \
	"  registered_by TEXT NOT NULL CHECK (registered_by <> '')," \
	"  CHECK (kind = 'delete' OR requested <> '')" \
	") STRICT;" \
	"CREATE INDEX correction_of_request ON correction (request_no, id);" \
	"CREATE TRIGGER correction_register BEFORE INSERT ON correction" \
	"  WHEN EXISTS (SELECT 1 FROM correction" \
	"    WHERE correction_no = NEW.correction_no OR id = NEW.id)" \
	"    OR coalesce((SELECT state FROM request" \
	"    WHERE request_no = NEW.request_no), '')" \
	"    NOT IN ('decided', 'notified')" \
	"  BEGIN SELECT RAISE(ABORT, 'a correction is registered once, about" \
	" a request decided'); END;" \
	"CREATE TRIGGER correction_no_delete BEFORE DELETE ON correction" \
	"  BEGIN SELECT RAISE(ABORT, 'every correction is kept'); END;" \
	"CREATE TRIGGER correction_no_update BEFORE UPDATE ON correction" \
	"  BEGIN SELECT RAISE(ABORT, 'a correction never changes'); END;"

static const char schema_v1[] = REQUEST_SCHEMA CORRECTION_SCHEMA;

static const char *const migrations[] = { schema_v1 };

static const struct sqlite_db_schema disclosures_schema = {
	.application_id = 0x4a4b4449,	/* 'JKDI' */
	.migrations = migrations,
	.version = 1,
	.not_ours = N_("開示請求のデータベースではありません"),
};

#define COLUMNS "request_no, channel, requester, representative," \
	" documents, name, kana, birth_date, sex, address, juminhyo_code," \
	" fee, state, received_at, received_by, decided_at, decided_by," \
	" notified_at, notified_by, notified_how"

#define NAME_OF(name, label) name,
static const char *const states[] = { DISCLOSURE_STATES(NAME_OF) };
static const char *const channels[] = { DISCLOSURE_CHANNELS(NAME_OF) };
static const char *const requesters[] = { DISCLOSURE_REQUESTERS(NAME_OF) };
static const char *const notices[] = { DISCLOSURE_NOTICES(NAME_OF) };
static const char *const documents[] = { ID_DOCUMENTS(NAME_OF) };
static const char *const kinds[] = { CORRECTION_KINDS(NAME_OF) };
static const char *const items[] = { RESIDENT_ITEMS(NAME_OF) };
#undef NAME_OF

int
disclosure_state_known(const char *name)
{
	return NAME_INDEX(states, name) >= 0;
}

int
disclosure_channel_known(const char *name)
{
	return NAME_INDEX(channels, name) >= 0;
}

int
disclosure_requester_known(const char *name)
{
	return NAME_INDEX(requesters, name) >= 0;
}

int
disclosure_notice_known(const char *name)
{
	return NAME_INDEX(notices, name) >= 0;
}

int
disclosure_document_known(const char *name)
{
	return NAME_INDEX(documents, name) >= 0;
}

int
correction_kind_known(const char *name)
{
	return NAME_INDEX(kinds, name) >= 0;
}

int
correction_item_known(const char *name)
{
	return strcmp(name, "history") != 0 &&
	    NAME_INDEX(items, name) >= 0;
}

int
disclosures_open(const char *path, struct disclosures **out,
    const char **reason)
{
	struct disclosures *d = calloc(1, sizeof *d);

	*out = NULL;
	if (d == NULL) {
		*reason = N_("メモリが足りません");
		return -1;
	}
	if (sqlite_db_open(path, SQLITE_DB_CREATE, &disclosures_schema,
	    &d->db, reason) != SQLITE_DB_OK) {
		free(d);
		return -1;
	}
	*out = d;
	return 0;
}

void
disclosures_close(struct disclosures *d)
{
	if (d == NULL)
		return;
	sqlite_db_close(d->db, 0);
	free(d);
}

sqlite3 *
disclosures_db(struct disclosures *d)
{
	return d->db;
}

/* A row of COLUMNS into r. */
static void
read_row(sqlite3_stmt *st, struct disclosure_request *r)
{
	memset(r, 0, sizeof *r);
	sqlite_db_column_text(st, 0, r->request_no, sizeof r->request_no);
	sqlite_db_column_text(st, 1, r->channel, sizeof r->channel);
	sqlite_db_column_text(st, 2, r->requester, sizeof r->requester);
	sqlite_db_column_text(st, 3, r->representative,
	    sizeof r->representative);
	sqlite_db_column_text(st, 4, r->documents, sizeof r->documents);
	sqlite_db_column_text(st, 5, r->name, sizeof r->name);
	sqlite_db_column_text(st, 6, r->kana, sizeof r->kana);
	sqlite_db_column_text(st, 7, r->birth_date, sizeof r->birth_date);
	r->sex = sqlite3_column_int(st, 8);
	sqlite_db_column_text(st, 9, r->address, sizeof r->address);
	sqlite_db_column_text(st, 10, r->juminhyo_code,
	    sizeof r->juminhyo_code);
	r->fee = sqlite3_column_int(st, 11);
	sqlite_db_column_text(st, 12, r->state, sizeof r->state);
	sqlite_db_column_text(st, 13, r->received_at, sizeof r->received_at);
	sqlite_db_column_text(st, 14, r->received_by, sizeof r->received_by);
	sqlite_db_column_text(st, 15, r->decided_at, sizeof r->decided_at);
	sqlite_db_column_text(st, 16, r->decided_by, sizeof r->decided_by);
	sqlite_db_column_text(st, 17, r->notified_at, sizeof r->notified_at);
	sqlite_db_column_text(st, 18, r->notified_by, sizeof r->notified_by);
	sqlite_db_column_text(st, 19, r->notified_how,
	    sizeof r->notified_how);
}

int
disclosure_decided(const struct disclosure_request *r)
{
	return strcmp(r->state, "decided") == 0 ||
	    strcmp(r->state, "notified") == 0;
}

int
disclosures_get(struct disclosures *d, const char *no,
    struct disclosure_request *out)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = sqlite_db_statement(d->db, "SELECT " COLUMNS " FROM request"
	    " WHERE request_no = ?1", 1, no)) == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		read_row(st, out);
	return sqlite_db_found(st, rc);
}

/* Whether request no is in the file: 1, 0, or -1 on error. */
static int
taken(struct disclosures *d, const char *no)
{
	struct disclosure_request r;
	int rc = disclosures_get(d, no, &r);

	explicit_bzero(&r, sizeof r);
	return rc < 0 ? -1 : rc == 0;
}

static int
insert(struct disclosures *d, const struct disclosure_request *r)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = sqlite_db_statement(d->db, "INSERT INTO request"
	    " (request_no, channel, requester, representative, documents,"
	    " name, kana, birth_date, address, juminhyo_code, received_at,"
	    " received_by, sex, fee) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
	    " ?9, ?10, ?11, ?12, ?13, ?14)", 12, r->request_no, r->channel,
	    r->requester, r->representative, r->documents, r->name, r->kana,
	    r->birth_date, r->address, r->juminhyo_code, r->received_at,
	    r->received_by)) == NULL)
		return -1;
	if (sqlite3_bind_int(st, 13, r->sex) != SQLITE_OK ||
	    sqlite3_bind_int(st, 14, r->fee) != SQLITE_OK)
		rc = SQLITE_ERROR;
	else
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
disclosures_receive(struct disclosures *d, struct disclosure_request *r,
    const char *by, time_t now, enum protocol_error *why)
{
	int rc = taken(d, r->request_no);

	if (rc != 0) {
		*why = rc > 0 ? E_DUPLICATE : E_INTERNAL;
		return -1;
	}
	*why = E_INTERNAL;	/* whatever fails from here */
	r->fee = DISCLOSURE_FEE_YEN;
	snprintf(r->state, sizeof r->state, "received");
	snprintf(r->received_by, sizeof r->received_by, "%s", by);
	r->decided_at[0] = r->decided_by[0] = '\0';
	r->notified_at[0] = r->notified_by[0] = r->notified_how[0] = '\0';
	if (utc_text(now, r->received_at) != 0)
		return -1;
	return insert(d, r);
}

/*
 * Request no from the state from to its next step by sql (?1 the number,
 * ?2 the time, ?3 the operator, ?4 how), then as it is in *out.
 */
static int
step(struct disclosures *d, const char *no, const char *from,
    const char *sql, const char *by, const char *how, time_t now,
    struct disclosure_request *out, enum protocol_error *why)
{
	char at[UTC_TEXT_MAX];
	int rc = disclosures_get(d, no, out);

	if (rc != 0) {
		*why = rc > 0 ? E_NO_REQUEST : E_INTERNAL;
		return -1;
	}
	if (strcmp(out->state, from) != 0) {
		*why = E_STATE;
		return -1;
	}
	*why = E_INTERNAL;
	if (utc_text(now, at) != 0 ||
	    sqlite_db_run(d->db, 1, sql, how != NULL ? 4 : 3, no, at, by,
	    how) != 0 ||
	    disclosures_get(d, no, out) != 0)
		return -1;
	return 0;
}

int
disclosures_decide(struct disclosures *d, const char *no, const char *by,
    time_t now, struct disclosure_request *out, enum protocol_error *why)
{
	return step(d, no, "received", "UPDATE request SET state = 'decided',"
	    " decided_at = ?2, decided_by = ?3"
	    " WHERE request_no = ?1 AND state = 'received'", by, NULL, now,
	    out, why);
}

int
disclosures_notify(struct disclosures *d, const char *no, const char *how,
    const char *by, time_t now, struct disclosure_request *out,
    enum protocol_error *why)
{
	return step(d, no, "decided", "UPDATE request SET state = 'notified',"
	    " notified_at = ?2, notified_by = ?3, notified_how = ?4"
	    " WHERE request_no = ?1 AND state = 'decided'", by, how, now,
	    out, why);
}

int
disclosures_list(struct disclosures *d, const char *state,
    int (*each)(const struct disclosure_request *, void *), void *arg)
{
	struct disclosure_request r;
	sqlite3_stmt *st;
	int rc;

	if ((st = sqlite_db_statement(d->db, "SELECT " COLUMNS " FROM request"
	    " WHERE (?1 = '' OR state = ?1) ORDER BY id DESC LIMIT ?2", 1,
	    state)) == NULL)
		return -1;
	if (sqlite3_bind_int(st, 2, DISCLOSURE_LIST_MAX) != SQLITE_OK) {
		sqlite3_finalize(st);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_row(st, &r);
		if (each(&r, arg) != 0) {
			rc = SQLITE_ERROR;
			break;
		}
	}
	explicit_bzero(&r, sizeof r);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}
