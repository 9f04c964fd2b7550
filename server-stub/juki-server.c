/*
 * juki-server: the 都道府県サーバ.
 *
 *   juki-server --config FILE                   serve
 *   juki-server --config FILE add-operator ID ROLES NAME --fingerprint
 *                    [--valid-until DATE]       (print, base64, on stdin)
 *   juki-server --config FILE add-operator ID ROLES NAME --pin
 *                    [--valid-until DATE]       (PIN on stdin)
 *   juki-server --config FILE verify-audit
 *   juki-server --config FILE replay-updates FILE
 *   juki-server new-print-key FILE
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
#include <unistd.h>

#include "juki/i18n.h"
#include "juki/utf8.h"
#include "server.h"
#include "updates.h"

#define SESSION_CAPACITY 1024
#define CHALLENGE_CAPACITY 1024

static void
usage(FILE *out)
{
	fputs(_("使い方: juki-server --config ファイル [コマンド]\n"
	    "       juki-server new-print-key ファイル\n"
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
	    "  verify-audit                   監査ログの連鎖を検証する\n"
	    "  replay-updates ファイル        市町村CSの更新を1行1件で適用する"
	    "\n"
	    "  new-print-key ファイル         照合情報を暗号化する鍵を作る\n"
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
	return 0;
}

static void
close_files(struct server *srv)
{
	audit_close(srv->audit);
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
	if (lock_database(srv->cfg.database, &lock) != 0) {
		print_key_free(srv->print_key);
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

	if (lock_database(srv->cfg.database, &lock) != 0)
		return 1;
	if ((in = fopen(path, "r")) == NULL) {
		fprintf(stderr, "juki-server: %s: %s\n", path, strerror(errno));
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

static int
verify_audit(struct server *srv)
{
	struct audit_verdict v;

	if (audit_verify(srv->cfg.audit_log, &v) != 0) {
		fprintf(stderr, "juki-server: %s: %s\n", srv->cfg.audit_log,
		    strerror(errno));
		return 2;
	}
	if (v.damage == AUDIT_INTACT) {
		printf(_("監査ログは完全です: %" PRId64 " 件、先頭ハッシュ %s\n"),
		    v.entries, v.head);
		return 0;
	}
	printf(_("監査ログの改ざんを検出しました: %s (%" PRId64 " 行目、"
	    "連番 %" PRId64 ")\n"), _(audit_damage_name(v.damage)), v.line,
	    v.seq);
	return 1;
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
	/* The key comes before any configuration that names it. */
	if (optind + 2 == argc && strcmp(argv[optind], "new-print-key") == 0)
		return new_print_key(argv[optind + 1]);
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
	if (strcmp(argv[optind], "verify-audit") == 0 && optind + 1 == argc)
		return verify_audit(&srv);
	if (strcmp(argv[optind], "replay-updates") == 0 && optind + 2 == argc)
		return replay_updates(&srv, argv[optind + 1]);
	usage(stderr);
	return 2;
}
