#include <stdio.h>

#include <openssl/pem.h>
#include <openssl/x509.h>

#include "juki/utf8.h"
#include "term-cert.h"

int
term_cert_id(const char *path, char *out, size_t outsz)
{
	FILE *f = fopen(path, "re");
	X509 *cert;
	char cn[64];
	int rc = -1;

	if (f == NULL)
		return -1;
	cert = PEM_read_X509(f, NULL, NULL, NULL);
	fclose(f);
	if (cert != NULL && X509_NAME_get_text_by_NID(
	    X509_get_subject_name(cert), NID_commonName, cn, sizeof cn) > 0) {
		utf8_sanitize(out, outsz, cn);
		rc = 0;
	}
	X509_free(cert);
	return rc;
}
