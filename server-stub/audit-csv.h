/*
 * Audit entries as CSV rows, for an export (audit/export, protocol.h):
 * RFC 4180, UTF-8, every field of the entry in the order of
 * AUDIT_CSV_COLUMNS.
 *
 * A spreadsheet opening the file must not run a field as a formula
 * (CSV injection): a field beginning with = + - @, their full-width forms
 * ＝ ＋ － ＠, or ' gets a ' in front.  ' is guarded too so that the rule
 * can be undone without doubt: a reader takes one leading ' off every
 * field that has one, and has the log's text again.
 */
#ifndef JUKI_AUDIT_CSV_H
#define JUKI_AUDIT_CSV_H

#include <stddef.h>

#include "audit.h"

/* Room for any row: 13 fields of at most 63 bytes, each doubled at worst
 * by quoting, plus the seq and two hashes. */
#define AUDIT_CSV_ROW_MAX 4096

/* The byte order mark that starts the file: spreadsheets in Japan read
 * a CSV without it as Shift_JIS. */
#define AUDIT_CSV_BOM "\xef\xbb\xbf"

/*
 * s as one field into out (outsz bytes, NUL-terminated): guarded, then
 * quoted when it holds a comma, a double quote or a line end, its quotes
 * doubled.  Returns its length, or -1 when out is smaller than the
 * worst case, 2 * strlen(s) + 4 bytes.
 */
int audit_csv_field(const char *s, char *out, size_t outsz);

/* The header row, then a row for e, each ended by CRLF, into out;
 * returns the length, or -1 when out is too small. */
int audit_csv_header(char *out, size_t outsz);
int audit_csv_row(const struct audit_entry *e, char *out, size_t outsz);

#endif
