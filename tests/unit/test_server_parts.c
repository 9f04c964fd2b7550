/*
 * The server's own parts, without the network: sessions, challenges, PIN
 * hashes, sealed prints, the operator roster, the configuration file.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "challenges.h"
#include "fixture.h"
#include "operators.h"
#include "pin.h"
#include "print-seal.h"
#include "server-config.h"
#include "sessions.h"

static const unsigned char fp_a[CERT_FINGERPRINT_LEN] = { 1, 2, 3 };
static const unsigned char fp_b[CERT_FINGERPRINT_LEN] = { 9, 9, 9 };

static struct operator
clerk(void)
{
	struct operator op;

	memset(&op, 0, sizeof op);
	snprintf(op.id, sizeof op.id, "C0001");
	snprintf(op.name, sizeof op.name, "窓口 一郎");
	op.roles = ROLE_CLERK;
	return op;
}

static void
test_sessions(void **state)
{
	struct sessions *ss = sessions_new(2, 3600, 3);
	struct operator op = clerk();
	char t1[SESSION_TOKEN_LEN + 1], t2[SESSION_TOKEN_LEN + 1];
	char t3[SESSION_TOKEN_LEN + 1];
	const struct session *s;

	(void)state;
	assert_int_equal(sessions_open(ss, &op, "T0001", fp_a, t1), 0);
	assert_int_equal(strlen(t1), SESSION_TOKEN_LEN);
	assert_int_equal(sessions_check(ss, t1, fp_a, &s), SESSION_OK);
	assert_string_equal(s->operator_id, "C0001");
	assert_int_equal(sessions_check(ss, t1, fp_b, &s),
	    SESSION_OTHER_TERMINAL);
	assert_null(s);
	assert_int_equal(sessions_open(ss, &op, "T0001", fp_a, t2), 0);
	assert_string_not_equal(t1, t2);
	/* Full: no third session while both live. */
	assert_int_equal(sessions_open(ss, &op, "T0001", fp_a, t3), -1);
	assert_int_equal(sessions_end(ss, t2), 0);
	assert_int_equal(sessions_check(ss, t2, fp_a, &s), SESSION_NONE);
	assert_int_equal(sessions_end(ss, t2), -1);
	assert_int_equal(sessions_check(ss, "short", fp_a, &s), SESSION_NONE);
	/* Idle for longer than its 3 seconds: gone, its slot free again. */
	sleep(4);
	assert_int_equal(sessions_check(ss, t1, fp_a, &s), SESSION_EXPIRED);
	assert_int_equal(sessions_check(ss, t1, fp_a, &s), SESSION_NONE);
	assert_int_equal(sessions_open(ss, &op, "T0001", fp_a, t3), 0);
	sessions_free(ss);
}

static void
test_session_lock(void **state)
{
	struct sessions *ss = sessions_new(2, 3600, 3600);
	struct operator op = clerk();
	char t[SESSION_TOKEN_LEN + 1];
	const struct session *s;
	int left = 0;

	(void)state;
	assert_int_equal(sessions_open(ss, &op, "T0001", fp_a, t), 0);
	assert_int_equal(sessions_lock(ss, t), 0);
	assert_int_equal(sessions_check(ss, t, fp_a, &s), SESSION_OK);
	assert_true(s->locked);
	assert_int_equal(sessions_unlock(ss, t, &left), 0);
	assert_false(s->locked);
	assert_true(left > 3590 && left <= 3600);
	assert_int_equal(sessions_lock(ss, "0123"), -1);
	assert_int_equal(sessions_unlock(ss, "0123", &left), -1);
	assert_int_equal(sessions_end(ss, t), 0);
	assert_int_equal(sessions_lock(ss, t), -1);
	sessions_free(ss);
}

static void
test_challenges(void **state)
{
	struct challenges *cs = challenges_new(2, 3600);
	char c1[CHALLENGE_LEN + 1], c2[CHALLENGE_LEN + 1];
	char c3[CHALLENGE_LEN + 1], method[CHALLENGE_METHOD_MAX];

	(void)state;
	assert_int_equal(challenges_issue(cs, "C0001", fp_a,
	    AUTH_METHOD_FINGERPRINT, c1), 0);
	assert_int_equal(strlen(c1), CHALLENGE_LEN);
	assert_int_equal(challenges_take(cs, c1, "C0001", fp_a, method),
	    CHALLENGE_OK);
	assert_string_equal(method, AUTH_METHOD_FINGERPRINT);
	/* Single use. */
	assert_int_equal(challenges_take(cs, c1, "C0001", fp_a, method),
	    CHALLENGE_NONE);
	assert_int_equal(challenges_take(cs, "", "C0001", fp_a, method),
	    CHALLENGE_NONE);
	/* Bound to the certificate and the operator, and used up by a
	 * wrong presentation too. */
	assert_int_equal(challenges_issue(cs, "C0001", fp_a, AUTH_METHOD_PIN,
	    c1), 0);
	assert_int_equal(challenges_take(cs, c1, "C0001", fp_b, method),
	    CHALLENGE_OTHER_TERMINAL);
	assert_int_equal(challenges_take(cs, c1, "C0001", fp_a, method),
	    CHALLENGE_NONE);
	assert_int_equal(challenges_issue(cs, "C0001", fp_a, AUTH_METHOD_PIN,
	    c1), 0);
	assert_int_equal(challenges_take(cs, c1, "C0002", fp_a, method),
	    CHALLENGE_OTHER_OPERATOR);
	assert_int_equal(challenges_take(cs, c1, "C0001", fp_a, method),
	    CHALLENGE_NONE);
	/* Full: the oldest gives way. */
	assert_int_equal(challenges_issue(cs, "C0001", fp_a, AUTH_METHOD_PIN,
	    c1), 0);
	sleep(1);
	assert_int_equal(challenges_issue(cs, "C0002", fp_a, AUTH_METHOD_PIN,
	    c2), 0);
	assert_int_equal(challenges_issue(cs, "C0003", fp_a, AUTH_METHOD_PIN,
	    c3), 0);
	assert_int_equal(challenges_take(cs, c1, "C0001", fp_a, method),
	    CHALLENGE_NONE);
	assert_int_equal(challenges_take(cs, c2, "C0002", fp_a, method),
	    CHALLENGE_OK);
	assert_int_equal(challenges_take(cs, c3, "C0003", fp_a, method),
	    CHALLENGE_OK);
	challenges_free(cs);

	/* Past its lifetime: refused, and gone. */
	cs = challenges_new(4, 1);
	assert_int_equal(challenges_issue(cs, "C0001", fp_a, AUTH_METHOD_PIN,
	    c1), 0);
	sleep(2);
	assert_int_equal(challenges_take(cs, c1, "C0001", fp_a, method),
	    CHALLENGE_EXPIRED);
	assert_int_equal(challenges_take(cs, c1, "C0001", fp_a, method),
	    CHALLENGE_NONE);
	challenges_free(cs);
}

static void
test_pin(void **state)
{
	char h1[PIN_HASH_MAX], h2[PIN_HASH_MAX];

	(void)state;
	assert_true(pin_well_formed("1234"));
	assert_true(pin_well_formed("1234567890123456"));
	assert_false(pin_well_formed("123"));
	assert_false(pin_well_formed("12345678901234567"));
	assert_false(pin_well_formed("12a4"));
	assert_false(pin_well_formed(""));
	assert_int_equal(pin_hash("2468", h1, sizeof h1), 0);
	assert_int_equal(pin_hash("2468", h2, sizeof h2), 0);
	assert_string_not_equal(h1, h2);	/* salted */
	assert_null(strstr(h1, "2468"));
	assert_int_equal(strncmp(h1, "scrypt$15$8$1$", 14), 0);
	assert_int_equal(pin_verify("2468", h1), 1);
	assert_int_equal(pin_verify("2469", h1), 0);
	assert_int_equal(pin_verify("2468", "plain:2468"), -1);
	h1[20] = 'z';
	assert_int_equal(pin_verify("2468", h1), -1);
	assert_int_equal(pin_hash("2468", h2, 20), -1);
}

/* Generated PINs: eight digits, a fresh one each time, every digit
 * drawn (a bias that dropped one would show in a thousand). */
static void
test_pin_generate(void **state)
{
	char a[PROTOCOL_PIN_DIGITS + 1], b[PROTOCOL_PIN_DIGITS + 1];
	int seen[10] = { 0 };

	(void)state;
	assert_int_equal(pin_generate(a), 0);
	assert_int_equal(strlen(a), 8);
	assert_true(pin_well_formed(a));
	assert_int_equal(pin_generate(b), 0);
	assert_string_not_equal(a, b);
	for (int i = 0; i < 125; i++) {
		assert_int_equal(pin_generate(a), 0);
		for (int k = 0; k < PROTOCOL_PIN_DIGITS; k++)
			seen[a[k] - '0']++;
	}
	for (int d = 0; d < 10; d++)
		assert_true(seen[d] > 50);
}

/* What the roster stores for a print: opaque sealed bytes. */
static struct sealed_print
sealed_stub(void)
{
	struct sealed_print p;

	memset(&p, 0, sizeof p);
	p.finger = finger_from_name("right-index");
	memcpy(p.bytes, "\1\2\3\4\5", 5);
	p.len = 5;
	return p;
}

static void
test_operators(void **state)
{
	char path[4096];
	struct operators *ops;
	struct operator op = clerk(), got;
	struct sealed_print stub = sealed_stub(), prints[PROTOCOL_MAX_FINGERS];
	const char *reason = NULL;
	int n = -1;

	(void)state;
	fixture_db_path(path, sizeof path);
	assert_int_equal(operators_open(path, 1, &ops, &reason), 0);
	snprintf(op.method, sizeof op.method, AUTH_METHOD_PIN);
	assert_int_equal(operators_add(ops, &op, "cli", "1234", NULL, &reason),
	    0);
	assert_int_equal(operators_add(ops, &op, "cli", "1234", NULL, &reason),
	    -1);
	assert_string_equal(reason, "その照合IDはすでに使われています");
	op.roles = 0;
	snprintf(op.id, sizeof op.id, "X0001");
	assert_int_equal(operators_add(ops, &op, "cli", "1234", NULL, &reason),
	    -1);
	op.roles = ROLE_ADMIN | ROLE_AUDITOR;
	assert_int_equal(operators_add(ops, &op, "cli", "12", NULL, &reason),
	    -1);
	snprintf(op.id, sizeof op.id, "X 0001");
	assert_int_equal(operators_add(ops, &op, "cli", "5678", NULL, &reason),
	    -1);
	/* A name that is empty, not trimmed or not clean text. */
	snprintf(op.id, sizeof op.id, "X0001");
	for (size_t i = 0; i < 3; i++) {
		snprintf(op.name, sizeof op.name, "%s",
		    (const char *[]){ "", " 窓口", "窓\x1b口" }[i]);
		assert_int_equal(operators_add(ops, &op, "cli", "5678", NULL,
		    &reason), -1);
	}
	snprintf(op.name, sizeof op.name, "窓口 二郎");
	/* An end already past, or not a date. */
	snprintf(op.valid_until, sizeof op.valid_until, "2000-01-01");
	assert_int_equal(operators_add(ops, &op, "cli", "5678", NULL, &reason),
	    -1);
	snprintf(op.valid_until, sizeof op.valid_until, "9999-02-30");
	assert_int_equal(operators_add(ops, &op, "cli", "5678", NULL, &reason),
	    -1);
	snprintf(op.valid_until, sizeof op.valid_until, "9999-12-31");
	assert_int_equal(operators_add(ops, &op, "cli", "5678", NULL, &reason),
	    0);
	assert_int_equal(operators_get(ops, "X0001", &got), 0);
	assert_int_equal(got.roles, ROLE_ADMIN | ROLE_AUDITOR);
	assert_string_equal(got.method, AUTH_METHOD_PIN);
	assert_string_equal(got.valid_until, "9999-12-31");
	assert_true(got.has_pin);
	assert_int_equal(got.nprints, 0);
	assert_int_equal(operators_sealed_prints(ops, "X0001", prints, &n), 0);
	assert_int_equal(n, 0);

	/* A fingerprint operator needs a print and no PIN. */
	snprintf(op.id, sizeof op.id, "F0001");
	op.valid_until[0] = '\0';
	snprintf(op.method, sizeof op.method, AUTH_METHOD_FINGERPRINT);
	assert_int_equal(operators_add(ops, &op, "cli", NULL, NULL, &reason),
	    -1);
	assert_int_equal(operators_add(ops, &op, "cli", "1234", &stub,
	    &reason), -1);
	assert_int_equal(operators_add(ops, &op, "cli", NULL, &stub, &reason),
	    0);
	assert_int_equal(operators_get(ops, "F0001", &got), 0);
	assert_string_equal(got.method, AUTH_METHOD_FINGERPRINT);
	assert_false(got.has_pin);
	assert_int_equal(got.nprints, 1);
	assert_string_equal(finger_name(got.fingers[0]), "right-index");
	assert_int_equal(operators_sealed_prints(ops, "F0001", prints, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(prints[0].finger, stub.finger);
	assert_int_equal(prints[0].len, stub.len);
	assert_memory_equal(prints[0].bytes, stub.bytes, stub.len);
	snprintf(op.method, sizeof op.method, "face");
	snprintf(op.id, sizeof op.id, "F0002");
	assert_int_equal(operators_add(ops, &op, "cli", "1234", NULL, &reason),
	    -1);

	/* A PIN operator: failures count; a success in between resets them. */
	assert_int_equal(operators_authenticate(ops, "C0001", AUTH_PIN, "1234",
	    3, &got), LOGIN_OK);
	assert_int_equal(operators_authenticate(ops, "NOBODY", AUTH_PIN,
	    "1234", 3, &got), LOGIN_UNKNOWN_ID);
	assert_int_equal(operators_authenticate(ops, "C0001", AUTH_PIN, "0000",
	    3, &got), LOGIN_BAD);
	assert_int_equal(operators_authenticate(ops, "C0001", AUTH_PIN, "1234",
	    3, &got), LOGIN_OK);
	assert_int_equal(got.failures, 0);
	assert_int_equal(operators_authenticate(ops, "C0001", AUTH_MATCH, "",
	    3, &got), LOGIN_WRONG_METHOD);
	assert_int_equal(operators_authenticate(ops, "C0001", AUTH_TIMEOUT, "",
	    3, &got), LOGIN_WRONG_METHOD);
	assert_int_equal(operators_authenticate(ops, "C0001", AUTH_PIN, "0000",
	    3, &got), LOGIN_BAD);
	assert_int_equal(operators_authenticate(ops, "C0001", AUTH_PIN, "0000",
	    3, &got), LOGIN_BAD);
	assert_int_equal(operators_authenticate(ops, "C0001", AUTH_PIN, "0000",
	    3, &got), LOGIN_LOCKED);
	assert_int_equal(operators_authenticate(ops, "C0001", AUTH_PIN, "1234",
	    3, &got), LOGIN_LOCKED);

	/* A fingerprint operator: only "no-match" counts, "pin" is refused
	 * unchecked. */
	assert_int_equal(operators_authenticate(ops, "F0001", AUTH_PIN, "1234",
	    2, &got), LOGIN_WRONG_METHOD);
	assert_int_equal(operators_authenticate(ops, "F0001", AUTH_TIMEOUT,
	    "", 2, &got), LOGIN_NOT_VERIFIED);
	assert_int_equal(operators_authenticate(ops, "F0001",
	    AUTH_READER_REMOVED, "", 2, &got), LOGIN_NOT_VERIFIED);
	assert_int_equal(got.failures, 0);
	assert_int_equal(operators_authenticate(ops, "F0001", AUTH_NO_MATCH,
	    "", 2, &got), LOGIN_BAD);
	assert_int_equal(operators_authenticate(ops, "F0001", AUTH_MATCH, "",
	    2, &got), LOGIN_OK);
	assert_int_equal(operators_authenticate(ops, "F0001", AUTH_NO_MATCH,
	    "", 2, &got), LOGIN_BAD);
	assert_int_equal(operators_authenticate(ops, "F0001", AUTH_NO_MATCH,
	    "", 2, &got), LOGIN_LOCKED);
	assert_int_equal(operators_authenticate(ops, "F0001", AUTH_MATCH, "",
	    2, &got), LOGIN_LOCKED);

	operators_close(ops);

	/* The roster survives a reopen. */
	assert_int_equal(operators_open(path, 0, &ops, &reason), 0);
	assert_int_equal(operators_get(ops, "C0001", &got), 0);
	assert_string_equal(got.status, "locked");
	operators_close(ops);
	fixture_remove_db(path);
}

/* A roster of schema 1 gains the method, PIN for everyone it holds. */
static void
test_operators_v1(void **state)
{
	char path[4096], hash[PIN_HASH_MAX], sql[1024];
	struct operators *ops;
	struct operator got;
	const char *reason = NULL;
	sqlite3 *db;

	(void)state;
	fixture_db_path(path, sizeof path);
	assert_int_equal(pin_hash("2468", hash, sizeof hash), 0);
	snprintf(sql, sizeof sql,
	    "CREATE TABLE operator (id TEXT PRIMARY KEY, name TEXT NOT NULL,"
	    " status TEXT NOT NULL DEFAULT 'active', pin_hash TEXT,"
	    " failures INTEGER NOT NULL DEFAULT 0, created_at TEXT) STRICT;"
	    "CREATE TABLE operator_role (operator_id TEXT NOT NULL,"
	    " role TEXT NOT NULL, PRIMARY KEY (operator_id, role)) STRICT;"
	    "INSERT INTO operator (id, name, pin_hash)"
	    " VALUES ('OLD01', 'x', '%s');"
	    "INSERT INTO operator_role VALUES ('OLD01', 'clerk');"
	    "PRAGMA application_id = %d; PRAGMA user_version = 1;", hash,
	    0x4a4b4f50);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	assert_int_equal(operators_open(path, 0, &ops, &reason), 0);
	assert_int_equal(operators_get(ops, "OLD01", &got), 0);
	assert_string_equal(got.method, AUTH_METHOD_PIN);
	assert_true(got.has_pin);
	assert_int_equal(got.nprints, 0);
	assert_int_equal(operators_authenticate(ops, "OLD01", AUTH_PIN,
	    "2468", 5, &got), LOGIN_OK);
	operators_close(ops);
	fixture_remove_db(path);
}

/* Two fresh keys under $TMPDIR; the paths go to a and b. */
static void
two_keys(char *a, char *b, size_t sz)
{
	char err[512];

	fixture_db_path(a, sz);
	fixture_db_path(b, sz);
	assert_int_equal(print_key_create(a, err, sizeof err), 0);
	assert_int_equal(print_key_create(b, err, sizeof err), 0);
}

static void
test_print_key(void **state)
{
	char a[4096], b[4096], err[512];
	struct print_key *k;
	struct stat sb;
	FILE *f;

	(void)state;
	two_keys(a, b, sizeof a);
	assert_int_equal(stat(a, &sb), 0);
	assert_int_equal(sb.st_size, PRINT_KEY_LEN);
	assert_int_equal(sb.st_mode & 0777, 0600);
	/* Never overwritten. */
	assert_int_equal(print_key_create(a, err, sizeof err), -1);
	assert_non_null(strstr(err, "上書きしません"));
	assert_non_null(k = print_key_load(a, err, sizeof err));
	print_key_free(k);

	chmod(a, 0640);
	assert_null(print_key_load(a, err, sizeof err));
	assert_non_null(strstr(err, "所有者以外"));
	chmod(a, 0600);
	assert_non_null(f = fopen(b, "a"));
	fputc('x', f);
	fclose(f);
	assert_null(print_key_load(b, err, sizeof err));
	assert_non_null(strstr(err, "32"));
	unlink(b);
	assert_null(print_key_load(b, err, sizeof err));
	assert_non_null(strstr(err, b));
	unlink(a);
}

static void
test_print_seal(void **state)
{
	char a[4096], b[4096], err[512];
	unsigned char print[300], sealed[300 + PRINT_SEAL_OVERHEAD];
	unsigned char opened[300], again[300 + PRINT_SEAL_OVERHEAD];
	struct print_key *ka, *kb;
	size_t sealedlen, len, againlen;

	(void)state;
	for (size_t i = 0; i < sizeof print; i++)
		print[i] = (unsigned char)(i * 7);
	two_keys(a, b, sizeof a);
	assert_non_null(ka = print_key_load(a, err, sizeof err));
	assert_non_null(kb = print_key_load(b, err, sizeof err));

	assert_int_equal(print_seal(ka, "F0001", print, sizeof print, sealed,
	    sizeof sealed, &sealedlen), 0);
	assert_int_equal(sealedlen, sizeof print + PRINT_SEAL_OVERHEAD);
	assert_int_equal(print_open(ka, "F0001", sealed, sealedlen, opened,
	    sizeof opened, &len), 0);
	assert_int_equal(len, sizeof print);
	assert_memory_equal(opened, print, len);
	/* A fresh nonce each time. */
	assert_int_equal(print_seal(ka, "F0001", print, sizeof print, again,
	    sizeof again, &againlen), 0);
	assert_memory_not_equal(again, sealed, sealedlen);

	/* Another operator's row, another key, a changed byte: shut. */
	assert_int_equal(print_open(ka, "F0002", sealed, sealedlen, opened,
	    sizeof opened, &len), -1);
	assert_int_equal(print_open(kb, "F0001", sealed, sealedlen, opened,
	    sizeof opened, &len), -1);
	for (size_t i = 0; i < sealedlen; i += 97) {
		sealed[i] ^= 1;
		assert_int_equal(print_open(ka, "F0001", sealed, sealedlen,
		    opened, sizeof opened, &len), -1);
		sealed[i] ^= 1;
	}
	sealed[sealedlen - 1] ^= 0x80;
	assert_int_equal(print_open(ka, "F0001", sealed, sealedlen, opened,
	    sizeof opened, &len), -1);
	assert_int_equal(print_open(ka, "F0001", sealed, PRINT_SEAL_OVERHEAD,
	    opened, sizeof opened, &len), -1);
	/* Too small a buffer, an empty print: refused. */
	assert_int_equal(print_seal(ka, "F0001", print, sizeof print, sealed,
	    sizeof print, &sealedlen), -1);
	assert_int_equal(print_seal(ka, "F0001", print, 0, sealed,
	    sizeof sealed, &sealedlen), -1);
	print_key_free(ka);
	print_key_free(kb);
	unlink(a);
	unlink(b);
}

static void
test_base64(void **state)
{
	static const unsigned char bytes[] = { 0, 0xff, 'a', '\n', 0x80 };
	unsigned char out[8];
	char text[16];
	size_t len;

	(void)state;
	for (size_t n = 1; n <= sizeof bytes; n++) {
		print_to_base64(bytes, n, text);
		assert_int_equal(print_from_base64(text, out, sizeof out, &len),
		    0);
		assert_int_equal(len, n);
		assert_memory_equal(out, bytes, n);
	}
	assert_string_equal(text, "AP9hCoA=");
	assert_int_equal(print_from_base64("", out, sizeof out, &len), 0);
	assert_int_equal(len, 0);
	assert_int_equal(print_from_base64("AP9", out, sizeof out, &len), -1);
	assert_int_equal(print_from_base64("AP9h Co=", out, sizeof out, &len),
	    -1);
	assert_int_equal(print_from_base64("A=9h", out, sizeof out, &len), -1);
	assert_int_equal(print_from_base64("AP9hCoA=", out, 4, &len), -2);
	assert_int_equal(print_from_base64("AP9hCoA=", out, 5, &len), 0);
}

static void
write_file(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	chmod(path, mode);
}

static const char good_config[] =
	"listen = { port = 9443; };\n"
	"database = \"r.db\"; operators = \"/var/o.db\"; audit_log = \"a.log\";\n"
	"print_key = \"print.key\"; seal_key = \"seal.key\";\n"
	"tls = { certificate = \"s.crt\"; key = \"s.key\"; ca = \"ca.crt\"; };\n"
	"session = { idle_seconds = 600; };\n"
	"jimu = ( { code = \"KAIJI\"; name = \"開示\"; kojin = true; },\n"
	"         { code = \"TEIKYO\"; name = \"提供\"; } );\n";

/* 64 characters: the longest name a setting may have. */
static const char sixty_four[] =
	"都道府県都道府県都道府県都道府県都道府県都道府県都道府県都道府県"
	"都道府県都道府県都道府県都道府県都道府県都道府県都道府県都道府県";

/* good plus line loads (ok 1) or is refused naming its setting. */
static void
config_with(const char *path, const char *good, const char *line, int ok)
{
	char text[2048], err[512];
	struct server_config cfg;

	snprintf(text, sizeof text, "%s%s", good, line);
	write_file(path, text, 0600);
	if (ok) {
		assert_int_equal(server_config_load(path, &cfg, err,
		    sizeof err), 0);
		return;
	}
	assert_int_equal(server_config_load(path, &cfg, err, sizeof err), -1);
	/* The message names the setting the line sets. */
	assert_non_null(strstr(err, "organisation") != NULL ||
	    strstr(err, "authority") != NULL ? err : strstr(err,
	    strndupa(line, strcspn(line, " "))));
}

static void
test_config(void **state)
{
	char path[4096], err[512], text[1024];
	struct server_config cfg;
	const struct jimu *j;

	(void)state;
	fixture_db_path(path, sizeof path);
	write_file(path, good_config, 0600);
	assert_int_equal(server_config_load(path, &cfg, err, sizeof err), 0);
	assert_int_equal(cfg.listen_port, 9443);
	assert_string_equal(cfg.listen_address, "127.0.0.1");
	assert_int_equal(cfg.idle_seconds, 600);
	assert_int_equal(cfg.session_seconds, 8 * 3600);
	assert_string_equal(cfg.operators, "/var/o.db");
	/* Relative paths are taken from the file's folder. */
	assert_non_null(strstr(cfg.database, "/r.db"));
	assert_true(cfg.database[0] == '/');
	assert_non_null(strstr(cfg.print_key, "/print.key"));
	assert_true(cfg.print_key[0] == '/');
	/* The ledger, not named, is ledger.db beside the file; the
	 * disclosures, disclosures.db. */
	assert_non_null(strstr(cfg.ledger, "/ledger.db"));
	assert_true(cfg.ledger[0] == '/');
	assert_non_null(strstr(cfg.disclosures, "/disclosures.db"));
	assert_true(cfg.disclosures[0] == '/');
	/* The seals, not named, are beside the log; sealed every 5
	 * minutes, the log kept 7 years. */
	assert_non_null(strstr(cfg.seal_key, "/seal.key"));
	assert_true(cfg.seal_key[0] == '/');
	assert_int_equal(strncmp(cfg.audit_seals, cfg.audit_log,
	    strlen(cfg.audit_log)), 0);
	assert_string_equal(cfg.audit_seals + strlen(cfg.audit_log),
	    ".seals");
	assert_int_equal(cfg.seal_interval, 300);
	assert_int_equal(cfg.retention_years, 7);
	/* Not named, the organisation and the authority are generic. */
	assert_string_equal(cfg.organisation, "都道府県");
	assert_string_equal(cfg.authority, "都道府県知事");
	assert_string_equal(cfg.crl, "");
	assert_int_equal(cfg.jimu_count, 2);
	j = server_config_jimu(&cfg, "KAIJI");
	assert_non_null(j);
	assert_true(j->kojin);
	assert_false(server_config_jimu(&cfg, "TEIKYO")->kojin);
	assert_null(server_config_jimu(&cfg, "NONE"));
	/* Named, it is where it is said to be. */
	snprintf(text, sizeof text, "%sledger = \"/var/forms.db\";\n",
	    good_config);
	write_file(path, text, 0600);
	assert_int_equal(server_config_load(path, &cfg, err, sizeof err), 0);
	assert_string_equal(cfg.ledger, "/var/forms.db");
	snprintf(text, sizeof text, "%sdisclosures = \"kaiji.db\";\n"
	    "organisation = \"熊本県\"; authority = \"熊本県知事\";\n",
	    good_config);
	write_file(path, text, 0600);
	assert_int_equal(server_config_load(path, &cfg, err, sizeof err), 0);
	assert_non_null(strstr(cfg.disclosures, "/kaiji.db"));
	assert_string_equal(cfg.organisation, "熊本県");
	assert_string_equal(cfg.authority, "熊本県知事");
	/* Empty, too long, or with a control character: refused. */
	config_with(path, good_config, "organisation = \"\";\n", 0);
	config_with(path, good_config, "authority = \"知事\\n\";\n", 0);
	snprintf(text, sizeof text, "authority = \"%s\";\n", sixty_four);
	config_with(path, good_config, text, 1);
	snprintf(text, sizeof text, "authority = \"%s県\";\n", sixty_four);
	config_with(path, good_config, text, 0);
	/* Less than 7 years is refused: provision records are kept 7. */
	config_with(path, good_config, "retention_years = 6;\n", 0);
	config_with(path, good_config, "retention_years = 151;\n", 0);
	config_with(path, good_config, "seal_interval = 0;\n", 0);
	config_with(path, good_config, "seal_interval = 86401;\n", 0);
	snprintf(text, sizeof text, "%sretention_years = 10;\n"
	    "seal_interval = 60; audit_seals = \"/var/seals\";\n",
	    good_config);
	write_file(path, text, 0600);
	assert_int_equal(server_config_load(path, &cfg, err, sizeof err), 0);
	assert_int_equal(cfg.retention_years, 10);
	assert_int_equal(cfg.seal_interval, 60);
	assert_string_equal(cfg.audit_seals, "/var/seals");

	chmod(path, 0666);
	assert_int_equal(server_config_load(path, &cfg, err, sizeof err), -1);
	assert_non_null(strstr(err, "他のユーザー"));

	write_file(path, "listen = { port = 99999; };\n", 0600);
	assert_int_equal(server_config_load(path, &cfg, err, sizeof err), -1);
	write_file(path, "database = ;\n", 0600);
	assert_int_equal(server_config_load(path, &cfg, err, sizeof err), -1);
	assert_non_null(strstr(err, ":1:"));
	write_file(path, "database = \"r.db\"; operators = \"o.db\";"
	    " audit_log = \"a\"; print_key = \"p\"; seal_key = \"s\";"
	    " tls = { certificate = \"c\"; key = \"k\"; ca = \"ca\"; };"
	    " jimu = ( { code = \"A\"; name = \"a\"; },"
	    " { code = \"A\"; name = \"b\"; } );\n", 0600);
	assert_int_equal(server_config_load(path, &cfg, err, sizeof err), -1);
	assert_non_null(strstr(err, "code"));
	/* The key that seals prints is not optional. */
	write_file(path, "database = \"r.db\"; operators = \"o.db\";"
	    " audit_log = \"a\"; tls = { certificate = \"c\"; key = \"k\";"
	    " ca = \"ca\"; }; jimu = ( { code = \"A\"; name = \"a\"; } );\n",
	    0600);
	assert_int_equal(server_config_load(path, &cfg, err, sizeof err), -1);
	assert_non_null(strstr(err, "print_key"));
	/* Nor is the key that seals the audit log. */
	write_file(path, "database = \"r.db\"; operators = \"o.db\";"
	    " audit_log = \"a\"; print_key = \"p\"; tls = { certificate ="
	    " \"c\"; key = \"k\"; ca = \"ca\"; }; jimu = ( { code = \"A\";"
	    " name = \"a\"; } );\n", 0600);
	assert_int_equal(server_config_load(path, &cfg, err, sizeof err), -1);
	assert_non_null(strstr(err, "seal_key"));
	unlink(path);
	assert_int_equal(server_config_load(path, &cfg, err, sizeof err), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sessions),
		cmocka_unit_test(test_session_lock),
		cmocka_unit_test(test_challenges),
		cmocka_unit_test(test_pin),
		cmocka_unit_test(test_pin_generate),
		cmocka_unit_test(test_operators),
		cmocka_unit_test(test_operators_v1),
		cmocka_unit_test(test_print_key),
		cmocka_unit_test(test_print_seal),
		cmocka_unit_test(test_base64),
		cmocka_unit_test(test_config),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
