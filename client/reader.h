/*
 * The fingerprint reader, through libfprint: the only layer that includes
 * it.  The first device libfprint finds is opened at the start and kept
 * open.  Each operation runs libfprint's asynchronous API on GLib's
 * default main context, which these functions iterate while they wait,
 * calling poll between iterations so the screen keeps its keys.  The
 * reader never gives up by itself; every operation has its own timeout.
 */
#ifndef JUKI_READER_H
#define JUKI_READER_H

#include <stddef.h>

enum reader_result {
	READER_MATCH,		/* verify: the finger is the print's */
	READER_NO_MATCH,	/* verify: a clean scan of another finger */
	READER_ENROLLED,	/* enrol: the print is made */
	READER_RETRY,		/* a bad scan: ask again (see reader_retry) */
	READER_NONE,		/* no reader is connected */
	READER_REMOVED,		/* unplugged during the operation */
	READER_TIMEOUT,		/* no finger in time */
	READER_CANCELLED,	/* poll asked to stop */
	READER_BAD_PRINT,	/* the 照合情報 cannot be read */
	READER_ERROR,		/* anything else the device reported */
};

enum reader_retry {
	READER_RETRY_GENERAL,
	READER_RETRY_TOO_SHORT,
	READER_RETRY_CENTER,
	READER_RETRY_REMOVE,
};

struct reader;

/* Called at least every 20 ms while an operation waits; non-zero cancels
 * it.  Enrolment also reports each stage done. */
struct reader_wait {
	int (*poll)(void *arg);
	void (*stage)(void *arg, int done, int total);
	void *arg;
	int timeout_s;
};

struct reader *reader_new(void);
void reader_free(struct reader *r);

/*
 * Scans a finger and compares it with print (a serialised FpPrint).  On
 * READER_RETRY, *retry says why; the caller asks again.
 */
enum reader_result reader_verify(struct reader *r, const unsigned char *print,
    size_t len, const struct reader_wait *w, enum reader_retry *retry);

/*
 * Enrols a finger for username.  On READER_ENROLLED, *print (to free with
 * reader_free_print) holds the serialised print.
 */
enum reader_result reader_enroll(struct reader *r, const char *username,
    const struct reader_wait *w, unsigned char **print, size_t *len);

/* Wipes and frees a print reader_enroll made. */
void reader_free_print(unsigned char *print, size_t len);

/* Whether the reader is libfprint's simulated one (virtual_device). */
int reader_is_virtual(const struct reader *r);

/* What to tell the operator, in their language. */
const char *reader_message(enum reader_result res, enum reader_retry retry);

#endif
