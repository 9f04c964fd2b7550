/*
 * 突合: what a requester states about themselves, matched against the
 * resident file.  The statement must fit one resident, current (not
 * removed), in every item: the name and the address as written (spaces
 * and U+3000 aside), the kana by 清音化, the birth date and the sex, and
 * the 住民票コード when it is stated.  Found by that code when stated,
 * else by the 4情報 index (清音化 kana, birth date, sex); never by the
 * name alone.
 */
#ifndef JUKI_MATCH_H
#define JUKI_MATCH_H

#include "juki/resident.h"
#include "juki/store.h"

struct statement {
	const char *name;
	const char *kana;
	const char *birth_date;		/* "YYYY-MM-DD" */
	int sex;
	const char *address;
	const char *juminhyo_code;	/* "" when not stated */
};

/*
 * Matches s against the file: 0 with the one resident in *out, 1 when
 * no one (or more than one) fits, with *which naming for the log what
 * did not ("code", "removed", "name", "kana", "birth", "sex", "address",
 * "kana-birth-sex" when no one has those three, "several"), or -1 on
 * error (*which "store").  *out is wiped unless 0
 * is returned.  Nothing of which is for the requester.
 */
int match_statement(struct store *st, const struct statement *s,
    struct resident *out, const char **which);

#endif
