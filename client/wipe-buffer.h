/*
 * A byte buffer for what must not linger in memory (an answer holding
 * resident data, a printed form): it grows by copying and wiping the old
 * copy, rather than realloc, and is wiped when freed.  The data is always
 * followed by a NUL.
 */
#ifndef JUKI_WIPE_BUFFER_H
#define JUKI_WIPE_BUFFER_H

#include <stddef.h>

struct wipe_buffer {
	unsigned char *data;
	size_t len, cap;
};

/* Appends n bytes: 0, or -1 when memory runs out (the buffer is kept). */
int wipe_buffer_append(struct wipe_buffer *b, const void *p, size_t n);

void wipe_buffer_free(struct wipe_buffer *b);

#endif
