/*
 * 突合 of a disclosure request (match.h).  A request that fits no one,
 * or more than one, is refused: a disclosure must never go to the
 * wrong person, so nothing is guessed at.
 */
#include <stdio.h>
#include <string.h>

#include "match.h"

/* U+3000, the space a Japanese keyboard types. */
static const char wide_space[] = "\xe3\x80\x80";

/* in without its spaces (ASCII and U+3000) into out, cut at outsz. */
static void
without_spaces(const char *in, char *out, size_t outsz)
{
	size_t n = 0;

	while (*in != '\0' && n + 1 < outsz) {
		if (*in == ' ')
			in++;
		else if (strncmp(in, wide_space, 3) == 0)
			in += 3;
		else
			out[n++] = *in++;
	}
	out[n] = '\0';
}

/* Whether a and b are the same text, spaces aside. */
static int
same_text(const char *a, const char *b)
{
	char x[RESIDENT_ADDRESS_MAX], y[RESIDENT_ADDRESS_MAX];
	int same;

	without_spaces(a, x, sizeof x);
	without_spaces(b, y, sizeof y);
	same = strcmp(x, y) == 0;
	explicit_bzero(x, sizeof x);
	explicit_bzero(y, sizeof y);
	return same;
}

/* The first item of s that r does not have, or NULL when it has them
 * all.  seion is the statement's kana, folded. */
static const char *
differs(const struct statement *s, const char *seion,
    const struct resident *r)
{
	if (strcmp(seion, r->seion_kana) != 0)
		return "kana";
	if (strcmp(s->birth_date, r->birth_date) != 0)
		return "birth";
	if (s->sex != r->sex)
		return "sex";
	if (!same_text(s->name, r->name_kanji))
		return "name";
	if (!same_text(s->address, r->address))
		return "address";
	return NULL;
}

/* The resident whose code was stated: they must be in the file, not
 * removed, and fit the rest. */
static int
by_code(struct store *st, const struct statement *s, const char *seion,
    struct resident *out, const char **which)
{
	int rc = store_get_by_code(st, s->juminhyo_code, out);

	if (rc == STORE_NOT_FOUND)
		*which = "code";
	else if (rc != STORE_OK)
		*which = "store";
	else if (out->deleted)
		*which = "removed";
	else if ((*which = differs(s, seion, out)) == NULL)
		return 0;
	resident_wipe(out);
	return rc == STORE_OK || rc == STORE_NOT_FOUND ? 1 : -1;
}

struct search {
	const struct statement *s;
	const char *seion;
	struct resident *out;
	int seen;		/* residents of the kana, birth date, sex */
	int fits;		/* those that fit every item */
	int named;		/* those with the name, not the address */
};

static int
consider(const struct resident *r, void *arg)
{
	struct search *m = arg;
	const char *which = differs(m->s, m->seion, r);

	m->seen++;
	if (which == NULL) {
		if (m->fits++ == 0)
			*m->out = *r;
	} else if (strcmp(which, "address") == 0)
		m->named++;
	return 0;
}

/* Without a code: the residents of the kana, birth date and sex, of
 * whom exactly one must fit the name and address. */
static int
by_search(struct store *st, const struct statement *s, const char *seion,
    struct resident *out, const char **which)
{
	struct search m = { s, seion, out, 0, 0, 0 };
	/* No limit: however many share the 4情報 keys, each is compared. */
	struct store_query q = { .seion_kana = seion,
	    .birth_date = s->birth_date, .sex = s->sex,
	    .include_deleted = false, .limit = 0 };
	bool more;

	if (store_search(st, &q, consider, &m, &more) != STORE_OK) {
		*which = "store";
		resident_wipe(out);
		return -1;
	}
	if (m.fits == 1)
		return 0;
	*which = m.fits > 1 ? "several" : m.named > 0 ? "address" :
	    m.seen > 0 ? "name" : "kana-birth-sex";
	resident_wipe(out);
	return 1;
}

int
match_statement(struct store *st, const struct statement *s,
    struct resident *out, const char **which)
{
	char seion[RESIDENT_KANA_MAX];
	int rc;

	memset(out, 0, sizeof *out);
	if (kana_seion(s->kana, seion, sizeof seion, store_kana_options(st),
	    NULL) != 0) {
		*which = "kana";
		return 1;
	}
	if (s->juminhyo_code[0] != '\0')
		rc = by_code(st, s, seion, out, which);
	else
		rc = by_search(st, s, seion, out, which);
	explicit_bzero(seion, sizeof seion);
	return rc;
}
