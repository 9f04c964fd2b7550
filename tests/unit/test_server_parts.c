/*
 * The server's own parts, without the network: sessions, PIN hashes, the
 * operator roster, the configuration file.
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

#include "fixture.h"
#include "operators.h"
#include "pin.h"
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

static void
test_operators(void **state)
{
	char path[4096];
	struct operators *ops;
	struct operator op = clerk(), got;
	const char *reason = NULL;

	(void)state;
	fixture_db_path(path, sizeof path);
	assert_int_equal(operators_open(path, 1, &ops, &reason), 0);
	assert_int_equal(operators_add(ops, &op, "1234", &reason), 0);
	assert_int_equal(operators_add(ops, &op, "1234", &reason), -1);
	assert_string_equal(reason, "その照合IDはすでに使われています");
	op.roles = 0;
	snprintf(op.id, sizeof op.id, "X0001");
	assert_int_equal(operators_add(ops, &op, "1234", &reason), -1);
	op.roles = ROLE_ADMIN | ROLE_AUDITOR;
	assert_int_equal(operators_add(ops, &op, "12", &reason), -1);
	assert_int_equal(operators_add(ops, &op, "5678", &reason), 0);
	assert_int_equal(operators_get(ops, "X0001", &got), 0);
	assert_int_equal(got.roles, ROLE_ADMIN | ROLE_AUDITOR);

	assert_int_equal(operators_login(ops, "C0001", "1234", 3, &got),
	    LOGIN_OK);
	assert_int_equal(operators_login(ops, "NOBODY", "1234", 3, &got),
	    LOGIN_UNKNOWN_ID);
	/* Failures count; a success in between resets them. */
	assert_int_equal(operators_login(ops, "C0001", "0000", 3, &got),
	    LOGIN_BAD);
	assert_int_equal(operators_login(ops, "C0001", "1234", 3, &got),
	    LOGIN_OK);
	assert_int_equal(got.failures, 1);
	assert_int_equal(operators_get(ops, "C0001", &got), 0);
	assert_int_equal(got.failures, 0);
	assert_int_equal(operators_login(ops, "C0001", "0000", 3, &got),
	    LOGIN_BAD);
	assert_int_equal(operators_login(ops, "C0001", "0000", 3, &got),
	    LOGIN_BAD);
	assert_int_equal(operators_login(ops, "C0001", "0000", 3, &got),
	    LOGIN_LOCKED);
	assert_int_equal(operators_login(ops, "C0001", "1234", 3, &got),
	    LOGIN_LOCKED);
	operators_close(ops);

	/* The roster survives a reopen; a resident file is not a roster. */
	assert_int_equal(operators_open(path, 0, &ops, &reason), 0);
	assert_int_equal(operators_get(ops, "C0001", &got), 0);
	assert_string_equal(got.status, "locked");
	operators_close(ops);
	fixture_remove_db(path);
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
	"tls = { certificate = \"s.crt\"; key = \"s.key\"; ca = \"ca.crt\"; };\n"
	"session = { idle_seconds = 600; };\n"
	"jimu = ( { code = \"KAIJI\"; name = \"開示\"; kojin = true; },\n"
	"         { code = \"TEIKYO\"; name = \"提供\"; } );\n";

static void
test_config(void **state)
{
	char path[4096], err[512];
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
	assert_int_equal(cfg.jimu_count, 2);
	j = server_config_jimu(&cfg, "KAIJI");
	assert_non_null(j);
	assert_true(j->kojin);
	assert_false(server_config_jimu(&cfg, "TEIKYO")->kojin);
	assert_null(server_config_jimu(&cfg, "NONE"));

	chmod(path, 0666);
	assert_int_equal(server_config_load(path, &cfg, err, sizeof err), -1);
	assert_non_null(strstr(err, "他のユーザー"));

	write_file(path, "listen = { port = 99999; };\n", 0600);
	assert_int_equal(server_config_load(path, &cfg, err, sizeof err), -1);
	write_file(path, "database = ;\n", 0600);
	assert_int_equal(server_config_load(path, &cfg, err, sizeof err), -1);
	assert_non_null(strstr(err, ":1:"));
	write_file(path, "database = \"r.db\"; operators = \"o.db\";"
	    " audit_log = \"a\"; tls = { certificate = \"c\"; key = \"k\";"
	    " ca = \"ca\"; }; jimu = ( { code = \"A\"; name = \"a\"; },"
	    " { code = \"A\"; name = \"b\"; } );\n", 0600);
	assert_int_equal(server_config_load(path, &cfg, err, sizeof err), -1);
	unlink(path);
	assert_int_equal(server_config_load(path, &cfg, err, sizeof err), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sessions),
		cmocka_unit_test(test_pin),
		cmocka_unit_test(test_operators),
		cmocka_unit_test(test_config),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
