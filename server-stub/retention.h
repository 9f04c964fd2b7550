/*
 * Retention (保存期間): what is past its period is removed, and the
 * removal logged.
 *
 * - The audit log, provision and access records alike and refused
 *   attempts with them, is kept retention_years (7 at the least, DOMAIN
 *   "Logs"): the entries at its head older than that are purged
 *   (audit-purge.h) and the log re-anchored by a seal.
 * - The resident file keeps history (修正前の本人確認情報) and 消除者
 *   RESIDENT_RETENTION_YEARS (150, seed 003) from the change that ended
 *   them (store_purge in juki/store.h says exactly what goes).
 *
 * A run removes both and writes one audit entry, "retention.purge", that
 * says what went: target "seq:FROM-TO" (the log's entries removed),
 * document "FROM_TIME/TO_TIME" (their times), reason "log:N history:N
 * residents:N" (the counts).  A run that finds nothing writes nothing.
 * A log that does not verify with its seals is never purged: a purge
 * re-anchors what it keeps, and would launder a forged log.  Each refusal
 * or failure is logged too ("retention.purge", "error", "E_INTERNAL:what").
 *
 * The order keeps any removal from going unlogged: the residents' rows
 * are deleted in a transaction left open, the new log is made and the
 * entry written into it before it replaces the log, and the transaction
 * is committed last.  A crash before the commit leaves the rows and an
 * entry that counted them; the next run removes and logs them again.  An
 * entry may count rows that came back; none goes unlogged.
 *
 * A purge copies the whole log, so the server's daily run rewrites it
 * only once its oldest entry is RETENTION_SLACK_DAYS past the period:
 * about monthly, each entry kept at least its period and at most that
 * much longer.  `juki-server purge-audit` removes all that is past, now.
 */
#ifndef JUKI_RETENTION_H
#define JUKI_RETENTION_H

#include <stdint.h>

#include "audit-purge.h"

struct server;

#define RESIDENT_RETENTION_YEARS	150
#define RETENTION_SLACK_DAYS		30

struct retention_result {
	char log_cutoff[32];		/* entries before this time go */
	char resident_cutoff[11];	/* what ended before this date goes */
	struct audit_purge log;		/* what the log lost */
	int64_t history;		/* history rows deleted */
	int64_t residents;		/* 消除者 deleted */
};

/*
 * One run, by who ("server" for the daily job, "cli" for purge-audit; the
 * audit entry's terminal): the log is purged when its oldest entry is past
 * the period (eager) or RETENTION_SLACK_DAYS past it (not), the resident
 * file always.  srv has its files open: the log, its seals, the resident
 * file.  0 with *r saying what went, or -1 with *reason set (untranslated
 * message id); either way the log and the file are whole.
 */
int retention_purge(struct server *srv, const char *who, int eager,
    struct retention_result *r, const char **reason);

#endif
