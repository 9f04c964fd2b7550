/* This terminal's 操作端末ID: the CN of its own certificate. */
#ifndef JUKI_TERM_CERT_H
#define JUKI_TERM_CERT_H

#include <stddef.h>

/* 0, or -1 if the file holds no certificate with a CN. */
int term_cert_id(const char *path, char *out, size_t outsz);

#endif
