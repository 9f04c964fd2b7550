/*
 * juki-enrol: enrols a finger on this machine's reader and writes the
 * operator's 照合情報 (a serialised print, base64) to standard output, for
 * `juki-server add-operator … --fingerprint` to seal.  It is how the first
 * administrator is registered; later ones are enrolled at an
 * administrator's terminal.  The print goes only into a pipe: it never
 * touches this machine's disk or a terminal's scrollback.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "juki/i18n.h"
#include "reader.h"

static void
usage(FILE *out)
{
	fputs(_("使い方: juki-enrol [--lang ja|en] [--timeout 秒] 名前 | "
	    "juki-server add-operator … --fingerprint\n"
	    "読み取り装置で指紋を登録し、照合情報を標準出力(パイプのみ)に"
	    "書きます。\n"), out);
}

static void
stage(void *arg, int done, int total)
{
	(void)arg;
	fprintf(stderr, _("読み取りました (%d/%d)\n"), done, total);
}

/* A pipe or a socket: never a file or a terminal. */
static int
output_is_a_pipe(void)
{
	struct stat sb;

	return fstat(STDOUT_FILENO, &sb) == 0 &&
	    (S_ISFIFO(sb.st_mode) || S_ISSOCK(sb.st_mode));
}

/* Enrols, then asks for the finger again: a print that does not verify
 * is not handed on. */
static int
enrol(struct reader *r, const char *name, int timeout_s)
{
	struct reader_wait w = { .stage = stage, .timeout_s = timeout_s };
	enum reader_retry retry = READER_RETRY_GENERAL;
	enum reader_result res;
	unsigned char *print;
	size_t len;
	gchar *text;

	fprintf(stderr, "%s\n", _("指を読み取り装置に繰り返し置いてください"));
	res = reader_enroll(r, name, &w, &print, &len);
	if (res != READER_ENROLLED) {
		fprintf(stderr, "juki-enrol: %s\n", reader_message(res, retry));
		return -1;
	}
	fprintf(stderr, "%s\n", _("確認のため、もう一度指を置いてください"));
	while ((res = reader_verify(r, print, len, &w, &retry)) ==
	    READER_RETRY)
		fprintf(stderr, "%s\n", reader_message(res, retry));
	if (res != READER_MATCH) {
		fprintf(stderr, "juki-enrol: %s\n", reader_message(res, retry));
		reader_free_print(print, len);
		return -1;
	}
	text = g_base64_encode(print, len);
	reader_free_print(print, len);
	printf("%s\n", text);
	explicit_bzero(text, strlen(text));
	g_free(text);
	return fflush(stdout) == 0 ? 0 : -1;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "timeout", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct rlimit none = { 0, 0 };
	struct reader *r;
	int c, timeout_s = 30, rc;

	setrlimit(RLIMIT_CORE, &none);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	if (i18n_init(i18n_language_arg(argc, argv)) != 0) {
		fprintf(stderr, "juki-enrol: --lang: ja | en\n");
		return 2;
	}
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'l': break;
		case 't': timeout_s = (int)strtol(optarg, NULL, 10); break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc - 1 || timeout_s < 5 || timeout_s > 120) {
		usage(stderr);
		return 2;
	}
	if (!output_is_a_pipe()) {
		fprintf(stderr, "juki-enrol: %s\n", _("照合情報はパイプにだけ"
		    "書き出します (ファイルや画面には書きません)"));
		return 2;
	}
	if ((r = reader_new()) == NULL) {
		fprintf(stderr, "juki-enrol: %s\n",
		    reader_message(READER_ERROR, READER_RETRY_GENERAL));
		return 1;
	}
	rc = enrol(r, argv[optind], timeout_s);
	reader_free(r);
	return rc == 0 ? 0 : 1;
}
