/*
 * The terminal program's state, and what a screen is: a set of functions
 * the main loop calls (tmux's modes).  Screens draw into the content area
 * and react to keys; they never touch curses themselves.
 */
#ifndef JUKI_APP_H
#define JUKI_APP_H

#include <stdint.h>
#include <time.h>

#include <jansson.h>

#include "juki/monotonic.h"

#include "field.h"
#include "net.h"
#include "pick.h"
#include "term-config.h"
#include "tlog.h"
#include "ui.h"

struct app;

struct screen {
	const char *name;	/* for the log: "login" */
	const char *title;	/* message id */
	const char *keys;	/* message id: the function-key bar */
	unsigned act_roles;	/* roles its changes are for; 0: anyone */
	const char *look_keys;	/* message id: the bar for other roles */
	const char *help;	/* message id: F1 */
	void (*enter)(struct app *a);
	void (*leave)(struct app *a);	/* wipes what the screen held */
	void (*draw)(struct app *a, int top, int rows, int cols);
	void (*key)(struct app *a, const struct ui_key *k);
	int bare;	/* draws the whole screen: no title, status or keys */
	int resident;	/* shows resident data: not returned to after a lock */
};

enum connection {
	CONN_UNKNOWN,
	CONN_OK,
	CONN_FAILED,
};

/* The resident on screen (and the list it came from): only in memory. */
struct shown {
	json_t *resident;	/* {"resident": …, "history": […]} */
	json_t *candidates;	/* the 4情報 answer */
	char jimu[32];		/* the 事務 they were looked up for */
	struct pick pick;	/* in the candidates */
	int scroll;		/* of the record */
};

/* The lookup form, kept while the session lasts and cleared at logout. */
struct lookup_form {
	int method;		/* by 住民票コード, 個人番号, 4情報 */
	int jimu;		/* index into the server's list, -1: none */
	int sex;		/* 0 any, 1 男, 2 女 */
	int focus;
	struct field fields[5];
};

/* The 操作者名簿 an administrator or an auditor works in: staff data, not
 * residents', yet wiped when its screens are left. */
struct roster_view {
	json_t *list;		/* the operators/list answer */
	json_t *detail;		/* the operators/show answer */
	json_t *applications;	/* the applications/list answer */
	struct pick pick;
	int scroll;
	int state;		/* filter: index into roster_states, -1 all */
	unsigned role;		/* filter: one role, 0 all */
	struct field text;	/* filter: part of an ID, name, kana … */
	char operator_id[32];	/* the operator shown, acted on, enrolled */
	char document[FIELD_MAX];	/* of the enrolment under way */
};

/* The 帳票管理簿 as its screens show it: staff's records of forms, not
 * residents', yet wiped when its screens are left. */
struct ledger_view {
	json_t *list;		/* the prints/list answer */
	json_t *detail;		/* the prints/show answer */
	struct pick pick;
	int scroll;
	int state;		/* filter: index into print_states, -1 all */
	int form;		/* filter: index into print_forms, -1 all */
	struct field subject;	/* filter: what a form is about */
	char serial[16];	/* the line shown, acted on */
};

/* The 開示請求 a clerk works on.  The requester's statement is a
 * resident's data: wiped when the disclosure screens are left for the
 * menu, and with `shown` (app_forget) at a lock or the session's end. */
struct disclosure_view {
	json_t *list;		/* the disclosures/list answer */
	json_t *request;	/* the REQUEST open */
	json_t *corrections;	/* the corrections/list answer */
	struct pick pick;	/* in the list */
	struct pick picked;	/* in the request's corrections */
	int state;		/* filter: index into disclosure_states, -1 all */
	char authority[128];	/* who issues the letters, as last named */
};

/* 研修の課題 on a demo terminal: the trainers' exercises, not anyone's
 * data; the one chosen stays chosen while the session lasts. */
struct exercise_view {
	json_t *list;		/* the training/exercises answer */
	struct pick pick;
};

/* 警告 on an administrator's terminal: the number open, polled, and the
 * list and the one shown.  Staff records, no resident's: wiped when the
 * screens are left, and everything at the session's end. */
struct alert_view {
	int64_t open;		/* the last count the server gave */
	time_t next_poll;	/* monotonic seconds; 0: at the next tick */
	int failing;		/* the last poll got no count */
	json_t *list;		/* the alerts/list answer */
	struct pick pick;
	int all;		/* the list shows acknowledged ones too */
	json_t *alert;		/* the ALERT shown, acted on */
	int scroll;
};

/* The filters of the audit log's search, each a field. */
enum audit_filter_field {
	AUDIT_F_OPERATOR,
	AUDIT_F_TARGET,		/* a 住民票コード */
	AUDIT_F_TERMINAL,
	AUDIT_F_FROM,		/* 西暦 or 和暦, a JST day */
	AUDIT_F_TO,
	AUDIT_F_COUNT
};

/* Pages an auditor may go back through (PgUp): each page's cursor. */
#define AUDIT_VIEW_PAGES 1024

/* The audit log as an auditor or an administrator reviews it: staff's
 * records with residents' 住民票コード among them.  Wiped when the
 * audit screens are left for the menu, and (app_forget) at a lock or the
 * session's end. */
struct audit_view {
	json_t *query;		/* the audit/search request of the filters
				   searched, for its pages */
	json_t *page;		/* the audit/search answer shown */
	json_t *report;		/* an audit/verify or audit/export answer,
				   shown over the list until a key */
	const char *report_kind;	/* its route: PATH_AUDIT_VERIFY, … */
	json_t *stats;		/* the audit/stats answer */
	struct pick pick;	/* in the page */
	struct pick period;	/* in the statistics' rows */
	int focus;		/* the filter typed in, or -1: the list */
	int action;		/* filter: index into audit_actions, -1 all */
	int result;		/* filter: index into audit_results, -1 all */
	int per;		/* statistics: index into audit_periods */
	struct field filters[AUDIT_F_COUNT];
	int64_t cursors[AUDIT_VIEW_PAGES];	/* "before" of each page */
	int depth;		/* the page shown: cursors[depth] */
	int scroll;		/* of the entry shown */
};

struct reader;

struct app {
	struct term_config cfg;
	struct net *net;
	struct tlog *log;
	struct reader *reader;	/* NULL: libfprint could not start */
	int can_print;		/* a Japanese font was found */
	char terminal_id[64];
	int demo;		/* a demo terminal: its certificate's O=JUKI-DEMO */
	char finger_socket[108];	/* the virtual reader a demo terminal
					   may place a finger on, or "" (see
					   training-finger.h) */
	char scanning[32];	/* whose finger a scan awaits, or "" */
	char operator_id[32];
	char operator_name[128];
	unsigned roles;
	json_t *jimu;		/* the server's list of 事務 */
	enum connection conn;
	char message[256];
	int message_error;
	int help;		/* F1 shown */
	int quit;
	const struct screen *screen;
	const struct screen *locked_from;	/* where unlocking returns */
	time_t last_key;	/* monotonic seconds: the idle lock */
	time_t session_ends;	/* monotonic seconds: the session's end */
	int session_over;	/* the server ended it: act after the key */
	struct shown shown;
	struct lookup_form form;
	struct roster_view roster;
	struct ledger_view ledger;
	struct disclosure_view disc;
	struct exercise_view exercises;
	struct alert_view alerts;
	struct audit_view audit;
	void (*redraw)(struct app *a);	/* the whole screen, now */
	struct ui_key typed[64];	/* typed during a call, handled after */
	int ntyped;
};

extern const struct screen screen_login, screen_lock, screen_menu,
    screen_lookup, screen_candidates, screen_resident, screen_roster,
    screen_operator, screen_enrol, screen_application, screen_applications,
    screen_ledger, screen_print, screen_disclosures,
    screen_disclosure_new, screen_disclosure, screen_form_preview,
    screen_correction, screen_exercises, screen_alerts, screen_alert,
    screen_audit, screen_audit_entry, screen_audit_stats;

/* Wipes the roster's answers and filter (at logout). */
void roster_view_reset(struct roster_view *v);

/* Wipes the ledger's answers and filter (at logout). */
void ledger_view_reset(struct ledger_view *v);

/* Wipes the disclosure screens' answers; the filter shows all again. */
void disclosure_view_reset(struct disclosure_view *v);

/* Wipes the exercises and the choice (at login and logout). */
void exercise_view_reset(struct exercise_view *v);

/* Wipes the alerts held and forgets the count (at login and logout). */
void alert_view_reset(struct alert_view *v);

/*
 * On an administrator's session, not locked: asks the server how many
 * alerts are open every ALERT_POLL_SECONDS (alert-poll.c).  Quiet: the
 * message line and the idle lock's clock are left as they are, and keys
 * typed meanwhile wait their turn.
 */
void alert_poll(struct app *a);
/* "警告 N 件" at the right of the status line at row, when N > 0. */
void alert_status(const struct app *a, int row, int cols);
/* Wipes the audit screens' answers and filters. */
void audit_view_reset(struct audit_view *v);

/* The days the audit filters name, each "YYYY-MM-DD" ("" when not
 * typed): 0, or -1 with what is wrong on the message line. */
int audit_view_period(struct app *a, char *from, char *to);
/* The entries of the audit page shown (an array, or NULL). */
json_t *audit_rows(const struct app *a);

/* Fetches form ("disclosure": the notice, "provisions": the 提供状況) of
 * the request open, builds it and shows it for the clerk to check and
 * print.  0, or -1 with the reason on the message line. */
int form_preview_open(struct app *a, const char *form);

/* A fresh form for a new session. */
void lookup_form_reset(struct lookup_form *f);

/* Leaves the current screen (wiping its data) and enters s. */
void app_go(struct app *a, const struct screen *s);
/* As app_go, keeping the message line (what was just done stays said
 * though the screen entered calls the server) unless that screen has a
 * message of its own. */
void app_go_saying(struct app *a, const struct screen *s);
void app_message(struct app *a, int error, const char *text);
/* Says what is under way, on screen at once: calls block until answered
 * or timed out. */
void app_busy(struct app *a, const char *text);
/* For net_set_poll: Esc cancels the call under way; other keys wait
 * in a->typed, in order. */
int app_poll(void *arg);
/*
 * Posts request (taken and wiped) to path, saying busy meanwhile, and
 * logs it as action.  0 when answered; else -1 with the reason on the
 * message line.  *r is the answer either way, for net_reply_clear.
 */
int app_call(struct app *a, const char *path, const char *action,
    json_t *request, const char *busy, struct net_reply *r);
/*
 * As app_call, for what a screen holds while it is shown: an answer with
 * key of type (JSON_ARRAY, JSON_OBJECT) replaces *held, which is wiped.
 * 0 when it did; else -1, *held as it was.
 */
int app_fetch(struct app *a, const char *path, const char *action,
    json_t *request, const char *busy, const char *key, json_type type,
    json_t **held);
/* Explains a failed call on the message line, in the user's language. */
void app_explain(struct app *a, const struct net_reply *r);
/* Notes a refusal that ended the session on the server: the main loop
 * ends ours at its next tick, so no screen is pulled from under itself. */
void app_heard(struct app *a, const struct net_reply *r);
/* Logs an action to the terminal's own log (no resident data). */
void app_log(struct app *a, const char *action, const struct net_reply *r);
/* The same, for an action that is not a call: its result named. */
void app_log_result(struct app *a, const char *action, const char *result,
    int64_t audit_ref);
/* Wipes every resident the screens hold, and the keys typed ahead. */
void app_forget(struct app *a);
/* Ends the session, on the server too, and returns to the login screen. */
void app_logout(struct app *a);

/* A login answer ({"token", "operator", "expires_in"}): the session is
 * ours.  0, or -1 if the answer is not one. */
int app_session_open(struct app *a, const json_t *body);

/* Locks the screen: resident data and what was typed are wiped, the
 * server is told, and only the operator's name and the time remain. */
void app_lock(struct app *a);

/* The same operator proved it again: back to where they were, or to the
 * lookup form if that screen showed a resident. */
void app_unlocked(struct app *a, const json_t *body);

/* The session is over without a logout (its time is up, the server ended
 * it): everything is wiped and the login screen says why. */
void app_session_end(struct app *a, const char *why);

#endif
