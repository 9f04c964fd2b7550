#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "bearer.h"

int
bearer_hash(const char *hex, unsigned char hash[BEARER_HASH_LEN])
{
	if (strlen(hex) != BEARER_HEX_LEN)
		return -1;
	return EVP_Digest(hex, BEARER_HEX_LEN, hash, NULL, EVP_sha256(),
	    NULL) == 1 ? 0 : -1;
}

int
bearer_make(char hex[BEARER_HEX_LEN + 1], unsigned char hash[BEARER_HASH_LEN])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char raw[BEARER_HEX_LEN / 2];

	if (RAND_bytes(raw, sizeof raw) != 1)
		return -1;
	for (size_t i = 0; i < sizeof raw; i++) {
		hex[2 * i] = digits[raw[i] >> 4];
		hex[2 * i + 1] = digits[raw[i] & 15];
	}
	hex[BEARER_HEX_LEN] = '\0';
	OPENSSL_cleanse(raw, sizeof raw);
	return bearer_hash(hex, hash);
}
