/*
 * Printing through CUPS (libcups): the PDF goes from memory straight to
 * the scheduler, never to a file, and the terminal waits to see the job
 * done.  A job that cannot finish (no such printer, a printer that
 * stopped, no answer in time) is cancelled, so a form never comes out
 * later unrecorded.
 */
#ifndef JUKI_SPOOL_H
#define JUKI_SPOOL_H

#include <stddef.h>

enum spool_result {
	SPOOL_PRINTED,		/* the job completed */
	SPOOL_NO_PRINTER,	/* no such queue, or it refuses jobs */
	SPOOL_STOPPED,		/* the printer stopped: job cancelled */
	SPOOL_FAILED,		/* the job was aborted or the scheduler
				   refused it */
	SPOOL_UNREACHABLE,	/* no scheduler answers */
	SPOOL_TIMEOUT,		/* not done in time: job cancelled */
	SPOOL_CANCELLED,	/* the operator gave up: job cancelled */
};

struct spool_wait {
	int (*poll)(void *arg);	/* non-zero cancels */
	void *arg;
	int timeout_s;
};

enum spool_result spool_pdf(const char *queue, const char *title,
    const unsigned char *pdf, size_t len, const struct spool_wait *w);

/* What to tell the operator, in their language. */
const char *spool_message(enum spool_result r);

/* "printed", "no-printer", …: for the ledger and the log. */
const char *spool_result_name(enum spool_result r);

#endif
