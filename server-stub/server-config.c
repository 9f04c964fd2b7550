#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <libconfig.h>

#include "audit-seal.h"
#include "juki/i18n.h"
#include "juki/protocol.h"
#include "juki/utf8.h"
#include "server-config.h"
#include "server-config-parts.h"

static void
defaults(struct server_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	snprintf(cfg->listen_address, sizeof cfg->listen_address,
	    "127.0.0.1");
	cfg->listen_port = 8443;
	cfg->session_seconds = 8 * 3600;
	cfg->idle_seconds = 30 * 60;
	cfg->max_candidates = PROTOCOL_MAX_CANDIDATES;
	cfg->max_failures = 5;
	cfg->request_timeout = 30;
	cfg->seal_interval = 300;
	cfg->retention_years = CONFIG_RETENTION_YEARS_MIN;
	snprintf(cfg->organisation, sizeof cfg->organisation, "都道府県");
	snprintf(cfg->authority, sizeof cfg->authority, "都道府県知事");
}

int
path_value(const char *name, const char *v, const char *base,
    char out[CONFIG_PATH_MAX], char *err, size_t errsz)
{
	int n = v[0] == '/' ? snprintf(out, CONFIG_PATH_MAX, "%s", v) :
	    snprintf(out, CONFIG_PATH_MAX, "%s/%s", base, v);

	if (n < 0 || n >= CONFIG_PATH_MAX) {
		snprintf(err, errsz, _("%s が長すぎます"), name);
		return -1;
	}
	return 0;
}

int
path_setting(config_t *c, const char *name, const char *base,
    char out[CONFIG_PATH_MAX], const char *fallback, char *err, size_t errsz)
{
	const char *v;

	if (!config_lookup_string(c, name, &v)) {
		if (fallback == NULL) {
			snprintf(err, errsz, _("%s がありません"), name);
			return -1;
		}
		if (*fallback == '\0')
			return 0;
		v = fallback;
	}
	return path_value(name, v, base, out, err, errsz);
}

int
int_setting(config_t *c, const char *name, int lo, int hi,
    int *out, char *err, size_t errsz)
{
	int v;

	if (!config_lookup_int(c, name, &v))
		return 0;
	if (v < lo || v > hi) {
		snprintf(err, errsz, _("%s は %d から %d までです"), name, lo,
		    hi);
		return -1;
	}
	*out = v;
	return 0;
}

/*
 * A name people read on the terminal and on paper: not empty, valid
 * UTF-8 without control characters, at most 64 characters (it must fit
 * a line of a notice).  Absent, the default stays.
 */
static int
name_setting(config_t *c, const char *name, char *out, char *err,
    size_t errsz)
{
	const char *v;
	size_t chars = 0, len;
	char32_t cp;

	if (!config_lookup_string(c, name, &v))
		return 0;
	for (const char *p = v; *p != '\0' && chars <= 64; p += len, chars++)
		if ((len = utf8_decode(p, &cp)) == 0)
			break;
	if (chars < 1 || chars > 64 ||
	    utf8_sanitize(out, CONFIG_NAME_MAX, v) != 0) {
		snprintf(err, errsz, _("%s は 1 から 64 文字の文字列です"),
		    name);
		return -1;
	}
	return 0;
}

static int
copy_string(config_setting_t *s, const char *name, char *out, size_t outsz)
{
	const char *v;

	if (!config_setting_lookup_string(s, name, &v) || *v == '\0')
		return -1;
	return snprintf(out, outsz, "%s", v) < (int)outsz ? 0 : -1;
}

static int
load_jimu(config_t *c, struct server_config *cfg, char *err, size_t errsz)
{
	config_setting_t *list = config_lookup(c, "jimu");
	int n = list == NULL ? 0 : config_setting_length(list);

	if (list == NULL || !config_setting_is_list(list) || n == 0 ||
	    n > JIMU_MAX) {
		snprintf(err, errsz, _("jimu には 1 から %d 件の事務を並べて"
		    "ください"), JIMU_MAX);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		config_setting_t *s = config_setting_get_elem(list, i);
		struct jimu *j = &cfg->jimu[i];
		int kojin = 0;

		if (copy_string(s, "code", j->code, sizeof j->code) != 0 ||
		    copy_string(s, "name", j->name, sizeof j->name) != 0 ||
		    server_config_jimu(cfg, j->code) != NULL) {
			snprintf(err, errsz, _("%s:%d: 事務には重複しない code "
			    "と name が必要です"), config_setting_source_file(s)
			    ? config_setting_source_file(s) : "",
			    config_setting_source_line(s));
			return -1;
		}
		config_setting_lookup_bool(s, "kojin", &kojin);
		j->kojin = kojin;
		cfg->jimu_count = i + 1;
	}
	return 0;
}

static int
load_settings(config_t *c, const char *base, struct server_config *cfg,
    char *err, size_t errsz)
{
	const char *addr;
	int demo = 0;

	if (config_lookup_string(c, "listen.address", &addr) &&
	    snprintf(cfg->listen_address, sizeof cfg->listen_address, "%s",
	    addr) >= (int)sizeof cfg->listen_address) {
		snprintf(err, errsz, _("listen.address が長すぎます"));
		return -1;
	}
	config_lookup_bool(c, "demo", &demo);
	cfg->demo = demo;
	if (int_setting(c, "listen.port", 1, 65535, &cfg->listen_port, err,
	    errsz) != 0 ||
	    int_setting(c, "session.lifetime_seconds", 1, 24 * 3600,
	    &cfg->session_seconds, err, errsz) != 0 ||
	    int_setting(c, "session.idle_seconds", 1, 24 * 3600,
	    &cfg->idle_seconds, err, errsz) != 0 ||
	    int_setting(c, "lookup.max_candidates", 1,
	    PROTOCOL_MAX_CANDIDATES, &cfg->max_candidates, err, errsz) != 0 ||
	    int_setting(c, "login.max_failures", 1, 100, &cfg->max_failures,
	    err, errsz) != 0 ||
	    int_setting(c, "request_timeout", 1, 600, &cfg->request_timeout,
	    err, errsz) != 0 ||
	    int_setting(c, "seal_interval", AUDIT_SEAL_INTERVAL_MIN,
	    AUDIT_SEAL_INTERVAL_MAX, &cfg->seal_interval, err, errsz) != 0 ||
	    int_setting(c, "retention_years", CONFIG_RETENTION_YEARS_MIN,
	    CONFIG_RETENTION_YEARS_MAX, &cfg->retention_years, err,
	    errsz) != 0)
		return -1;
	if (name_setting(c, "organisation", cfg->organisation, err,
	    errsz) != 0 ||
	    name_setting(c, "authority", cfg->authority, err, errsz) != 0)
		return -1;
	/* The ledger, the disclosures and the audit exports came later
	 * than the others: a configuration written before them gets them
	 * beside it. */
	if (path_setting(c, "database", base, cfg->database, NULL, err,
	    errsz) != 0 ||
	    path_setting(c, "operators", base, cfg->operators, NULL, err,
	    errsz) != 0 ||
	    path_setting(c, "ledger", base, cfg->ledger, "ledger.db", err,
	    errsz) != 0 ||
	    path_setting(c, "disclosures", base, cfg->disclosures,
	    "disclosures.db", err, errsz) != 0 ||
	    path_setting(c, "audit_log", base, cfg->audit_log, NULL, err,
	    errsz) != 0 ||
	    path_setting(c, "audit_exports", base, cfg->audit_exports,
	    "audit-exports", err, errsz) != 0 ||
	    path_setting(c, "tls.certificate", base, cfg->certificate, NULL,
	    err, errsz) != 0 ||
	    path_setting(c, "tls.key", base, cfg->key, NULL, err,
	    errsz) != 0 ||
	    path_setting(c, "tls.ca", base, cfg->ca, NULL, err, errsz) != 0 ||
	    path_setting(c, "tls.crl", base, cfg->crl, "", err, errsz) != 0 ||
	    path_setting(c, "print_key", base, cfg->print_key, NULL, err,
	    errsz) != 0 ||
	    path_setting(c, "seal_key", base, cfg->seal_key, NULL, err,
	    errsz) != 0 ||
	    path_setting(c, "audit_seals", base, cfg->audit_seals, "", err,
	    errsz) != 0 ||
	    path_setting(c, "exercises", base, cfg->exercises, "", err,
	    errsz) != 0)
		return -1;
	if (server_config_alerts(c, base, cfg, err, errsz) != 0)
		return -1;
	/* Trainees' exercises on a server of real residents would have
	 * clerks look real people up for practice. */
	if (cfg->exercises[0] != '\0' && !cfg->demo) {
		snprintf(err, errsz, _("exercises は研修用サーバ (demo = true) "
		    "でのみ設定できます"));
		return -1;
	}
	/* The seals beside the log they seal, unless said otherwise. */
	if (cfg->audit_seals[0] == '\0' &&
	    snprintf(cfg->audit_seals, sizeof cfg->audit_seals, "%s.seals",
	    cfg->audit_log) >= (int)sizeof cfg->audit_seals) {
		snprintf(err, errsz, _("%s が長すぎます"), "audit_log");
		return -1;
	}
	return load_jimu(c, cfg, err, errsz);
}

/* A configuration others may write is a way in: refuse it. */
static int
check_file(const char *path, char *err, size_t errsz)
{
	struct stat sb;

	if (stat(path, &sb) != 0) {
		snprintf(err, errsz, _("%s: 設定ファイルを開けません"), path);
		return -1;
	}
	if (sb.st_mode & S_IWOTH) {
		snprintf(err, errsz, _("%s: 他のユーザーが書き込める設定ファイル"
		    "は使えません"), path);
		return -1;
	}
	return 0;
}

int
server_config_load(const char *path, struct server_config *cfg, char *err,
    size_t errsz)
{
	char copy[PATH_MAX];
	config_t c;
	int rc;

	defaults(cfg);
	if (check_file(path, err, errsz) != 0)
		return -1;
	if (snprintf(copy, sizeof copy, "%s", path) >= (int)sizeof copy) {
		snprintf(err, errsz, _("%s: パスが長すぎます"), path);
		return -1;
	}
	config_init(&c);
	if (!config_read_file(&c, path)) {
		snprintf(err, errsz, "%s:%d: %s", path, config_error_line(&c),
		    config_error_text(&c));
		config_destroy(&c);
		return -1;
	}
	rc = load_settings(&c, dirname(copy), cfg, err, errsz);
	config_destroy(&c);
	return rc;
}

const struct jimu *
server_config_jimu(const struct server_config *cfg, const char *code)
{
	for (int i = 0; i < cfg->jimu_count; i++)
		if (strcmp(cfg->jimu[i].code, code) == 0)
			return &cfg->jimu[i];
	return NULL;
}
