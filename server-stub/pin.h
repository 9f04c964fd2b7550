/*
 * 操作者照合暗証番号 (PIN) hashes: scrypt through OpenSSL, never the PIN
 * itself.  Stored as "scrypt$<log2 N>$<r>$<p>$<salt hex>$<hash hex>".
 */
#ifndef JUKI_PIN_H
#define JUKI_PIN_H

#include <stddef.h>

#include "juki/protocol.h"

#define PIN_HASH_MAX 192
#define PIN_MIN_DIGITS 4
#define PIN_MAX_DIGITS 16

/* 1 if pin is 4 to 16 ASCII digits, else 0. */
int pin_well_formed(const char *pin);

/* Hashes pin with a fresh salt into out.  Returns 0 or -1. */
int pin_hash(const char *pin, char *out, size_t outsz);

/* A new PIN for an operator who cannot use the reader: PROTOCOL_PIN_DIGITS
 * random digits, each as likely as the others, into out
 * (PROTOCOL_PIN_DIGITS + 1 bytes).  0 or -1. */
int pin_generate(char *out);

/* 1 if pin matches stored, 0 if not, -1 if stored is not a hash of ours.
 * Takes the same time whether or not it matches. */
int pin_verify(const char *pin, const char *stored);

#endif
