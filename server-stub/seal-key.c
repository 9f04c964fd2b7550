/*
 * Ed25519 seal keys: made, read, and used to sign and verify (seal-key.h).
 * The key's file is read whole into memory that is wiped once OpenSSL has
 * parsed it; OpenSSL then holds the key until seal_key_free.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "juki/fd-io.h"
#include "juki/hex.h"
#include "juki/i18n.h"
#include "seal-key.h"

/* A PEM Ed25519 key is about 120 bytes; anything near this is not one. */
#define KEY_FILE_MAX	4096

struct seal_key {
	EVP_PKEY *pkey;
	int private;
	char id[SEAL_KEY_ID_LEN + 1];
};

/* An encrypted key would ask for a password on the terminal: refused. */
static int
no_password(char *buf, int size, int rwflag, void *arg)
{
	(void)buf;
	(void)size;
	(void)rwflag;
	(void)arg;
	return -1;
}

static int
set_id(struct seal_key *k)
{
	unsigned char raw[32], md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	size_t len = sizeof raw;

	if (EVP_PKEY_get_raw_public_key(k->pkey, raw, &len) != 1 ||
	    len != sizeof raw ||
	    EVP_Digest(raw, len, md, &mdlen, EVP_sha256(), NULL) != 1 ||
	    mdlen * 2 != SEAL_KEY_ID_LEN)
		return -1;
	hex_encode(md, mdlen, k->id);
	return 0;
}

/* Wraps pkey (taken over) when it is an Ed25519 key; NULL otherwise. */
static struct seal_key *
wrap(EVP_PKEY *pkey, int private)
{
	struct seal_key *k;

	if (pkey == NULL || !EVP_PKEY_is_a(pkey, "ED25519") ||
	    (k = calloc(1, sizeof *k)) == NULL) {
		EVP_PKEY_free(pkey);
		return NULL;
	}
	k->pkey = pkey;
	k->private = private;
	if (set_id(k) != 0) {
		seal_key_free(k);
		return NULL;
	}
	return k;
}

/*
 * The file at path, whole, into buf (KEY_FILE_MAX bytes): 0 and *len, or
 * -1 with a message.  A private key must be a regular file, not a link,
 * and readable by its owner only: whoever reads it can forge seals.
 */
static int
read_key_file(const char *path, int private, char *buf, size_t *len,
    char *err, size_t errsz)
{
	struct stat st;
	int fd, rc = -1;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1) {
		snprintf(err, errsz, _("%s: 監査ログの署名鍵を開けません (%s)"),
		    path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size <= 0 || st.st_size >= KEY_FILE_MAX)
		snprintf(err, errsz, _("%s: 監査ログの署名鍵のファイルでは"
		    "ありません"), path);
	else if (private && (st.st_mode & (S_IRWXG | S_IRWXO)))
		snprintf(err, errsz, _("%s: 監査ログの署名鍵が所有者以外から"
		    "読めます (chmod 600 が必要です)"), path);
	else if (fd_read_all(fd, buf, (size_t)st.st_size) != 0)
		snprintf(err, errsz, _("%s: 監査ログの署名鍵を読めません (%s)"),
		    path, strerror(errno));
	else {
		*len = (size_t)st.st_size;
		rc = 0;
	}
	close(fd);
	return rc;
}

static struct seal_key *
load(const char *path, int private, char *err, size_t errsz)
{
	char buf[KEY_FILE_MAX];
	struct seal_key *k = NULL;
	size_t len = 0;
	BIO *bio;

	if (read_key_file(path, private, buf, &len, err, errsz) != 0)
		goto out;
	if ((bio = BIO_new_mem_buf(buf, (int)len)) != NULL) {
		k = wrap(private ? PEM_read_bio_PrivateKey(bio, NULL,
		    no_password, NULL) : PEM_read_bio_PUBKEY(bio, NULL,
		    no_password, NULL), private);
		BIO_free(bio);
	}
	if (k == NULL)
		snprintf(err, errsz, private ? _("%s: 暗号化されていない "
		    "Ed25519 の秘密鍵 (PEM) ではありません") : _("%s: Ed25519 "
		    "の公開鍵 (PEM) ではありません"), path);
out:
	OPENSSL_cleanse(buf, sizeof buf);
	return k;
}

struct seal_key *
seal_key_load(const char *path, char *err, size_t errsz)
{
	return load(path, 1, err, errsz);
}

struct seal_key *
seal_key_load_public(const char *path, char *err, size_t errsz)
{
	return load(path, 0, err, errsz);
}

void
seal_key_free(struct seal_key *k)
{
	if (k == NULL)
		return;
	EVP_PKEY_free(k->pkey);
	free(k);
}

const char *
seal_key_id(const struct seal_key *k)
{
	return k->id;
}

int
seal_key_write_public(const struct seal_key *k, FILE *out)
{
	return PEM_write_PUBKEY(out, k->pkey) == 1 && fflush(out) == 0 ?
	    0 : -1;
}

int
seal_key_sign(const struct seal_key *k, const void *msg, size_t len,
    unsigned char sig[SEAL_SIG_LEN])
{
	EVP_MD_CTX *ctx;
	size_t siglen = SEAL_SIG_LEN;
	int rc = -1;

	if (!k->private || (ctx = EVP_MD_CTX_new()) == NULL)
		return -1;
	/* Ed25519 hashes the message itself: no digest is named. */
	if (EVP_DigestSignInit(ctx, NULL, NULL, NULL, k->pkey) == 1 &&
	    EVP_DigestSign(ctx, sig, &siglen, msg, len) == 1 &&
	    siglen == SEAL_SIG_LEN)
		rc = 0;
	EVP_MD_CTX_free(ctx);
	return rc;
}

int
seal_key_verify(const struct seal_key *k, const void *msg, size_t len,
    const unsigned char *sig, size_t siglen)
{
	EVP_MD_CTX *ctx;
	int ok = 0;

	if (siglen != SEAL_SIG_LEN || (ctx = EVP_MD_CTX_new()) == NULL)
		return 0;
	ok = EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, k->pkey) == 1 &&
	    EVP_DigestVerify(ctx, sig, siglen, msg, len) == 1;
	EVP_MD_CTX_free(ctx);
	return ok;
}


/* The PEM of a new key into a memory BIO, which the caller wipes. */
static BIO *
new_key_pem(void)
{
	EVP_PKEY *pkey = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	BIO *bio = pkey != NULL ? BIO_new(BIO_s_secmem()) : NULL;

	if (bio != NULL && PEM_write_bio_PrivateKey(bio, pkey, NULL, NULL, 0,
	    NULL, NULL) != 1) {
		BIO_free(bio);
		bio = NULL;
	}
	EVP_PKEY_free(pkey);
	return bio;
}

int
seal_key_create(const char *path, char *err, size_t errsz)
{
	BIO *bio = new_key_pem();
	char *pem = NULL;
	long len = bio != NULL ? BIO_get_mem_data(bio, &pem) : 0;
	int rc = -1;

	if (len <= 0) {
		snprintf(err, errsz, _("%s: 署名鍵を生成できません"), path);
		goto out;
	}
	if (fd_create_secret(path, pem, (size_t)len) != 0) {
		if (errno == EEXIST)
			snprintf(err, errsz, _("%s: すでにあります。"
			    "上書きしません"), path);
		else
			snprintf(err, errsz, _("%s: 監査ログの署名鍵を作れません"
			    " (%s)"), path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (len > 0)
		OPENSSL_cleanse(pem, (size_t)len);
	BIO_free(bio);
	return rc;
}
