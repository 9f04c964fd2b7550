/*
 * Releasing JSON that held secrets or resident data (PINs, tokens,
 * records): every string in it is zeroed first, so nothing lingers in
 * freed memory.  Both programs use it.
 */
#ifndef JUKI_JSON_WIPE_H
#define JUKI_JSON_WIPE_H

#include <jansson.h>

/* Zeroes every string inside v, then releases it.  NULL is allowed. */
void json_wipe(json_t *v);

#endif
