#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "bearer.h"
#include "juki/hex.h"

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
	unsigned char raw[BEARER_HEX_LEN / 2];

	if (RAND_bytes(raw, sizeof raw) != 1)
		return -1;
	hex_encode(raw, sizeof raw, hex);
	OPENSSL_cleanse(raw, sizeof raw);
	return bearer_hash(hex, hash);
}
