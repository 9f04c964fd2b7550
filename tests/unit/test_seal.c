/*
 * Unit tests for server-stub/seal-key.c and audit-seal.c: the key's file
 * and its checks, signatures, the canonical message, the seals file as
 * written and read, what audit_seals_open refuses to seal over, and
 * audit_verify_sealed naming each damage the chain alone cannot see (the
 * cases test_audit.c's test_last_entry_not_yet_sealed lets pass).  The
 * forgeries are made as an attacker would: the log's hashing is public,
 * only the key is not.
 */
#include <sys/stat.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "audit-seal.h"
#include "forge.h"

#define ZEROS \
	"0000000000000000000000000000000000000000000000000000000000000000"
#define ENTRIES		12

/* The reasons, spelled out so a change of wording is a deliberate one. */
#define R_DAMAGED	"監査ログのシールファイルが壊れています。検証してください"
#define R_OTHER_KEY	"監査ログのシールが別の鍵で署名されています"
#define R_UNSEALED	"監査ログにシールがありません。verify-audit で確かめて"\
			"から seal-audit を実行してください"
#define R_CUT		"監査ログがシールされた位置より短くなっています。"\
			"検証してください"
#define R_REWRITTEN	"監査ログがシールの後で書き換えられています。"\
			"検証してください"
#define R_NOT_FIRST	"シールのない監査ログが連番 1 から始まっていません"

struct ctx {
	char key[4096], other[4096], pub[4096];
	char log[4096], seals[4096], tmp[4096];
	struct seal_key *k, *ko;
};

static void
temp_path(char *out, size_t outsz, const char *what)
{
	const char *dir = getenv("TMPDIR");
	static unsigned counter;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	snprintf(out, outsz, "%s/juki-seal-%ld-%u.%s", dir, (long)getpid(),
	    counter++, what);
	unlink(out);
}

static struct seal_key *
new_key(const char *path)
{
	struct seal_key *k;
	char err[512];

	assert_int_equal(seal_key_create(path, err, sizeof err), 0);
	k = seal_key_load(path, err, sizeof err);
	assert_non_null(k);
	return k;
}

/* Entries first..last appended to the log, through the server's code. */
static void
append(const char *path, unsigned first, unsigned last)
{
	struct audit_entry e;
	struct audit *a;
	const char *reason;

	assert_int_equal(audit_open(path, &a, NULL, &reason), 0);
	for (unsigned n = first; n <= last; n++) {
		memset(&e, 0, sizeof e);
		snprintf(e.operator_id, sizeof e.operator_id, "C%04u", n % 3);
		snprintf(e.action, sizeof e.action, "lookup.code");
		snprintf(e.target, sizeof e.target, "%011u", 20000000u + n);
		snprintf(e.result, sizeof e.result, "ok");
		assert_int_equal(audit_append(a, &e), 0);
	}
	audit_close(a);
}

/* The log as the server leaves it: ENTRIES entries, sealed at the start
 * (empty) and at the end. */
static void
sealed_log(struct ctx *c)
{
	struct audit_seals *s;
	struct audit *a;
	const char *reason;

	assert_int_equal(audit_open(c->log, &a, NULL, &reason), 0);
	assert_int_equal(audit_seals_open(c->seals, c->k, 300, a, 0, &s, NULL,
	    &reason), 0);
	assert_int_equal(audit_seals_write(s, a, 1), 0);
	audit_seals_close(s);
	audit_close(a);
	append(c->log, 1, ENTRIES);
	assert_int_equal(audit_open(c->log, &a, NULL, &reason), 0);
	assert_int_equal(audit_seals_open(c->seals, c->k, 300, a, 0, &s, NULL,
	    &reason), 0);
	assert_int_equal(audit_seals_write(s, a, 0), 0);
	audit_seals_close(s);
	audit_close(a);
}

static int
setup(void **state)
{
	struct ctx *c = calloc(1, sizeof *c);

	assert_non_null(c);
	temp_path(c->key, sizeof c->key, "key");
	temp_path(c->other, sizeof c->other, "other");
	temp_path(c->pub, sizeof c->pub, "pub");
	temp_path(c->log, sizeof c->log, "log");
	temp_path(c->seals, sizeof c->seals, "seals");
	temp_path(c->tmp, sizeof c->tmp, "tmp");
	c->k = new_key(c->key);
	c->ko = new_key(c->other);
	*state = c;
	return 0;
}

static int
teardown(void **state)
{
	struct ctx *c = *state;

	seal_key_free(c->k);
	seal_key_free(c->ko);
	unlink(c->key);
	unlink(c->other);
	unlink(c->pub);
	unlink(c->log);
	unlink(c->seals);
	unlink(c->tmp);
	free(c);
	return 0;
}

static void
spit(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* Line k (1-based) of text, without its newline, into out. */
static void
nth_line(const char *text, int k, char *out, size_t outsz)
{
	const char *p = text, *nl;

	for (int i = 1; i < k; i++) {
		assert_non_null(p = strchr(p, '\n'));
		p++;
	}
	nl = strchr(p, '\n');
	assert_non_null(nl);
	assert_true((size_t)(nl - p) < outsz);
	memcpy(out, p, (size_t)(nl - p));
	out[nl - p] = '\0';
}

static void
expect(const struct ctx *c, const struct seal_key *k,
    enum audit_damage damage, int64_t line, int64_t seq, int64_t seal_line)
{
	struct audit_seal_check chk = { c->seals, k, time(NULL) };
	struct audit_verdict v;

	assert_int_equal(audit_verify_sealed(c->log, &chk, &v), 0);
	if (v.damage != damage || v.line != line || v.seq != seq ||
	    v.seal_line != seal_line)
		fail_msg("verdict %s line %lld seq %lld seal line %lld, want "
		    "%s line %lld seq %lld seal line %lld",
		    audit_damage_name(v.damage), (long long)v.line,
		    (long long)v.seq, (long long)v.seal_line,
		    audit_damage_name(damage), (long long)line,
		    (long long)seq, (long long)seal_line);
}

/* A seal line made by hand with k: what an attacker with a key would
 * write, or the server with a clock elsewhere. */
static void
craft_seal(const struct seal_key *k, int64_t seq, const char *hash,
    const char *when, int64_t first, const char *anchor, int interval,
    char *out, size_t outsz)
{
	static const char digits[] = "0123456789abcdef";
	struct audit_seal s;
	char msg[AUDIT_SEAL_MESSAGE_MAX], sig[129];
	int len;

	memset(&s, 0, sizeof s);
	s.seq = seq;
	snprintf(s.hash, sizeof s.hash, "%s", hash);
	snprintf(s.time, sizeof s.time, "%s", when);
	s.first = first;
	snprintf(s.anchor, sizeof s.anchor, "%s", anchor);
	s.interval = interval;
	snprintf(s.key, sizeof s.key, "%s", seal_key_id(k));
	len = audit_seal_message(&s, msg, sizeof msg);
	assert_true(len > 0);
	assert_int_equal(seal_key_sign(k, msg, (size_t)len, s.sig), 0);
	for (int i = 0; i < SEAL_SIG_LEN; i++) {
		sig[2 * i] = digits[s.sig[i] >> 4];
		sig[2 * i + 1] = digits[s.sig[i] & 0x0f];
	}
	sig[128] = '\0';
	snprintf(out, outsz, "{\"anchor\":\"%s\",\"first\":%lld,\"hash\":\"%s\","
	    "\"interval\":%d,\"key\":\"%s\",\"seq\":%lld,\"sig\":\"%s\","
	    "\"time\":\"%s\"}\n", anchor, (long long)first, hash, interval,
	    seal_key_id(k), (long long)seq, sig, when);
}

/* The hash (hex) of line k of the log. */
static void
hash_of(const char *path, int k, char out[65])
{
	char *text = forge_slurp(path), line[4096];
	json_t *obj;

	nth_line(text, k, line, sizeof line);
	obj = json_loads(line, 0, NULL);
	assert_non_null(obj);
	snprintf(out, 65, "%s", json_string_value(json_object_get(obj,
	    "hash")));
	json_decref(obj);
	free(text);
}

static void
test_key_files(void **state)
{
	struct ctx *c = *state;
	struct seal_key *k;
	struct stat st;
	char err[512];
	FILE *f;

	assert_int_equal(stat(c->key, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	/* Never overwritten. */
	assert_int_equal(seal_key_create(c->key, err, sizeof err), -1);
	assert_non_null(strstr(err, "上書きしません"));
	/* Readable by others: refused. */
	assert_int_equal(chmod(c->key, 0640), 0);
	assert_null(seal_key_load(c->key, err, sizeof err));
	assert_non_null(strstr(err, "所有者以外"));
	assert_int_equal(chmod(c->key, 0600), 0);
	/* Nor through a link. */
	assert_int_equal(symlink(c->key, c->tmp), 0);
	assert_null(seal_key_load(c->tmp, err, sizeof err));
	unlink(c->tmp);
	/* The public half: the same id, and it verifies only. */
	f = fopen(c->pub, "w");
	assert_non_null(f);
	assert_int_equal(seal_key_write_public(c->k, f), 0);
	fclose(f);
	k = seal_key_load_public(c->pub, err, sizeof err);
	assert_non_null(k);
	assert_string_equal(seal_key_id(k), seal_key_id(c->k));
	assert_int_equal(strlen(seal_key_id(k)), SEAL_KEY_ID_LEN);
	assert_string_not_equal(seal_key_id(c->ko), seal_key_id(c->k));
	seal_key_free(k);
	/* A public key is not a private one, nor the other way round. */
	assert_int_equal(chmod(c->pub, 0600), 0);
	assert_null(seal_key_load(c->pub, err, sizeof err));
	assert_null(seal_key_load_public(c->key, err, sizeof err));
	/* Not PEM at all. */
	spit(c->tmp, "not a key\n");
	assert_int_equal(chmod(c->tmp, 0600), 0);
	assert_null(seal_key_load(c->tmp, err, sizeof err));
}

/* An encrypted key would ask for a password: refused, never prompted. */
static void
test_encrypted_key_refused(void **state)
{
	struct ctx *c = *state;
	EVP_PKEY *pkey = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	char err[512];
	FILE *f;

	assert_non_null(pkey);
	f = fopen(c->tmp, "w");
	assert_non_null(f);
	assert_int_equal(PEM_write_PKCS8PrivateKey(f, pkey, EVP_aes_256_cbc(),
	    NULL, 0, NULL, (void *)"secret"), 1);
	fclose(f);
	EVP_PKEY_free(pkey);
	assert_int_equal(chmod(c->tmp, 0600), 0);
	assert_null(seal_key_load(c->tmp, err, sizeof err));
	assert_non_null(strstr(err, "Ed25519"));
}

static void
test_sign_verify(void **state)
{
	struct ctx *c = *state;
	unsigned char sig[SEAL_SIG_LEN];
	static const char msg[] = "juki-audit-seal/1\nseq=1\n";
	struct seal_key *pub;
	char err[512];
	FILE *f;

	assert_int_equal(seal_key_sign(c->k, msg, strlen(msg), sig), 0);
	assert_int_equal(seal_key_verify(c->k, msg, strlen(msg), sig,
	    sizeof sig), 1);
	assert_int_equal(seal_key_verify(c->ko, msg, strlen(msg), sig,
	    sizeof sig), 0);
	assert_int_equal(seal_key_verify(c->k, msg, strlen(msg) - 1, sig,
	    sizeof sig), 0);
	assert_int_equal(seal_key_verify(c->k, msg, strlen(msg), sig,
	    sizeof sig - 1), 0);
	sig[10] ^= 1;
	assert_int_equal(seal_key_verify(c->k, msg, strlen(msg), sig,
	    sizeof sig), 0);
	/* A public key verifies but cannot sign. */
	f = fopen(c->pub, "w");
	assert_non_null(f);
	assert_int_equal(seal_key_write_public(c->k, f), 0);
	fclose(f);
	pub = seal_key_load_public(c->pub, err, sizeof err);
	assert_non_null(pub);
	assert_int_equal(seal_key_sign(pub, msg, strlen(msg), sig), -1);
	assert_int_equal(seal_key_sign(c->k, msg, strlen(msg), sig), 0);
	assert_int_equal(seal_key_verify(pub, msg, strlen(msg), sig,
	    sizeof sig), 1);
	seal_key_free(pub);
}

/* The message is the one audit-seal.h documents, byte for byte. */
static void
test_message(void **state)
{
	struct audit_seal s;
	char buf[AUDIT_SEAL_MESSAGE_MAX], want[AUDIT_SEAL_MESSAGE_MAX];

	(void)state;
	memset(&s, 0, sizeof s);
	s.seq = 42;
	memset(s.hash, 'a', 64);
	snprintf(s.time, sizeof s.time, "2026-11-23T09:15:00.123Z");
	s.first = 7;
	memset(s.anchor, 'b', 64);
	s.interval = 300;
	memset(s.key, 'c', 64);
	snprintf(want, sizeof want, "juki-audit-seal/1\nkey=%s\nseq=42\n"
	    "hash=%s\ntime=2026-11-23T09:15:00.123Z\nfirst=7\nanchor=%s\n"
	    "interval=300\n", s.key, s.hash, s.anchor);
	assert_int_equal(audit_seal_message(&s, buf, sizeof buf),
	    (int)strlen(want));
	assert_string_equal(buf, want);
	assert_int_equal(audit_seal_message(&s, buf, 40), -1);
}

/* What the parser takes: only what the server writes. */
static void
test_parse(void **state)
{
	struct ctx *c = *state;
	static const char *const bad[][2] = {
		{ "\"seq\":", "\"seq\":-" },
		{ "\"interval\":300", "\"interval\":0" },
		{ "\"interval\":300", "\"interval\":\"300\"" },
		{ "\"first\":1", "\"first\":0" },
		{ "\"hash\":\"", "\"hash\":\"A" },
		{ "\"time\":\"2", "\"time\":\"x" },
		{ "\"key\":", "\"x\":1,\"key\":" },
		{ "\"sig\":\"", "\"sig\":\"00" },
	};
	char line[2048], copy[2048], *text, *at;
	struct audit_seal s;

	sealed_log(c);
	text = forge_slurp(c->seals);
	nth_line(text, 2, line, sizeof line);
	free(text);
	assert_int_equal(audit_seal_parse(line, strlen(line), &s), 0);
	assert_int_equal(s.seq, ENTRIES);
	assert_int_equal(s.first, 1);
	assert_string_equal(s.anchor, ZEROS);
	assert_int_equal(s.interval, 300);
	assert_string_equal(s.key, seal_key_id(c->k));
	assert_int_equal(audit_seal_valid(&s, c->k), 1);
	assert_int_equal(audit_seal_valid(&s, c->ko), 0);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		at = strstr(line, bad[i][0]);
		assert_non_null(at);
		snprintf(copy, sizeof copy, "%.*s%s%s", (int)(at - line), line,
		    bad[i][1], at + strlen(bad[i][0]));
		if (audit_seal_parse(copy, strlen(copy), &s) == 0)
			fail_msg("accepted: %s", copy);
	}
	/* A key given twice, or a field missing. */
	snprintf(copy, sizeof copy, "%.*s,\"seq\":1}", (int)strlen(line) - 1,
	    line);
	assert_int_equal(audit_seal_parse(copy, strlen(copy), &s), -1);
	at = strstr(line, ",\"interval\":300");
	snprintf(copy, sizeof copy, "%.*s%s", (int)(at - line), line,
	    at + strlen(",\"interval\":300"));
	assert_int_equal(audit_seal_parse(copy, strlen(copy), &s), -1);
}

static void
test_sealed_log_verifies(void **state)
{
	struct ctx *c = *state;
	struct audit_seal_check chk = { c->seals, c->k, time(NULL) };
	struct audit_verdict v;
	char head[65];

	sealed_log(c);
	chk.now = time(NULL);
	assert_int_equal(audit_verify_sealed(c->log, &chk, &v), 0);
	assert_int_equal(v.damage, AUDIT_INTACT);
	assert_int_equal(v.entries, ENTRIES);
	assert_int_equal(v.first, 1);
	assert_int_equal(v.seals, 2);
	assert_int_equal(v.sealed_seq, ENTRIES);
	assert_int_equal(v.unsealed, 0);
	assert_int_equal(v.stale, 0);
	assert_true(v.seal_age >= 0 && v.seal_age < 60);
	hash_of(c->log, ENTRIES, head);
	assert_string_equal(v.head, head);
	/* Without seals, an empty log is intact; with entries, it is not. */
	unlink(c->seals);
	expect(c, c->k, AUDIT_UNSEALED, 0, 0, 0);
	unlink(c->log);
	spit(c->log, "");
	expect(c, c->k, AUDIT_INTACT, 0, 0, 0);
}

/* test_audit.c's test_last_entry_not_yet_sealed, sealed: caught, but for
 * an entry appended after the last seal, which is only counted. */
static void
test_last_entry_sealed(void **state)
{
	struct ctx *c = *state;
	struct audit_verdict v;
	struct audit_seal_check chk = { c->seals, c->k, time(NULL) };
	char *orig;

	sealed_log(c);
	orig = forge_slurp(c->log);

	forge_log(c->log, ENTRIES, ENTRIES, 0, 0);
	assert_int_equal(audit_verify(c->log, &v), 0);
	assert_int_equal(v.damage, AUDIT_INTACT);
	expect(c, c->k, AUDIT_SEAL_MISMATCH, ENTRIES, ENTRIES, 2);

	spit(c->log, orig);
	forge_log(c->log, ENTRIES + 1, 0, 1, 0);
	assert_int_equal(audit_verify(c->log, &v), 0);
	assert_int_equal(v.damage, AUDIT_INTACT);
	expect(c, c->k, AUDIT_TRUNCATED, 0, ENTRIES, 2);

	spit(c->log, orig);
	forge_log(c->log, ENTRIES + 1, 0, 0, 1);
	assert_int_equal(audit_verify_sealed(c->log, &chk, &v), 0);
	assert_int_equal(v.damage, AUDIT_INTACT);
	assert_int_equal(v.unsealed, 1);
	assert_int_equal(v.stale, 0);
	free(orig);
}

/* The whole chain rewritten from its second entry and rehashed: a valid
 * chain, which only the seals refute. */
static void
test_wholesale_rewrite(void **state)
{
	struct ctx *c = *state;
	struct audit_verdict v;

	sealed_log(c);
	forge_log(c->log, 2, 2, 0, 0);
	assert_int_equal(audit_verify(c->log, &v), 0);
	assert_int_equal(v.damage, AUDIT_INTACT);
	expect(c, c->k, AUDIT_SEAL_MISMATCH, ENTRIES, ENTRIES, 2);
	/* Re-sealed with another key: the seals do not verify. */
	unlink(c->seals);
	{
		char line[2048], head[65], now[32];

		hash_of(c->log, ENTRIES, head);
		assert_int_equal(audit_time_now(now), 0);
		craft_seal(c->ko, ENTRIES, head, now, 1, ZEROS, 300, line,
		    sizeof line);
		spit(c->seals, line);
	}
	expect(c, c->k, AUDIT_SEAL_INVALID, 0, ENTRIES, 1);
	/* The other key's own verifier would take it: the key is what
	 * counts. */
	expect(c, c->ko, AUDIT_INTACT, 0, 0, 0);
}

static void
test_seal_file_damage(void **state)
{
	struct ctx *c = *state;
	char *orig, *text, *at, line[2048], head[65], now[32], buf[8192];
	size_t len;

	sealed_log(c);
	orig = forge_slurp(c->seals);
	hash_of(c->log, ENTRIES, head);
	assert_int_equal(audit_time_now(now), 0);

	/* A seal appended with another key, or with ours (fine). */
	craft_seal(c->ko, ENTRIES, head, now, 1, ZEROS, 300, line,
	    sizeof line);
	snprintf(buf, sizeof buf, "%s%s", orig, line);
	spit(c->seals, buf);
	expect(c, c->k, AUDIT_SEAL_INVALID, 0, ENTRIES, 3);
	craft_seal(c->k, ENTRIES, head, now, 1, ZEROS, 300, line,
	    sizeof line);
	snprintf(buf, sizeof buf, "%s%s", orig, line);
	spit(c->seals, buf);
	expect(c, c->k, AUDIT_INTACT, 0, 0, 0);

	/* A seal edited: its seq put back by one. */
	at = strstr(strchr(orig, '\n'), "\"seq\":12,");
	assert_non_null(at);
	snprintf(buf, sizeof buf, "%.*s\"seq\":11,%s", (int)(at - orig), orig,
	    at + strlen("\"seq\":12,"));
	spit(c->seals, buf);
	expect(c, c->k, AUDIT_SEAL_INVALID, 0, ENTRIES - 1, 2);

	/* Out of order: the end's seal before the start's. */
	nth_line(orig, 2, line, sizeof line);
	snprintf(buf, sizeof buf, "%s\n%.*s", line,
	    (int)(strchr(orig, '\n') - orig + 1), orig);
	spit(c->seals, buf);
	expect(c, c->k, AUDIT_SEAL_INVALID, 0, 0, 2);

	/* A torn last line: not a seal until audit_seals_open cuts it. */
	len = strlen(orig);
	snprintf(buf, sizeof buf, "%s%.40s", orig, orig);
	spit(c->seals, buf);
	expect(c, c->k, AUDIT_SEAL_INVALID, 0, 0, 3);
	{
		struct audit_seals *s;
		struct audit *a;
		const char *reason;
		int torn = 0;

		assert_int_equal(audit_open(c->log, &a, NULL, &reason), 0);
		assert_int_equal(audit_seals_open(c->seals, c->k, 300, a, 0,
		    &s, &torn, &reason), 0);
		assert_int_equal(torn, 1);
		audit_seals_close(s);
		audit_close(a);
		text = forge_slurp(c->seals);
		assert_int_equal(strlen(text), len);
		free(text);
	}
	expect(c, c->k, AUDIT_INTACT, 0, 0, 0);
	free(orig);
}

/* Entries left unsealed: counted, and stale once the last seal is more
 * than twice its interval older than they are, or than now. */
static void
test_stale(void **state)
{
	struct ctx *c = *state;
	struct audit_seal_check chk = { c->seals, c->k, time(NULL) };
	struct audit_verdict v;
	char line[2048], head[65], now[32];
	time_t t = time(NULL) - 100;
	struct tm tm;

	append(c->log, 1, ENTRIES);
	hash_of(c->log, 2, head);
	assert_non_null(gmtime_r(&t, &tm));
	strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%S.000Z", &tm);
	craft_seal(c->k, 2, head, now, 1, ZEROS, 60, line, sizeof line);
	spit(c->seals, line);
	assert_int_equal(audit_verify_sealed(c->log, &chk, &v), 0);
	assert_int_equal(v.damage, AUDIT_INTACT);
	assert_int_equal(v.unsealed, ENTRIES - 2);
	assert_true(v.seal_age >= 100);
	assert_int_equal(v.stale, 0);	/* 100 s < 2 × 60 s */
	craft_seal(c->k, 2, head, now, 1, ZEROS, 40, line, sizeof line);
	spit(c->seals, line);
	assert_int_equal(audit_verify_sealed(c->log, &chk, &v), 0);
	assert_int_equal(v.stale, 1);	/* 100 s > 2 × 40 s */
	/* Sealed to the head, nothing is stale however old. */
	hash_of(c->log, ENTRIES, head);
	craft_seal(c->k, ENTRIES, head, now, 1, ZEROS, 1, line, sizeof line);
	spit(c->seals, line);
	assert_int_equal(audit_verify_sealed(c->log, &chk, &v), 0);
	assert_int_equal(v.unsealed, 0);
	assert_int_equal(v.stale, 0);
}

static void
expect_open_refused(const struct ctx *c, const struct seal_key *k,
    int adopt, const char *why)
{
	struct audit_seals *s = (void *)1;
	struct audit *a;
	const char *reason = NULL;

	assert_int_equal(audit_open(c->log, &a, NULL, &reason), 0);
	assert_int_equal(audit_seals_open(c->seals, k, 300, a, adopt, &s,
	    NULL, &reason), -1);
	assert_null(s);
	assert_string_equal(reason, why);
	audit_close(a);
}

/* The server never seals over a log its last seal disagrees with. */
static void
test_open_refusals(void **state)
{
	struct ctx *c = *state;
	struct audit_seals *s;
	struct audit *a;
	const char *reason;
	char *log, *seals;
	struct stat st;

	sealed_log(c);
	log = forge_slurp(c->log);
	seals = forge_slurp(c->seals);

	expect_open_refused(c, c->ko, 0, R_OTHER_KEY);
	forge_log(c->log, ENTRIES + 1, 0, 1, 0);
	expect_open_refused(c, c->k, 0, R_CUT);
	spit(c->log, log);
	forge_log(c->log, ENTRIES, ENTRIES, 0, 0);
	expect_open_refused(c, c->k, 0, R_REWRITTEN);
	spit(c->log, log);
	/* A seal of a middle entry, checked back from the end. */
	append(c->log, ENTRIES + 1, ENTRIES + 5);
	assert_int_equal(audit_open(c->log, &a, NULL, &reason), 0);
	assert_int_equal(audit_seals_open(c->seals, c->k, 300, a, 0, &s, NULL,
	    &reason), 0);
	audit_seals_close(s);
	audit_close(a);
	forge_log(c->log, ENTRIES - 1, ENTRIES - 1, 0, 0);
	expect_open_refused(c, c->k, 0, R_REWRITTEN);
	spit(c->log, log);
	/* A last line that is not a seal. */
	spit(c->seals, "{\"seq\":1}\n");
	expect_open_refused(c, c->k, 0, R_DAMAGED);
	/* No seals: only by hand (adopt), and only from seq 1. */
	unlink(c->seals);
	expect_open_refused(c, c->k, 0, R_UNSEALED);
	assert_int_equal(audit_open(c->log, &a, NULL, &reason), 0);
	assert_int_equal(audit_seals_open(c->seals, c->k, 300, a, 1, &s, NULL,
	    &reason), 0);
	assert_int_equal(audit_seals_write(s, a, 1), 0);
	/* Not again while the head stays where it is. */
	assert_int_equal(stat(c->seals, &st), 0);
	assert_int_equal(audit_seals_write(s, a, 0), 0);
	assert_int_equal(audit_seals_write(s, a, 0), 0);
	{
		struct stat after;

		assert_int_equal(stat(c->seals, &after), 0);
		assert_int_equal(after.st_size, st.st_size);
	}
	audit_seals_close(s);
	audit_close(a);
	expect(c, c->k, AUDIT_INTACT, 0, 0, 0);
	unlink(c->seals);
	{
		/* A log that starts elsewhere cannot be adopted. */
		char *text = forge_slurp(c->log), *second = strchr(text, '\n') + 1;

		spit(c->log, second);
		free(text);
	}
	expect_open_refused(c, c->k, 1, R_NOT_FIRST);
	spit(c->log, log);
	spit(c->seals, seals);
	free(log);
	free(seals);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_key_files, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_encrypted_key_refused,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_sign_verify, setup,
		    teardown),
		cmocka_unit_test(test_message),
		cmocka_unit_test_setup_teardown(test_parse, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sealed_log_verifies,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_last_entry_sealed, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_wholesale_rewrite, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_seal_file_damage, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_stale, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_refusals, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
