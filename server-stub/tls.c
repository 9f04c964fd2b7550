#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include "juki/i18n.h"
#include "tls.h"

/* Mozilla "modern": the TLS 1.3 suites, X25519 and P-256. */
#define CIPHERSUITES "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:" \
	"TLS_CHACHA20_POLY1305_SHA256"
#define GROUPS "X25519:P-256"

static int ex_audit = -1;	/* SSL_CTX ex_data: the audit log */
static int ex_demo = -1;	/* SSL_CTX ex_data: non-NULL on a demo server */
static int ex_logged = -1;	/* SSL ex_data: refusal already logged */

static void
log_refusal(SSL *ssl, const char *who, const char *why)
{
	struct audit *audit = SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl),
	    ex_audit);
	struct audit_entry e;

	if (audit == NULL || SSL_get_ex_data(ssl, ex_logged) != NULL)
		return;
	SSL_set_ex_data(ssl, ex_logged, (void *)1);
	memset(&e, 0, sizeof e);
	snprintf(e.terminal_id, sizeof e.terminal_id, "%s", who);
	snprintf(e.action, sizeof e.action, "tls.handshake");
	snprintf(e.result, sizeof e.result, "refused");
	snprintf(e.reason, sizeof e.reason, "%s", why);
	/* Nothing to refuse if this fails: the handshake fails anyway. */
	audit_append(audit, &e);
}

static void
common_name(X509 *cert, char *out, size_t outsz)
{
	X509_NAME *name = cert == NULL ? NULL : X509_get_subject_name(cert);

	out[0] = '\0';
	if (name == NULL || X509_NAME_get_text_by_NID(name, NID_commonName,
	    out, (int)outsz) < 0)
		out[0] = '\0';
}

/*
 * Demo and production never meet, even under one CA.  A demo terminal or
 * demo 市町村CS (O=JUKI-DEMO) must never reach real residents' data, nor
 * send its practice updates into it; and a real terminal must not reach a
 * demo server, where its operator would be trained on fictional residents
 * at a real counter and could take them for real ones.  So a production
 * server refuses a peer with any O=JUKI-DEMO, a demo server one with any
 * other O or none.  NULL if cert may connect, or why not, for the audit log.
 */
static const char *
wrong_realm(X509 *cert, int demo_server)
{
	X509_NAME *name = X509_get_subject_name(cert);
	unsigned char *o;
	int i = -1, n, demo = 0, other = 0;

	while ((i = X509_NAME_get_index_by_NID(name, NID_organizationName,
	    i)) >= 0) {
		n = ASN1_STRING_to_UTF8(&o, X509_NAME_ENTRY_get_data(
		    X509_NAME_get_entry(name, i)));
		if (n == 9 && memcmp(o, "JUKI-DEMO", 9) == 0)
			demo++;
		else
			other++;
		if (n >= 0)
			OPENSSL_free(o);
	}
	if (!demo_server && demo > 0)
		return "demo certificate (O=JUKI-DEMO) on a production server";
	if (demo_server && (demo == 0 || other > 0))
		return "certificate not O=JUKI-DEMO on a demo server";
	return NULL;
}

static int
verify(int ok, X509_STORE_CTX *store)
{
	SSL *ssl = X509_STORE_CTX_get_ex_data(store,
	    SSL_get_ex_data_X509_STORE_CTX_idx());
	X509 *cert = X509_STORE_CTX_get_current_cert(store);
	const char *why;
	char who[64];

	if (ok && X509_STORE_CTX_get_error_depth(store) == 0 && (why =
	    wrong_realm(cert, SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl),
	    ex_demo) != NULL)) != NULL) {
		X509_STORE_CTX_set_error(store,
		    X509_V_ERR_APPLICATION_VERIFICATION);
		common_name(cert, who, sizeof who);
		log_refusal(ssl, who, why);
		return 0;
	}
	if (!ok) {
		common_name(X509_STORE_CTX_get0_cert(store), who, sizeof who);
		log_refusal(ssl, who, X509_verify_cert_error_string(
		    X509_STORE_CTX_get_error(store)));
	}
	return ok;
}

/* Fatal alerts we send that verify() did not see, e.g. no certificate. */
static void
info(const SSL *cssl, int where, int ret)
{
	SSL *ssl = (SSL *)cssl;

	/* TLS 1.3's certificate_required (116) has no name in OpenSSL 3.0. */
	if ((where & SSL_CB_ALERT) && (where & SSL_CB_WRITE) &&
	    strcmp(SSL_alert_type_string(ret), "F") == 0)
		log_refusal(ssl, "", (ret & 0xff) == 116 ?
		    "certificate required" : SSL_alert_desc_string_long(ret));
}

/* A private key anyone else can read is no longer private: refuse it. */
static int
key_file_private(const char *path, char *err, size_t errsz)
{
	struct stat sb;

	if (stat(path, &sb) != 0) {
		snprintf(err, errsz, _("%s: 秘密鍵を開けません"), path);
		return 0;
	}
	if (sb.st_mode & (S_IRWXG | S_IRWXO)) {
		snprintf(err, errsz, _("%s: 秘密鍵が所有者以外から読めます"
		    "(chmod 600 が必要です)"), path);
		return 0;
	}
	return 1;
}

static int
load_crl(SSL_CTX *ctx, const char *path)
{
	X509_STORE *store = SSL_CTX_get_cert_store(ctx);
	X509_LOOKUP *lookup = X509_STORE_add_lookup(store,
	    X509_LOOKUP_file());

	if (lookup == NULL || X509_load_crl_file(lookup, path,
	    X509_FILETYPE_PEM) <= 0)
		return -1;
	return X509_STORE_set_flags(store, X509_V_FLAG_CRL_CHECK) == 1 ?
	    0 : -1;
}

static int
configure(SSL_CTX *ctx, const struct server_config *cfg, char *err,
    size_t errsz)
{
	static const unsigned char id_context[] = "juki";
	const char *what;

	if (!key_file_private(cfg->key, err, errsz))
		return -1;
	what = cfg->certificate;
	if (SSL_CTX_use_certificate_chain_file(ctx, cfg->certificate) != 1)
		goto failed;
	what = cfg->key;
	if (SSL_CTX_use_PrivateKey_file(ctx, cfg->key, SSL_FILETYPE_PEM) != 1 ||
	    SSL_CTX_check_private_key(ctx) != 1)
		goto failed;
	what = cfg->ca;
	if (SSL_CTX_load_verify_locations(ctx, cfg->ca, NULL) != 1)
		goto failed;
	SSL_CTX_set_client_CA_list(ctx, SSL_load_client_CA_file(cfg->ca));
	what = cfg->crl;
	if (cfg->crl[0] != '\0' && load_crl(ctx, cfg->crl) != 0)
		goto failed;
	/* Resumed sessions must belong to this server's client-cert realm. */
	SSL_CTX_set_session_id_context(ctx, id_context, sizeof id_context - 1);
	return 0;
failed:
	snprintf(err, errsz, _("%s: 読み込めません (%s)"), what,
	    ERR_reason_error_string(ERR_peek_last_error()) ?
	    ERR_reason_error_string(ERR_peek_last_error()) : "?");
	return -1;
}

SSL_CTX *
tls_server_new(const struct server_config *cfg, struct audit *audit,
    char *err, size_t errsz)
{
	SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

	if (ex_audit < 0) {
		ex_audit = SSL_CTX_get_ex_new_index(0, NULL, NULL, NULL, NULL);
		ex_logged = SSL_get_ex_new_index(0, NULL, NULL, NULL, NULL);
		ex_demo = SSL_CTX_get_ex_new_index(0, NULL, NULL, NULL, NULL);
	}
	if (ctx == NULL ||
	    SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) != 1 ||
	    SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION) != 1 ||
	    SSL_CTX_set_ciphersuites(ctx, CIPHERSUITES) != 1 ||
	    SSL_CTX_set1_groups_list(ctx, GROUPS) != 1) {
		snprintf(err, errsz, _("TLS を初期化できません"));
		SSL_CTX_free(ctx);
		return NULL;
	}
	if (configure(ctx, cfg, err, errsz) != 0) {
		SSL_CTX_free(ctx);
		return NULL;
	}
	SSL_CTX_set_ex_data(ctx, ex_audit, audit);
	SSL_CTX_set_ex_data(ctx, ex_demo, cfg->demo ? (void *)1 : NULL);
	SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER |
	    SSL_VERIFY_FAIL_IF_NO_PEER_CERT, verify);
	SSL_CTX_set_info_callback(ctx, info);
	return ctx;
}

int
tls_peer(SSL *ssl, struct peer *out)
{
	X509 *cert = SSL_get0_peer_certificate(ssl);
	char ou[32];
	unsigned int len = 0;

	memset(out, 0, sizeof *out);
	if (cert == NULL || SSL_get_verify_result(ssl) != X509_V_OK)
		return -1;
	common_name(cert, out->id, sizeof out->id);
	if (out->id[0] == '\0' || X509_NAME_get_text_by_NID(
	    X509_get_subject_name(cert), NID_organizationalUnitName, ou,
	    sizeof ou) < 0)
		return -1;
	if (strcmp(ou, "terminal") == 0)
		out->kind = PEER_TERMINAL;
	else if (strcmp(ou, "cs") == 0)
		out->kind = PEER_CS;
	else
		return -1;
	if (X509_digest(cert, EVP_sha256(), out->fingerprint, &len) != 1 ||
	    len != CERT_FINGERPRINT_LEN)
		return -1;
	return 0;
}
