/*
 * A resident file as TSV: one line per version of every record, current
 * ones and history, for review and for the trainers' listing.  Only
 * synthetic files are exported; juki-gendata refuses a production one.
 */
#ifndef JUKI_TSV_EXPORT_H
#define JUKI_TSV_EXPORT_H

#include <stdio.h>

#include "juki/store.h"

/* Returns 0, or -1 (store_error() or errno tells why). */
int tsv_export(struct store *st, FILE *out);

#endif
