#include <stdlib.h>
#include <string.h>

#include "wipe-buffer.h"

int
wipe_buffer_append(struct wipe_buffer *b, const void *p, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->len + n + 1) * 2;
		unsigned char *d = malloc(cap);

		if (d == NULL)
			return -1;
		if (b->data != NULL) {
			memcpy(d, b->data, b->len);
			explicit_bzero(b->data, b->cap);
			free(b->data);
		}
		b->data = d;
		b->cap = cap;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

void
wipe_buffer_free(struct wipe_buffer *b)
{
	if (b->data != NULL) {
		explicit_bzero(b->data, b->cap);
		free(b->data);
	}
	memset(b, 0, sizeof *b);
}
