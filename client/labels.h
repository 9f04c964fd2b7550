/*
 * What the contract's codes mean to a person.  A list of codes ("issued",
 * "counter", …) is a table of rows, each code beside its label, in the
 * contract's order (the X-macro lists of protocol.h make most of them)
 * and ended by LABELS_END.  The screens choose among a table's rows by
 * their index.
 */
#ifndef JUKI_LABELS_H
#define JUKI_LABELS_H

#include <stddef.h>

#include <jansson.h>

struct label {
	const char *code;	/* as the protocol spells it */
	const char *text;	/* message id */
};

/* A row from an X-macro list of (code, label), and the end of a table. */
#define LABEL_ROW(code, text) { code, text },
#define LABELS_END { NULL, NULL }

/* The translated label of code; an unknown code is returned as it is
 * (what draws or prints it sanitises it). */
const char *label_of(const struct label *table, const char *code);

/* The translated label of the row at index at; a filter at -1 (not
 * narrowed) shows "すべて". */
const char *label_at(const struct label *table, int at);

/* The rows of table, LABELS_END not counted. */
int label_count(const struct label *table);

/* The index after at, or first after the last row: 0 to go round, -1
 * for a filter's "all" between the last and the first. */
int label_next(const struct label *table, int at, int first);

/* A person's "sex" as the protocol numbers it: 1 男, 2 女. */
const char *label_of_sex(const json_t *person);

/* The labels of an array of codes joined with "、" into out ("" for
 * none). */
void labels_join(const json_t *codes, const struct label *table,
    char *out, size_t outsz);

#endif
