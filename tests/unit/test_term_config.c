/*
 * The terminal's configuration file: a good one read whole, defaults, paths
 * taken from the file's folder, and every refusal, each with a message.
 * Each test works in its own folder made with mkdtemp under $TMPDIR.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "term-config.h"

#define URL "\"https://prefecture.example:8443\""
#define PIN_A "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
#define PIN_B "sha256//pteaxY4+RGIcq6L6kaRWuCOR3PTnCWh3Dzwm97S/sUc="

struct fx {
	char dir[PATH_MAX];	/* this test's folder */
	char conf[PATH_MAX];	/* terminal.conf in it */
	char err[512];
	struct term_config cfg;
};

/*
 * The settings a test writes, as libconfig text: NULL takes the good
 * default, "" leaves the setting out.  extra goes inside server = { },
 * top after it.
 */
struct spec {
	const char *url, *ca, *certificate, *key, *extra, *top;
};

static void
path_in(const struct fx *f, const char *name, char *out, size_t outsz)
{
	assert_true(snprintf(out, outsz, "%s/%s", f->dir, name) <
	    (int)outsz);
}

/* Writes name in the test's folder with exactly this mode (no umask). */
static void
write_file(const struct fx *f, const char *name, mode_t mode,
    const char *text)
{
	char path[PATH_MAX];
	size_t len = strlen(text);
	int fd;

	path_in(f, name, path, sizeof path);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(fchmod(fd, mode), 0);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	assert_int_equal(close(fd), 0);
}

static void
set_mode(const struct fx *f, const char *name, mode_t mode)
{
	char path[PATH_MAX];

	path_in(f, name, path, sizeof path);
	assert_int_equal(chmod(path, mode), 0);
}

static void
remove_file(const struct fx *f, const char *name)
{
	char path[PATH_MAX];

	path_in(f, name, path, sizeof path);
	assert_int_equal(unlink(path), 0);
}

static void
line(char *buf, size_t bufsz, const char *name, const char *value,
    const char *dflt)
{
	size_t n = strlen(buf);

	if (value == NULL)
		value = dflt;
	if (*value == '\0')
		return;
	assert_true(snprintf(buf + n, bufsz - n, "\t%s = %s;\n", name,
	    value) < (int)(bufsz - n));
}

static void
write_conf(const struct fx *f, const struct spec *sp, mode_t mode)
{
	char text[8192] = "server = {\n";
	size_t n;

	line(text, sizeof text, "url", sp->url, URL);
	line(text, sizeof text, "ca", sp->ca, "\"ca.pem\"");
	line(text, sizeof text, "certificate", sp->certificate,
	    "\"pki/cert.pem\"");
	line(text, sizeof text, "key", sp->key, "\"key.pem\"");
	n = strlen(text);
	assert_true(snprintf(text + n, sizeof text - n, "%s%s};\n%s\n",
	    sp->extra != NULL ? sp->extra : "",
	    sp->extra != NULL ? "\n" : "",
	    sp->top != NULL ? sp->top : "") < (int)(sizeof text - n));
	write_file(f, "terminal.conf", mode, text);
}

static int
setup(void **state)
{
	const char *tmp = getenv("TMPDIR");
	char dir[PATH_MAX];
	struct fx *f;

	f = calloc(1, sizeof *f);
	assert_non_null(f);
	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	assert_true(snprintf(dir, sizeof dir, "%s/juki-tc-XXXXXX", tmp) <
	    (int)sizeof dir);
	assert_non_null(mkdtemp(dir));
	/* The module makes a relative folder absolute; so do the tests. */
	if (dir[0] == '/')
		assert_true(snprintf(f->dir, sizeof f->dir, "%s", dir) <
		    (int)sizeof f->dir);
	else
		assert_non_null(realpath(dir, f->dir));
	path_in(f, "terminal.conf", f->conf, sizeof f->conf);
	write_file(f, "ca.pem", 0644, "-----BEGIN CERTIFICATE-----\n");
	write_file(f, "key.pem", 0600, "-----BEGIN PRIVATE KEY-----\n");
	path_in(f, "pki", dir, sizeof dir);
	assert_int_equal(mkdir(dir, 0755), 0);
	write_file(f, "pki/cert.pem", 0644, "-----BEGIN CERTIFICATE-----\n");
	*state = f;
	return 0;
}

static int
remove_one(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)sb;
	(void)type;
	(void)ftw;
	return remove(path);
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	assert_int_equal(nftw(f->dir, remove_one, 8, FTW_DEPTH | FTW_PHYS), 0);
	free(f);
	return 0;
}

static int
load(struct fx *f)
{
	return term_config_load(f->conf, &f->cfg, f->err, sizeof f->err);
}

/*
 * Loads and expects a refusal: -1, a one-line message that names each of
 * want (a setting, a path, a hint), and the caller's cfg left as it was.
 */
static void
refused(struct fx *f, const char *want1, const char *want2)
{
	struct term_config before;

	memset(&f->cfg, 0x5a, sizeof f->cfg);
	before = f->cfg;
	memset(f->err, 0, sizeof f->err);
	assert_int_equal(load(f), -1);
	assert_true(strlen(f->err) > 0);
	assert_null(strchr(f->err, '\n'));
	if (want1 != NULL && strstr(f->err, want1) == NULL)
		fail_msg("\"%s\" lacks \"%s\"", f->err, want1);
	if (want2 != NULL && strstr(f->err, want2) == NULL)
		fail_msg("\"%s\" lacks \"%s\"", f->err, want2);
	assert_memory_equal(&f->cfg, &before, sizeof before);
}

static void
refused_spec(struct fx *f, const struct spec *sp, const char *want1,
    const char *want2)
{
	write_conf(f, sp, 0600);
	refused(f, want1, want2);
}

static void
expect_path(const struct fx *f, const char *got, const char *name)
{
	char want[PATH_MAX];

	path_in(f, name, want, sizeof want);
	assert_string_equal(got, want);
}

static void
test_every_setting(void **state)
{
	struct fx *f = *state;
	char key[PATH_MAX], extra[1024];
	struct spec sp = { 0 };

	path_in(f, "key.pem", key, sizeof key);
	assert_true(snprintf(extra, sizeof extra,
	    "\tpinned_key = \"" PIN_A ";" PIN_B "\";\n"
	    "\tconnect_timeout = 60;\n"
	    "\trequest_timeout = 300;\n"
	    "\tkey = \"%s\";", key) < (int)sizeof extra);
	sp.key = "";	/* given in extra, as an absolute path */
	sp.extra = extra;
	sp.top = "log = \"logs/terminal.log\";\n"
	    "printer = \"JUKI_Counter-1\";\n"
	    "language = \"en\";\n"
	    "lock = { idle_seconds = 3; };\n"
	    "reader = { timeout_seconds = 120; };";
	write_conf(f, &sp, 0600);
	assert_int_equal(load(f), 0);
	assert_string_equal(f->cfg.server_url,
	    "https://prefecture.example:8443");
	expect_path(f, f->cfg.ca, "ca.pem");
	expect_path(f, f->cfg.certificate, "pki/cert.pem");
	assert_string_equal(f->cfg.key, key);
	assert_string_equal(f->cfg.pinned_key, PIN_A ";" PIN_B);
	expect_path(f, f->cfg.log, "logs/terminal.log");
	assert_string_equal(f->cfg.printer, "JUKI_Counter-1");
	assert_string_equal(f->cfg.language, "en");
	assert_int_equal(f->cfg.connect_timeout, 60);
	assert_int_equal(f->cfg.request_timeout, 300);
	assert_int_equal(f->cfg.lock_seconds, 3);
	assert_int_equal(f->cfg.reader_timeout, 120);
}

static void
test_defaults(void **state)
{
	struct fx *f = *state;
	struct spec sp = { 0 };

	write_conf(f, &sp, 0600);
	memset(&f->cfg, 0x5a, sizeof f->cfg);
	assert_int_equal(load(f), 0);
	assert_string_equal(f->cfg.pinned_key, "");
	expect_path(f, f->cfg.log, "juki-terminal.log");
	assert_string_equal(f->cfg.printer, "");
	assert_string_equal(f->cfg.language, "ja");
	assert_int_equal(f->cfg.connect_timeout, 5);
	assert_int_equal(f->cfg.request_timeout, 15);
	assert_int_equal(f->cfg.lock_seconds, 300);
	assert_int_equal(f->cfg.reader_timeout, 30);
	/* A world-readable config is fine; only writing is refused. */
	write_conf(f, &sp, 0644);
	assert_int_equal(load(f), 0);
	/* 64-bit integers and the lower bounds are numbers like any other. */
	sp.extra = "\tconnect_timeout = 1L;\n\trequest_timeout = 1;";
	sp.top = "lock = { idle_seconds = 300L; };";
	write_conf(f, &sp, 0400);
	assert_int_equal(load(f), 0);
	assert_int_equal(f->cfg.connect_timeout, 1);
	assert_int_equal(f->cfg.request_timeout, 1);
	assert_int_equal(f->cfg.lock_seconds, 300);
}

/* Given as "terminal.conf" from inside its folder: paths come out absolute. */
static void
test_relative_config_path(void **state)
{
	struct fx *f = *state;
	char cwd[PATH_MAX], real[PATH_MAX], want[PATH_MAX + 32];
	struct spec sp = { 0 };
	int rc;

	write_conf(f, &sp, 0600);
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_non_null(realpath(f->dir, real));
	assert_int_equal(chdir(f->dir), 0);
	rc = term_config_load("terminal.conf", &f->cfg, f->err, sizeof f->err);
	assert_int_equal(chdir(cwd), 0);
	assert_int_equal(rc, 0);
	snprintf(want, sizeof want, "%s/ca.pem", real);
	assert_string_equal(f->cfg.ca, want);
	snprintf(want, sizeof want, "%s/juki-terminal.log", real);
	assert_string_equal(f->cfg.log, want);
}

static void
test_missing_config(void **state)
{
	struct fx *f = *state;

	refused(f, f->conf, NULL);
	/* A folder is not a configuration file. */
	snprintf(f->conf, sizeof f->conf, "%s", f->dir);
	refused(f, f->dir, NULL);
}

static void
test_writable_config(void **state)
{
	struct fx *f = *state;
	const mode_t modes[] = { 0620, 0602, 0660, 0666 };
	struct spec sp = { 0 };

	for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
		write_conf(f, &sp, modes[i]);
		refused(f, f->conf, NULL);
	}
}

/* Its owner could chmod it back to writable at will. */
static void
test_config_of_another_user(void **state)
{
	struct fx *f = *state;
	struct spec sp = { 0 };

	if (geteuid() != 0)
		skip();
	write_conf(f, &sp, 0644);
	assert_int_equal(chown(f->conf, 65534, 65534), 0);
	refused(f, f->conf, NULL);
}

static void
test_key_mode(void **state)
{
	struct fx *f = *state;
	const mode_t modes[] = { 0640, 0604, 0620, 0602, 0610, 0601, 0644 };
	char key[PATH_MAX];
	struct spec sp = { 0 };

	path_in(f, "key.pem", key, sizeof key);
	write_conf(f, &sp, 0600);
	for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
		set_mode(f, "key.pem", modes[i]);
		refused(f, key, "chmod 600");
	}
	/* Owner-only is enough, and read-only for the owner too. */
	set_mode(f, "key.pem", 0400);
	assert_int_equal(load(f), 0);
}

static void
test_missing_files(void **state)
{
	struct fx *f = *state;
	char path[PATH_MAX];
	struct spec sp = { 0 };

	write_conf(f, &sp, 0600);
	remove_file(f, "key.pem");
	path_in(f, "key.pem", path, sizeof path);
	refused(f, "server.key", path);
	write_file(f, "key.pem", 0600, "key");

	remove_file(f, "ca.pem");
	path_in(f, "ca.pem", path, sizeof path);
	refused(f, "server.ca", path);
	write_file(f, "ca.pem", 0644, "ca");

	remove_file(f, "pki/cert.pem");
	path_in(f, "pki/cert.pem", path, sizeof path);
	refused(f, "server.certificate", path);

	/* A folder where the CA should be. */
	sp.ca = "\"pki\"";
	refused_spec(f, &sp, "server.ca", "pki");
}

static void
test_missing_settings(void **state)
{
	struct fx *f = *state;
	struct spec sp;

	memset(&sp, 0, sizeof sp);
	sp.url = "";
	refused_spec(f, &sp, "server.url", f->conf);
	memset(&sp, 0, sizeof sp);
	sp.ca = "";
	refused_spec(f, &sp, "server.ca", NULL);
	memset(&sp, 0, sizeof sp);
	sp.certificate = "";
	refused_spec(f, &sp, "server.certificate", NULL);
	memset(&sp, 0, sizeof sp);
	sp.key = "";
	refused_spec(f, &sp, "server.key", NULL);
	memset(&sp, 0, sizeof sp);
	sp.key = "\"\"";
	refused_spec(f, &sp, "server.key", NULL);
	write_file(f, "terminal.conf", 0600, "");
	refused(f, "server.url", NULL);
}

static void
test_url(void **state)
{
	struct fx *f = *state;
	const char *bad[] = {
		"\"http://prefecture.example:8443\"", "\"https://\"",
		"\"HTTPS://prefecture.example\"", "\"https:///path\"",
		"\"prefecture.example\"", "\"\"",
	};
	struct spec sp = { 0 };

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		sp.url = bad[i];
		write_conf(f, &sp, 0600);
		/* With the line, so the operator knows where to look. */
		refused(f, "terminal.conf:2:", "server.url");
	}
}

static void
test_out_of_range(void **state)
{
	struct fx *f = *state;
	const struct {
		const char *extra, *top, *name;
	} cases[] = {
		{ "\tconnect_timeout = 0;", NULL, "server.connect_timeout" },
		{ "\tconnect_timeout = 61;", NULL, "server.connect_timeout" },
		{ "\tconnect_timeout = -5;", NULL, "server.connect_timeout" },
		{ "\trequest_timeout = 0;", NULL, "server.request_timeout" },
		{ "\trequest_timeout = 301;", NULL, "server.request_timeout" },
		/* Would wrap to 5 if cut to an int. */
		{ "\trequest_timeout = 4294967301L;", NULL,
		    "server.request_timeout" },
		{ NULL, "lock = { idle_seconds = 0; };", "lock.idle_seconds" },
		{ NULL, "lock = { idle_seconds = 301; };", "lock.idle_seconds" },
		{ NULL, "lock = { idle_minutes = 5; };", "lock.idle_minutes" },
		{ NULL, "reader = { timeout_seconds = 4; };",
		    "reader.timeout_seconds" },
		{ NULL, "reader = { timeout_seconds = 121; };",
		    "reader.timeout_seconds" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct spec sp = { 0 };

		sp.extra = cases[i].extra;
		sp.top = cases[i].top;
		refused_spec(f, &sp, cases[i].name, NULL);
	}
}

static void
test_wrong_type(void **state)
{
	struct fx *f = *state;
	const struct {
		const char *url, *extra, *top, *name;
	} cases[] = {
		{ "5", NULL, NULL, "server.url" },
		{ NULL, "\tconnect_timeout = \"5\";", NULL,
		    "server.connect_timeout" },
		{ NULL, "\trequest_timeout = 15.0;", NULL,
		    "server.request_timeout" },
		{ NULL, "\tpinned_key = true;", NULL, "server.pinned_key" },
		{ NULL, NULL, "lock = { idle_seconds = \"5\"; };",
		    "lock.idle_seconds" },
		{ NULL, NULL, "language = [\"ja\"];", "language" },
		{ NULL, NULL, "log = { file = \"x\"; };", "log" },
		{ NULL, NULL, "printer = 7;", "printer" },
		{ NULL, NULL, "lock = 5;", "lock" },
		{ NULL, NULL, "lock = ( 5 );", "lock" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct spec sp = { 0 };

		sp.url = cases[i].url;
		sp.extra = cases[i].extra;
		sp.top = cases[i].top;
		refused_spec(f, &sp, cases[i].name, NULL);
	}
	/* server itself not a group: its settings are then missing. */
	write_file(f, "terminal.conf", 0600, "server = \"x\";\n");
	refused(f, "server", NULL);
}

static void
test_language(void **state)
{
	struct fx *f = *state;
	const char *bad[] = { "\"fr\"", "\"JA\"", "\"\"", "\"japanese\"",
	    "\"ja_JP\"" };
	struct spec sp = { 0 };
	char top[64];

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(top, sizeof top, "language = %s;", bad[i]);
		sp.top = top;
		refused_spec(f, &sp, "language", NULL);
	}
	sp.top = "language = \"ja\";";
	write_conf(f, &sp, 0600);
	assert_int_equal(load(f), 0);
	assert_string_equal(f->cfg.language, "ja");
}

static void
test_too_long(void **state)
{
	struct fx *f = *state;
	char url[400], path[TERM_PATH_MAX + 16], printer[200], top[512];
	struct spec sp = { 0 };
	size_t n;

	/* 300 characters into a field of 256: refused, never cut. */
	n = (size_t)snprintf(url, sizeof url, "\"https://");
	memset(url + n, 'a', 300 - n);
	snprintf(url + 300, sizeof url - 300, "\"");
	sp.url = url;
	refused_spec(f, &sp, "server.url", NULL);

	/* Fits as written, not once the folder is put in front. */
	memset(&sp, 0, sizeof sp);
	path[0] = '"';
	memset(path + 1, 'c', TERM_PATH_MAX - 8);
	snprintf(path + TERM_PATH_MAX - 7, sizeof path - (TERM_PATH_MAX - 7),
	    "\"");
	sp.ca = path;
	refused_spec(f, &sp, "server.ca", NULL);

	memset(&sp, 0, sizeof sp);
	memset(printer, 'p', sizeof printer - 1);
	printer[sizeof printer - 1] = '\0';
	snprintf(top, sizeof top, "printer = \"%s\";", printer);
	sp.top = top;
	refused_spec(f, &sp, "printer", NULL);

	/* Three well-formed pins do not fit in 128 bytes. */
	memset(&sp, 0, sizeof sp);
	sp.extra = "\tpinned_key = \"" PIN_A ";" PIN_B ";" PIN_A "\";";
	refused_spec(f, &sp, "server.pinned_key", NULL);
}

static void
test_pinned_key(void **state)
{
	struct fx *f = *state;
	const char *bad[] = {
		"\tpinned_key = \"\";",
		"\tpinned_key = \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\";",
		"\tpinned_key = \"sha1//AAAAAAAAAAAAAAAAAAAAAAAAAAA=\";",
		"\tpinned_key = \"sha256//AAAA=\";",
		"\tpinned_key = \"sha256//AAAAAAAAAAAAAAAAAAAAAA*AAAAAAAAAAAAAAAAAAAA=\";",
		"\tpinned_key = \"" PIN_A ";\";",
		"\tpinned_key = \"" PIN_A " " PIN_B "\";",
	};
	struct spec sp = { 0 };

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		sp.extra = bad[i];
		refused_spec(f, &sp, "server.pinned_key", NULL);
	}
	sp.extra = "\tpinned_key = \"" PIN_B "\";";
	write_conf(f, &sp, 0600);
	assert_int_equal(load(f), 0);
	assert_string_equal(f->cfg.pinned_key, PIN_B);
}

static void
test_printer_and_control_characters(void **state)
{
	struct fx *f = *state;
	const char *bad[] = {
		"printer = \"-o evil\";", "printer = \"a b\";",
		"printer = \"a/b\";", "printer = \"a#b\";",
		"printer = \"a\\nb\";", "log = \"a\\tb\";", "log = \"\";",
	};
	struct spec sp = { 0 };

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		sp.top = bad[i];
		refused_spec(f, &sp, bad[i][0] == 'p' ? "printer" : "log",
		    NULL);
	}
	sp.url = "\"https://prefecture.example\\r\\nX: y\"";
	sp.top = NULL;
	refused_spec(f, &sp, "server.url", NULL);
}

/* A misspelt setting would otherwise be ignored without a word. */
static void
test_unknown_setting(void **state)
{
	struct fx *f = *state;
	struct spec sp = { 0 };

	sp.extra = "\tpinned_keys = \"" PIN_A "\";";
	refused_spec(f, &sp, "server.pinned_keys", NULL);
	sp.extra = NULL;
	sp.top = "lock = { idle = 3; };";
	refused_spec(f, &sp, "lock.idle", NULL);
	sp.top = "demo = true;";
	refused_spec(f, &sp, "demo", NULL);
}

/* An included file's permissions were never checked. */
static void
test_include_refused(void **state)
{
	struct fx *f = *state;
	char inc[PATH_MAX], top[PATH_MAX + 32];
	struct spec sp = { 0 };

	write_file(f, "inc.conf", 0666, "printer = \"elsewhere\";\n");
	path_in(f, "inc.conf", inc, sizeof inc);
	snprintf(top, sizeof top, "@include \"%s\"", inc);
	sp.top = top;
	refused_spec(f, &sp, inc, "@include");
}

static void
test_parse_error(void **state)
{
	struct fx *f = *state;
	char want[PATH_MAX + 8];

	write_file(f, "terminal.conf", 0600,
	    "server = {\n\turl = ;\n};\n");
	refused(f, NULL, NULL);
	/* "file:line: text", the way compilers say it. */
	snprintf(want, sizeof want, "%s:2: ", f->conf);
	assert_int_equal(strncmp(f->err, want, strlen(want)), 0);
	assert_true(strlen(f->err) > strlen(want));
}

/* A short buffer gets a cut message, still terminated; none gets none. */
static void
test_small_err(void **state)
{
	struct fx *f = *state;
	char err[16];

	memset(err, 'x', sizeof err);
	assert_int_equal(term_config_load(f->conf, &f->cfg, err, sizeof err),
	    -1);
	assert_int_equal(strlen(err), sizeof err - 1);
	assert_int_equal(term_config_load(f->conf, &f->cfg, NULL, 0), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_every_setting),
		T(test_defaults),
		T(test_relative_config_path),
		T(test_missing_config),
		T(test_writable_config),
		T(test_config_of_another_user),
		T(test_key_mode),
		T(test_missing_files),
		T(test_missing_settings),
		T(test_url),
		T(test_out_of_range),
		T(test_wrong_type),
		T(test_language),
		T(test_too_long),
		T(test_pinned_key),
		T(test_printer_and_control_characters),
		T(test_unknown_setting),
		T(test_include_refused),
		T(test_parse_error),
		T(test_small_err),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
