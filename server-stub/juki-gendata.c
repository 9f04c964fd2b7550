/*
 * juki-gendata: builds a resident file of synthetic 本人確認情報, or the
 * trainers' demo file, and can list a file's records for review.
 *
 * The file is built beside the target and renamed over it only when
 * complete, so a failed or interrupted run never leaves half a file and
 * never damages one that was there before.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "gen.h"
#include "juki/fd-io.h"
#include "juki/i18n.h"
#include "juki/store.h"
#include "tsv-export.h"

#define DEMO_SEED 20260401ULL
#define DEMO_COUNT 300

struct options {
	const char *db;
	const char *export_path;
	struct gen_config gen;
	struct kana_options kana;
	int replace;
	int count_given;
	int seed_given;
};

static void
usage(FILE *out)
{
	fprintf(out, _("使い方: juki-gendata --db ファイル [オプション]\n"
	    "合成の本人確認情報でデータベースを作成します。\n"
	    "\n"
	    "  --db ファイル       作成するデータベース\n"
	    "  --count 人数        人数 (1〜10,000,000、既定 1000)\n"
	    "  --seed 数           乱数の種 (同じ種からは同じデータ)\n"
	    "  --as-of 年月日      基準日 (既定 2026-04-01)\n"
	    "  --demo              研修用の架空の氏名で作成 (既定 %d 人)\n"
	    "  --replace           既存のデータベースを置き換える\n"
	    "  --fold-di-ji        清音化でヂをジと同じに扱う\n"
	    "  --fold-du-zu        清音化でヅをズと同じに扱う\n"
	    "  --export ファイル   作成せず、既存のデータベースの内容を\n"
	    "                      TSV で書き出す (- は標準出力)\n"
	    "  --lang ja|en        表示言語\n"
	    "  --help, --version\n"), DEMO_COUNT);
}

static void
fail(const char *what, const char *reason)
{
	if (reason != NULL && *reason != '\0')
		fprintf(stderr, "juki-gendata: %s: %s\n", what, _(reason));
	else
		fprintf(stderr, "juki-gendata: %s\n", what);
}

/* Bounded unsigned parse: the whole string, decimal, within [lo, hi]. */
static int
parse_u64(const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static int
parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "count", required_argument, NULL, 'n' },
		{ "seed", required_argument, NULL, 's' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "demo", no_argument, NULL, 'D' },
		{ "replace", no_argument, NULL, 'r' },
		{ "fold-di-ji", no_argument, NULL, 'J' },
		{ "fold-du-zu", no_argument, NULL, 'Z' },
		{ "export", required_argument, NULL, 'e' },
		{ "lang", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': o->db = optarg; break;
		case 'n':
			if (parse_u64(optarg, 1, GEN_MAX_COUNT,
			    &o->gen.count) != 0) {
				fail(_("人数は1から10,000,000までです"), NULL);
				return -1;
			}
			o->count_given = 1;
			break;
		case 's':
			if (parse_u64(optarg, 0, UINT64_MAX, &o->gen.seed)
			    != 0) {
				fail(_("乱数の種は0以上の整数です"), NULL);
				return -1;
			}
			o->seed_given = 1;
			break;
		case 'a':
			if (snprintf(o->gen.as_of, sizeof o->gen.as_of, "%s",
			    optarg) >= (int)sizeof o->gen.as_of) {
				fail(_("基準日は YYYY-MM-DD で指定してください"),
				    NULL);
				return -1;
			}
			break;
		case 'D': o->gen.demo = true; break;
		case 'r': o->replace = 1; break;
		case 'J': o->kana.fold_di_ji = true; break;
		case 'Z': o->kana.fold_du_zu = true; break;
		case 'e': o->export_path = optarg; break;
		case 'l': break;	/* read before, by i18n_language_arg */
		case 'h': usage(stdout); exit(0);
		case 'V': printf("juki-gendata %s\n", JUKI_VERSION); exit(0);
		default: usage(stderr); return -1;
		}
	}
	if (optind != argc || o->db == NULL) {
		usage(stderr);
		return -1;
	}
	return 0;
}

static volatile sig_atomic_t interrupted;

static void
on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

struct progress {
	struct timespec start;
	int tty;
	unsigned last_tenth;
};

static double
seconds_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) +
	    (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

/* On a terminal, one line rewritten; in a log, a line each 10 %. */
static int
show_progress(uint64_t done, uint64_t total, void *arg)
{
	struct progress *p = arg;
	double secs = seconds_since(&p->start);
	unsigned tenth = (unsigned)(done * 10 / total);

	if (!p->tty && tenth == p->last_tenth && done != total)
		return interrupted;
	p->last_tenth = tenth;
	fprintf(stderr, _("%s生成中: %" PRIu64 " / %" PRIu64 " 人 (%u%%)、"
	    "%.0f 人/秒%s"), p->tty ? "\r" : "", done, total,
	    (unsigned)(done * 100 / total), secs > 0 ? (double)done / secs : 0,
	    p->tty && done != total ? "" : "\n");
	return interrupted;
}

/*
 * An existing file is replaced only when asked.  Opening it also checks
 * that it is ours and checkpoints its WAL, so nothing of it is left behind
 * to be applied to the new file.
 */
static int
check_target(const struct options *o)
{
	struct store *st;
	struct store_stats stats;
	const char *reason = NULL;
	struct stat sb;
	char wal[4096];

	if (lstat(o->db, &sb) != 0)
		return errno == ENOENT ? 0 : (fail(o->db, strerror(errno)), -1);
	if (store_open(o->db, 0, &st, &reason) != STORE_OK) {
		fail(o->db, reason);
		return -1;
	}
	int rc = store_stats(st, &stats);
	store_close(st);
	if (rc != STORE_OK) {
		fail(o->db, _("データベースを読めません"));
		return -1;
	}
	if (stats.residents > 0 && !o->replace) {
		fail(o->db, _("データベースにはすでにデータがあります。"
		    "置き換えるには --replace を指定してください"));
		return -1;
	}
	snprintf(wal, sizeof wal, "%s-wal", o->db);
	if (access(wal, F_OK) == 0) {
		fail(o->db, _("データベースは他のプロセスが使用中です"));
		return -1;
	}
	return 0;
}

static int
build(const struct options *o, const char *tmp)
{
	struct store *st = NULL;
	struct gen *g = NULL;
	struct progress p = { .tty = isatty(STDERR_FILENO) };
	const char *reason = NULL;
	int rc = -1;

	if (gen_new(&o->gen, &o->kana, &g, &reason) != 0) {
		fail(_("設定が正しくありません"), reason);
		return -1;
	}
	if (store_open(tmp, STORE_CREATE | STORE_BULK, &st, &reason) !=
	    STORE_OK) {
		fail(tmp, reason);
		goto out;
	}
	if (store_set_kana_options(st, &o->kana) != STORE_OK ||
	    store_meta_set(st, "dataset", o->gen.demo ? "demo" :
	    "synthetic") != STORE_OK) {
		fail(tmp, store_error(st));
		goto out;
	}
	clock_gettime(CLOCK_MONOTONIC, &p.start);
	if (gen_write(g, st, show_progress, &p, &reason) != 0) {
		fail(_("書き込みに失敗しました"), reason);
		goto out;
	}
	rc = 0;
out:
	store_close(st);
	gen_free(g);
	return rc;
}

/*
 * The rename is the commit point: the new file's data must be on disk
 * before it, and the rename itself after it (the directory's fsync).
 */
static int
replace_target(const char *tmp, const char *db)
{
	int fd = open(tmp, O_RDONLY | O_CLOEXEC), rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	if (rc != 0 || rename(tmp, db) != 0 || fd_sync_folder(db) != 0)
		return -1;
	return 0;
}

/*
 * Builds into <db>.new-<pid> and renames it over the target when complete;
 * an interrupt stops at the next batch and removes the partial file.
 */
static int
generate(const struct options *o)
{
	char tmp[4096];
	int n = snprintf(tmp, sizeof tmp, "%s.new-%ld", o->db, (long)getpid());

	if (n < 0 || (size_t)n >= sizeof tmp) {
		fail(o->db, _("ファイル名が長すぎます"));
		return -1;
	}
	struct sigaction sa = { .sa_handler = on_signal };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	store_remove(tmp);
	int rc = build(o, tmp);
	if (rc == 0 && replace_target(tmp, o->db) != 0) {
		fail(o->db, strerror(errno));
		rc = -1;
	}
	if (rc != 0)
		store_remove(tmp);
	return rc;
}

static int
export(const struct options *o)
{
	struct store *st;
	const char *reason = NULL;
	FILE *out = stdout;
	int rc;

	if (store_open(o->db, STORE_READONLY, &st, &reason) != STORE_OK) {
		fail(o->db, reason);
		return -1;
	}
	/* Real residents' data leaves the server only by an approved
	 * route, never by this tool. */
	char dataset[16];
	if (store_meta_get(st, "dataset", dataset, sizeof dataset) !=
	    STORE_OK || (strcmp(dataset, "demo") != 0 &&
	    strcmp(dataset, "synthetic") != 0)) {
		fail(o->db, _("合成データ以外は書き出せません"));
		store_close(st);
		return -1;
	}
	if (strcmp(o->export_path, "-") != 0 &&
	    (out = fopen(o->export_path, "wx")) == NULL) {
		fail(o->export_path, strerror(errno));
		store_close(st);
		return -1;
	}
	rc = tsv_export(st, out);
	if (rc != 0)
		fail(o->db, store_error(st));
	if (out != stdout && fclose(out) != 0) {
		fail(o->export_path, strerror(errno));
		rc = -1;
	}
	store_close(st);
	return rc;
}

int
main(int argc, char **argv)
{
	struct options o;

	memset(&o, 0, sizeof o);
	gen_config_default(&o.gen);
	if (i18n_init(i18n_language_arg(argc, argv)) != 0) {
		fprintf(stderr, "juki-gendata: --lang: ja | en\n");
		return 2;
	}
	if (parse_options(argc, argv, &o) != 0)
		return 2;
	if (o.export_path != NULL)
		return export(&o) == 0 ? 0 : 1;
	if (o.gen.demo) {
		if (!o.seed_given)
			o.gen.seed = DEMO_SEED;
		if (!o.count_given)
			o.gen.count = DEMO_COUNT;
	}
	if (check_target(&o) != 0)
		return 1;
	return generate(&o) == 0 ? 0 : 1;
}
