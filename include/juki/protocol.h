/*
 * The terminal-server protocol: HTTPS over mutual TLS 1.3, JSON bodies.
 * One header for both sides.  A request to a path of another version is
 * answered E_VERSION, so a terminal and a server of different protocol
 * versions never half-understand each other.
 *
 * Requests that act for an operator carry "Authorization: Bearer <token>".
 * Every response carries "audit_ref": the seq of the audit entry written
 * for it.  Refusals carry {"error": {"code": "E_…", "message": "…"}}.
 */
#ifndef JUKI_PROTOCOL_H
#define JUKI_PROTOCOL_H

#include <stddef.h>

#define PROTOCOL_VERSION 1
#define PROTOCOL_PREFIX "/v1/"

/* Largest request body the server reads; larger is E_TOO_LARGE.  Room
 * for an enrolment: PROTOCOL_MAX_FINGERS prints of PROTOCOL_MAX_PRINT
 * bytes, base64. */
#define PROTOCOL_MAX_BODY 32768

/* Most candidates a 4情報 search returns; more is E_TOO_MANY. */
#define PROTOCOL_MAX_CANDIDATES 50

#define PATH_AUTH_BEGIN		"/v1/auth/begin"
#define PATH_LOGIN		"/v1/session/login"
#define PATH_LOGOUT		"/v1/session/logout"
#define PATH_LOCK		"/v1/session/lock"
#define PATH_UNLOCK		"/v1/session/unlock"
#define PATH_OPERATOR_LIST	"/v1/operators/list"
#define PATH_OPERATOR_SHOW	"/v1/operators/show"
#define PATH_OPERATOR_ISSUE	"/v1/operators/issue"
#define PATH_OPERATOR_ENROL	"/v1/operators/enrol"
#define PATH_OPERATOR_PIN	"/v1/operators/pin"
#define PATH_OPERATOR_UNLOCK	"/v1/operators/unlock"
#define PATH_OPERATOR_SUSPEND	"/v1/operators/suspend"
#define PATH_OPERATOR_RESUME	"/v1/operators/resume"
#define PATH_OPERATOR_ROLES	"/v1/operators/roles"
#define PATH_OPERATOR_VALIDITY	"/v1/operators/validity"
#define PATH_OPERATOR_REVOKE	"/v1/operators/revoke"
#define PATH_APPLICATION_LIST	"/v1/applications/list"
#define PATH_APPLICATION_REGISTER "/v1/applications/register"
#define PATH_APPLICATION_APPROVE "/v1/applications/approve"
#define PATH_PRINT_BEGIN	"/v1/prints/begin"
#define PATH_PRINT_FINISH	"/v1/prints/finish"
#define PATH_PRINT_LIST		"/v1/prints/list"
#define PATH_PRINT_SHOW		"/v1/prints/show"
#define PATH_PRINT_STEP		"/v1/prints/step"
#define PATH_PRINT_REPRINT	"/v1/prints/reprint"
#define PATH_PRINT_APPROVE	"/v1/prints/approve"
#define PATH_DISCLOSURE_RECEIVE	"/v1/disclosures/receive"
#define PATH_DISCLOSURE_LIST	"/v1/disclosures/list"
#define PATH_DISCLOSURE_SHOW	"/v1/disclosures/show"
#define PATH_DISCLOSURE_DECIDE	"/v1/disclosures/decide"
#define PATH_DISCLOSURE_NOTIFY	"/v1/disclosures/notify"
#define PATH_DISCLOSURE_PROVISIONS "/v1/disclosures/provisions"
#define PATH_CORRECTION_REGISTER "/v1/corrections/register"
#define PATH_CORRECTION_LIST	"/v1/corrections/list"
#define PATH_JIMU		"/v1/jimu"
#define PATH_LOOKUP_CODE	"/v1/lookup/code"
#define PATH_LOOKUP_KOJIN	"/v1/lookup/kojin"
#define PATH_LOOKUP_4JOHO	"/v1/lookup/4joho"
#define PATH_RESIDENT		"/v1/resident"
#define PATH_CS_UPDATE		"/v1/cs/update"
#define PATH_TRAINING_EXERCISES	"/v1/training/exercises"
#define PATH_ALERT_COUNT	"/v1/alerts/count"
#define PATH_ALERT_LIST		"/v1/alerts/list"
#define PATH_ALERT_ACK		"/v1/alerts/ack"
#define PATH_AUDIT_SEARCH	"/v1/audit/search"
#define PATH_AUDIT_VERIFY	"/v1/audit/verify"
#define PATH_AUDIT_EXPORT	"/v1/audit/export"
#define PATH_AUDIT_STATS	"/v1/audit/stats"

/*
 * Proving who the operator is.  The terminal asks to begin
 * ({"operator_id"}); the server answers with a one-time challenge, the
 * method the operator may use and, for "fingerprint", their 照合情報:
 * "prints": [{"finger", "print"}…], one a finger registered, in the
 * order they were enrolled, each a serialised FpPrint, base64.  An ID
 * that may not work today is refused here already (E_LOCKED,
 * E_INACTIVE, E_LAPSED, E_NOT_YET_VALID, E_NO_PRINT).  Every request of
 * a session reads the roster again: an operator who may no longer work
 * loses the session at once, with the same codes (but E_NO_PRINT: an
 * operator enrolled again keeps it), and the roles that count are those
 * held now.
 *
 * The terminal verifies the finger with its reader and reports the
 * outcome with the challenge to login (or, for a locked session,
 * unlock): {"challenge", "outcome", "pin"?}.  The server trusts an
 * outcome only from the certificate the challenge was issued to, once,
 * within its lifetime, and counts every "no-match" and every wrong PIN
 * towards the lock-out.
 */
#define AUTH_METHOD_FINGERPRINT	"fingerprint"
#define AUTH_METHOD_PIN		"pin"

/* Largest serialised print, before base64. */
#define PROTOCOL_MAX_PRINT 8192

/*
 * The operator-ID lifecycle (操作者名簿), for administrators; auditors may
 * read the roster.  Every change answers {"operator_id", ...} and is
 * recorded twice: in the audit log (before->after in "reason", the paper
 * document's number in "document") and in the operator's history.
 *
 * applications/register {"application_no", "name", "kana", "affiliation",
 *   "roles": ["clerk", …], "valid_from"?, "valid_until"?, "requested_by"}
 *   A 照合ID付与申請.  Dates are "YYYY-MM-DD".  Asking for "admin" or
 *   "auditor" makes it wait for a second administrator's approval.
 *   → {"application_no", "state": "awaiting-approval" | "approved"}
 * applications/approve {"application_no"} → {"application_no", "state"}
 *   By an administrator other than the one who registered it; a role
 *   change approved takes effect at once.
 * applications/list {"state"?} → {"applications": [APPLICATION…]}
 * operators/issue {"application_no"} → {"operator_id"}: a new 照合ID,
 *   never one used before, with no 照合情報 yet.
 * operators/enrol {"operator_id", "prints": [{"finger", "print"}…],
 *   "document"?}: 1 or 2 fingers, each verified at the terminal before it
 *   is sent; replaces every print and any PIN, all or nothing.
 * operators/pin {"operator_id", "document"?} → {"operator_id", "pin"}:
 *   for an operator who cannot use the reader.  The PIN is generated by
 *   the server and shown once; only its hash is kept.
 * operators/unlock, suspend, resume {"operator_id", "document"?}
 * operators/roles {"operator_id", "roles": […], "document"} →
 *   {"operator_id", "roles", "state": "done" | "awaiting-approval"}:
 *   adding "admin" or "auditor" waits for approval, under the document's
 *   number as its application number.
 * operators/validity {"operator_id", "valid_until", "document"?}
 * operators/revoke {"operator_id", "document"}: final.
 * operators/list {"state"?, "role"?, "text"?} → {"operators": [OPERATOR…]}
 *   by 照合ID, at most 1000; "text" is found in the ID, name, kana or
 *   affiliation.
 * operators/show {"operator_id"} → {"operator": OPERATOR, "history":
 *   [{"time", "action", "actor", "before", "after", "document"}…],
 *   "applications": [APPLICATION…]}
 *
 * OPERATOR: {"operator_id", "name", "kana", "affiliation", "roles",
 *   "status", "state", "method", "fingers": ["right-index"…],
 *   "valid_from", "valid_until", "application_no", "failures"}; "state"
 *   is what applies today: one of OPERATOR_STATES.
 * APPLICATION: {"application_no", "kind": "issue" | "roles",
 *   "operator_id" ("" until issued), "name", "kana", "affiliation",
 *   "roles", "valid_from", "valid_until", "requested_by" ("" for
 *   "roles"), "registered_by", "registered_at", "approved_by",
 *   "approved_at", "state": "awaiting-approval" | "approved" | "done"}.
 * Dates are local, "" for none; times UTC "YYYY-MM-DDTHH:MM:SSZ".
 *
 * Answers in detail: operators/enrol → {"operator_id", "method",
 * "fingers"}; unlock, suspend, resume, revoke → {"operator_id",
 * "status"}; validity → {"operator_id", "valid_until"}, "" lifting the
 * end; roles → "roles" as asked for.  What is accepted: names, kana,
 * affiliations and requested_by are trimmed (spaces, U+3000), at most 64
 * characters without control characters, and not empty; application
 * and document numbers are 1 to 31 printable ASCII characters without
 * spaces; roles a non-empty list without repeats.  Refused otherwise,
 * E_BAD_VALUE with the field's name in "detail".
 */
#define OPERATOR_STATES(X) \
	X("active",		N_("有効")) \
	X("unenrolled",		N_("照合情報未登録")) \
	X("locked",		N_("ロック中")) \
	X("suspended",		N_("停止中")) \
	X("lapsed",		N_("期限切れ")) \
	X("not-yet-valid",	N_("有効期間前")) \
	X("revoked",		N_("無効化"))

/*
 * Printing (帳票管理簿, the forms ledger).  Before a form is printed the
 * terminal asks for its serial number, giving the reason; every page then
 * carries the serial, the operator, the terminal and the time (and 研修 /
 * TRAINING when "training" says so: a demo server), and the terminal
 * reports how the spooling ended.  A printed form is then handed over or
 * stored, and at last destroyed: each step a line of the form's events,
 * with who and where.
 *
 * prints/begin {"form", "reason", "subject"?} → {"serial", "form",
 *   "subject", "issued_at", "operator_id", "terminal_id", "training"}:
 *   refused E_FORBIDDEN when the operator's roles may not print that
 *   form, E_NO_REASON without a reason.  "subject" is what the form is
 *   about, required (E_BAD_VALUE) for the forms that have one (a
 *   disclosure request's number, a correction's for its receipt) and
 *   refused for the others.  A disclosure's forms wait for its decision
 *   (E_NO_REQUEST, E_STATE); a receipt for its correction
 *   (E_NO_CORRECTION).  A form for
 *   a subject that was printed before (a line of that form and subject in
 *   "printed" or a later state) is a reprint: refused E_REPRINT unless an
 *   administrator approved a reprint of it, and that approval is used up.
 * prints/finish {"serial", "result": "printed" | "failed", "detail"?} →
 *   {"serial", "state": "printed" | "not-printed"}: only by the operator
 *   and terminal that began it, once.
 * prints/step {"serial", "to", "note"?} → {"serial", "state"}: printed →
 *   handed-over | stored | destroyed; stored → handed-over | destroyed;
 *   nothing after handed-over, destroyed or not-printed (E_STATE).
 *   Handing over and storing by the operator who printed it or an
 *   administrator (E_NOT_YOURS); destroying only by an administrator
 *   (E_FORBIDDEN), with the note saying why (E_NO_REASON).
 * prints/reprint {"serial", "reason"} → {"serial", "reprint":
 *   "awaiting-approval"}: asks to print that line's form and subject
 *   again; by whoever may print the form, for a line printed or later,
 *   one request awaiting at a time (E_DUPLICATE).
 * prints/approve {"serial"} → {"serial", "reprint": "approved"}: by an
 *   administrator other than the one who asked (E_SELF_APPROVAL).
 * prints/list {"state"?, "form"?, "subject"?} → {"prints": [PRINT…]},
 *   newest first, at most 1000: every line for administrators and
 *   auditors, an operator's own for the others.
 * prints/show {"serial"} → {"print": PRINT, "events": [{"time",
 *   "action", "operator_id", "terminal_id", "note"}…]}, oldest first;
 *   actions are "issued", "printed", "not-printed", "handed-over",
 *   "stored", "destroyed", "reprint-asked", "reprint-approved" and
 *   "reprinted" (on the line reprinted, its note the new serial).
 *
 * PRINT: {"serial", "form", "subject", "reason", "operator_id",
 *   "terminal_id", "issued_at", "state", "finished_at", "detail",
 *   "reprint_of" (the serial printed again, or ""), "reprint" ("",
 *   "awaiting-approval", "approved": the latest request to print it
 *   again, "" once used)}.
 */
#define PRINT_STATES(X) \
	X("issued",		N_("発行済み")) \
	X("printed",		N_("印刷済み")) \
	X("not-printed",	N_("印刷されず")) \
	X("handed-over",	N_("交付済み")) \
	X("stored",		N_("保管中")) \
	X("destroyed",		N_("廃棄済み"))

/* Forms, with the roles that may print them, whether they are about a
 * subject (a disclosure request), and their titles. */
#define PRINT_FORMS(X) \
	X("roster",	ROLE_ADMIN | ROLE_AUDITOR, 0, N_("操作者名簿")) \
	X("disclosure",	ROLE_CLERK, 1, N_("本人確認情報開示決定通知書")) \
	X("provisions",	ROLE_CLERK, 1, N_("本人確認情報提供状況開示通知書")) \
	X("correction",	ROLE_CLERK, 1, N_("本人確認情報訂正等申出受付書"))

/*
 * Disclosure (開示, 住基法第30条の32), for clerks.  A request is
 * received at the counter or by post; the requester's statement is
 * matched (突合) against the file; the request is then decided and the
 * 開示決定通知書 printed, and at last notified (handed over or mailed):
 * days may pass between the steps.
 *
 * disclosures/receive {"request_no", "channel", "requester",
 *   "representative"?, "documents": […], "name", "kana", "birth_date",
 *   "sex", "address", "juminhyo_code"?, "fee_paid"} → {"request":
 *   REQUEST}.  The statement must match one resident of the file (not
 *   removed) in every item: the name and address as written (spaces and
 *   U+3000 aside), the kana by 清音化, the birth date ("YYYY-MM-DD") and
 *   the sex (1 or 2); and the 住民票コード when stated.  A mismatch is
 *   refused E_MISMATCH, which says nothing of which item differs, and
 *   records nothing but the audit entry.  A "representative" (法定代理人)
 *   needs their name; "documents" are the identity documents checked, at
 *   least one of ID_DOCUMENTS, none twice; "fee_paid" must be 1
 *   (E_NO_FEE): DISCLOSURE_FEE_YEN are recorded.  A request number is
 *   used once (E_DUPLICATE).
 * disclosures/list {"state"?} → {"requests": [REQUEST…]}, newest first,
 *   at most 1000.
 * disclosures/show {"request_no"} → {"request", "resident": RESIDENT
 *   (with the 個人番号), "history": [RESIDENT…]}: the disclosure itself,
 *   a provision of the resident's data.
 * disclosures/decide {"request_no"} → {"request"}: received → decided.
 * disclosures/notify {"request_no", "how": "handed" | "mailed"} →
 *   {"request"}: decided → notified, only once the 開示決定通知書 of the
 *   request is printed (E_NOT_PRINTED).
 * disclosures/provisions {"request_no"} → {"request", "provisions":
 *   [PROVISION…]}: from the audit log, every provision of the resident's
 *   data in the last DISCLOSURE_YEARS years, oldest first.
 * corrections/register {"request_no", "correction_no", "kind", "item",
 *   "requested"?, "reason"} → {"correction": CORRECTION}: a 訂正・追加・
 *   削除 申出 about a request decided or notified (E_STATE); "requested"
 *   (the value asked for) is required but for "delete".  The record is
 *   not changed: the municipality corrects it by its update.
 * corrections/list {"request_no"} → {"corrections": [CORRECTION…]}.
 * The answers a letter is printed from (disclosures/show and provisions,
 * corrections/register and list) also carry "authority", who issues the
 * letters (知事), and "organisation", who runs the server, both from its
 * configuration.
 *
 * REQUEST: {"request_no", "channel", "requester", "representative",
 *   "documents", "name", "kana", "birth_date", "sex", "address",
 *   "juminhyo_code", "fee", "state", "received_at", "received_by",
 *   "decided_at", "decided_by", "notified_at", "notified_by",
 *   "notified_how"} ("" for what has not happened).
 * PROVISION: {"time", "kind" (PROVISION_KINDS), "jimu", "jimu_name",
 *   "terminal_id", "operator_id", "source", "recipient", "items": […]}:
 *   "source" is the terminal's organisation, "recipient" who used it.
 * CORRECTION: {"correction_no", "request_no", "kind", "item",
 *   "current", "requested", "reason", "state": "forwarded",
 *   "registered_at", "registered_by"}.
 * Text a person typed is checked as the roster's is (trimmed, at most 64
 * characters, no control characters); request and correction numbers as
 * application numbers.
 */
#define DISCLOSURE_FEE_YEN 10
#define DISCLOSURE_YEARS 7

#define DISCLOSURE_STATES(X) \
	X("received",	N_("受付")) \
	X("decided",	N_("開示決定")) \
	X("notified",	N_("通知済み"))

#define DISCLOSURE_CHANNELS(X) \
	X("counter",	N_("窓口")) \
	X("post",	N_("郵送"))

#define DISCLOSURE_REQUESTERS(X) \
	X("self",		N_("本人")) \
	X("representative",	N_("法定代理人"))

#define DISCLOSURE_NOTICES(X) \
	X("handed",	N_("窓口で交付")) \
	X("mailed",	N_("郵送"))

#define ID_DOCUMENTS(X) \
	X("my-number-card",	N_("個人番号カード")) \
	X("driving-licence",	N_("運転免許証")) \
	X("passport",		N_("旅券")) \
	X("residence-card",	N_("在留カード")) \
	X("insurance-card",	N_("健康保険証")) \
	X("guardian-proof",	N_("法定代理人の資格を証する書類")) \
	X("other",		N_("その他の書類"))

/* What a provision gave out: the audit entry's "items", comma-separated
 * names, and the items a correction may be about (but "history"). */
#define RESIDENT_ITEMS(X) \
	X("code",	N_("住民票コード")) \
	X("name",	N_("氏名")) \
	X("kana",	N_("ふりがな")) \
	X("birth",	N_("生年月日")) \
	X("sex",	N_("性別")) \
	X("address",	N_("住所")) \
	X("kojin",	N_("個人番号")) \
	X("idou",	N_("異動事由・異動年月日")) \
	X("history",	N_("異動の履歴"))

/* The audit actions that provide a resident's data, as the 提供状況
 * names them (機能区分). */
#define PROVISION_KINDS(X) \
	X("lookup.code",	N_("照会 (住民票コード)")) \
	X("lookup.kojin",	N_("照会 (個人番号)")) \
	X("provide.candidate",	N_("照会 (4情報・候補一覧)")) \
	X("resident.view",	N_("照会 (履歴を含む)")) \
	X("disclosure.receive",	N_("開示請求の突合")) \
	X("disclosure.show",	N_("開示"))

#define CORRECTION_KINDS(X) \
	X("correct",	N_("訂正")) \
	X("add",	N_("追加")) \
	X("delete",	N_("削除"))

/*
 * Training (研修), for any operator of a demo server (demo = true); a
 * production server refuses it, E_NOT_DEMO.  The trainers' exercises are
 * the server's file ("exercises" in its configuration), each with the
 * audit entries that show it done: an exercise is done once the audit log
 * holds an entry for every one of its conditions.  A demo server's log
 * starts empty at each reset, so done means done since then, at any demo
 * terminal, by any operator.
 *
 * training/exercises {"language": "ja" | "en"} → {"exercises": [{"id",
 *   "title", "steps": ["…"…], "done": true | false}…], "done", "total"}:
 *   in the order of the file, the title and steps in the language asked
 *   for; "done" the number done, "total" the number there are.  A demo
 *   server without a file answers none.
 */

/*
 * Alerts (警告), for administrators: what the server watches the audit log
 * for (seed 003: the administrator's terminal is warned).  Every audit
 * entry is checked against ALERT_RULES as it is written; an alert is kept
 * until an administrator acknowledges it.  Times of day are Japan's
 * (JST, UTC+9, whatever zone the server's clock is set to), the rules'
 * numbers the server's configuration ("alerts"; by default 08:30-17:15
 * on weekdays, 3 refused logins within 10 minutes, more than 50
 * residents within 10 minutes).
 *
 * "off-hours": a login (login or session.unlock answered) or a provision
 *   of a resident's data (a PROVISION_KINDS entry answered) outside
 *   business hours: before their start or from their end on a business
 *   day ("08:30-17:15": 08:30:00 is in, 08:29:59 and 17:15:00 out), on a
 *   Saturday or Sunday (unless weekends are business days) or on a date
 *   of the holiday calendar.  One alert an operator a stretch of
 *   off-hours (from a business day's end to the next one's start): the
 *   first login or provision in it; "detail" is its action, "count" 1.
 * "login-failures": count refused logins within minutes, counted for one
 *   照合ID (the ID tried, known or not) and, apart, from one terminal (its
 *   certificate's ID): "detail" says which reached the count, "operator"
 *   or "terminal"; "operator_id" is the ID of the last failure.  A
 *   refused login is auth.begin, login or session.unlock refused
 *   E_BAD_CREDENTIALS, E_NO_MATCH, E_LOCKED, E_INACTIVE, E_LAPSED or
 *   E_NOT_YET_VALID: not the reader's timeout or cancel (E_NOT_VERIFIED)
 *   nor a stale challenge (E_CHALLENGE).
 * "many-residents": one operator's provisions (PROVISION_KINDS entries
 *   answered, each with a 住民票コード in "target") reaching more than
 *   count distinct residents within minutes; a resident provided twice
 *   counts once.  "count" is the residents counted.
 * The counts slide with time: an entry counts while it is less than
 *   "minutes" old.  An alert takes the entries that raised it: the count
 *   of that 照合ID, terminal or operator starts again from none, so one
 *   alert is raised for each count (count + 1 for residents) reached,
 *   never one for every entry after it, and no entry is in two alerts.
 *   What is counted lives in the server's memory only, bounded (a rule
 *   keeps at most 512 照合IDs, terminals or operators, forgetting the
 *   least recent), so a restart starts every count afresh.
 * Raising an alert is audited: action "alert.raise", the rule in
 *   "reason", the alert's id in "document", the operator and terminal of
 *   the entry that raised it.  Entries of alerts themselves are never
 *   counted.
 *
 * alerts/count {} → {"open": N}: the alerts not yet acknowledged.  An
 *   administrator's terminal asks every ALERT_POLL_SECONDS while its
 *   session is open and not locked (never while locked, so an idle
 *   terminal stops asking within its lock time) and shows "警告 N 件".
 *   Audited as every request ("alert.count", the number in "reason"):
 *   the log is the record of what each administrator was shown, and one
 *   small entry each ALERT_POLL_SECONDS of an administrator's unlocked
 *   session is its cost.  The poll is no key: it never keeps the
 *   terminal from locking.
 * alerts/list {"filter"?: "open" | "all"} → {"alerts": [ALERT…]}, newest
 *   first, at most ALERT_LIST_MAX; "open" (by default) only those not
 *   acknowledged.
 * alerts/ack {"id", "note"} → {"alert": ALERT}: acknowledged by this
 *   administrator with a note saying what was found or done (E_NO_NOTE
 *   without one; trimmed, without control characters, at most
 *   ALERT_NOTE_CHARS characters and 63 bytes, else E_BAD_VALUE "note":
 *   it goes whole into the audit entry's "reason", the id in
 *   "document").  Not an alert whose "operator_id" is the
 *   administrator's own (E_SELF_ACK: another administrator acknowledges
 *   it); once (E_ACKNOWLEDGED); E_NO_ALERT for an id there is not.
 *
 * ALERT: {"id" (a number), "time" (of the entry that raised it, UTC),
 *   "rule" (ALERT_RULES), "operator_id", "terminal_id", "detail",
 *   "count", "minutes" (the rule's window, 0 for "off-hours"),
 *   "audit_seq" (the seq of the entry that raised it),
 *   "acknowledged_by", "acknowledged_at", "note"} ("" until
 *   acknowledged).
 */
#define ALERT_RULES(X) \
	X("off-hours",		N_("時間外の利用")) \
	X("login-failures",	N_("ログインの失敗")) \
	X("many-residents",	N_("多数の住民の照会"))

#define ALERT_POLL_SECONDS 15
#define ALERT_LIST_MAX 1000
#define ALERT_NOTE_CHARS 20

/*
 * Audit review (監査ログの点検), for auditors and administrators: the
 * server's audit log searched, its chain verified, a period exported for
 * an audit, and counted.  Each of these calls is audited itself, as every
 * request is.
 *
 * Dates ("from", "to") are "YYYY-MM-DD", inclusive, in Japan Standard
 * Time (UTC+9 all year): "from": "2026-04-01" begins at
 * 2026-03-31T15:00:00.000Z, "to": "2026-04-30" ends before
 * 2026-04-30T15:00:00.000Z.  The log's own times are UTC.  A date that
 * is not one is E_BAD_VALUE (its name in "detail"), "from" after "to"
 * E_BAD_RANGE.
 *
 * audit/search {"operator_id"?, "target"?, "terminal_id"?, "action"?,
 *   "result"?, "from"?, "to"?, "before"?, "limit"?} → {"entries":
 *   [ENTRY…], "next", "scanned", "damaged"}: the entries that match every
 *   filter given ("" or absent: any), newest first.  operator_id and
 *   terminal_id are exact; "target" is a 住民票コード (E_BAD_VALUE unless
 *   eleven digits, E_CHECK_DIGIT), and becomes this request's own audit
 *   target; "action" is exact ("lookup.code") or, ending in ".", a family
 *   ("lookup." for every lookup.*); "result" one of AUDIT_RESULTS.
 *   Paging is by seq: "before" (0 or absent: from the newest) gives only
 *   entries with a lower seq, at most "limit" of them (1 to
 *   AUDIT_PAGE_MAX, the default); "next" is the "before" of the page
 *   after this one, 0 when this is the last.  A page never moves as the
 *   log grows.  "scanned" counts the entries read to answer, "damaged"
 *   the lines passed over as no intact entry (audit/verify names them).
 * audit/verify {} → {"entries", "intact": true | false, "damage" (one of
 *   AUDIT_DAMAGES), "line", "seq", "seal_line", "head", "first", "seals",
 *   "sealed_seq", "sealed_time", "unsealed", "stale": true | false}: the
 *   whole chain followed from its first line and checked against the
 *   server's signed seals, as `juki-server verify-audit` does.  "line"
 *   and "seq" are those of the first damage (0 when intact; for a seal's
 *   damage "seq" is the sealed one and "seal_line" its line in the seals
 *   file), "head" the hash of the last entry when intact ("" when not).
 *   "first" is the seq the log starts at (1, or later after a retention
 *   purge), "seals" the seals read, "sealed_seq" and "sealed_time" (UTC)
 *   the last one's (-1 and "" without), "unsealed" the entries after it,
 *   and "stale" says some of those are older than the server should have
 *   left them unsealed: a warning, not proof.  The verdict is also the
 *   reason of this request's audit entry.
 * audit/export {"from", "to"} → {"file", "entries", "sha256",
 *   "scanned", "damaged"}: the entries of the period, oldest first (a
 *   line that is no intact entry is left out and counted in "damaged"),
 *   written by the server as a CSV file into the folder its
 *   configuration names (`audit_exports`; made mode 0700 when missing),
 *   for the auditor to collect there: the terminal never holds it.
 *   "file" is its name in that folder, "audit-FROM-TO-WHENZ.csv" (FROM,
 *   TO as YYYYMMDD, WHEN the UTC time of the export), never an existing
 *   file's; "sha256" is the file's, also in this request's audit entry
 *   (its first 56 hex digits in "reason", the file's name in
 *   "document").  If that entry cannot be written the file is removed
 *   and the answer is E_AUDIT.
 *   The file: UTF-8 with a byte order mark, RFC 4180 (CRLF line ends,
 *   fields with a comma, a double quote or a line end quoted, quotes
 *   doubled), a header row naming the columns of AUDIT_CSV_COLUMNS, then
 *   one row an entry with every field of it, "time" as the log has it
 *   (UTC), so that the chain can be verified again from the file.  A
 *   spreadsheet must not take a field for a formula: a field beginning
 *   with = + - @ (or their full-width forms) or ' gets one ' in front,
 *   which a reader of the file takes off again.
 * audit/stats {"from", "to", "per"?: "day" | "month"} → {"per", "from",
 *   "to", "periods": [PERIOD…], "total": PERIOD, "scanned", "damaged"}:
 *   one PERIOD for every day (at most AUDIT_STATS_MAX_DAYS) or month (at
 *   most AUDIT_STATS_MAX_MONTHS; else E_RANGE_TOO_LONG) of the range,
 *   oldest first, days and months in JST; "per" is "day" unless given.
 *
 * ENTRY: the log's entry, under its keys in the log: {"seq", "time"
 *   (UTC, "2026-11-23T09:15:00.123Z"), "operator", "terminal", "action",
 *   "target", "jimu", "result", "reason", "document", "items", "prev",
 *   "hash"}.
 * PERIOD: {"period" ("2026-04-01" or "2026-04"; absent in "total"),
 *   "updates" (cs.update, ok), "provisions" (PROVISION_KINDS, ok: each
 *   candidate a 4情報 search shows is one), "lookups" (AUDIT_LOOKUPS,
 *   ok), "lookups_by_jimu": [{"jimu", "name", "count"}…] (the 事務 with
 *   a count: the configured ones in their order, then any other as the
 *   log first names it, its "name" ""), "refusals" (every entry refused,
 *   logins included), "logins" (login, ok), "login_refusals" (login,
 *   refused)}.
 */
#define AUDIT_PAGE_MAX 100
#define AUDIT_STATS_MAX_DAYS 366
#define AUDIT_STATS_MAX_MONTHS 120

#define AUDIT_RESULTS(X) \
	X("ok",		N_("成功")) \
	X("refused",	N_("拒否")) \
	X("error",	N_("エラー"))

#define AUDIT_DAMAGES(X) \
	X("intact",	N_("改ざんは見つかりませんでした")) \
	X("malformed",	N_("形式が正しくない行があります")) \
	X("edited",	N_("内容が書き換えられたエントリがあります")) \
	X("deleted",	N_("削除されたエントリがあります")) \
	X("inserted",	N_("挿入されたエントリがあります")) \
	X("reordered",	N_("順序が入れ替えられたエントリがあります")) \
	X("seal-invalid",	N_("シールファイルに不正なシールがあります")) \
	X("seal-mismatch",	N_("シールの後に書き換えられたエントリがあります")) \
	X("truncated",	N_("シール済みのエントリが切り取られています")) \
	X("unsealed",	N_("監査ログにシールがありません"))

#define AUDIT_PERIODS(X) \
	X("day",	N_("日ごと")) \
	X("month",	N_("月ごと"))

/* The requests that look a resident up for a 事務: what audit/stats
 * counts as lookups. */
#define AUDIT_LOOKUPS(X) \
	X("lookup.code",	N_("照会 (住民票コード)")) \
	X("lookup.kojin",	N_("照会 (個人番号)")) \
	X("lookup.4joho",	N_("照会 (4情報)")) \
	X("resident.view",	N_("照会 (履歴を含む)"))

/* The columns of an export, in order. */
#define AUDIT_CSV_COLUMNS(X) \
	X("seq") X("time") X("operator") X("terminal") X("action") \
	X("target") X("jimu") X("result") X("reason") X("document") \
	X("items") X("prev") X("hash")

/* Fingers an operator may have registered: a second for when the first
 * is hurt.  At login the operator chooses which to place. */
#define PROTOCOL_MAX_FINGERS 2

/* The fingers, as the protocol names them ("finger"), with the label a
 * person reads. */
#define FINGERS(X) \
	X("right-thumb",	N_("右手親指")) \
	X("right-index",	N_("右手人差し指")) \
	X("right-middle",	N_("右手中指")) \
	X("right-ring",		N_("右手薬指")) \
	X("right-little",	N_("右手小指")) \
	X("left-thumb",		N_("左手親指")) \
	X("left-index",		N_("左手人差し指")) \
	X("left-middle",	N_("左手中指")) \
	X("left-ring",		N_("左手薬指")) \
	X("left-little",	N_("左手小指"))

/* "right-thumb" for 0, … in the order of FINGERS; NULL past the last. */
const char *finger_name(int finger);
/* The number of the finger named, or -1. */
int finger_from_name(const char *name);

/* Whether name is one of OPERATOR_STATES: 1 or 0. */
int operator_state_known(const char *name);

/* Where name is in the n names (one of the lists above made into an
 * array), or -1.  NAME_INDEX takes the array itself. */
int name_index(const char *const *names, size_t n, const char *name);
#define NAME_INDEX(names, name) \
	name_index(names, sizeof names / sizeof names[0], name)

/* Digits of a PIN the server issues (operators/pin). */
#define PROTOCOL_PIN_DIGITS 8

/* Seconds a challenge stays valid: a scan with its retries. */
#define PROTOCOL_CHALLENGE_SECONDS 120

/* What the terminal reports.  Only "match" and a right "pin" open or
 * unlock a session; the others are logged with their reason. */
#define AUTH_OUTCOMES(X) \
	X(AUTH_MATCH,		"match") \
	X(AUTH_NO_MATCH,	"no-match") \
	X(AUTH_PIN,		"pin") \
	X(AUTH_TIMEOUT,		"timeout") \
	X(AUTH_CANCELLED,	"cancelled") \
	X(AUTH_READER_REMOVED,	"reader-removed") \
	X(AUTH_READER_ERROR,	"reader-error")

enum auth_outcome {
#define AUTH_ENUM(name, text) name,
	AUTH_OUTCOMES(AUTH_ENUM)
#undef AUTH_ENUM
	AUTH_OUTCOME_COUNT
};

/* "match" for AUTH_MATCH …; the outcome named, or -1. */
const char *auth_outcome_name(enum auth_outcome o);
int auth_outcome_from_name(const char *name);

/*
 * Error codes: stable strings a terminal may act on, each with the HTTP
 * status it travels with.  The message beside them is for people.
 */
#define PROTOCOL_ERRORS(X) \
	X(E_MALFORMED,		400, "要求の形式が正しくありません") \
	X(E_TOO_LARGE,		413, "要求が大きすぎます") \
	X(E_UNKNOWN_FIELD,	400, "不明な項目があります") \
	X(E_WRONG_TYPE,		400, "項目の型が正しくありません") \
	X(E_MISSING_FIELD,	400, "必要な項目がありません") \
	X(E_BAD_VALUE,		400, "項目の値が正しくありません") \
	X(E_CHECK_DIGIT,	400, "チェックデジットが一致しません") \
	X(E_VERSION,		404, "対応していないプロトコルの版です") \
	X(E_NO_ROUTE,		404, "そのような要求はありません") \
	X(E_METHOD,		405, "その方法では要求できません") \
	X(E_NO_SESSION,		401, "ログインしていません") \
	X(E_SESSION_EXPIRED,	401, "セッションの有効期限が切れました") \
	X(E_SESSION_TERMINAL,	401, "このセッションは別の端末のものです") \
	X(E_BAD_CREDENTIALS,	401, "照合IDまたは暗証番号が正しくありません") \
	X(E_NO_MATCH,		401, "指紋が一致しません") \
	X(E_NOT_VERIFIED,	401, "本人確認ができませんでした") \
	X(E_CHALLENGE,		401, "本人確認をはじめからやり直してください") \
	X(E_PIN_NOT_ALLOWED,	403, "この照合IDは暗証番号では認証できません。指紋で認証してください") \
	X(E_FINGERPRINT_NOT_ALLOWED, 403, "この照合IDは暗証番号で認証してください") \
	X(E_NO_PRINT,		403, "照合情報が登録されていません。管理者に連絡してください") \
	X(E_SESSION_LOCKED,	423, "画面がロックされています") \
	X(E_NOT_LOCKED,		409, "この照合IDはロックされていません") \
	X(E_NO_OPERATOR,	404, "該当する照合IDはありません") \
	X(E_NO_APPLICATION,	404, "該当する申請はありません") \
	X(E_DUPLICATE,		409, "その申請番号はすでに登録されています") \
	X(E_NOT_APPROVED,	409, "この申請はまだ承認されていません") \
	X(E_ALREADY_ISSUED,	409, "この申請の照合IDはすでに発行されています") \
	X(E_NOT_AWAITING,	409, "承認を待っている申請ではありません") \
	X(E_SELF_APPROVAL,	403, "自分が登録した申請は承認できません。別の管理者が承認してください") \
	X(E_OWN_ID,		403, "自分の照合IDは変更できません。別の管理者に依頼してください") \
	X(E_STATE,		409, "今の状態ではその操作はできません") \
	X(E_REVOKED,		409, "この照合IDは無効化されています。無効化は取り消せません") \
	X(E_NO_DOCUMENT,	400, "文書番号を入力してください") \
	X(E_LAPSED,		403, "この照合IDは有効期限が切れています") \
	X(E_NO_REASON,		400, "印刷の理由を入力してください") \
	X(E_NO_PRINT_JOB,	404, "該当する帳票はありません") \
	X(E_NOT_YOURS,		403, "この帳票は別の操作者または端末のものです") \
	X(E_REPRINT,		403, "再印刷には管理者の承認が必要です") \
	X(E_NO_REQUEST,		404, "該当する開示請求はありません") \
	X(E_NO_CORRECTION,	404, "該当する訂正等の申出はありません") \
	X(E_MISMATCH,		422, "申出の内容が記録と一致しません。請求書の記載を確認してください") \
	X(E_NO_FEE,		400, "手数料の受領を確認してください") \
	X(E_NOT_PRINTED,	409, "開示決定通知書がまだ印刷されていません") \
	X(E_NOT_YET_VALID,	403, "この照合IDの有効期間はまだ始まっていません") \
	X(E_LOCKED,		403, "この照合IDはロックされています") \
	X(E_INACTIVE,		403, "この照合IDは使用できません") \
	X(E_FORBIDDEN,		403, "この操作の権限がありません") \
	X(E_NOT_CS,		403, "市町村CSの証明書が必要です") \
	X(E_NOT_DEMO,		403, "研修用のサーバでのみ使えます") \
	X(E_NO_JIMU,		400, "事務を指定してください") \
	X(E_UNKNOWN_JIMU,	400, "不明な事務です") \
	X(E_NOT_FOUND,		404, "該当する住民はいません") \
	X(E_TOO_MANY,		422, "該当が多すぎます。条件を追加して絞り込んでください") \
	X(E_BAD_RANGE,		400, "期間の指定が正しくありません。開始日は終了日以前にしてください") \
	X(E_RANGE_TOO_LONG,	400, "期間が長すぎます。日ごとは366日まで、月ごとは120か月までです") \
	X(E_UPDATE_REFUSED,	422, "更新を受け付けられません") \
	X(E_REPLAY,		409, "この更新はすでに処理済みです") \
	X(E_NO_ALERT,		404, "該当する警告はありません") \
	X(E_NO_NOTE,		400, "確認の内容を入力してください") \
	X(E_SELF_ACK,		403, "自分の照合IDについての警告は確認できません。別の管理者が確認してください") \
	X(E_ACKNOWLEDGED,	409, "この警告はすでに確認済みです") \
	X(E_AUDIT,		503, "監査ログに記録できないため処理できません") \
	X(E_INTERNAL,		500, "サーバ内部のエラーです")

enum protocol_error {
#define PROTOCOL_ENUM(name, status, message) name,
	PROTOCOL_ERRORS(PROTOCOL_ENUM)
#undef PROTOCOL_ENUM
	PROTOCOL_ERROR_COUNT
};

/* Roles, as the login answer names them ("roles": ["clerk"]). */
enum role {
	ROLE_CLERK = 1 << 0,	/* lookups and disclosure */
	ROLE_ADMIN = 1 << 1,	/* operator lifecycle, approvals */
	ROLE_AUDITOR = 1 << 2,	/* logs, read-only */
	ROLE_TRAINER = 1 << 3,	/* demo only */
};

#define ANY_ROLE (ROLE_CLERK | ROLE_ADMIN | ROLE_AUDITOR | ROLE_TRAINER)

/* "clerk" for ROLE_CLERK …; NULL for anything else. */
const char *role_name(unsigned role);
/* The role named, or 0. */
unsigned role_from_name(const char *name);

/* "E_NOT_FOUND", its HTTP status, its message id. */
const char *protocol_error_code(enum protocol_error e);
int protocol_error_status(enum protocol_error e);
const char *protocol_error_message(enum protocol_error e);

/* The error with this code string, or -1. */
int protocol_error_from_code(const char *code);

#endif
