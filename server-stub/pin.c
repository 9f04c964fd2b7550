#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "juki/hex.h"
#include "pin.h"

/* scrypt cost: N = 2^15, r = 8, p = 1 (32 MiB, tens of milliseconds). */
#define SCRYPT_LOG2_N 15
#define SCRYPT_R 8
#define SCRYPT_P 1
#define SCRYPT_MAXMEM (64UL * 1024 * 1024)
#define SALT_LEN 16
#define KEY_LEN 32

int
pin_well_formed(const char *pin)
{
	size_t n = strlen(pin);

	return n >= PIN_MIN_DIGITS && n <= PIN_MAX_DIGITS &&
	    strspn(pin, "0123456789") == n;
}

/* A digit from each random byte below 250: the six bytes above would
 * make 0 to 5 likelier than 6 to 9. */
int
pin_generate(char *out)
{
	unsigned char bytes[32];
	int n = 0;

	while (n < PROTOCOL_PIN_DIGITS) {
		if (RAND_bytes(bytes, sizeof bytes) != 1) {
			OPENSSL_cleanse(bytes, sizeof bytes);
			return -1;
		}
		for (size_t i = 0; i < sizeof bytes &&
		    n < PROTOCOL_PIN_DIGITS; i++)
			if (bytes[i] < 250)
				out[n++] = (char)('0' + bytes[i] % 10);
	}
	out[n] = '\0';
	OPENSSL_cleanse(bytes, sizeof bytes);
	return 0;
}

static int
derive(const char *pin, const unsigned char *salt, int log2n, int r, int p,
    unsigned char key[KEY_LEN])
{
	return EVP_PBE_scrypt(pin, strlen(pin), salt, SALT_LEN,
	    (uint64_t)1 << log2n, (uint64_t)r, (uint64_t)p, SCRYPT_MAXMEM, key,
	    KEY_LEN) == 1 ? 0 : -1;
}

/* n bytes from their hex digits, which a '$' or the end must follow. */
static int
from_hex(const char *in, unsigned char *out, size_t n)
{
	if (hex_decode(in, n, out) != 0)
		return -1;
	return in[2 * n] == '\0' || in[2 * n] == '$' ? 0 : -1;
}

int
pin_hash(const char *pin, char *out, size_t outsz)
{
	unsigned char salt[SALT_LEN], key[KEY_LEN];
	char salt_hex[2 * SALT_LEN + 1], key_hex[2 * KEY_LEN + 1];
	int n, rc = -1;

	if (RAND_bytes(salt, sizeof salt) != 1 ||
	    derive(pin, salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P, key) != 0)
		goto out;
	hex_encode(salt, sizeof salt, salt_hex);
	hex_encode(key, sizeof key, key_hex);
	n = snprintf(out, outsz, "scrypt$%d$%d$%d$%s$%s", SCRYPT_LOG2_N,
	    SCRYPT_R, SCRYPT_P, salt_hex, key_hex);
	rc = (n < 0 || (size_t)n >= outsz) ? -1 : 0;
out:
	OPENSSL_cleanse(key, sizeof key);
	OPENSSL_cleanse(key_hex, sizeof key_hex);
	return rc;
}

int
pin_verify(const char *pin, const char *stored)
{
	unsigned char salt[SALT_LEN], want[KEY_LEN], got[KEY_LEN];
	int log2n, r, p, consumed = 0, rc;

	if (sscanf(stored, "scrypt$%2d$%2d$%2d$%n", &log2n, &r, &p,
	    &consumed) != 3 || consumed == 0 || log2n < 10 || log2n > 20 ||
	    r < 1 || r > 32 || p < 1 || p > 16 ||
	    from_hex(stored + consumed, salt, SALT_LEN) != 0 ||
	    from_hex(stored + consumed + 2 * SALT_LEN + 1, want, KEY_LEN) != 0)
		return -1;
	if (derive(pin, salt, log2n, r, p, got) != 0)
		return -1;
	rc = CRYPTO_memcmp(want, got, KEY_LEN) == 0;
	OPENSSL_cleanse(got, sizeof got);
	return rc;
}
