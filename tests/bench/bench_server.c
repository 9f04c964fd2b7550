/*
 * The server under load, over keep-alive mutual TLS 1.3 with libcurl: each
 * lookup kind with 1 and 8 clients, next to the same queries run
 * in-process on the same file (the ratio is what HTTPS, JSON and the audit
 * log cost), next to a stock HTTPS server (nginx) serving a static file
 * of the same size with the same TLS settings (the transport floor), and
 * full and resumed handshakes a second.  Figures are medians of rounds.
 *
 * bench_server --residents N --db FILE --url URL --static-url URL
 *              --pki DIR --operator ID --pin PIN
 */
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "bench-util.h"
#include "juki/kana.h"
#include "juki/store.h"

#define SAMPLE 4000
#define ROUNDS 3
#define ROUND_SECONDS 3.0
#define MAX_THREADS 8
#define MAX_LATENCIES 400000

struct options {
	uint64_t residents;
	const char *db, *url, *static_url, *pki, *operator_id, *pin;
};

enum kind { BY_CODE, BY_KOJIN, BY_4JOHO, STATIC, KINDS };
static const char *const kind_names[KINDS] = {
	"住民票コード", "個人番号", "4情報 (name + birth date)",
	"static file (nginx)",
};

static struct options opt;
static struct resident *sample;
static char token[128];
static char cert[1024], key[1024], ca[1024];

static size_t
discard(char *p, size_t size, size_t n, void *arg)
{
	(void)p;
	*(size_t *)arg += size * n;
	return size * n;
}

/* A handle with the terminal's certificate; keep-alive unless fresh. */
static CURL *
handle(int fresh, int resume)
{
	CURL *c = curl_easy_init();

	curl_easy_setopt(c, CURLOPT_SSLCERT, cert);
	curl_easy_setopt(c, CURLOPT_SSLKEY, key);
	curl_easy_setopt(c, CURLOPT_CAINFO, ca);
	curl_easy_setopt(c, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_3);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (fresh) {
		curl_easy_setopt(c, CURLOPT_FRESH_CONNECT, 1L);
		curl_easy_setopt(c, CURLOPT_FORBID_REUSE, 1L);
		curl_easy_setopt(c, CURLOPT_SSL_SESSIONID_CACHE, (long)resume);
	}
	return c;
}

/* One request; 0 if it was answered 200. */
static int
request(CURL *c, struct curl_slist *headers, const char *url,
    const char *body)
{
	size_t got = 0;
	long status = 0;

	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &got);
	if (body != NULL)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	else
		curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	if (curl_easy_perform(c) != CURLE_OK)
		return -1;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	return status == 200 ? 0 : -1;
}

static void
body_for(enum kind k, const struct resident *r, char *out, size_t outsz)
{
	switch (k) {
	case BY_CODE:
		snprintf(out, outsz, "{\"jimu\":\"KAIJI\",\"juminhyo_code\":"
		    "\"%s\"}", r->juminhyo_code);
		break;
	case BY_KOJIN:
		snprintf(out, outsz, "{\"jimu\":\"KAIJI\",\"kojin_bango\":"
		    "\"%s\"}", r->kojin_bango);
		break;
	case BY_4JOHO:
		snprintf(out, outsz, "{\"jimu\":\"KAIJI\",\"name_kana\":\"%s\","
		    "\"birth_date\":\"%s\",\"include_removed\":1}",
		    r->name_kana, r->birth_date);
		break;
	default:
		out[0] = '\0';
	}
}

static const char *
url_for(enum kind k, char *out, size_t outsz)
{
	static const char *const paths[] = {
		"/v1/lookup/code", "/v1/lookup/kojin", "/v1/lookup/4joho"
	};

	if (k == STATIC)
		return opt.static_url;
	snprintf(out, outsz, "%s%s", opt.url, paths[k]);
	return out;
}

struct worker {
	pthread_t thread;
	enum kind kind;
	int index, threads;
	double *lat;
	size_t n, failures;
	double until;
};

static void *
work(void *arg)
{
	struct worker *w = arg;
	CURL *c = handle(0, 0);
	struct curl_slist *h = NULL;
	char auth[256], url[512], body[1024];
	size_t i = (size_t)w->index * 997;

	snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
	h = curl_slist_append(h, auth);
	url_for(w->kind, url, sizeof url);
	while (bench_now() < w->until && w->n < MAX_LATENCIES) {
		const struct resident *r = &sample[i++ % SAMPLE];
		if (w->kind == BY_KOJIN && r->kojin_bango[0] == '\0')
			continue;
		body_for(w->kind, r, body, sizeof body);
		double t0 = bench_now();
		if (request(c, h, w->kind == STATIC ? opt.static_url : url,
		    w->kind == STATIC ? NULL : body) != 0)
			w->failures++;
		w->lat[w->n++] = (bench_now() - t0) * 1e6;
	}
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	return NULL;
}

/* One round: requests a second, and p50/p99 in µs. */
static void
round_of(enum kind k, int threads, double out[3])
{
	struct worker w[MAX_THREADS];
	double *all;
	size_t total = 0, failures = 0;
	double t0 = bench_now();

	for (int i = 0; i < threads; i++) {
		w[i] = (struct worker){ .kind = k, .index = i, .threads = threads,
		    .until = t0 + ROUND_SECONDS };
		w[i].lat = calloc(MAX_LATENCIES, sizeof *w[i].lat);
		pthread_create(&w[i].thread, NULL, work, &w[i]);
	}
	for (int i = 0; i < threads; i++) {
		pthread_join(w[i].thread, NULL);
		total += w[i].n;
		failures += w[i].failures;
	}
	double secs = bench_now() - t0;
	all = calloc(total + 1, sizeof *all);
	for (int i = 0, at = 0; i < threads; i++) {
		memcpy(all + at, w[i].lat, w[i].n * sizeof *all);
		at += (int)w[i].n;
		free(w[i].lat);
	}
	if (failures > 0)
		fprintf(stderr, "bench: %zu of %zu requests failed\n", failures,
		    total);
	out[0] = (double)total / secs;
	out[1] = bench_quantile(all, total, 0.50);
	out[2] = bench_quantile(all, total, 0.99);
	free(all);
}

static double
median3(double a, double b, double c)
{
	double v[3] = { a, b, c };

	return bench_quantile(v, 3, 0.5);
}

static void
measure(enum kind k, int threads, double result[3])
{
	double r[ROUNDS][3];

	for (int i = 0; i < ROUNDS; i++)
		round_of(k, threads, r[i]);
	for (int j = 0; j < 3; j++)
		result[j] = median3(r[0][j], r[1][j], r[2][j]);
}

/* The same queries in this process, one thread: lookups a second. */
static double
in_process(struct store *st, enum kind k)
{
	char folded[RESIDENT_KANA_MAX];
	struct resident out;
	double t0 = bench_now();
	int done = 0, rows = 0;
	bool more;

	for (int i = 0; i < SAMPLE; i++) {
		const struct resident *r = &sample[i];
		struct store_query q = { .seion_kana = folded,
		    .birth_date = r->birth_date, .include_deleted = true,
		    .limit = 50 };
		switch (k) {
		case BY_CODE:
			store_get_by_code(st, r->juminhyo_code, &out);
			break;
		case BY_KOJIN:
			if (r->kojin_bango[0] == '\0')
				continue;
			store_get_by_kojin(st, r->kojin_bango, &out);
			break;
		default:
			kana_seion(r->name_kana, folded, sizeof folded,
			    store_kana_options(st), NULL);
			store_search(st, &q, bench_count_row, &rows, &more);
			break;
		}
		done++;
	}
	return (double)done / (bench_now() - t0);
}

/* New connections a second: every handshake in full, or resumed. */
static double
handshakes(int resume)
{
	struct curl_slist *h = NULL;
	char auth[256], url[512];
	double rates[ROUNDS];

	snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
	h = curl_slist_append(h, auth);
	snprintf(url, sizeof url, "%s/v1/jimu", opt.url);
	for (int i = 0; i < ROUNDS; i++) {
		/* One handle: its session cache carries the ticket across. */
		CURL *c = handle(1, resume);
		double t0 = bench_now(), secs;
		int n = 0;

		while ((secs = bench_now() - t0) < ROUND_SECONDS) {
			if (request(c, h, url, NULL) != 0) {
				fprintf(stderr, "bench: handshake failed\n");
				break;
			}
			n++;
		}
		rates[i] = (double)n / secs;
		curl_easy_cleanup(c);
	}
	curl_slist_free_all(h);
	return median3(rates[0], rates[1], rates[2]);
}

/* POSTs body to path; the answer, cut to fit, goes to reply.  0 or -1. */
static int
post(const char *path, const char *body, char *reply, size_t replysz)
{
	CURL *c = handle(0, 0);
	char url[512];
	struct curl_slist *h = curl_slist_append(NULL,
	    "Content-Type: application/json");
	FILE *mem = fmemopen(reply, replysz - 1, "w");

	memset(reply, 0, replysz);
	snprintf(url, sizeof url, "%s%s", opt.url, path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, mem);
	int rc = curl_easy_perform(c) == CURLE_OK ? 0 : -1;
	fclose(mem);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	return rc;
}

/* The string name of a flat JSON answer into out.  0 or -1. */
static int
string_of(const char *reply, const char *name, char *out, size_t outsz)
{
	char pattern[64];
	const char *p;
	size_t n;

	snprintf(pattern, sizeof pattern, "\"%s\":\"", name);
	if ((p = strstr(reply, pattern)) == NULL)
		return -1;
	p += strlen(pattern);
	n = strcspn(p, "\"");
	if (p[n] != '"' || n >= outsz)
		return -1;
	snprintf(out, outsz, "%.*s", (int)n, p);
	return 0;
}

/* A PIN operator: begin, then log in with the challenge. */
static int
login(void)
{
	char body[512], reply[1024], challenge[128];

	snprintf(body, sizeof body, "{\"operator_id\":\"%s\"}",
	    opt.operator_id);
	if (post("/v1/auth/begin", body, reply, sizeof reply) != 0 ||
	    string_of(reply, "challenge", challenge, sizeof challenge) != 0)
		return -1;
	snprintf(body, sizeof body, "{\"operator_id\":\"%s\",\"challenge\":"
	    "\"%s\",\"outcome\":\"pin\",\"pin\":\"%s\"}", opt.operator_id,
	    challenge, opt.pin);
	if (post("/v1/session/login", body, reply, sizeof reply) != 0)
		return -1;
	return string_of(reply, "token", token, sizeof token);
}

static int
parse(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "residents", required_argument, NULL, 'n' },
		{ "db", required_argument, NULL, 'd' },
		{ "url", required_argument, NULL, 'u' },
		{ "static-url", required_argument, NULL, 's' },
		{ "pki", required_argument, NULL, 'p' },
		{ "operator", required_argument, NULL, 'o' },
		{ "pin", required_argument, NULL, 'P' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'n': opt.residents = strtoull(optarg, NULL, 10); break;
		case 'd': opt.db = optarg; break;
		case 'u': opt.url = optarg; break;
		case 's': opt.static_url = optarg; break;
		case 'p': opt.pki = optarg; break;
		case 'o': opt.operator_id = optarg; break;
		case 'P': opt.pin = optarg; break;
		default: return -1;
		}
	}
	if (opt.residents < SAMPLE || opt.db == NULL || opt.url == NULL ||
	    opt.static_url == NULL || opt.pki == NULL ||
	    opt.operator_id == NULL || opt.pin == NULL)
		return -1;
	snprintf(cert, sizeof cert, "%s/terminal-T0001.crt", opt.pki);
	snprintf(key, sizeof key, "%s/terminal-T0001.key", opt.pki);
	snprintf(ca, sizeof ca, "%s/ca.crt", opt.pki);
	return 0;
}

int
main(int argc, char **argv)
{
	struct store *st;
	const char *reason = NULL;
	double floor[2][3], rate[3];

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (parse(argc, argv) != 0) {
		fprintf(stderr, "usage: bench_server --residents N --db FILE "
		    "--url URL --static-url URL --pki DIR --operator ID "
		    "--pin PIN\n");
		return 2;
	}
	if ((sample = bench_sample(opt.residents, SAMPLE)) == NULL ||
	    store_open(opt.db, STORE_READONLY, &st, &reason) != STORE_OK) {
		fprintf(stderr, "bench: cannot prepare (%s)\n",
		    reason ? reason : "memory");
		return 1;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (login() != 0) {
		fprintf(stderr, "bench: cannot log in\n");
		return 1;
	}
	printf("server over keep-alive mutual TLS 1.3, %llu residents; "
	    "medians of %d rounds of %.0f s\n",
	    (unsigned long long)opt.residents, ROUNDS, ROUND_SECONDS);
	for (int t = 0; t < 2; t++)
		measure(STATIC, t == 0 ? 1 : 8, floor[t]);
	for (int k = BY_CODE; k <= STATIC; k++) {
		double local = 0;
		if (k != STATIC) {
			/* The first pass warms the page cache, as the
			 * server's first round does. */
			in_process(st, k);
			local = median3(in_process(st, k), in_process(st, k),
			    in_process(st, k));
		}
		for (int t = 0; t < 2; t++) {
			int threads = t == 0 ? 1 : 8;
			if (k == STATIC)
				memcpy(rate, floor[t], sizeof rate);
			else
				measure(k, threads, rate);
			printf("  %-28s %d client%s: %7.0f req/s, p50 %6.0f µs, "
			    "p99 %6.0f µs", kind_names[k], threads,
			    threads > 1 ? "s" : " ", rate[0], rate[1], rate[2]);
			if (k != STATIC)
				printf("; %.2f× the static floor, %.3f× "
				    "in-process (%.0f/s)", rate[0] / floor[t][0],
				    rate[0] / local, local);
			printf("\n");
		}
	}
	double full = handshakes(0), resumed = handshakes(1);
	printf("  handshakes, 1 client: full %.0f/s, resumed %.0f/s "
	    "(%.2f×)\n", full, resumed, resumed / full);
	curl_global_cleanup();
	store_close(st);
	explicit_bzero(sample, SAMPLE * sizeof *sample);
	free(sample);
	return 0;
}
