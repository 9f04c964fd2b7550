/*
 * The terminal's own certificate: its 操作端末ID (the CN) and whether it
 * is a demo terminal (O=JUKI-DEMO exactly).  The certificates are made
 * here with OpenSSL, self-signed, in a file under $TMPDIR.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "term-cert.h"

struct fx {
	char path[PATH_MAX];	/* the certificate's file */
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	const char *tmp = getenv("TMPDIR");
	int fd;

	if (f == NULL)
		return -1;
	snprintf(f->path, sizeof f->path, "%s/term-cert-XXXXXX",
	    tmp != NULL && *tmp ? tmp : "/tmp");
	if ((fd = mkstemp(f->path)) < 0) {
		free(f);
		return -1;
	}
	close(fd);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	unlink(f->path);
	free(f);
	return 0;
}

/* Writes a self-signed certificate with subject O=o (none if NULL) and
 * CN=cn to the test's file. */
static void
write_cert(const struct fx *f, const char *o, const char *cn)
{
	EVP_PKEY *key = EVP_EC_gen("P-256");
	X509 *cert = X509_new();
	X509_NAME *name;
	FILE *out;

	assert_non_null(key);
	assert_non_null(cert);
	name = X509_get_subject_name(cert);
	if (o != NULL)
		assert_int_equal(X509_NAME_add_entry_by_NID(name,
		    NID_organizationName, MBSTRING_UTF8,
		    (const unsigned char *)o, -1, -1, 0), 1);
	assert_int_equal(X509_NAME_add_entry_by_NID(name, NID_commonName,
	    MBSTRING_UTF8, (const unsigned char *)cn, -1, -1, 0), 1);
	assert_int_equal(X509_set_issuer_name(cert, name), 1);
	assert_int_equal(ASN1_INTEGER_set(X509_get_serialNumber(cert), 1), 1);
	assert_non_null(X509_gmtime_adj(X509_getm_notBefore(cert), 0));
	assert_non_null(X509_gmtime_adj(X509_getm_notAfter(cert), 3600));
	assert_int_equal(X509_set_pubkey(cert, key), 1);
	assert_true(X509_sign(cert, key, EVP_sha256()) > 0);
	out = fopen(f->path, "we");
	assert_non_null(out);
	assert_int_equal(PEM_write_X509(out, cert), 1);
	assert_int_equal(fclose(out), 0);
	X509_free(cert);
	EVP_PKEY_free(key);
}

static void
test_demo(void **state)
{
	struct fx *f = *state;
	char id[64];

	write_cert(f, "JUKI-DEMO", "T0500");
	assert_int_equal(term_cert_demo(f->path), 1);
	assert_int_equal(term_cert_id(f->path, id, sizeof id), 0);
	assert_string_equal(id, "T0500");
}

static void
test_production(void **state)
{
	struct fx *f = *state;

	write_cert(f, "JUKI", "T0001");
	assert_int_equal(term_cert_demo(f->path), 0);
}

/* Only exactly JUKI-DEMO: nothing like it, and no O at all, is a demo. */
static void
test_only_exactly(void **state)
{
	static const char *const others[] = { "juki-demo", "JUKI-DEMO2",
	    "JUKI-DEM", "JUKI-DEMO ", "" };
	struct fx *f = *state;

	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		write_cert(f, others[i][0] ? others[i] : NULL, "T0001");
		assert_int_equal(term_cert_demo(f->path), 0);
	}
}

static void
test_no_certificate(void **state)
{
	struct fx *f = *state;
	FILE *out = fopen(f->path, "we");

	assert_non_null(out);
	fputs("not a certificate\n", out);
	assert_int_equal(fclose(out), 0);
	assert_int_equal(term_cert_demo(f->path), -1);
	unlink(f->path);
	assert_int_equal(term_cert_demo(f->path), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_demo),
		T(test_production),
		T(test_only_exactly),
		T(test_no_certificate),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
