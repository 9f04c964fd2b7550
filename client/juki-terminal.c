/*
 * juki-terminal: the 業務端末, the counter terminal of 住基ネット.
 */
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "app.h"
#include "juki/i18n.h"
#include "juki/protocol.h"
#include "printout.h"
#include "reader.h"
#include "sandbox.h"
#include "term-cert.h"
#include "training-finger.h"
#include "width.h"

#define MIN_ROWS 24
#define MIN_COLS 80

/* SIGTERM or SIGHUP: end the session and wipe, as on F10. */
static volatile sig_atomic_t stop_signal;

static void
usage(FILE *out)
{
	fputs(_("使い方: juki-terminal [--config ファイル] [--lang ja|en]\n"
	    "住基ネットの業務端末です。\n"
	    "  --config ファイル  設定ファイル (既定 /etc/juki/terminal.conf)\n"
	    "  --lang ja|en       表示言語 (設定ファイルより優先)\n"
	    "  --help, --version\n"), out);
}

static const char *
connection_text(enum connection c)
{
	switch (c) {
	case CONN_OK:
		return _("正常");
	case CONN_FAILED:
		return _("異常");
	default:
		return _("未確認");
	}
}

/* Operator, role, 操作端末ID, connection, clock. */
static void
draw_status(struct app *a, int row, int cols)
{
	char line[512], roles[64] = "", clock[16];
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(clock, sizeof clock, "%H:%M", &tm);
	for (unsigned bit = 1; bit <= ROLE_TRAINER; bit <<= 1)
		if (a->roles & bit)
			snprintf(roles + strlen(roles), sizeof roles -
			    strlen(roles), "%s%s", roles[0] ? "," : "",
			    role_name(bit));
	snprintf(line, sizeof line, "%s: %s %s (%s) | %s: %s | %s: %s | %s",
	    _("操作者"), a->operator_id[0] ? a->operator_id : "-",
	    a->operator_name, roles[0] ? roles : "-", _("端末"), a->terminal_id,
	    _("接続"), connection_text(a->conn), clock);
	ui_put(row, 0, cols, line, UI_REVERSE);
	alert_status(a, row, cols);
}

static void
draw_help(const char *text, int top, int rows, int cols)
{
	char line[512];
	int row = top + 1;

	ui_put(top, 1, cols - 2, _("ヘルプ (何かキーを押すと戻ります)"),
	    UI_BOLD);
	for (const char *p = text; *p && row < top + rows; row++) {
		size_t n = strcspn(p, "\n");
		snprintf(line, sizeof line, "%.*s", (int)n, p);
		ui_put(row, 2, cols - 4, line, UI_PLAIN);
		p += n + (p[n] == '\n');
	}
}

/* A demo terminal says so on every screen, whatever else it shows: its
 * residents are made up, and nothing done on it is real. */
static void
draw_banner(struct app *a, int cols)
{
	const char *text = _("研修 / TRAINING — 実データではありません");
	int w = width_of(text);

	if (!a->demo)
		return;
	ui_put(0, 0, cols, "", UI_BANNER);
	ui_put(0, w < cols ? (cols - w) / 2 : 0, w < cols ? w : cols, text,
	    UI_BANNER);
}

static void
draw(struct app *a)
{
	char title[256], size[128];
	int rows, cols;

	ui_size(&rows, &cols);
	ui_erase();
	if (rows < MIN_ROWS || cols < MIN_COLS) {
		/* Nothing of a resident on a screen too small to lay out. */
		snprintf(size, sizeof size, _("画面が小さすぎます: %d×%d 以上が"
		    "必要です (現在 %d×%d)"), MIN_COLS, MIN_ROWS, cols, rows);
		ui_cursor(-1, 0);
		ui_put(rows / 2, 0, cols, size, UI_ERROR);
		draw_banner(a, cols);
		ui_flush();
		return;
	}
	if (a->screen->bare) {
		a->screen->draw(a, 0, rows, cols);
		draw_banner(a, cols);
		ui_flush();
		return;
	}
	snprintf(title, sizeof title, "%s ― %s", _("住基ネット 業務端末"),
	    _(a->screen->title));
	/* The banner takes the top line; the title moves to the blank line
	 * below it, and the screen's place stays where it was. */
	draw_banner(a, cols);
	ui_put(a->demo ? 1 : 0, 0, cols, title, UI_REVERSE);
	if (a->help) {
		ui_cursor(-1, 0);
		draw_help(_(a->screen->help), 2, rows - 5, cols);
	} else
		a->screen->draw(a, 2, rows - 5, cols);
	ui_put(rows - 3, 1, cols - 2, a->message, a->message_error ?
	    UI_ERROR : UI_PLAIN);
	draw_status(a, rows - 2, cols);
	ui_put(rows - 1, 0, cols, _(a->screen->act_roles != 0 &&
	    !(a->roles & a->screen->act_roles) ? a->screen->look_keys :
	    a->screen->keys), UI_PLAIN);
	ui_flush();
}

/*
 * What time decides between keys: a session the server ended, the
 * session's maximum length, the idle lock, and an administrator's count
 * of alerts.
 */
static void
keep_time(struct app *a)
{
	time_t now = monotonic_seconds();

	if (a->session_over)
		app_session_end(a, NULL);
	else if (a->operator_id[0] == '\0')
		return;
	else if (now >= a->session_ends) {
		app_logout(a);
		app_message(a, 1, _("連続して使用できる時間の上限に達したため、"
		    "セッションを終了しました。もう一度ログインしてください"));
	} else if (now - a->last_key >= a->cfg.lock_seconds)
		app_lock(a);
	else
		alert_poll(a);
}

/* The next key: typed during a call, or from the keyboard.  0 or -1. */
static int
next_key(struct app *a, struct ui_key *k)
{
	if (a->ntyped == 0)
		return ui_key(k, 1000);		/* a second: the clock */
	*k = a->typed[0];
	memmove(a->typed, a->typed + 1, (size_t)--a->ntyped *
	    sizeof a->typed[0]);
	/* It may have been a digit of a PIN. */
	explicit_bzero(&a->typed[a->ntyped], sizeof a->typed[0]);
	return 0;
}

static void
run(struct app *a)
{
	struct ui_key k;
	int rows, cols, rc;

	while (!a->quit && !stop_signal) {
		keep_time(a);
		draw(a);
		if ((rc = next_key(a, &k)) == UI_HANGUP)
			break;		/* as SIGHUP: end the session */
		if (rc != 0 || k.special == UI_RESIZE)
			continue;
		a->last_key = monotonic_seconds();
		ui_size(&rows, &cols);
		if (rows < MIN_ROWS || cols < MIN_COLS)
			continue;
		if (a->help)
			a->help = 0;
		else if (k.fkey == 1 && !a->screen->bare)
			a->help = 1;
		else if (k.fkey == 12 && a->operator_id[0] != '\0')
			app_lock(a);
		else {
			app_message(a, 0, "");
			a->screen->key(a, &k);
		}
	}
}

static void
on_stop(int sig)
{
	stop_signal = sig;
}

/* No suspending to a shell, no quit key that dumps; a terminal closed or
 * a shutdown ends the session as F10 does. */
static void
handle_signals(void)
{
	static const int ignored[] = { SIGTSTP, SIGQUIT, SIGTTIN, SIGTTOU,
	    SIGINT, SIGPIPE };
	struct sigaction ignore = { .sa_handler = SIG_IGN };
	struct sigaction stop = { .sa_handler = on_stop };

	for (size_t i = 0; i < sizeof ignored / sizeof ignored[0]; i++)
		sigaction(ignored[i], &ignore, NULL);
	sigaction(SIGTERM, &stop, NULL);
	sigaction(SIGHUP, &stop, NULL);
}

/* Resident data is in this process's memory: it must never be dumped. */
static void
no_core_dumps(void)
{
	struct rlimit none = { 0, 0 };

	setrlimit(RLIMIT_CORE, &none);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

static int
start(struct app *a, const char *config, char *err, size_t errsz)
{
	if (term_config_load(config, &a->cfg, err, errsz) != 0)
		return -1;
	if (term_cert_id(a->cfg.certificate, a->terminal_id,
	    sizeof a->terminal_id) != 0) {
		snprintf(err, errsz, _("%s: 端末証明書を読めません"),
		    a->cfg.certificate);
		return -1;
	}
	a->demo = term_cert_demo(a->cfg.certificate) == 1;
	if ((a->log = tlog_open(a->cfg.log)) == NULL) {
		snprintf(err, errsz, _("%s: 端末ログを開けません"), a->cfg.log);
		return -1;
	}
	/* Without a reader only PIN operators can log in; the screen says
	 * so when a finger is asked for. */
	a->reader = reader_new();
	training_finger_start(a);
	/* Fonts are found now: the font cache may want writing, which the
	 * sandbox forbids.  Without them forms cannot be printed. */
	a->can_print = printout_prepare() == 0;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK ||
	    (a->net = net_new(&a->cfg)) == NULL) {
		snprintf(err, errsz, _("通信を初期化できません"));
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "lang", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	static struct app a;
	const char *config = TERM_DEFAULT_CONFIG, *language = NULL;
	char err[1024];
	int c;

	no_core_dumps();
	language = i18n_language_arg(argc, argv);
	if (i18n_init(language) != 0) {
		fprintf(stderr, "juki-terminal: --lang: ja | en\n");
		return 2;
	}
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'c': config = optarg; break;
		case 'l': break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("juki-terminal %s (protocol %d)\n",
		    JUKI_VERSION, PROTOCOL_VERSION); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	if (getuid() == 0 || geteuid() == 0) {
		fprintf(stderr, "juki-terminal: %s\n", _("root では実行できません。"
		    "端末用の利用者で起動してください"));
		return 1;
	}
	handle_signals();
	/* The operator, what they typed and the session's token stay in
	 * memory that is never swapped out, where the limit allows. */
	(void)mlock(&a, sizeof a);
	if (start(&a, config, err, sizeof err) != 0) {
		fprintf(stderr, "juki-terminal: %s\n", err);
		return 1;
	}
	/* The configured language, unless --lang chose one: then that is
	 * the terminal's language, also for what it asks the server. */
	if (language == NULL && a.cfg.language[0] != '\0')
		i18n_init(a.cfg.language);
	else if (language != NULL)
		snprintf(a.cfg.language, sizeof a.cfg.language, "%s",
		    language);
	if (ui_start() != 0) {
		fprintf(stderr, "juki-terminal: %s\n", _("端末を初期化できません"));
		return 1;
	}
	a.redraw = draw;
	net_set_poll(a.net, app_poll, &a);
	tlog_write(a.log, "", "start", "start", "ok", 0);
	if (a.demo)
		tlog_write(a.log, "", "start", "demo-terminal", "ok", 0);
	/* Everything is open: from here on the process may only do what a
	 * terminal does. */
	if (sandbox_enter() != 0) {
		ui_end();
		fprintf(stderr, "juki-terminal: %s\n",
		    _("システムコールの制限を設定できません"));
		return 1;
	}
	app_go(&a, &screen_login);
	run(&a);
	if (a.operator_id[0] != '\0')
		app_logout(&a);
	/* The screen we quit from wipes what it holds, as on any leave. */
	if (a.screen->leave != NULL)
		a.screen->leave(&a);
	ui_end();
	tlog_write(a.log, "", "start", "exit", "ok", 0);
	app_forget(&a);
	reader_free(a.reader);
	net_free(a.net);
	tlog_close(a.log);
	curl_global_cleanup();
	return 0;
}
