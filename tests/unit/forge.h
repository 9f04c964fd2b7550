/* Forgeries of an audit log for the unit tests (forge.c). */
#ifndef JUKI_TEST_FORGE_H
#define JUKI_TEST_FORGE_H

#include <jansson.h>

/* The whole file as a string, freed by the caller. */
char *forge_slurp(const char *path);

/* obj's "hash" recomputed as the log's rules say: SHA-256 of the entry
 * without it, keys sorted, compact. */
void forge_rehash(json_t *obj);

/*
 * The log at path rewritten from line from on: line edit (0: none) gets
 * another target, and every line from from on is re-chained and
 * rehashed.  drop: the last line is left out.  extra: a forged entry is
 * appended, chained to the last.
 */
void forge_log(const char *path, int from, int edit, int drop, int extra);

#endif
