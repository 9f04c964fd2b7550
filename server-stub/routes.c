/*
 * Every request the server answers, with who may make it.  Anything not
 * in this table is refused: a reviewer reads the permissions here.
 */
#include <string.h>

#include "server.h"

#define LOOKUP_ROLES ROLE_CLERK
#define ROSTER_READERS (ROLE_ADMIN | ROLE_AUDITOR)
/* Whoever may print some form of PRINT_FORMS; prints/begin then checks
 * the roles of the form asked for. */
#define FORM_ROLES(name, roles, subject, title) | (roles)
#define PRINTERS (0 PRINT_FORMS(FORM_ROLES))
#define DISCLOSURE_ROLES ROLE_CLERK
#define AUDIT_REVIEWERS (ROLE_AUDITOR | ROLE_ADMIN)

static const struct field operator_fields[] = {
	{ "operator_id", FIELD_STRING, 1 },
	{ NULL, 0, 0 }
};

/* A missing challenge is E_CHALLENGE, not a 400: begin again. */
static const struct field login_fields[] = {
	{ "operator_id", FIELD_STRING, 1 },
	{ "challenge", FIELD_STRING, 0 },
	{ "outcome", FIELD_STRING, 1 },
	{ "pin", FIELD_STRING, 0 },
	{ NULL, 0, 0 }
};

static const struct field unlock_fields[] = {
	{ "challenge", FIELD_STRING, 0 },
	{ "outcome", FIELD_STRING, 1 },
	{ "pin", FIELD_STRING, 0 },
	{ NULL, 0, 0 }
};

/* A missing document, where one is required, is E_NO_DOCUMENT. */
static const struct field change_fields[] = {
	{ "operator_id", FIELD_STRING, 1 },
	{ "document", FIELD_STRING, 0 },
	{ NULL, 0, 0 }
};

static const struct field enrol_fields[] = {
	{ "operator_id", FIELD_STRING, 1 },
	{ "prints", FIELD_ARRAY, 1 },
	{ "document", FIELD_STRING, 0 },
	{ NULL, 0, 0 }
};

static const struct field roles_fields[] = {
	{ "operator_id", FIELD_STRING, 1 },
	{ "roles", FIELD_ARRAY, 1 },
	{ "document", FIELD_STRING, 0 },
	{ NULL, 0, 0 }
};

static const struct field validity_fields[] = {
	{ "operator_id", FIELD_STRING, 1 },
	{ "valid_until", FIELD_STRING, 1 },
	{ "document", FIELD_STRING, 0 },
	{ NULL, 0, 0 }
};

static const struct field roster_list_fields[] = {
	{ "state", FIELD_STRING, 0 },
	{ "role", FIELD_STRING, 0 },
	{ "text", FIELD_STRING, 0 },
	{ NULL, 0, 0 }
};

static const struct field application_fields[] = {
	{ "application_no", FIELD_STRING, 1 },
	{ NULL, 0, 0 }
};

static const struct field register_fields[] = {
	{ "application_no", FIELD_STRING, 1 },
	{ "name", FIELD_STRING, 1 },
	{ "kana", FIELD_STRING, 1 },
	{ "affiliation", FIELD_STRING, 1 },
	{ "roles", FIELD_ARRAY, 1 },
	{ "valid_from", FIELD_STRING, 0 },
	{ "valid_until", FIELD_STRING, 0 },
	{ "requested_by", FIELD_STRING, 1 },
	{ NULL, 0, 0 }
};

static const struct field state_fields[] = {
	{ "state", FIELD_STRING, 0 },
	{ NULL, 0, 0 }
};

/* A missing reason is E_NO_REASON, not a 400. */
static const struct field print_begin_fields[] = {
	{ "form", FIELD_STRING, 1 },
	{ "reason", FIELD_STRING, 0 },
	{ "subject", FIELD_STRING, 0 },
	{ NULL, 0, 0 }
};

static const struct field print_finish_fields[] = {
	{ "serial", FIELD_STRING, 1 },
	{ "result", FIELD_STRING, 1 },
	{ "detail", FIELD_STRING, 0 },
	{ NULL, 0, 0 }
};

static const struct field print_list_fields[] = {
	{ "state", FIELD_STRING, 0 },
	{ "form", FIELD_STRING, 0 },
	{ "subject", FIELD_STRING, 0 },
	{ NULL, 0, 0 }
};

static const struct field serial_fields[] = {
	{ "serial", FIELD_STRING, 1 },
	{ NULL, 0, 0 }
};

static const struct field print_step_fields[] = {
	{ "serial", FIELD_STRING, 1 },
	{ "to", FIELD_STRING, 1 },
	{ "note", FIELD_STRING, 0 },
	{ NULL, 0, 0 }
};

/* A missing reason is E_NO_REASON, not a 400. */
static const struct field print_reprint_fields[] = {
	{ "serial", FIELD_STRING, 1 },
	{ "reason", FIELD_STRING, 0 },
	{ NULL, 0, 0 }
};

/* A missing fee is E_NO_FEE, not a 400. */
static const struct field receive_fields[] = {
	{ "request_no", FIELD_STRING, 1 },
	{ "channel", FIELD_STRING, 1 },
	{ "requester", FIELD_STRING, 1 },
	{ "representative", FIELD_STRING, 0 },
	{ "documents", FIELD_ARRAY, 1 },
	{ "name", FIELD_STRING, 1 },
	{ "kana", FIELD_STRING, 1 },
	{ "birth_date", FIELD_STRING, 1 },
	{ "sex", FIELD_INTEGER, 1 },
	{ "address", FIELD_STRING, 1 },
	{ "juminhyo_code", FIELD_STRING, 0 },
	{ "fee_paid", FIELD_INTEGER, 0 },
	{ NULL, 0, 0 }
};

static const struct field request_fields[] = {
	{ "request_no", FIELD_STRING, 1 },
	{ NULL, 0, 0 }
};

static const struct field notify_fields[] = {
	{ "request_no", FIELD_STRING, 1 },
	{ "how", FIELD_STRING, 1 },
	{ NULL, 0, 0 }
};

/* "requested" is required but for a deletion: the handler says so. */
static const struct field correction_fields[] = {
	{ "request_no", FIELD_STRING, 1 },
	{ "correction_no", FIELD_STRING, 1 },
	{ "kind", FIELD_STRING, 1 },
	{ "item", FIELD_STRING, 1 },
	{ "requested", FIELD_STRING, 0 },
	{ "reason", FIELD_STRING, 1 },
	{ NULL, 0, 0 }
};

static const struct field empty_fields[] = {
	{ NULL, 0, 0 }
};

static const struct field code_fields[] = {
	{ "jimu", FIELD_STRING, 0 },	/* missing is E_NO_JIMU, not a 400 */
	{ "juminhyo_code", FIELD_STRING, 1 },
	{ NULL, 0, 0 }
};

static const struct field kojin_fields[] = {
	{ "jimu", FIELD_STRING, 0 },
	{ "kojin_bango", FIELD_STRING, 1 },
	{ NULL, 0, 0 }
};

static const struct field joho_fields[] = {
	{ "jimu", FIELD_STRING, 0 },
	{ "name_kana", FIELD_STRING, 1 },
	{ "birth_date", FIELD_STRING, 0 },
	{ "sex", FIELD_INTEGER, 0 },
	{ "address", FIELD_STRING, 0 },
	{ "include_removed", FIELD_INTEGER, 0 },
	{ NULL, 0, 0 }
};

static const struct field training_fields[] = {
	{ "language", FIELD_STRING, 1 },
	{ NULL, 0, 0 }
};

static const struct field update_fields[] = {
	{ "update_id", FIELD_STRING, 1 },
	{ "idou_code", FIELD_INTEGER, 1 },
	{ "idou_date", FIELD_STRING, 1 },
	{ "operator_id", FIELD_STRING, 1 },
	{ "record", FIELD_OBJECT, 1 },
	{ NULL, 0, 0 }
};

static const struct field alert_list_fields[] = {
	{ "filter", FIELD_STRING, 0 },
	{ NULL, 0, 0 }
};

/* A missing note is E_NO_NOTE, not a 400. */
static const struct field alert_ack_fields[] = {
	{ "id", FIELD_INTEGER, 1 },
	{ "note", FIELD_STRING, 0 },
	{ NULL, 0, 0 }
};

/* Every filter optional; a missing period is an open one. */
static const struct field audit_search_fields[] = {
	{ "operator_id", FIELD_STRING, 0 },
	{ "target", FIELD_STRING, 0 },
	{ "terminal_id", FIELD_STRING, 0 },
	{ "action", FIELD_STRING, 0 },
	{ "result", FIELD_STRING, 0 },
	{ "from", FIELD_STRING, 0 },
	{ "to", FIELD_STRING, 0 },
	{ "before", FIELD_INTEGER, 0 },
	{ "limit", FIELD_INTEGER, 0 },
	{ NULL, 0, 0 }
};

/* An export is of a period, with both ends. */
static const struct field audit_period_fields[] = {
	{ "from", FIELD_STRING, 1 },
	{ "to", FIELD_STRING, 1 },
	{ NULL, 0, 0 }
};

static const struct field audit_stats_fields[] = {
	{ "from", FIELD_STRING, 1 },
	{ "to", FIELD_STRING, 1 },
	{ "per", FIELD_STRING, 0 },
	{ NULL, 0, 0 }
};

const struct route routes[] = {
	/* Proving who the operator is: no session yet. */
	{ PATH_AUTH_BEGIN, EVHTTP_REQ_POST, "auth.begin", 0, 0,
	    operator_fields, handle_auth_begin },
	{ PATH_LOGIN, EVHTTP_REQ_POST, "login", 0, 0, login_fields,
	    handle_login },
	/* A locked session may only be unlocked or ended. */
	{ PATH_LOGOUT, EVHTTP_REQ_POST, "logout", ANY_ROLE, ROUTE_WHILE_LOCKED,
	    empty_fields, handle_logout },
	{ PATH_LOCK, EVHTTP_REQ_POST, "session.lock", ANY_ROLE, 0,
	    empty_fields, handle_lock },
	{ PATH_UNLOCK, EVHTTP_REQ_POST, "session.unlock", ANY_ROLE,
	    ROUTE_WHILE_LOCKED, unlock_fields, handle_unlock },
	/* The roster: auditors read it, administrators change it. */
	{ PATH_OPERATOR_LIST, EVHTTP_REQ_POST, "operator.list",
	    ROSTER_READERS, 0, roster_list_fields, handle_operator_list },
	{ PATH_OPERATOR_SHOW, EVHTTP_REQ_POST, "operator.show",
	    ROSTER_READERS, 0, operator_fields, handle_operator_show },
	{ PATH_APPLICATION_LIST, EVHTTP_REQ_POST, "application.list",
	    ROSTER_READERS, 0, state_fields, handle_application_list },
	{ PATH_APPLICATION_REGISTER, EVHTTP_REQ_POST, "application.register",
	    ROLE_ADMIN, 0, register_fields, handle_application_register },
	{ PATH_APPLICATION_APPROVE, EVHTTP_REQ_POST, "application.approve",
	    ROLE_ADMIN, 0, application_fields, handle_application_approve },
	{ PATH_OPERATOR_ISSUE, EVHTTP_REQ_POST, "operator.issue", ROLE_ADMIN,
	    0, application_fields, handle_operator_issue },
	{ PATH_OPERATOR_ENROL, EVHTTP_REQ_POST, "operator.enrol", ROLE_ADMIN,
	    0, enrol_fields, handle_operator_enrol },
	{ PATH_OPERATOR_PIN, EVHTTP_REQ_POST, "operator.pin", ROLE_ADMIN,
	    0, change_fields, handle_operator_pin },
	{ PATH_OPERATOR_UNLOCK, EVHTTP_REQ_POST, "operator.unlock", ROLE_ADMIN,
	    0, change_fields, handle_operator_unlock },
	{ PATH_OPERATOR_SUSPEND, EVHTTP_REQ_POST, "operator.suspend",
	    ROLE_ADMIN, 0, change_fields, handle_operator_suspend },
	{ PATH_OPERATOR_RESUME, EVHTTP_REQ_POST, "operator.resume", ROLE_ADMIN,
	    0, change_fields, handle_operator_resume },
	{ PATH_OPERATOR_ROLES, EVHTTP_REQ_POST, "operator.roles", ROLE_ADMIN,
	    0, roles_fields, handle_operator_roles },
	{ PATH_OPERATOR_VALIDITY, EVHTTP_REQ_POST, "operator.validity",
	    ROLE_ADMIN, 0, validity_fields, handle_operator_validity },
	{ PATH_OPERATOR_REVOKE, EVHTTP_REQ_POST, "operator.revoke", ROLE_ADMIN,
	    0, change_fields, handle_operator_revoke },
	/* The forms ledger: a serial before printing, the outcome after,
	 * from the same operator and terminal certificate; then the paper
	 * handed over, stored, destroyed, and reprints.  The handlers check
	 * the roles of the line's form and whose line it is: readers
	 * (LEDGER_READERS) read every line, the others their own. */
	{ PATH_PRINT_BEGIN, EVHTTP_REQ_POST, "print.begin", PRINTERS, 0,
	    print_begin_fields, handle_print_begin },
	{ PATH_PRINT_FINISH, EVHTTP_REQ_POST, "print.finish", PRINTERS, 0,
	    print_finish_fields, handle_print_finish },
	{ PATH_PRINT_STEP, EVHTTP_REQ_POST, "print.step", PRINTERS, 0,
	    print_step_fields, handle_print_step },
	{ PATH_PRINT_REPRINT, EVHTTP_REQ_POST, "print.reprint", PRINTERS, 0,
	    print_reprint_fields, handle_print_reprint },
	{ PATH_PRINT_APPROVE, EVHTTP_REQ_POST, "print.approve", ROLE_ADMIN,
	    0, serial_fields, handle_print_approve },
	{ PATH_PRINT_LIST, EVHTTP_REQ_POST, "print.list",
	    PRINTERS | LEDGER_READERS, 0, print_list_fields,
	    handle_print_list },
	{ PATH_PRINT_SHOW, EVHTTP_REQ_POST, "print.show",
	    PRINTERS | LEDGER_READERS, 0, serial_fields, handle_print_show },
	/* Disclosure (開示) and corrections, at the counter: each step a
	 * clerk's.  disclosure.receive and disclosure.show are provisions
	 * of the resident's data (PROVISION_KINDS). */
	{ PATH_DISCLOSURE_RECEIVE, EVHTTP_REQ_POST, "disclosure.receive",
	    DISCLOSURE_ROLES, 0, receive_fields, handle_disclosure_receive },
	{ PATH_DISCLOSURE_LIST, EVHTTP_REQ_POST, "disclosure.list",
	    DISCLOSURE_ROLES, 0, state_fields, handle_disclosure_list },
	{ PATH_DISCLOSURE_SHOW, EVHTTP_REQ_POST, "disclosure.show",
	    DISCLOSURE_ROLES, 0, request_fields, handle_disclosure_show },
	{ PATH_DISCLOSURE_DECIDE, EVHTTP_REQ_POST, "disclosure.decide",
	    DISCLOSURE_ROLES, 0, request_fields, handle_disclosure_decide },
	{ PATH_DISCLOSURE_NOTIFY, EVHTTP_REQ_POST, "disclosure.notify",
	    DISCLOSURE_ROLES, 0, notify_fields, handle_disclosure_notify },
	{ PATH_DISCLOSURE_PROVISIONS, EVHTTP_REQ_POST,
	    "disclosure.provisions", DISCLOSURE_ROLES, 0, request_fields,
	    handle_disclosure_provisions },
	{ PATH_CORRECTION_REGISTER, EVHTTP_REQ_POST, "correction.register",
	    DISCLOSURE_ROLES, 0, correction_fields,
	    handle_correction_register },
	{ PATH_CORRECTION_LIST, EVHTTP_REQ_POST, "correction.list",
	    DISCLOSURE_ROLES, 0, request_fields, handle_correction_list },
	{ PATH_JIMU, EVHTTP_REQ_GET, "jimu.list", ANY_ROLE, 0, NULL,
	    handle_jimu },
	{ PATH_LOOKUP_CODE, EVHTTP_REQ_POST, "lookup.code", LOOKUP_ROLES,
	    ROUTE_JIMU, code_fields, handle_lookup_code },
	{ PATH_LOOKUP_KOJIN, EVHTTP_REQ_POST, "lookup.kojin", LOOKUP_ROLES,
	    ROUTE_JIMU, kojin_fields, handle_lookup_kojin },
	{ PATH_LOOKUP_4JOHO, EVHTTP_REQ_POST, "lookup.4joho", LOOKUP_ROLES,
	    ROUTE_JIMU, joho_fields, handle_lookup_4joho },
	{ PATH_RESIDENT, EVHTTP_REQ_POST, "resident.view", LOOKUP_ROLES,
	    ROUTE_JIMU, code_fields, handle_resident },
	/* Training: the handler refuses it on a production server. */
	{ PATH_TRAINING_EXERCISES, EVHTTP_REQ_POST, "training.exercises",
	    ANY_ROLE, 0, training_fields, handle_training_exercises },
	/* Alerts, for administrators: the terminal polls the count. */
	{ PATH_ALERT_COUNT, EVHTTP_REQ_POST, "alert.count", ROLE_ADMIN, 0,
	    empty_fields, handle_alert_count },
	{ PATH_ALERT_LIST, EVHTTP_REQ_POST, "alert.list", ROLE_ADMIN, 0,
	    alert_list_fields, handle_alert_list },
	{ PATH_ALERT_ACK, EVHTTP_REQ_POST, "alert.ack", ROLE_ADMIN, 0,
	    alert_ack_fields, handle_alert_ack },
	/* Audit review: auditors and administrators read the log, check
	 * its chain, count it and export a period of it (to the server's
	 * folder, never to the terminal). */
	{ PATH_AUDIT_SEARCH, EVHTTP_REQ_POST, "audit.search", AUDIT_REVIEWERS,
	    0, audit_search_fields, handle_audit_search },
	{ PATH_AUDIT_VERIFY, EVHTTP_REQ_POST, "audit.verify", AUDIT_REVIEWERS,
	    0, empty_fields, handle_audit_verify },
	{ PATH_AUDIT_EXPORT, EVHTTP_REQ_POST, "audit.export", AUDIT_REVIEWERS,
	    0, audit_period_fields, handle_audit_export },
	{ PATH_AUDIT_STATS, EVHTTP_REQ_POST, "audit.stats", AUDIT_REVIEWERS,
	    0, audit_stats_fields, handle_audit_stats },
	/* 市町村CS: no operator session, the certificate is the authority. */
	{ PATH_CS_UPDATE, EVHTTP_REQ_POST, "cs.update", 0, ROUTE_CS,
	    update_fields, handle_cs_update },
};

const size_t routes_count = sizeof routes / sizeof routes[0];

/* Actions written beside a route's own: each resident a 4情報 search
 * shows, a refused handshake, an update replayed from a file, an alert
 * raised. */
static const char *const other_actions[] = {
	"provide.candidate", "tls.handshake", "cs.update.replay",
	"alert.raise",
};

int
audit_action_known(const char *action)
{
	for (size_t i = 0; i < routes_count; i++)
		if (strcmp(routes[i].action, action) == 0)
			return 1;
	for (size_t i = 0; i < sizeof other_actions / sizeof other_actions[0];
	    i++)
		if (strcmp(other_actions[i], action) == 0)
			return 1;
	return 0;
}
