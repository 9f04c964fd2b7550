/*
 * A period of the audit log exported as a CSV file (audit/export,
 * protocol.h) into the folder the configuration names (`audit_exports`),
 * for an auditor to collect on the server's side.  The file is written
 * whole or not at all: a hidden temporary file in the folder, synced,
 * then renamed to its name, which never replaces a file already there.
 */
#ifndef JUKI_AUDIT_EXPORT_H
#define JUKI_AUDIT_EXPORT_H

#include <stdint.h>

#include "audit-search.h"

/* "audit-20260401-20260430-20261123T091500Z-99.csv" and its NUL. */
#define AUDIT_EXPORT_NAME_MAX 64

struct audit_export {
	char file[AUDIT_EXPORT_NAME_MAX];	/* its name in the folder */
	int64_t entries;			/* rows below the header */
	char sha256[65];			/* of the whole file, hex */
	struct audit_counts counts;
};

/*
 * Writes every entry of the log matching f, oldest first, into a new
 * file of folder (made mode 0700 when missing; refused when it is not a
 * folder of this user that only this user may write), named after the
 * period from..to ("YYYY-MM-DD" each) and the time now, mode 0600.
 * Returns 0, or -1 with *why set to what failed (a word for the audit
 * log: "folder", "write", "name") and errno.
 */
int audit_export_write(const char *log, const char *folder,
    const struct audit_filter *f, const char *from, const char *to,
    struct audit_export *out, const char **why);

/* Takes back a file written (its request could not be audited): 0 or
 * -1. */
int audit_export_remove(const char *folder, const char *file);

#endif
