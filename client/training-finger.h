/*
 * A demo terminal's simulated finger.  With libfprint's virtual reader,
 * F9 places the finger of the operator being scanned and F8 a finger of
 * someone else, so a trainee needs no second shell to log in, unlock,
 * enrol or be refused.
 *
 * It exists only on a terminal whose own certificate is a demo one
 * (O=JUKI-DEMO) and whose reader is libfprint's virtual_device driver.
 * A production server refuses a demo certificate in the handshake, so a
 * simulated finger can only ever open a demo server's synthetic data;
 * and a real reader is never virtual.
 */
#ifndef JUKI_TRAINING_FINGER_H
#define JUKI_TRAINING_FINGER_H

struct app;
struct ui_key;

/* At start, before the sandbox: whether this terminal may simulate a
 * finger, and where the virtual reader listens. */
void training_finger_start(struct app *a);

/* While a finger is awaited for a->scanning: F9 or F8 placed (and 1),
 * or any other key (0). */
int training_finger_key(struct app *a, const struct ui_key *k);

/* The keys to mention while a finger is awaited, or "". */
const char *training_finger_hint(const struct app *a);

#endif
