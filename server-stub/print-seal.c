#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "juki/fd-io.h"
#include "juki/i18n.h"
#include "print-seal.h"

struct print_key {
	unsigned char bytes[PRINT_KEY_LEN];
	int locked;		/* mlock()ed: never written to swap */
};

/* Whoever can read the key can read every print: its owner only. */
static int
check_key_file(int fd, const char *path, char *err, size_t errsz)
{
	struct stat sb;

	if (fstat(fd, &sb) != 0) {
		snprintf(err, errsz, _("%s: 照合情報の鍵を読めません (%s)"),
		    path, strerror(errno));
		return -1;
	}
	if (sb.st_mode & (S_IRWXG | S_IRWXO)) {
		snprintf(err, errsz, _("%s: 照合情報の鍵が所有者以外から"
		    "読めます (chmod 600 が必要です)"), path);
		return -1;
	}
	if (!S_ISREG(sb.st_mode) || sb.st_size != PRINT_KEY_LEN) {
		snprintf(err, errsz, _("%s: 照合情報の鍵は %d バイトの"
		    "ファイルでなければなりません"), path, PRINT_KEY_LEN);
		return -1;
	}
	return 0;
}

struct print_key *
print_key_load(const char *path, char *err, size_t errsz)
{
	struct print_key *k = NULL;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		snprintf(err, errsz, _("%s: 照合情報の鍵を開けません (%s)"),
		    path, strerror(errno));
		return NULL;
	}
	if (check_key_file(fd, path, err, errsz) != 0)
		goto out;
	if ((k = calloc(1, sizeof *k)) == NULL) {
		snprintf(err, errsz, _("メモリが足りません"));
		goto out;
	}
	/* Best effort: without the privilege the key may be swapped out. */
	k->locked = mlock(k, sizeof *k) == 0;
	if (fd_read_all(fd, k->bytes, sizeof k->bytes) != 0) {
		snprintf(err, errsz, _("%s: 照合情報の鍵を読めません (%s)"),
		    path, strerror(errno));
		print_key_free(k);
		k = NULL;
	}
out:
	close(fd);
	return k;
}

void
print_key_free(struct print_key *k)
{
	if (k == NULL)
		return;
	OPENSSL_cleanse(k->bytes, sizeof k->bytes);
	if (k->locked)
		munlock(k, sizeof *k);
	free(k);
}

int
print_key_create(const char *path, char *err, size_t errsz)
{
	unsigned char key[PRINT_KEY_LEN];
	int rc = -1;

	if (RAND_bytes(key, sizeof key) != 1) {
		snprintf(err, errsz, _("%s: 鍵の乱数を生成できません"), path);
		return -1;
	}
	if (fd_create_secret(path, key, sizeof key) != 0) {
		if (errno == EEXIST)
			snprintf(err, errsz, _("%s: すでにあります。"
			    "上書きしません"), path);
		else
			snprintf(err, errsz, _("%s: 照合情報の鍵を作れません"
			    " (%s)"), path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	OPENSSL_cleanse(key, sizeof key);
	return rc;
}

int
print_seal(const struct print_key *k, const char *operator_id,
    const unsigned char *print, size_t len, unsigned char *out,
    size_t outsz, size_t *outlen)
{
	unsigned char *body = out + PRINT_NONCE_LEN;
	EVP_CIPHER_CTX *ctx;
	int n, rc = -1;

	if (len == 0 || len > PROTOCOL_MAX_PRINT ||
	    outsz < len + PRINT_SEAL_OVERHEAD)
		return -1;
	/* A fresh random nonce each time: a key seals few prints. */
	if (RAND_bytes(out, PRINT_NONCE_LEN) != 1 ||
	    (ctx = EVP_CIPHER_CTX_new()) == NULL)
		return -1;
	if (EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, k->bytes,
	    out) == 1 &&
	    EVP_EncryptUpdate(ctx, NULL, &n, (const unsigned char *)operator_id,
	    (int)strlen(operator_id)) == 1 &&
	    EVP_EncryptUpdate(ctx, body, &n, print, (int)len) == 1 &&
	    EVP_EncryptFinal_ex(ctx, body + n, &n) == 1 &&
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, PRINT_TAG_LEN,
	    body + len) == 1) {
		*outlen = len + PRINT_SEAL_OVERHEAD;
		rc = 0;
	}
	EVP_CIPHER_CTX_free(ctx);
	return rc;
}

int
print_open(const struct print_key *k, const char *operator_id,
    const unsigned char *sealed, size_t len, unsigned char *out,
    size_t outsz, size_t *outlen)
{
	unsigned char tag[PRINT_TAG_LEN];
	EVP_CIPHER_CTX *ctx;
	size_t plain;
	int n, rc = -1;

	if (len <= PRINT_SEAL_OVERHEAD ||
	    (plain = len - PRINT_SEAL_OVERHEAD) > outsz ||
	    plain > PROTOCOL_MAX_PRINT || (ctx = EVP_CIPHER_CTX_new()) == NULL)
		return -1;
	memcpy(tag, sealed + len - PRINT_TAG_LEN, sizeof tag);
	if (EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, k->bytes,
	    sealed) == 1 &&
	    EVP_DecryptUpdate(ctx, NULL, &n, (const unsigned char *)operator_id,
	    (int)strlen(operator_id)) == 1 &&
	    EVP_DecryptUpdate(ctx, out, &n, sealed + PRINT_NONCE_LEN,
	    (int)plain) == 1 &&
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, PRINT_TAG_LEN,
	    tag) == 1 &&
	    EVP_DecryptFinal_ex(ctx, out + n, &n) == 1) {
		*outlen = plain;
		rc = 0;
	} else
		/* Unauthenticated bytes are not a print: keep none. */
		OPENSSL_cleanse(out, plain);
	EVP_CIPHER_CTX_free(ctx);
	return rc;
}

void
print_to_base64(const unsigned char *print, size_t len, char *out)
{
	EVP_EncodeBlock((unsigned char *)out, print, (int)len);
}

static int
base64_digit(char c)
{
	static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = c != '\0' ? strchr(digits, c) : NULL;

	return p != NULL ? (int)(p - digits) : -1;
}

int
print_from_base64(const char *text, unsigned char *out, size_t outsz,
    size_t *outlen)
{
	size_t n = strlen(text), pad = 0, size, o = 0;

	if (n % 4 != 0)
		return -1;
	while (pad < 2 && pad < n && text[n - 1 - pad] == '=')
		pad++;
	size = n / 4 * 3 - pad;
	if (size > outsz)
		return -2;
	for (size_t i = 0; i < n; i += 4) {
		unsigned long v = 0;
		for (size_t j = i; j < i + 4; j++) {
			int d = j >= n - pad ? 0 : base64_digit(text[j]);
			if (d < 0) {
				OPENSSL_cleanse(out, o);
				return -1;
			}
			v = v << 6 | (unsigned long)d;
		}
		for (int shift = 16; shift >= 0 && o < size; shift -= 8)
			out[o++] = (unsigned char)(v >> shift);
	}
	*outlen = size;
	return 0;
}
