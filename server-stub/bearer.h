/*
 * Bearer secrets the server hands to a terminal (session tokens, login
 * challenges): 32 random bytes as hex, kept on our side only as their
 * SHA-256, so a memory dump of the tables opens nothing.
 */
#ifndef JUKI_BEARER_H
#define JUKI_BEARER_H

#define BEARER_HEX_LEN 64
#define BEARER_HASH_LEN 32

/* A new secret in hex and its hash: 0, or -1 (no randomness). */
int bearer_make(char hex[BEARER_HEX_LEN + 1],
    unsigned char hash[BEARER_HASH_LEN]);

/* The hash of a secret presented: 0, or -1 if it is not one of ours in
 * form. */
int bearer_hash(const char *hex, unsigned char hash[BEARER_HASH_LEN]);

#endif
