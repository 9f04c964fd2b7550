/*
 * juki-server: the 都道府県サーバ.
 *
 *   juki-server --config FILE                   serve
 *   juki-server --config FILE add-operator ID ROLES NAME --fingerprint
 *                    [--valid-until DATE]       (print, base64, on stdin)
 *   juki-server --config FILE add-operator ID ROLES NAME --pin
 *                    [--valid-until DATE]       (PIN on stdin)
 *   juki-server --config FILE verify-audit [--public-key FILE]
 *   juki-server verify-audit --public-key FILE LOG [SEALS]
 *   juki-server --config FILE purge-audit
 *   juki-server --config FILE seal-audit
 *   juki-server --config FILE seal-public-key
 *   juki-server --config FILE replay-updates FILE
 *   juki-server new-print-key FILE
 *   juki-server new-seal-key FILE
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "juki/i18n.h"
#include "juki/utf8.h"
#include "retention.h"
#include "server.h"
#include "updates.h"

#define SESSION_CAPACITY 1024
#define CHALLENGE_CAPACITY 1024

static void
usage(FILE *out)
{
	fputs(_("使い方: juki-server --config ファイル [コマンド]\n"
	    "       juki-server new-print-key ファイル\n"
	    "       juki-server new-seal-key ファイル\n"
	    "       juki-server verify-audit --public-key ファイル 監査ログ "
	    "[シールファイル]\n"
	    "  (コマンドなし)                 サーバを起動する\n"
	    "  add-operator 照合ID 役割 氏名 --fingerprint\n"
	    "                                 指紋で認証する操作者を登録する\n"
	    "                                 (照合情報は1行の base64 で標準"
	    "入力から)\n"
	    "  add-operator 照合ID 役割 氏名 --pin\n"
	    "                                 暗証番号で認証する操作者を登録"
	    "する\n"
	    "                                 (暗証番号は標準入力から)\n"
	    "                                 役割: clerk admin auditor "
	    "trainer\n"
	    "                                 (コンマで区切って複数可)\n"
	    "  --valid-until YYYY-MM-DD       add-operator: 有効期限 (省略時は"
	    "無期限)\n"
	    "  verify-audit [--public-key ファイル]\n"
	    "                                 監査ログの連鎖とシールを検証"
	    "する\n"
	    "                                 (終了コード 0 完全、1 改ざん、"
	    "2 読めない、\n"
	    "                                 3 シールされていない古い"
	    "エントリ)\n"
	    "  purge-audit                    保存期間を過ぎた監査ログと住民"
	    "の履歴を削除する\n"
	    "                                 (サーバを止めて)\n"
	    "  seal-audit                     シールのない監査ログを検証して"
	    "シールする\n"
	    "  seal-public-key                監査ログの署名鍵の公開鍵 (PEM) "
	    "を表示する\n"
	    "  replay-updates ファイル        市町村CSの更新を1行1件で適用する"
	    "\n"
	    "  new-print-key ファイル         照合情報を暗号化する鍵を作る\n"
	    "  new-seal-key ファイル          監査ログに署名する鍵を作る\n"
	    "  --lang ja|en, --help, --version\n"), out);
}

/*
 * One server a database: a second would see a different set of sessions
 * and interleave its audit chain with ours.
 */
static int
lock_database(const char *database, int *fd)
{
	char path[CONFIG_PATH_MAX + 8];

	snprintf(path, sizeof path, "%s.lock", database);
	*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (*fd < 0) {
		fprintf(stderr, "juki-server: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (flock(*fd, LOCK_EX | LOCK_NB) != 0) {
		fprintf(stderr, _("juki-server: %s: 別のサーバがこのデータベース"
		    "を使用中です\n"), database);
		return -1;
	}
	return 0;
}

/*
 * Demo and production data never meet.  A demo server (demo = true), whose
 * trainees and certificates are not real, opens only the trainers' file
 * (juki-gendata --demo); a production server refuses that file, whose
 * fictional residents must not be taken for real ones.  A real file names
 * no dataset, a generated one "synthetic": both are production's.  Checked
 * before anything else is opened, so a refusal writes nothing.
 */
static int
dataset_fits(struct server *srv)
{
	char dataset[32];
	int demo_data;

	demo_data = store_meta_get(srv->store, "dataset", dataset,
	    sizeof dataset) == STORE_OK && strcmp(dataset, "demo") == 0;
	if (srv->cfg.demo && !demo_data) {
		fprintf(stderr, _("juki-server: %s: 研修用サーバ (demo = true) "
		    "は研修用データ (juki-gendata --demo) 以外を開きません\n"),
		    srv->cfg.database);
		return -1;
	}
	if (!srv->cfg.demo && demo_data) {
		fprintf(stderr, _("juki-server: %s: 研修用データです。本番の"
		    "サーバ (demo = false) では開きません\n"),
		    srv->cfg.database);
		return -1;
	}
	return 0;
}

/*
 * The seals of the open log (audit-seal.h), checked against it, and a
 * seal of its head now: whatever this process appends follows a seal.
 * adopt: a log without seals may be sealed (seal-audit).
 */
static int
open_seals(struct server *srv, int adopt)
{
	const char *reason = NULL;
	int torn = 0;

	if (audit_seals_open(srv->cfg.audit_seals, srv->seal_key,
	    srv->cfg.seal_interval, srv->audit, adopt, &srv->seals, &torn,
	    &reason) != 0) {
		fprintf(stderr, "juki-server: %s: %s\n", srv->cfg.audit_seals,
		    _(reason));
		return -1;
	}
	if (torn)
		fprintf(stderr, _("juki-server: %s: 書きかけの最終行を切り詰め"
		    "ました\n"), srv->cfg.audit_seals);
	return server_seal(srv, 1);
}

/* The seal key, which every command that appends to the log needs. */
static int
load_seal_key(struct server *srv)
{
	char err[1024];

	if ((srv->seal_key = seal_key_load(srv->cfg.seal_key, err,
	    sizeof err)) == NULL) {
		fprintf(stderr, "juki-server: %s\n", err);
		return -1;
	}
	return 0;
}

static int
open_files(struct server *srv)
{
	const char *reason = NULL;
	int torn = 0;

	if (store_open(srv->cfg.database, 0, &srv->store, &reason) !=
	    STORE_OK) {
		fprintf(stderr, "juki-server: %s: %s\n", srv->cfg.database,
		    _(reason));
		return -1;
	}
	if (dataset_fits(srv) != 0)
		return -1;
	if (operators_open(srv->cfg.operators, 1, &srv->operators, &reason)
	    != 0) {
		fprintf(stderr, "juki-server: %s: %s\n", srv->cfg.operators,
		    _(reason));
		return -1;
	}
	if (ledger_open(srv->cfg.ledger, &srv->ledger, &reason) != 0) {
		fprintf(stderr, "juki-server: %s: %s\n", srv->cfg.ledger,
		    _(reason));
		return -1;
	}
	if (disclosures_open(srv->cfg.disclosures, &srv->disclosures,
	    &reason) != 0) {
		fprintf(stderr, "juki-server: %s: %s\n", srv->cfg.disclosures,
		    _(reason));
		return -1;
	}
	if (alerts_open(srv->cfg.alerts_db, &srv->alerts, &reason) != 0) {
		fprintf(stderr, "juki-server: %s: %s\n", srv->cfg.alerts_db,
		    _(reason));
		return -1;
	}
	if ((srv->alert_rules = alert_rules_new(&srv->cfg.alerts)) == NULL) {
		fprintf(stderr, "juki-server: %s\n", _("メモリが足りません"));
		return -1;
	}
	if (audit_open(srv->cfg.audit_log, &srv->audit, &torn, &reason) != 0) {
		fprintf(stderr, "juki-server: %s: %s\n", srv->cfg.audit_log,
		    _(reason));
		return -1;
	}
	if (torn)
		fprintf(stderr, _("juki-server: %s: 書きかけの最終行(未応答)を"
		    "切り詰めました\n"), srv->cfg.audit_log);
	return open_seals(srv, 0);
}

static void
close_files(struct server *srv)
{
	/* A clean stop leaves nothing unsealed. */
	if (srv->seals != NULL && srv->audit != NULL)
		server_seal(srv, 0);
	audit_seals_close(srv->seals);
	srv->seals = NULL;
	seal_key_free(srv->seal_key);
	srv->seal_key = NULL;
	audit_close(srv->audit);
	srv->audit = NULL;
	alert_rules_free(srv->alert_rules);
	alerts_close(srv->alerts);
	disclosures_close(srv->disclosures);
	ledger_close(srv->ledger);
	operators_close(srv->operators);
	store_close(srv->store);
	sessions_free(srv->sessions);
	challenges_free(srv->challenges);
	print_key_free(srv->print_key);
	exercises_free(srv->exercises);
	SSL_CTX_free(srv->tls);
}

static int
serve(struct server *srv)
{
	char err[512];
	int lock, rc = 1;

	/* A full disk must fail a write, not kill the server mid-entry. */
	signal(SIGXFSZ, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	/* A key that is missing or not private is a configuration error:
	 * found before anything is opened. */
	if ((srv->print_key = print_key_load(srv->cfg.print_key, err,
	    sizeof err)) == NULL) {
		fprintf(stderr, "juki-server: %s\n", err);
		return 1;
	}
	/* The trainers' exercises, checked whole before anything is
	 * opened: a trainee never meets one that cannot be done. */
	if (srv->cfg.exercises[0] != '\0' && exercises_load(
	    srv->cfg.exercises, audit_action_known, &srv->exercises, err,
	    sizeof err) != 0) {
		fprintf(stderr, "juki-server: %s\n", err);
		print_key_free(srv->print_key);
		return 1;
	}
	if (load_seal_key(srv) != 0 ||
	    lock_database(srv->cfg.database, &lock) != 0) {
		print_key_free(srv->print_key);
		seal_key_free(srv->seal_key);
		exercises_free(srv->exercises);
		return 1;
	}
	if (open_files(srv) != 0)
		goto out;
	srv->sessions = sessions_new(SESSION_CAPACITY,
	    srv->cfg.session_seconds, srv->cfg.idle_seconds);
	srv->challenges = challenges_new(CHALLENGE_CAPACITY,
	    PROTOCOL_CHALLENGE_SECONDS);
	if (srv->sessions == NULL || srv->challenges == NULL)
		goto out;
	if ((srv->tls = tls_server_new(&srv->cfg, srv->audit, err,
	    sizeof err)) == NULL || server_run(srv, err, sizeof err) != 0) {
		fprintf(stderr, "juki-server: %s\n", err);
		goto out;
	}
	rc = 0;
out:
	close_files(srv);
	close(lock);
	return rc;
}

static int
read_pin(char *pin, size_t pinsz)
{
	if (fgets(pin, (int)pinsz, stdin) == NULL)
		return -1;
	pin[strcspn(pin, "\r\n")] = '\0';
	return 0;
}

/* Opens the roster and adds op, issued by "cli" in its history: 0, or 1
 * after saying why not. */
static int
store_operator(struct server *srv, const struct operator *op, const char *pin,
    const struct sealed_print *print)
{
	struct operators *ops;
	const char *reason = NULL;
	int rc = 1;

	if (operators_open(srv->cfg.operators, 1, &ops, &reason) == 0) {
		rc = operators_add(ops, op, "cli", pin, print, &reason) == 0 ?
		    0 : 1;
		operators_close(ops);
	}
	if (rc != 0)
		fprintf(stderr, "juki-server: %s: %s\n", op->id, _(reason));
	return rc;
}

static int
add_with_pin(struct server *srv, const struct operator *op)
{
	char pin[64];
	int rc;

	if (read_pin(pin, sizeof pin) != 0) {
		fprintf(stderr, _("juki-server: 暗証番号を標準入力から読めません"
		    "\n"));
		return 1;
	}
	rc = store_operator(srv, op, pin, NULL);
	explicit_bzero(pin, sizeof pin);
	return rc;
}

/* What base64 -w0 writes: one line.  A wrapped one would be cut at its
 * first line unseen, so more than one is refused. */
static int
decode_print(char *text, unsigned char *print, size_t printsz, size_t *len)
{
	static const char space[] = " \t\r\n";
	char *end;

	text += strspn(text, space);
	end = text + strlen(text);
	while (end > text && strchr(space, end[-1]) != NULL)
		*--end = '\0';
	if (strpbrk(text, "\r\n") != NULL) {
		fprintf(stderr, _("juki-server: 照合情報は1行の base64 にして"
		    "ください (base64 -w0)\n"));
		return -1;
	}
	switch (print_from_base64(text, print, printsz, len)) {
	case 0:
		if (*len > 0)
			return 0;
		fprintf(stderr, _("juki-server: 照合情報が空です\n"));
		return -1;
	case -2:
		fprintf(stderr, _("juki-server: 照合情報が大きすぎます (最大 %d"
		    " バイト)\n"), PROTOCOL_MAX_PRINT);
		return -1;
	default:
		fprintf(stderr, _("juki-server: 照合情報が base64 ではありません"
		    "\n"));
		return -1;
	}
}

/* The 照合情報 on standard input, decoded.  0, or -1 after saying why. */
static int
read_print(unsigned char *print, size_t printsz, size_t *len)
{
	char *text = NULL;
	size_t cap = 0;
	int rc = -1;

	if (getdelim(&text, &cap, '\0', stdin) < 0)
		fprintf(stderr, _("juki-server: 照合情報を標準入力から読めません"
		    "\n"));
	else
		rc = decode_print(text, print, printsz, len);
	if (text != NULL)
		explicit_bzero(text, cap);
	free(text);
	return rc;
}

/* A print from the CLI is taken to be of the right index finger. */
static int
add_with_print(struct server *srv, const struct operator *op)
{
	unsigned char print[PROTOCOL_MAX_PRINT];
	struct sealed_print sealed;
	struct print_key *key;
	size_t len;
	char err[512];
	int rc = 1;

	if ((key = print_key_load(srv->cfg.print_key, err, sizeof err)) ==
	    NULL) {
		fprintf(stderr, "juki-server: %s\n", err);
		return 1;
	}
	sealed.finger = finger_from_name("right-index");
	if (read_print(print, sizeof print, &len) == 0) {
		if (print_seal(key, op->id, print, len, sealed.bytes,
		    sizeof sealed.bytes, &sealed.len) != 0)
			fprintf(stderr, _("juki-server: 照合情報を暗号化"
			    "できません\n"));
		else
			rc = store_operator(srv, op, NULL, &sealed);
	}
	explicit_bzero(print, sizeof print);
	print_key_free(key);
	return rc;
}

/* "clerk,admin": the roles named, or 0 after saying which is unknown. */
static unsigned
parse_roles(const char *list)
{
	const char *bad;
	unsigned roles;

	if (operator_roles_parse(list, &roles, &bad) == 0)
		return roles;
	fprintf(stderr, _("juki-server: 不明な役割です: %.*s\n"),
	    (int)strcspn(bad, ","), bad);
	return 0;
}

/* add-operator ID ROLES NAME, and anywhere --fingerprint or --pin and
 * perhaps --valid-until DATE. */
static int
add_operator(struct server *srv, char **args, int nargs)
{
	const char *word[3], *method = NULL, *until = "", *m;
	struct operator op;
	int nwords = 0;

	for (int i = 0; i < nargs; i++) {
		m = strcmp(args[i], "--fingerprint") == 0 ?
		    AUTH_METHOD_FINGERPRINT : strcmp(args[i], "--pin") == 0 ?
		    AUTH_METHOD_PIN : NULL;
		if (m != NULL && method == NULL)
			method = m;
		else if (strcmp(args[i], "--valid-until") == 0 &&
		    i + 1 < nargs && *until == '\0')
			until = args[++i];
		else if (m != NULL || nwords == 3 ||
		    strncmp(args[i], "--", 2) == 0) {
			usage(stderr);
			return 2;
		} else
			word[nwords++] = args[i];
	}
	if (method == NULL || nwords != 3) {
		fprintf(stderr, _("juki-server: add-operator には照合ID、役割、"
		    "氏名と、--fingerprint か --pin が必要です\n"));
		return 2;
	}
	if (!operator_id_well_formed(word[0])) {
		fprintf(stderr, "juki-server: %s: %s\n", word[0],
		    _("照合IDは英数字と - の31文字までです"));
		return 1;
	}
	memset(&op, 0, sizeof op);
	snprintf(op.id, sizeof op.id, "%s", word[0]);
	/* A name that is not clean text is left empty: refused as such. */
	if (operator_text(word[2], op.name) != 0)
		op.name[0] = '\0';
	snprintf(op.method, sizeof op.method, "%s", method);
	if (*until != '\0' && !operator_date_well_formed(until)) {
		fprintf(stderr, _("juki-server: --valid-until: %s は YYYY-MM-DD"
		    " の日付ではありません\n"), until);
		return 1;
	}
	snprintf(op.valid_until, sizeof op.valid_until, "%s", until);
	if ((op.roles = parse_roles(word[1])) == 0)
		return 1;
	return strcmp(method, AUTH_METHOD_PIN) == 0 ? add_with_pin(srv, &op) :
	    add_with_print(srv, &op);
}

/* Done once, before the first print is sealed with it. */
static int
new_print_key(const char *path)
{
	char err[1024];

	if (print_key_create(path, err, sizeof err) != 0) {
		fprintf(stderr, "juki-server: %s\n", err);
		return 1;
	}
	return 0;
}

struct replay_tally {
	int applied, refused, replays, errors;
};

/* One line of a replay file: the body of a POST /v1/cs/update. */
static void
replay_line(struct server *srv, const char *line, long lineno,
    const char *source, struct replay_tally *t)
{
	struct audit_entry e;
	struct cs_update u;
	const char *field = NULL, *why = "", *reason = NULL;
	json_t *body = json_loads(line, JSON_REJECT_DUPLICATES, NULL);
	enum update_outcome out = UPDATE_ERROR;

	memset(&e, 0, sizeof e);
	memset(&u, 0, sizeof u);
	snprintf(e.terminal_id, sizeof e.terminal_id, "replay:%s", source);
	snprintf(e.action, sizeof e.action, "cs.update.replay");
	if (body == NULL || !json_is_object(body) || update_from_json(body,
	    e.terminal_id, store_kana_options(srv->store), &u, &field) != 0) {
		why = field != NULL ? field : "malformed";
		out = UPDATE_REFUSED;
	} else if (store_begin(srv->store) == STORE_OK) {
		out = update_apply(srv->store, &u, &why, &reason);
	}
	utf8_sanitize(e.target, sizeof e.target, u.record.juminhyo_code);
	utf8_sanitize(e.operator_id, sizeof e.operator_id,
	    u.record.operator_id);
	snprintf(e.result, sizeof e.result, out == UPDATE_APPLIED ? "ok" :
	    "refused");
	utf8_sanitize(e.reason, sizeof e.reason, out == UPDATE_REPLAY ?
	    "E_REPLAY" : out == UPDATE_ERROR ? "E_INTERNAL" : why);
	if (audit_append(srv->audit, &e) != 0 ||
	    (out == UPDATE_APPLIED && store_commit(srv->store) != STORE_OK))
		out = UPDATE_ERROR;
	if (out != UPDATE_APPLIED)
		store_rollback(srv->store);
	switch (out) {
	case UPDATE_APPLIED: t->applied++; break;
	case UPDATE_REFUSED: t->refused++; break;
	case UPDATE_REPLAY: t->replays++; why = _("処理済み"); break;
	case UPDATE_ERROR: t->errors++; why = _("エラー"); break;
	}
	if (out != UPDATE_APPLIED)
		printf(_("%ld 行目: %s%s%s\n"), lineno, why,
		    reason != NULL ? " " : "", reason != NULL ? _(reason) : "");
	resident_wipe(&u.record);
	json_decref(body);
}

/* Applies a file of updates with the server stopped (the lock says so). */
static int
replay_updates(struct server *srv, const char *path)
{
	struct replay_tally t = { 0, 0, 0, 0 };
	char *line = NULL, *copy;
	size_t cap = 0;
	long lineno = 0;
	int lock;
	FILE *in;

	if (load_seal_key(srv) != 0)
		return 1;
	if (lock_database(srv->cfg.database, &lock) != 0) {
		seal_key_free(srv->seal_key);
		return 1;
	}
	if ((in = fopen(path, "r")) == NULL) {
		fprintf(stderr, "juki-server: %s: %s\n", path, strerror(errno));
		seal_key_free(srv->seal_key);
		close(lock);
		return 1;
	}
	if (open_files(srv) == 0) {
		copy = strdup(path);
		while (getline(&line, &cap, in) != -1) {
			lineno++;
			line[strcspn(line, "\n")] = '\0';
			if (line[0] != '\0')
				replay_line(srv, line, lineno,
				    copy != NULL ? basename(copy) : "-", &t);
		}
		free(copy);
		free(line);
		printf(_("適用 %d 件、拒否 %d 件、処理済み %d 件、エラー %d 件\n"),
		    t.applied, t.refused, t.replays, t.errors);
	} else
		t.errors = 1;
	fclose(in);
	close_files(srv);
	close(lock);
	return t.refused + t.replays + t.errors == 0 ? 0 : 1;
}

/* Where the damage v names is: in the log, in the seals, or both. */
static void
print_damage(const struct audit_verdict *v)
{
	const char *name = _(audit_damage_name(v->damage));

	if (v->seal_line == 0)
		printf(_("監査ログの改ざんを検出しました: %s (%" PRId64 " 行目、"
		    "連番 %" PRId64 ")\n"), name, v->line, v->seq);
	else if (v->line == 0)
		printf(_("監査ログの改ざんを検出しました: %s (連番 %" PRId64
		    "、シールファイル %" PRId64 " 行目)\n"), name, v->seq,
		    v->seal_line);
	else
		printf(_("監査ログの改ざんを検出しました: %s (%" PRId64 " 行目、"
		    "連番 %" PRId64 "、シールファイル %" PRId64 " 行目)\n"),
		    name, v->line, v->seq, v->seal_line);
}

/*
 * The log at log verified with the seals at seals and key k: 0 intact,
 * 1 damaged, 2 unreadable, 3 intact but stale (audit-seal.h).
 */
static int
verify_sealed(const char *log, const char *seals, const struct seal_key *k)
{
	struct audit_seal_check c = { seals, k, time(NULL) };
	struct audit_verdict v;

	if (audit_verify_sealed(log, &c, &v) != 0) {
		fprintf(stderr, "juki-server: %s: %s\n", log, strerror(errno));
		return 2;
	}
	if (v.damage != AUDIT_INTACT) {
		print_damage(&v);
		return 1;
	}
	printf(_("監査ログは完全です: %" PRId64 " 件、先頭ハッシュ %s\n"),
	    v.entries, v.head);
	if (v.first > 1)
		printf(_("連番 %" PRId64 " から始まります (それより前は保存期間"
		    "を過ぎて削除されました)\n"), v.first);
	if (v.sealed_seq >= 0 && v.seal_age >= 0)
		printf(_("シール %" PRId64 " 件、最後のシールは連番 %" PRId64
		    " (%s、%" PRId64 " 秒前)、その後のエントリ %" PRId64 " 件"
		    "\n"), v.seals, v.sealed_seq, v.sealed_time, v.seal_age,
		    v.unsealed);
	else if (v.sealed_seq >= 0)
		/* A clock set back since, or a seal made under a wrong one. */
		printf(_("シール %" PRId64 " 件、最後のシールは連番 %" PRId64
		    " (%s、現在より後の時刻)、その後のエントリ %" PRId64 " 件"
		    "\n"), v.seals, v.sealed_seq, v.sealed_time, v.unsealed);
	if (!v.stale)
		return 0;
	printf(_("警告: 最後のシールの後に、とうにシールされているべき"
	    "エントリがあります (シールファイルの切り詰めか、シールの失敗の"
	    "おそれ)\n"));
	return 3;
}

/* verify-audit [--public-key FILE], with the configuration's files. */
static int
verify_audit(struct server *srv, char **args, int nargs)
{
	struct seal_key *k;
	char err[1024];
	int rc;

	if (nargs == 2 && strcmp(args[0], "--public-key") == 0)
		k = seal_key_load_public(args[1], err, sizeof err);
	else if (nargs == 0)
		k = seal_key_load(srv->cfg.seal_key, err, sizeof err);
	else {
		usage(stderr);
		return 2;
	}
	if (k == NULL) {
		fprintf(stderr, "juki-server: %s\n", err);
		return 2;
	}
	rc = verify_sealed(srv->cfg.audit_log, srv->cfg.audit_seals, k);
	seal_key_free(k);
	return rc;
}

/* verify-audit --public-key FILE LOG [SEALS]: no configuration needed,
 * for whoever holds only the public key and copies of the files. */
static int
verify_copy(char **args, int nargs)
{
	char beside[CONFIG_PATH_MAX], err[1024];
	const char *seals = nargs == 4 ? args[3] : beside;
	struct seal_key *k;
	int rc;

	if ((nargs != 3 && nargs != 4) ||
	    strcmp(args[0], "--public-key") != 0) {
		usage(stderr);
		return 2;
	}
	/* By default the seals are beside the log, as the server keeps them. */
	if (snprintf(beside, sizeof beside, "%s.seals", args[2]) >=
	    (int)sizeof beside) {
		fprintf(stderr, "juki-server: %s\n", strerror(ENAMETOOLONG));
		return 2;
	}
	if ((k = seal_key_load_public(args[1], err, sizeof err)) == NULL) {
		fprintf(stderr, "juki-server: %s\n", err);
		return 2;
	}
	rc = verify_sealed(args[2], seals, k);
	seal_key_free(k);
	return rc;
}

/* Done once, before the server first starts. */
static int
new_seal_key(const char *path)
{
	char err[1024];

	if (seal_key_create(path, err, sizeof err) != 0) {
		fprintf(stderr, "juki-server: %s\n", err);
		return 1;
	}
	return 0;
}

/* The public half of seal_key, for those who verify elsewhere. */
static int
seal_public_key(struct server *srv)
{
	int rc;

	if (load_seal_key(srv) != 0)
		return 1;
	rc = seal_key_write_public(srv->seal_key, stdout) == 0 ? 0 : 1;
	seal_key_free(srv->seal_key);
	srv->seal_key = NULL;
	return rc;
}

/* The retention purge, with the server stopped (the locks say so). */
static int
purge_audit(struct server *srv)
{
	struct retention_result r;
	const char *reason = NULL;
	int lock, rc = 1;

	if (load_seal_key(srv) != 0)
		return 1;
	if (lock_database(srv->cfg.database, &lock) != 0) {
		seal_key_free(srv->seal_key);
		return 1;
	}
	if (open_files(srv) == 0) {
		if (retention_purge(srv, "cli", 1, &r, &reason) != 0)
			fprintf(stderr, "juki-server: %s\n", _(reason));
		else {
			rc = 0;
			printf(_("保存期間: 監査ログは %s より前、住民の履歴と"
			    "消除者は %s より前に終わったもの\n"),
			    r.log_cutoff, r.resident_cutoff);
			printf(_("削除: 監査ログ %" PRId64 " 件、履歴 %" PRId64
			    " 件、消除者 %" PRId64 " 件\n"), r.log.removed,
			    r.history, r.residents);
			if (r.log.removed > 0)
				printf(_("監査ログは連番 %" PRId64 " から (削除"
				    "したのは連番 %" PRId64 "–%" PRId64 "、%s – "
				    "%s)\n"), r.log.first, r.log.from_seq,
				    r.log.to_seq, r.log.from_time,
				    r.log.to_time);
		}
	}
	close_files(srv);
	close(lock);
	return rc;
}

/*
 * seal-audit: a log from before seals, its chain verified from seq 1,
 * gets its first seal.  (With seals already, the last must fit the log,
 * and the head is sealed again.)
 */
static int
seal_audit(struct server *srv)
{
	struct audit_seal_check c = { srv->cfg.audit_seals, NULL, time(NULL) };
	struct audit_verdict v;
	const char *reason = NULL;
	int lock, rc = 1;

	if (load_seal_key(srv) != 0)
		return 1;
	c.key = srv->seal_key;
	if (lock_database(srv->cfg.database, &lock) != 0) {
		seal_key_free(srv->seal_key);
		return 1;
	}
	if (audit_open(srv->cfg.audit_log, &srv->audit, NULL, &reason) != 0)
		fprintf(stderr, "juki-server: %s: %s\n", srv->cfg.audit_log,
		    _(reason));
	else if (audit_verify_sealed(srv->cfg.audit_log, &c, &v) != 0 ||
	    (v.damage != AUDIT_INTACT && v.damage != AUDIT_UNSEALED))
		fprintf(stderr, _("juki-server: %s: 検証を通らない監査ログは"
		    "シールしません\n"), srv->cfg.audit_log);
	else if (open_seals(srv, 1) == 0) {
		printf(_("監査ログをシールしました: %" PRId64 " 件、先頭ハッシュ"
		    " %s\n"), v.entries, v.head);
		rc = 0;
	}
	close_files(srv);
	close(lock);
	return rc;
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
	static struct server srv;
	const char *config = NULL;
	char err[1024];
	int c;

	if (i18n_init(i18n_language_arg(argc, argv)) != 0) {
		fprintf(stderr, "juki-server: --lang: ja | en\n");
		return 2;
	}
	while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (c) {
		case 'c': config = optarg; break;
		case 'l': break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("juki-server %s (protocol %d)\n",
		    JUKI_VERSION, PROTOCOL_VERSION); return 0;
		default: usage(stderr); return 2;
		}
	}
	/* The keys come before any configuration that names them, and a
	 * copy of the log is verified with the public key alone. */
	if (optind + 2 == argc && strcmp(argv[optind], "new-print-key") == 0)
		return new_print_key(argv[optind + 1]);
	if (optind + 2 == argc && strcmp(argv[optind], "new-seal-key") == 0)
		return new_seal_key(argv[optind + 1]);
	if (config == NULL && optind < argc &&
	    strcmp(argv[optind], "verify-audit") == 0)
		return verify_copy(argv + optind + 1, argc - optind - 1);
	if (config == NULL) {
		usage(stderr);
		return 2;
	}
	if (server_config_load(config, &srv.cfg, err, sizeof err) != 0) {
		fprintf(stderr, "juki-server: %s\n", err);
		return 1;
	}
	if (optind == argc)
		return serve(&srv);
	if (strcmp(argv[optind], "add-operator") == 0)
		return add_operator(&srv, argv + optind + 1, argc - optind - 1);
	if (strcmp(argv[optind], "verify-audit") == 0)
		return verify_audit(&srv, argv + optind + 1, argc - optind - 1);
	if (strcmp(argv[optind], "purge-audit") == 0 && optind + 1 == argc)
		return purge_audit(&srv);
	if (strcmp(argv[optind], "seal-audit") == 0 && optind + 1 == argc)
		return seal_audit(&srv);
	if (strcmp(argv[optind], "seal-public-key") == 0 && optind + 1 == argc)
		return seal_public_key(&srv);
	if (strcmp(argv[optind], "replay-updates") == 0 && optind + 2 == argc)
		return replay_updates(&srv, argv[optind + 1]);
	usage(stderr);
	return 2;
}
