/*
 * Operators' 照合情報 (fingerprint prints) sealed at rest: AES-256-GCM
 * with a key of its own, kept in a file beside the configuration and
 * never in the roster.  A sealed print is nonce || ciphertext || tag, and
 * the operator's 照合ID is authenticated with it: a print copied onto
 * another operator's row does not open.  The server treats prints as
 * opaque bytes; only the terminal's reader understands them.
 */
#ifndef JUKI_PRINT_SEAL_H
#define JUKI_PRINT_SEAL_H

#include <stddef.h>

#include "juki/protocol.h"

#define PRINT_KEY_LEN 32
#define PRINT_NONCE_LEN 12
#define PRINT_TAG_LEN 16
#define PRINT_SEAL_OVERHEAD (PRINT_NONCE_LEN + PRINT_TAG_LEN)
#define PRINT_SEALED_MAX (PROTOCOL_MAX_PRINT + PRINT_SEAL_OVERHEAD)
/* Base64 of the largest print, with its NUL. */
#define PRINT_BASE64_MAX (4 * ((PROTOCOL_MAX_PRINT + 2) / 3) + 1)

struct print_key;

/*
 * Reads the key at path: exactly PRINT_KEY_LEN bytes, readable by its
 * owner only.  NULL, with a message in err, when it is missing, of
 * another size or open to group or others.  The key is kept in locked
 * memory where the system allows.
 */
struct print_key *print_key_load(const char *path, char *err, size_t errsz);

/* Wipes and frees the key. */
void print_key_free(struct print_key *k);

/*
 * Writes a new random key to path, mode 0600, synced to disk.  An
 * existing file is never overwritten: the prints sealed with it would be
 * lost.  0, or -1 with a message in err.
 */
int print_key_create(const char *path, char *err, size_t errsz);

/*
 * Seals len bytes of print for operator_id into out (at least len +
 * PRINT_SEAL_OVERHEAD bytes); *outlen is the sealed size.  0 or -1.
 */
int print_seal(const struct print_key *k, const char *operator_id,
    const unsigned char *print, size_t len, unsigned char *out,
    size_t outsz, size_t *outlen);

/*
 * Opens what print_seal made for operator_id into out (at least len -
 * PRINT_SEAL_OVERHEAD bytes).  -1, with nothing in out, when it does not
 * open: another key, another operator, or changed bytes.
 */
int print_open(const struct print_key *k, const char *operator_id,
    const unsigned char *sealed, size_t len, unsigned char *out,
    size_t outsz, size_t *outlen);

/*
 * Prints travel as standard base64 with padding.  Encoding needs out of
 * 4 * ((len + 2) / 3) + 1 bytes.  Decoding accepts nothing else (no
 * whitespace, no missing padding): 0, -1 when text is not base64, -2
 * when it decodes to more than outsz bytes.
 */
void print_to_base64(const unsigned char *print, size_t len, char *out);
int print_from_base64(const char *text, unsigned char *out, size_t outsz,
    size_t *outlen);

#endif
