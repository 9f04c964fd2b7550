/*
 * The synthetic resident generator.  Every choice for person i is drawn from
 * a random stream seeded by (seed, i) alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen-names.h"
#include "gen.h"
#include "juki/checkdigit.h"
#include "juki/i18n.h"
#include "juki/idou.h"
#include "juki/jdate.h"
#include "juki/kana.h"

/* 住基ネット began on 2002-08-05: the file's records start then at the
 * earliest; the 個人番号 was added on 2015-10-05. */
#define NETWORK_START_DAYS 11904L	/* 2002-08-05 */
#define KOJIN_START_DAYS 16713L		/* 2015-10-05 */
#define BATCH_PERSONS 20000

/* A weighted table prepared for O(log n) draws. */
struct picker {
	const struct gen_name *names;
	size_t count;
	uint64_t *cumulative;
};

struct gen {
	struct gen_config cfg;
	struct kana_options kana;
	long as_of_days;
	struct picker surnames, male, female;
	uint64_t *municipality_cumulative;
};

/* splitmix64: small, fast and good enough for synthetic data. */
static uint64_t
next_random(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t
below(uint64_t *rng, uint64_t n)
{
	return n == 0 ? 0 : next_random(rng) % n;
}

/* True with probability percent / 100. */
static int
chance(uint64_t *rng, unsigned percent)
{
	return below(rng, 100) < percent;
}

static long
between(uint64_t *rng, long lo, long hi)
{
	return hi <= lo ? lo : lo + (long)below(rng, (uint64_t)(hi - lo + 1));
}

/* Index i of a cumulative weight table with cumulative[i] > r. */
static size_t
search_cumulative(const uint64_t *cumulative, size_t n, uint64_t r)
{
	size_t lo = 0, hi = n - 1;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cumulative[mid] > r)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

static int
picker_init(struct picker *p, const struct gen_table *t)
{
	uint64_t sum = 0;

	p->names = t->names;
	p->count = t->count;
	if ((p->cumulative = calloc(t->count, sizeof *p->cumulative)) == NULL)
		return -1;
	for (size_t i = 0; i < t->count; i++)
		p->cumulative[i] = (sum += t->names[i].weight);
	return 0;
}

static const struct gen_name *
pick(const struct picker *p, uint64_t *rng)
{
	uint64_t total = p->cumulative[p->count - 1];

	return &p->names[search_cumulative(p->cumulative, p->count,
	    below(rng, total))];
}

void
gen_config_default(struct gen_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->seed = 1;
	cfg->count = 1000;
	snprintf(cfg->as_of, sizeof cfg->as_of, "2026-04-01");
}

int
gen_new(const struct gen_config *cfg, const struct kana_options *kana,
    struct gen **out, const char **reason)
{
	struct gen *g;
	struct jdate d;
	uint64_t sum = 0;

	*out = NULL;
	if (jdate_parse_iso(cfg->as_of, &d, reason) != 0)
		return -1;
	if (cfg->count == 0 || cfg->count > GEN_MAX_COUNT) {
		*reason = N_("人数は1から10,000,000までです");
		return -1;
	}
	if ((g = calloc(1, sizeof *g)) == NULL)
		goto nomem;
	g->cfg = *cfg;
	if (kana != NULL)
		g->kana = *kana;
	g->as_of_days = jdate_to_days(&d);
	if (picker_init(&g->surnames, cfg->demo ? &gen_demo_surnames :
	    &gen_surnames) != 0 ||
	    picker_init(&g->male, cfg->demo ? &gen_demo_given_male :
	    &gen_given_male) != 0 ||
	    picker_init(&g->female, cfg->demo ? &gen_demo_given_female :
	    &gen_given_female) != 0)
		goto nomem;
	g->municipality_cumulative = calloc(gen_municipalities_count,
	    sizeof *g->municipality_cumulative);
	if (g->municipality_cumulative == NULL)
		goto nomem;
	for (size_t i = 0; i < gen_municipalities_count; i++)
		g->municipality_cumulative[i] =
		    (sum += gen_municipalities[i].weight);
	*out = g;
	return 0;
nomem:
	gen_free(g);
	*reason = N_("メモリが足りません");
	return -1;
}

void
gen_free(struct gen *g)
{
	if (g == NULL)
		return;
	free(g->surnames.cumulative);
	free(g->male.cumulative);
	free(g->female.cumulative);
	free(g->municipality_cumulative);
	free(g);
}

/*
 * (a·i + b) mod 10^digits is a bijection when a is coprime to 10, so codes
 * are unique for every i without a lookup, yet look scattered.
 */
static void
unique_number(char *out, size_t outsz, int digits, uint64_t seed,
    uint64_t index, int (*check)(const char *))
{
	uint64_t modulus = 1, a, b;

	for (int i = 0; i < digits; i++)
		modulus *= 10;
	a = (seed * 2 + 1) % modulus;
	while (a % 5 == 0 || a % 2 == 0)
		a = (a + 2) % modulus;
	b = (seed * 0x9e3779b97f4a7c15ULL) % modulus;
	/* a·i overflows 64 bits for large a and i: multiply in 128. */
	uint64_t v = (uint64_t)(((unsigned __int128)a * index + b) % modulus);
	if ((size_t)digits + 2 > outsz)
		return;
	for (int i = digits - 1; i >= 0; i--, v /= 10)
		out[i] = (char)('0' + v % 10);
	out[digits] = '\0';
	out[digits] = (char)('0' + check(out));
	out[digits + 1] = '\0';
}

static void
set_date(char *out, size_t outsz, long days)
{
	struct jdate d;

	jdate_from_days(days, &d);
	jdate_format_iso(&d, out, outsz);
}

/* Who a person is while their story is drawn. */
struct person {
	const struct gen_name *surname;
	const struct gen_name *given;
	const struct gen_municipality *municipality;
	long birth;
};

static void
set_name(struct gen *g, struct resident *r, const struct person *p)
{
	snprintf(r->name_kanji, sizeof r->name_kanji, "%s　%s",
	    p->surname->kanji, p->given->kanji);
	snprintf(r->name_kana, sizeof r->name_kana, "%s　%s",
	    p->surname->kana, p->given->kana);
	r->name_gaiji_count = p->surname->gaiji + p->given->gaiji;
	r->gaiji_flag = r->name_gaiji_count > 0;
	/* Table kana are vetted katakana, so folding cannot fail. */
	kana_seion(r->name_kana, r->seion_kana, sizeof r->seion_kana,
	    &g->kana, NULL);
}

static void
set_address(struct resident *r, const struct gen_municipality *m,
    uint64_t *rng)
{
	size_t aza = (size_t)below(rng, gen_aza_names_count);
	unsigned chome = (unsigned)between(rng, 1, 5);
	unsigned ban = (unsigned)between(rng, 1, 30);
	unsigned go = (unsigned)between(rng, 1, 25);

	if (m->district[0] != '\0')
		snprintf(r->address, sizeof r->address, "%s%s%s大字%s%u番地%u",
		    gen_prefecture_name, m->district, m->name,
		    gen_aza_names[aza], ban * 10 + chome, go);
	else
		snprintf(r->address, sizeof r->address, "%s%s%s%u丁目%u番%u号",
		    gen_prefecture_name, m->name, gen_aza_names[aza], chome,
		    ban, go);
	/* 大字 number and 丁目: at most 4 and 3 digits. */
	snprintf(r->aza_code, sizeof r->aza_code, "%04u%03u",
	    (unsigned)(aza + 1) % 10000, chome % 1000);
	snprintf(r->municipality_code, sizeof r->municipality_code, "%s%d",
	    m->code5, checkdigit_lgcode_compute(m->code5));
}

/* The administrative items of a change as received from 市町村CS. */
static void
stamp(struct gen *g, struct resident *r, int code, long days, uint64_t *rng)
{
	long notified = days + between(rng, 0, 3);
	struct jdate d;

	if (notified > g->as_of_days)
		notified = g->as_of_days;
	r->idou_code = code;
	set_date(r->idou_date, sizeof r->idou_date, days);
	set_date(r->notified_date, sizeof r->notified_date, notified);
	jdate_from_days(notified, &d);
	/* 09:00-17:59 JST, in UTC. */
	snprintf(r->timestamp, sizeof r->timestamp,
	    "%04d-%02d-%02dT%02d:%02d:%02dZ", d.year, d.month, d.day,
	    (int)between(rng, 0, 8), (int)between(rng, 0, 59),
	    (int)between(rng, 0, 59));
	snprintf(r->terminal_id, sizeof r->terminal_id, "CS%s",
	    r->municipality_code);
	snprintf(r->operator_id, sizeof r->operator_id, "CS%s-%02d",
	    r->municipality_code, (int)between(rng, 1, 12));
}

static const struct gen_municipality *
draw_municipality(struct gen *g, uint64_t *rng)
{
	size_t last = gen_municipalities_count - 1;

	return &gen_municipalities[search_cumulative(
	    g->municipality_cumulative, gen_municipalities_count,
	    below(rng, g->municipality_cumulative[last]))];
}

/* Age in days at as_of, in the shape of a prefecture's population. */
static long
draw_birth(struct gen *g, uint64_t *rng)
{
	/*
	 * Per mille of people in each decade of age at as_of: 0-9 … 110-119.
	 * The oldest are mostly 消除者 born in 明治, kept for retention.
	 */
	static const unsigned decade_share[] = {
		75, 85, 90, 105, 135, 130, 125, 143, 85, 23, 2, 2
	};
	const size_t decades = sizeof decade_share / sizeof decade_share[0];
	uint64_t r = below(rng, 1000), acc = 0;
	size_t decade;

	for (decade = 0; decade < decades - 1; decade++)
		if (r < (acc += decade_share[decade]))
			break;
	return g->as_of_days - (long)decade * 3652 - between(rng, 0, 3651);
}

/* How and when the person entered the file. */
static long
draw_entry(struct gen *g, long birth, uint64_t *rng, int *code)
{
	if (birth >= NETWORK_START_DAYS && chance(rng, 85)) {
		*code = IDOU_SHUSSEI;
		return birth;
	}
	if (birth < NETWORK_START_DAYS && chance(rng, 70)) {
		/* Recorded when the network's file was first built. */
		*code = IDOU_SHOKKEN_KISAI;
		return NETWORK_START_DAYS;
	}
	*code = IDOU_TENNYU;
	return between(rng, birth > NETWORK_START_DAYS ? birth :
	    NETWORK_START_DAYS, g->as_of_days);
}

/* The removal, if any: its date with *code set, or 0. */
static long
draw_removal(struct gen *g, long birth, long entry, uint64_t *rng, int *code)
{
	long age = (g->as_of_days - birth) / 365;

	if (entry >= g->as_of_days)
		return 0;
	if (age >= 70 && chance(rng, age >= 105 ? 100 :
	    (unsigned)(age - 70) * 2 + 10)) {
		*code = IDOU_SHIBOU;
		return between(rng, entry + 1, g->as_of_days);
	}
	if (chance(rng, 4)) {
		*code = IDOU_TENSHUTSU;
		return between(rng, entry + 1, g->as_of_days);
	}
	return 0;
}

enum event_type { EVENT_MOVE, EVENT_MARRIAGE };

struct event {
	long days;
	enum event_type type;
};

static int
event_order(const void *a, const void *b)
{
	long x = ((const struct event *)a)->days;
	long y = ((const struct event *)b)->days;

	return (x > y) - (x < y);
}

/*
 * Moves within the municipality (転居) and marriages (氏名の変更) strictly
 * between entry and end; returns how many, sorted by date.
 */
static int
draw_events(struct gen *g, const struct person *p, struct resident *r,
    long entry, long end, uint64_t *rng, struct event *ev, int max)
{
	int n = 0, moves = (int)below(rng, 4);

	for (int i = 0; i < moves && n < max; i++)
		ev[n++] = (struct event){ between(rng, entry + 1, end - 1),
		    EVENT_MOVE };
	if (n < max && chance(rng, r->sex == SEX_FEMALE ? 45 : 4)) {
		long wedding = p->birth + between(rng, 22 * 365, 38 * 365);
		if (wedding > entry && wedding < end && wedding <= g->as_of_days)
			ev[n++] = (struct event){ wedding, EVENT_MARRIAGE };
	}
	qsort(ev, (size_t)n, sizeof *ev, event_order);
	return n;
}

static void
add_version(struct gen_life *life, const struct resident *r)
{
	life->versions[life->count++] = *r;
}

void
gen_person(struct gen *g, uint64_t index, struct gen_life *life)
{
	uint64_t rng = g->cfg.seed ^ (index * 0xd1342543de82ef95ULL);
	struct resident r;
	struct person p;
	struct event ev[GEN_MAX_VERSIONS - 2];
	int entry_code, removal_code = 0, nev;
	long entry, removal, end;

	memset(&r, 0, sizeof r);
	life->count = 0;
	next_random(&rng);
	r.sex = chance(&rng, 49) ? SEX_MALE : SEX_FEMALE;
	p.surname = pick(&g->surnames, &rng);
	p.given = pick(r.sex == SEX_MALE ? &g->male : &g->female, &rng);
	p.municipality = draw_municipality(g, &rng);
	p.birth = draw_birth(g, &rng);
	entry = draw_entry(g, p.birth, &rng, &entry_code);
	removal = draw_removal(g, p.birth, entry, &rng, &removal_code);
	end = removal != 0 ? removal : g->as_of_days + 1;

	unique_number(r.juminhyo_code, sizeof r.juminhyo_code,
	    JUMINHYO_CODE_LEN - 1, g->cfg.seed, index,
	    checkdigit_juminhyo_compute);
	/* Nobody removed before the 個人番号 existed ever had one. */
	if (removal == 0 || removal >= KOJIN_START_DAYS)
		unique_number(r.kojin_bango, sizeof r.kojin_bango,
		    KOJIN_BANGO_LEN - 1, g->cfg.seed + 1, index,
		    checkdigit_kojin_compute);
	set_date(r.birth_date, sizeof r.birth_date, p.birth);
	set_name(g, &r, &p);
	set_address(&r, p.municipality, &rng);
	stamp(g, &r, entry_code, entry, &rng);
	add_version(life, &r);

	nev = draw_events(g, &p, &r, entry, end, &rng, ev,
	    (int)(sizeof ev / sizeof ev[0]));
	for (int i = 0; i < nev; i++) {
		if (ev[i].type == EVENT_MOVE) {
			set_address(&r, p.municipality, &rng);
			stamp(g, &r, IDOU_TENKYO, ev[i].days, &rng);
		} else {
			p.surname = pick(&g->surnames, &rng);
			set_name(g, &r, &p);
			stamp(g, &r, IDOU_SHIMEI_HENKO, ev[i].days, &rng);
		}
		add_version(life, &r);
	}
	if (removal != 0) {
		r.deleted = 1;
		r.retention_flag = RETENTION_KEPT;
		stamp(g, &r, removal_code, removal, &rng);
		add_version(life, &r);
	}
	resident_wipe(&r);
}

static int
write_person(struct store *st, struct gen_life *life, const char **reason)
{
	int rc = store_insert(st, &life->versions[0]);

	for (int v = 1; rc == STORE_OK && v < life->count; v++)
		rc = store_update(st, &life->versions[v]);
	if (rc != STORE_OK)
		*reason = store_error(st);
	return rc == STORE_OK ? 0 : -1;
}

int
gen_write(struct gen *g, struct store *st, gen_progress_cb progress,
    void *arg, const char **reason)
{
	struct gen_life life;
	uint64_t i = 0;

	while (i < g->cfg.count) {
		uint64_t batch_end = i + BATCH_PERSONS;
		if (batch_end > g->cfg.count)
			batch_end = g->cfg.count;
		if (store_begin(st) != STORE_OK) {
			*reason = store_error(st);
			return -1;
		}
		for (; i < batch_end; i++) {
			gen_person(g, i, &life);
			if (write_person(st, &life, reason) != 0) {
				store_rollback(st);
				return -1;
			}
		}
		if (store_commit(st) != STORE_OK) {
			*reason = store_error(st);
			return -1;
		}
		if (progress != NULL && progress(i, g->cfg.count, arg) != 0) {
			*reason = N_("中断しました");
			return -1;
		}
	}
	explicit_bzero(&life, sizeof life);
	return 0;
}
