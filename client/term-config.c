/*
 * The terminal's configuration file.  The terminal holds a client
 * certificate that opens the resident registry, so the file and the key it
 * names are checked as strictly as the server's, and more: a configuration
 * its group may write is refused too, and a setting that is unknown, of the
 * wrong type or too long for its field stops the load rather than being
 * ignored, cut or guessed.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libconfig.h>

#include "juki/i18n.h"
#include "term-config.h"

#define DEFAULT_LOG "juki-terminal.log"
#define HTTPS "https://"
#define PIN_PREFIX "sha256//"
#define PIN_HASH_LEN 44		/* a SHA-256 hash in base64, with its '=' */

/* What every check needs: the parsed file, where it is, where errors go. */
struct ctx {
	config_t *c;
	const char *path;	/* the configuration file, as given */
	const char *base;	/* its folder, absolute */
	char *err;
	size_t errsz;
};

/*
 * Every setting the terminal knows.  Anything else is refused: a misspelt
 * server.pinned_key would otherwise switch pinning off without a word.
 */
static const char *const groups[] = { "server", "lock", "reader" };
static const char *const leaves[] = {
	"server.url", "server.ca", "server.certificate", "server.key",
	"server.pinned_key", "server.connect_timeout",
	"server.request_timeout", "log", "printer", "language",
	"lock.idle_seconds", "reader.timeout_seconds",
};

static int fail(struct ctx *, const config_setting_t *, const char *, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Writes "file:line: message" (or "file: message" for a setting that is
 * absent) into err, so the operator knows which line to fix.  Returns -1 so
 * callers can return its result.
 */
static int
fail(struct ctx *x, const config_setting_t *s, const char *fmt, ...)
{
	const char *file = x->path;
	va_list ap;
	int n;

	if (x->errsz == 0)
		return -1;
	if (s != NULL) {
		/* Set only for settings read from an @include'd file. */
		if (config_setting_source_file(s) != NULL)
			file = config_setting_source_file(s);
		n = snprintf(x->err, x->errsz, "%s:%d: ", file,
		    (int)config_setting_source_line(s));
	} else
		n = snprintf(x->err, x->errsz, "%s: ", file);
	if (n < 0 || (size_t)n >= x->errsz)
		return -1;
	va_start(ap, fmt);
	vsnprintf(x->err + n, x->errsz - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

static int
listed(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(name, list[i]) == 0)
			return 1;
	return 0;
}

/*
 * Refuses unknown settings, known groups that are not groups, and anything
 * that came from an @include: the included file's permissions were never
 * checked, so it could be a way round check_config_file().
 */
static int
check_names(struct ctx *x, const config_setting_t *group, const char *prefix)
{
	int n = config_setting_length(group);

	for (int i = 0; i < n; i++) {
		const config_setting_t *s = config_setting_get_elem(group,
		    (unsigned)i);
		char full[128];
		int len;

		if (config_setting_source_file(s) != NULL)
			return fail(x, s, _("@include で読み込んだ設定は使え"
			    "ません"));
		len = snprintf(full, sizeof full, "%s%s%s", prefix,
		    *prefix != '\0' ? "." : "", config_setting_name(s));
		if (len < 0 || (size_t)len >= sizeof full)
			return fail(x, s, _("%s は不明な設定です"),
			    config_setting_name(s));
		if (listed(full, leaves, sizeof leaves / sizeof leaves[0]))
			continue;
		if (!listed(full, groups, sizeof groups / sizeof groups[0]))
			return fail(x, s, _("%s は不明な設定です"), full);
		if (!config_setting_is_group(s))
			return fail(x, s, _("%s は { } で囲んだグループで指定して"
			    "ください"), full);
		if (check_names(x, s, full) != 0)
			return -1;
	}
	return 0;
}

/*
 * Finds a string setting.  Returns 1 with *vp and *sp set, 0 when it is
 * absent and may be (required is 0), -1 on error.  Control characters are
 * refused because these values end up in log lines and one-line messages.
 */
static int
string_setting(struct ctx *x, const char *name, int required,
    const char **vp, config_setting_t **sp)
{
	config_setting_t *s = config_lookup(x->c, name);
	const unsigned char *p;

	if (s == NULL) {
		if (required)
			return fail(x, NULL, _("%s がありません"), name);
		return 0;
	}
	if (config_setting_type(s) != CONFIG_TYPE_STRING)
		return fail(x, s, _("%s は文字列で指定してください"), name);
	*vp = config_setting_get_string(s);
	for (p = (const unsigned char *)*vp; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			return fail(x, s, _("%s に制御文字があります"), name);
	*sp = s;
	return 1;
}

/* Copies v into its field whole, or refuses: a cut URL or path is wrong. */
static int
store(struct ctx *x, const config_setting_t *s, const char *name,
    const char *v, char *out, size_t outsz)
{
	int n = snprintf(out, outsz, "%s", v);

	if (n < 0 || (size_t)n >= outsz)
		return fail(x, s, _("%s が長すぎます"), name);
	return 0;
}

/* A path: absolute as written, otherwise from the configuration's folder. */
static int
join_path(struct ctx *x, const config_setting_t *s, const char *name,
    const char *v, char *out)
{
	int n;

	if (v[0] == '/')
		n = snprintf(out, TERM_PATH_MAX, "%s", v);
	else
		n = snprintf(out, TERM_PATH_MAX, "%s%s%s", x->base,
		    strcmp(x->base, "/") == 0 ? "" : "/", v);
	if (n < 0 || n >= TERM_PATH_MAX)
		return fail(x, s, _("%s が長すぎます"), name);
	return 0;
}

static int
path_setting(struct ctx *x, const char *name, int required, char *out,
    config_setting_t **sp)
{
	const char *v;
	int rc;

	*sp = NULL;
	if ((rc = string_setting(x, name, required, &v, sp)) <= 0)
		return rc;
	/* "" would name the folder itself. */
	if (*v == '\0')
		return fail(x, *sp, _("%s は空にできません"), name);
	return join_path(x, *sp, name, v, out) == 0 ? 1 : -1;
}

/*
 * Opens path as the terminal will (O_NONBLOCK so a FIFO cannot hang the
 * start) and refuses anything but a readable regular file.  For the private
 * key also refuses any permission bit for group or others: a key others can
 * read lets them act as this terminal.
 */
static int
check_file(struct ctx *x, const config_setting_t *s, const char *name,
    const char *path, int is_key)
{
	struct stat sb;
	int fd;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd == -1) {
		if (errno == ENOENT)
			return fail(x, s, _("%s: ファイル %s がありません"),
			    name, path);
		return fail(x, s, _("%s: ファイル %s を開けません (%s)"), name,
		    path, strerror(errno));
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return fail(x, s, _("%s: %s は通常のファイルではありません"),
		    name, path);
	}
	close(fd);
	if (is_key && (sb.st_mode & (S_IRWXG | S_IRWXO)))
		return fail(x, s, _("%s: 秘密鍵が所有者以外から読み書きできます"
		    "(chmod 600 が必要です)"), path);
	return 0;
}

static int
file_setting(struct ctx *x, const char *name, char *out, int is_key)
{
	config_setting_t *s;

	if (path_setting(x, name, 1, out, &s) < 0)
		return -1;
	return check_file(x, s, name, out, is_key);
}

/* An int within [lo, hi]; absent leaves the default in *out. */
static int
int_setting(struct ctx *x, const char *name, int lo, int hi, int *out)
{
	config_setting_t *s = config_lookup(x->c, name);
	long long v;

	if (s == NULL)
		return 0;
	/* 5L is still a number of minutes: take 64-bit ints as well. */
	if (config_setting_type(s) != CONFIG_TYPE_INT &&
	    config_setting_type(s) != CONFIG_TYPE_INT64)
		return fail(x, s, _("%s は整数で指定してください"), name);
	v = config_setting_get_int64(s);
	if (v < lo || v > hi)
		return fail(x, s, _("%s は %d から %d までです"), name, lo, hi);
	*out = (int)v;
	return 0;
}

static int
is_base64(unsigned char ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
	    (ch >= '0' && ch <= '9') || ch == '+' || ch == '/';
}

/*
 * curl's pinnedpubkey form: "sha256//" and the base64 hash, several joined
 * by ';' so a replacement key can be pinned before the server changes.
 */
static int
pin_well_formed(const char *v)
{
	const size_t plen = sizeof PIN_PREFIX - 1;

	for (;;) {
		if (strncmp(v, PIN_PREFIX, plen) != 0)
			return 0;
		v += plen;
		for (int i = 0; i < PIN_HASH_LEN - 1; i++, v++)
			if (!is_base64((unsigned char)*v))
				return 0;
		if (*v++ != '=')
			return 0;
		if (*v == '\0')
			return 1;
		if (*v++ != ';')
			return 0;
	}
}

/*
 * A CUPS queue name: no spaces, '/' or '#' (CUPS refuses them), and no
 * leading '-' so it can never be taken for an option of lp.
 */
static int
printer_well_formed(const char *v)
{
	if (*v == '-')
		return 0;
	for (; *v != '\0'; v++)
		if (*v == ' ' || *v == '/' || *v == '#')
			return 0;
	return 1;
}

static int
load_server(struct ctx *x, struct term_config *cfg)
{
	config_setting_t *s;
	const char *v;
	int rc;

	if (string_setting(x, "server.url", 1, &v, &s) < 0)
		return -1;
	/* Never plain http: the operator's PIN and residents cross this. */
	if (strncmp(v, HTTPS, sizeof HTTPS - 1) != 0 ||
	    v[sizeof HTTPS - 1] == '\0' || v[sizeof HTTPS - 1] == '/')
		return fail(x, s, _("%s は https:// で始まる URL で指定して"
		    "ください"), "server.url");
	if (store(x, s, "server.url", v, cfg->server_url,
	    sizeof cfg->server_url) != 0)
		return -1;
	if (file_setting(x, "server.ca", cfg->ca, 0) != 0 ||
	    file_setting(x, "server.certificate", cfg->certificate, 0) != 0 ||
	    file_setting(x, "server.key", cfg->key, 1) != 0)
		return -1;
	if ((rc = string_setting(x, "server.pinned_key", 0, &v, &s)) < 0)
		return -1;
	if (rc > 0) {
		if (!pin_well_formed(v))
			return fail(x, s, _("%s は sha256// に続く Base64 の "
			    "SHA-256 ハッシュで指定してください(複数なら ; で"
			    "区切ります)"), "server.pinned_key");
		if (store(x, s, "server.pinned_key", v, cfg->pinned_key,
		    sizeof cfg->pinned_key) != 0)
			return -1;
	}
	if (int_setting(x, "server.connect_timeout", 1, 60,
	    &cfg->connect_timeout) != 0 ||
	    int_setting(x, "server.request_timeout", 1, 300,
	    &cfg->request_timeout) != 0)
		return -1;
	return 0;
}

static int
load_settings(struct ctx *x, struct term_config *cfg)
{
	config_setting_t *s;
	const char *v;
	int rc;

	if (check_names(x, config_root_setting(x->c), "") != 0 ||
	    load_server(x, cfg) != 0)
		return -1;
	if ((rc = path_setting(x, "log", 0, cfg->log, &s)) < 0)
		return -1;
	if (rc == 0 && join_path(x, NULL, "log", DEFAULT_LOG, cfg->log) != 0)
		return -1;
	if ((rc = string_setting(x, "printer", 0, &v, &s)) < 0)
		return -1;
	if (rc > 0) {
		if (!printer_well_formed(v))
			return fail(x, s, _("%s に使えない文字があります"),
			    "printer");
		if (store(x, s, "printer", v, cfg->printer,
		    sizeof cfg->printer) != 0)
			return -1;
	}
	if ((rc = string_setting(x, "language", 0, &v, &s)) < 0)
		return -1;
	if (rc > 0) {
		if (strcmp(v, "ja") != 0 && strcmp(v, "en") != 0)
			return fail(x, s, _("%s は ja か en で指定してください"),
			    "language");
		if (store(x, s, "language", v, cfg->language,
		    sizeof cfg->language) != 0)
			return -1;
	}
	/* Municipal rules cap the idle screen lock at 5 minutes. */
	if (int_setting(x, "lock.idle_seconds", 1, 300,
	    &cfg->lock_seconds) != 0)
		return -1;
	/* The reader never gives up on its own; a finger held back for
	 * this long ends the scan. */
	return int_setting(x, "reader.timeout_seconds", 5, 120,
	    &cfg->reader_timeout);
}

static void
defaults(struct term_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	snprintf(cfg->language, sizeof cfg->language, "ja");
	cfg->connect_timeout = 5;
	cfg->request_timeout = 15;
	cfg->lock_seconds = 300;
	cfg->reader_timeout = 30;
}

/*
 * Opens the configuration and refuses one that anyone but its owner could
 * change: group- or world-writable, or owned by neither root nor us (that
 * owner could chmod it).  The checks are made on the open descriptor, so
 * the file read is the file checked.  Returns a stream or NULL.
 */
static FILE *
open_config(struct ctx *x)
{
	struct stat sb;
	FILE *f;
	int fd;

	fd = open(x->path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd == -1) {
		if (errno == ENOENT)
			fail(x, NULL, _("設定ファイルがありません"));
		else
			fail(x, NULL, _("設定ファイルを開けません (%s)"),
			    strerror(errno));
		return NULL;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))
		fail(x, NULL, _("設定ファイルが通常のファイルではありません"));
	else if (sb.st_mode & (S_IWGRP | S_IWOTH))
		snprintf(x->err, x->errsz, _("%s: 他のユーザーが書き込める設定"
		    "ファイルは使えません"), x->path);
	else if (sb.st_uid != 0 && sb.st_uid != geteuid())
		fail(x, NULL, _("設定ファイルの所有者が root でもこのユーザー"
		    "でもありません"));
	else if ((f = fdopen(fd, "r")) != NULL)
		return f;
	else
		fail(x, NULL, _("設定ファイルを開けません (%s)"),
		    strerror(errno));
	close(fd);
	return NULL;
}

/*
 * The folder relative paths are taken from.  Made absolute, so that the
 * paths stay right whatever the terminal's working folder is later.
 */
static int
config_folder(struct ctx *x, char *copy, size_t copysz, char *abs)
{
	const char *dir;

	if (snprintf(copy, copysz, "%s", x->path) >= (int)copysz) {
		snprintf(x->err, x->errsz, _("%s: パスが長すぎます"), x->path);
		return -1;
	}
	dir = dirname(copy);
	if (dir[0] == '/') {
		x->base = dir;
		return 0;
	}
	if (realpath(dir, abs) == NULL)
		return fail(x, NULL, _("設定ファイルのフォルダを調べられません "
		    "(%s)"), strerror(errno));
	x->base = abs;
	return 0;
}

int
term_config_load(const char *path, struct term_config *cfg, char *err,
    size_t errsz)
{
	char copy[PATH_MAX], abs[PATH_MAX];
	struct term_config tmp;
	struct ctx x;
	config_t c;
	FILE *f;
	int rc;

	x.c = &c;
	x.path = path;
	x.base = NULL;
	x.err = err;
	x.errsz = errsz;
	if (errsz > 0)
		err[0] = '\0';
	if ((f = open_config(&x)) == NULL)
		return -1;
	if (config_folder(&x, copy, sizeof copy, abs) != 0) {
		fclose(f);
		return -1;
	}
	config_init(&c);
	if (!config_read(&c, f)) {
		/* libconfig's own text: not ours to translate. */
		snprintf(err, errsz, "%s:%d: %s", config_error_file(&c) != NULL ?
		    config_error_file(&c) : path, config_error_line(&c),
		    config_error_text(&c));
		config_destroy(&c);
		fclose(f);
		return -1;
	}
	fclose(f);
	/* Filled aside so that a refused file leaves *cfg as it was. */
	defaults(&tmp);
	rc = load_settings(&x, &tmp);
	config_destroy(&c);
	if (rc == 0)
		*cfg = tmp;
	return rc;
}
