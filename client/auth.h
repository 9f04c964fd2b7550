/*
 * Proving the operator is who they say, to log in or to unlock a locked
 * screen: the server begins (a one-time challenge and the operator's
 * 照合情報), the reader scans the finger, or the operator types the PIN
 * an administrator allowed instead, and the outcome goes back with the
 * challenge.  The print is held only in locked memory, only until then.
 */
#ifndef JUKI_AUTH_H
#define JUKI_AUTH_H

#include <stddef.h>

#include "juki/protocol.h"
#include "net.h"

struct app;

struct auth_print {
	char finger[24];	/* "right-index" */
	unsigned char *data;	/* a serialised FpPrint */
	size_t len;
};

struct auth {
	char operator_id[32];
	char challenge[80];
	int pin;		/* the operator proves it by PIN */
	struct auth_print prints[PROTOCOL_MAX_FINGERS];	/* the 照合情報 */
	int nprints;
	int finger;		/* the print the finger is scanned against */
	int switched;		/* the operator chose another finger */
};

/* Asks the server to begin: 0, or -1 with the reason on the message
 * line. */
int auth_begin(struct app *a, struct auth *au, const char *operator_id);

/* Scans the finger against its print, asking again after a bad scan
 * until the reader's timeout; the outcome to report.  With two fingers
 * registered, the keys 1 and 2 choose which one is placed. */
enum auth_outcome auth_scan(struct app *a, struct auth *au);

/*
 * Reports the outcome (with pin for AUTH_PIN) to PATH_LOGIN or
 * PATH_UNLOCK and wipes au.  *r is the answer, to net_reply_clear; on a
 * refusal the message line already says why.
 */
void auth_report(struct app *a, struct auth *au, const char *path,
    enum auth_outcome outcome, const char *pin, struct net_reply *r);

void auth_clear(struct auth *au);

#endif
