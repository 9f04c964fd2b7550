/*
 * TLS for the server: TLS 1.3 only, X25519 or P-256, client certificates
 * required and checked against the CA and its CRL (Mozilla's "modern"
 * profile).  A production server refuses a peer whose certificate says
 * O=JUKI-DEMO, a demo server (demo = true) one that does not (the trust
 * rules: README.md, "The server").  A refused handshake is written to the
 * audit log.
 */
#ifndef JUKI_TLS_H
#define JUKI_TLS_H

#include <stddef.h>

#include <openssl/ssl.h>

#include "audit.h"
#include "server-config.h"
#include "sessions.h"

enum peer_kind {
	PEER_TERMINAL,	/* OU=terminal: a 業務端末, CN its 操作端末ID */
	PEER_CS,	/* OU=cs: a 市町村CS */
};

struct peer {
	char id[64];
	enum peer_kind kind;
	unsigned char fingerprint[CERT_FINGERPRINT_LEN];
};

/* Returns the context, or NULL with a message in err. */
SSL_CTX *tls_server_new(const struct server_config *cfg, struct audit *audit,
    char *err, size_t errsz);

/* Who is at the other end of a verified connection.  0, or -1 if the
 * certificate names no 操作端末ID or kind. */
int tls_peer(SSL *ssl, struct peer *out);

#endif
