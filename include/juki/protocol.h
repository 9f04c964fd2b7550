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

#define PROTOCOL_VERSION 1
#define PROTOCOL_PREFIX "/v1/"

/* Largest request body the server reads; larger is E_TOO_LARGE. */
#define PROTOCOL_MAX_BODY 16384

/* Most candidates a 4情報 search returns; more is E_TOO_MANY. */
#define PROTOCOL_MAX_CANDIDATES 50

#define PATH_AUTH_BEGIN		"/v1/auth/begin"
#define PATH_LOGIN		"/v1/session/login"
#define PATH_LOGOUT		"/v1/session/logout"
#define PATH_LOCK		"/v1/session/lock"
#define PATH_UNLOCK		"/v1/session/unlock"
#define PATH_OPERATOR_UNLOCK	"/v1/operators/unlock"
#define PATH_JIMU		"/v1/jimu"
#define PATH_LOOKUP_CODE	"/v1/lookup/code"
#define PATH_LOOKUP_KOJIN	"/v1/lookup/kojin"
#define PATH_LOOKUP_4JOHO	"/v1/lookup/4joho"
#define PATH_RESIDENT		"/v1/resident"
#define PATH_CS_UPDATE		"/v1/cs/update"

/*
 * Proving who the operator is.  The terminal asks to begin
 * ({"operator_id"}); the server answers with a one-time challenge, the
 * method the operator may use and, for "fingerprint", their 照合情報 (a
 * serialised FpPrint, base64).  The terminal verifies the finger with its
 * reader and reports the outcome with the challenge to login (or, for a
 * locked session, unlock): {"challenge", "outcome", "pin"?}.  The server
 * trusts an outcome only from the certificate the challenge was issued
 * to, once, within its lifetime, and counts every "no-match" and every
 * wrong PIN towards the lock-out.
 */
#define AUTH_METHOD_FINGERPRINT	"fingerprint"
#define AUTH_METHOD_PIN		"pin"

/* Largest serialised print, before base64. */
#define PROTOCOL_MAX_PRINT 8192

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
	X(E_LOCKED,		403, "この照合IDはロックされています") \
	X(E_INACTIVE,		403, "この照合IDは使用できません") \
	X(E_FORBIDDEN,		403, "この操作の権限がありません") \
	X(E_NOT_CS,		403, "市町村CSの証明書が必要です") \
	X(E_NO_JIMU,		400, "事務を指定してください") \
	X(E_UNKNOWN_JIMU,	400, "不明な事務です") \
	X(E_NOT_FOUND,		404, "該当する住民はいません") \
	X(E_TOO_MANY,		422, "該当が多すぎます。条件を追加して絞り込んでください") \
	X(E_UPDATE_REFUSED,	422, "更新を受け付けられません") \
	X(E_REPLAY,		409, "この更新はすでに処理済みです") \
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
