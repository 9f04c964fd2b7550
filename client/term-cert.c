#include <stdio.h>
#include <string.h>

#include <openssl/pem.h>
#include <openssl/x509.h>

#include "juki/utf8.h"
#include "term-cert.h"

/* The certificate in path, or NULL. */
static X509 *
read_cert(const char *path)
{
	FILE *f = fopen(path, "re");
	X509 *cert;

	if (f == NULL)
		return NULL;
	cert = PEM_read_X509(f, NULL, NULL, NULL);
	fclose(f);
	return cert;
}

int
term_cert_id(const char *path, char *out, size_t outsz)
{
	X509 *cert = read_cert(path);
	char cn[64];
	int rc = -1;

	if (cert != NULL && X509_NAME_get_text_by_NID(
	    X509_get_subject_name(cert), NID_commonName, cn, sizeof cn) > 0) {
		utf8_sanitize(out, outsz, cn);
		rc = 0;
	}
	X509_free(cert);
	return rc;
}

/*
 * The certificate, not a setting, says what this terminal is: it is what
 * the server trusts, so the terminal and the server agree whether this is
 * a demo terminal (the server refuses demo certificates where they do not
 * belong).  A setting could say "production" on a demo certificate.
 */
int
term_cert_demo(const char *path)
{
	X509 *cert = read_cert(path);
	char o[64];
	int n, rc = -1;

	if (cert != NULL) {
		n = X509_NAME_get_text_by_NID(X509_get_subject_name(cert),
		    NID_organizationName, o, sizeof o);
		rc = n > 0 && strcmp(o, TERM_CERT_DEMO_O) == 0;
	}
	X509_free(cert);
	return rc;
}
