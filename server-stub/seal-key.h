/*
 * The key that signs the audit log's seals (audit-seal.h): Ed25519,
 * through OpenSSL 3's EVP interface.
 *
 * The private key is a PEM PKCS#8 file, unencrypted, mode 0600, made once
 * with `juki-server new-seal-key FILE` and read by the server alone.  Who
 * verifies needs only the public key, a PEM SubjectPublicKeyInfo file
 * (`juki-server seal-public-key`, or `openssl pkey -pubout`), which may
 * and should be kept away from the server: whoever holds the private key
 * can sign any log.  A key is named by its id, the SHA-256 of its raw
 * 32-byte public key in lowercase hex; every seal carries the id of the
 * key that made it.
 */
#ifndef JUKI_SEAL_KEY_H
#define JUKI_SEAL_KEY_H

#include <stddef.h>
#include <stdio.h>

#define SEAL_KEY_ID_LEN	64	/* hex digits */
#define SEAL_SIG_LEN	64	/* bytes of an Ed25519 signature */

struct seal_key;

/*
 * Writes a new private key to path, mode 0600, synced to disk.  An
 * existing file is never overwritten: the seals made with it could no
 * longer be told from forgeries.  0, or -1 with a message in err.
 */
int seal_key_create(const char *path, char *err, size_t errsz);

/*
 * Reads the private key at path: a regular file (not a link), readable by
 * its owner only, holding one unencrypted Ed25519 key.  NULL, with a
 * message in err, otherwise.
 */
struct seal_key *seal_key_load(const char *path, char *err, size_t errsz);

/* Reads a public key (PEM SubjectPublicKeyInfo, Ed25519): it verifies
 * only.  NULL, with a message in err. */
struct seal_key *seal_key_load_public(const char *path, char *err,
    size_t errsz);

void seal_key_free(struct seal_key *k);

/* The key's id, SEAL_KEY_ID_LEN hex digits. */
const char *seal_key_id(const struct seal_key *k);

/* Writes the public half as PEM to out: 0 or -1. */
int seal_key_write_public(const struct seal_key *k, FILE *out);

/* Signs len bytes of msg into sig: 0, or -1 (also for a public key). */
int seal_key_sign(const struct seal_key *k, const void *msg, size_t len,
    unsigned char sig[SEAL_SIG_LEN]);

/* 1 when sig is this key's signature of msg, else 0. */
int seal_key_verify(const struct seal_key *k, const void *msg, size_t len,
    const unsigned char *sig, size_t siglen);

#endif
