/* This terminal's 操作端末ID and kind, from its own certificate. */
#ifndef JUKI_TERM_CERT_H
#define JUKI_TERM_CERT_H

#include <stddef.h>

/* The subject's O of a demo terminal's certificate (juki-pki --demo);
 * production terminals have O=JUKI. */
#define TERM_CERT_DEMO_O "JUKI-DEMO"

/* 0, or -1 if the file holds no certificate with a CN. */
int term_cert_id(const char *path, char *out, size_t outsz);

/* 1 if the certificate's subject has O=JUKI-DEMO, 0 if not, -1 if the
 * file holds no certificate. */
int term_cert_demo(const char *path);

#endif
