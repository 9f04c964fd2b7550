/*
 * The audit log: JSON Lines, hash-chained with SHA-256, each entry written
 * with one write() and fdatasync()ed before the request is answered.
 *
 * The chain has no key: whoever can write the file can also recompute
 * every hash.  What it does catch is any change that is not followed by a
 * rewrite of everything after it, and audit_verify names the change.  The
 * signed seals of audit-seal.c catch the rest, up to the last seal.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <openssl/evp.h>

#include "audit.h"
#include "juki/fd-io.h"
#include "juki/hex.h"
#include "juki/i18n.h"

#define HASH_LEN	32
#define DUMP_FLAGS	(JSON_COMPACT | JSON_SORT_KEYS)

/*
 * No line audit_append writes comes near this (about 1450 bytes at most:
 * fields of at most 63 bytes, each doubled at worst by escaping), so a
 * longer one is not ours.
 */
#define LINE_MAX_BYTES	4096
#define TAIL_CHUNK	4096

#define R_OPEN		N_("監査ログを開けません")
#define R_BUSY		N_("監査ログは別のプロセスが使用中です")
#define R_DAMAGED	N_("監査ログが壊れています。検証してください")

struct audit {
	int fd;
	int64_t seq;			/* of the last entry, 0 when empty */
	char prev[AUDIT_HEX_LEN + 1];		/* its hash, 64 zeros when empty */
	int broken;			/* a failed append not undone */
};

/* The string members of an entry, under their keys in the log. */
struct field {
	const char *key;
	size_t offset;
	size_t size;
	int added;	/* absent from the entries written before it was */
};

#define FIELD(key, member, added) { key, \
	offsetof(struct audit_entry, member), \
	sizeof(((struct audit_entry *)0)->member), added }

static const struct field fields[] = {
	FIELD("time", time, 0),
	FIELD("operator", operator_id, 0),
	FIELD("terminal", terminal_id, 0),
	FIELD("action", action, 0),
	FIELD("target", target, 0),
	FIELD("jimu", jimu, 0),
	FIELD("result", result, 0),
	FIELD("reason", reason, 0),
	FIELD("document", document, 1),
	FIELD("items", items, 1),
};

#define NFIELDS		(sizeof fields / sizeof fields[0])
#define NKEYS		(NFIELDS + 3)	/* and seq, prev, hash */

/* One line of the log as read back. */
enum line_state {
	LINE_ERROR = -1,	/* out of memory: nothing can be said */
	LINE_MALFORMED,
	LINE_EDITED,		/* well formed, but its hash is not its own */
	LINE_OK
};

struct record {
	struct audit_entry e;
	unsigned char prev[HASH_LEN];
	unsigned char hash[HASH_LEN];
};

/* What audit_verify keeps of each line to follow the chain. */
struct link {
	int64_t seq;
	unsigned char prev[HASH_LEN];
	unsigned char hash[HASH_LEN];
	enum line_state state;
};

static const unsigned char zero_hash[HASH_LEN];

static void
to_hex(const unsigned char *bin, char *hex)
{
	hex_encode(bin, HASH_LEN, hex);
}

/* Lowercase only: the log has one spelling of each hash. */
static int
from_hex(const char *hex, size_t len, unsigned char *bin)
{
	return len == AUDIT_HEX_LEN ? hex_decode(hex, HASH_LEN, bin) : -1;
}

/*
 * Valid UTF-8 (shortest form, no surrogates, at most U+10FFFF) without a
 * control character, C0, DEL or C1: nothing in a field may end a line or
 * hide one, whatever the client sent.
 */
static int
clean_text(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, more;
	uint32_t cp;

	while (i < len) {
		unsigned c = s[i];

		if (c < 0x80) {
			if (c < 0x20 || c == 0x7f)
				return 0;
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			more = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			more = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			more = 3;
			cp = c & 0x07;
		} else
			return 0;
		if (len - i <= more)
			return 0;
		for (size_t k = 1; k <= more; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if ((more == 2 && cp < 0x800) ||
		    (more == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff) ||
		    (cp >= 0x80 && cp <= 0x9f))
			return 0;
		i += more + 1;
	}
	return 1;
}

/* "2026-11-23T09:15:00.123Z", as format_now() writes it. */
static int
time_shape(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:dd.dddZ";

	if (strlen(s) != sizeof shape - 1)
		return 0;
	for (size_t i = 0; shape[i] != '\0'; i++) {
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') :
		    s[i] != shape[i])
			return 0;
	}
	return 1;
}

static int
format_now(char *out, size_t outsz)
{
	struct timespec ts;
	struct tm tm;
	char date[32];
	int n;

	if (clock_gettime(CLOCK_REALTIME, &ts) == -1 ||
	    gmtime_r(&ts.tv_sec, &tm) == NULL ||
	    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm) == 0)
		return -1;
	n = snprintf(out, outsz, "%.20s.%03ldZ", date, ts.tv_nsec / 1000000);
	return (n < 0 || (size_t)n >= outsz) ? -1 : 0;
}

/* SHA-256 of the canonical form: keys sorted, compact, as jansson dumps. */
static int
hash_object(const json_t *obj, unsigned char *md)
{
	unsigned int mdlen = 0;
	char *text;
	int ok;

	if ((text = json_dumps(obj, DUMP_FLAGS)) == NULL)
		return -1;
	ok = EVP_Digest(text, strlen(text), md, &mdlen, EVP_sha256(),
	    NULL) == 1 && mdlen == HASH_LEN;
	free(text);
	return ok ? 0 : -1;
}

/*
 * Copies the string under key into dst of size dstsz; anything that
 * audit_append could not have written (too long, an escaped NUL, a
 * control character) makes the line malformed.
 */
static int
get_string(json_t *obj, const char *key, char *dst, size_t dstsz)
{
	json_t *v = json_object_get(obj, key);
	const char *s;
	size_t len;

	if (!json_is_string(v))
		return -1;
	s = json_string_value(v);
	len = json_string_length(v);
	if (len >= dstsz || strlen(s) != len || !clean_text(s, len))
		return -1;
	memcpy(dst, s, len + 1);
	return 0;
}

static int
get_hash(json_t *obj, const char *key, unsigned char *bin)
{
	json_t *v = json_object_get(obj, key);

	if (!json_is_string(v))
		return -1;
	return from_hex(json_string_value(v), json_string_length(v), bin);
}

/* Parses one line (without its newline) and checks its own hash. */
static enum line_state
read_entry(const char *line, size_t len, struct record *r)
{
	enum line_state state = LINE_MALFORMED;
	unsigned char md[HASH_LEN];
	json_t *obj, *seq;
	char *base = (char *)&r->e;
	size_t keys = NKEYS;

	memset(r, 0, sizeof *r);
	if (len > LINE_MAX_BYTES)
		return LINE_MALFORMED;
	obj = json_loadb(line, len, JSON_REJECT_DUPLICATES, NULL);
	if (!json_is_object(obj))
		goto out;
	seq = json_object_get(obj, "seq");
	if (!json_is_integer(seq) || json_integer_value(seq) < 1)
		goto out;
	r->e.seq = json_integer_value(seq);
	for (size_t i = 0; i < NFIELDS; i++) {
		/* An older entry: the field stays "". */
		if (fields[i].added &&
		    json_object_get(obj, fields[i].key) == NULL) {
			keys--;
			continue;
		}
		if (get_string(obj, fields[i].key, base + fields[i].offset,
		    fields[i].size) == -1)
			goto out;
	}
	if (json_object_size(obj) != keys || !time_shape(r->e.time) ||
	    get_hash(obj, "prev", r->prev) == -1 ||
	    get_hash(obj, "hash", r->hash) == -1)
		goto out;
	if (json_object_del(obj, "hash") == -1 || hash_object(obj, md) == -1) {
		state = LINE_ERROR;
		goto out;
	}
	state = memcmp(md, r->hash, HASH_LEN) == 0 ? LINE_OK : LINE_EDITED;
	to_hex(r->prev, r->e.prev);
	to_hex(r->hash, r->e.hash);
out:
	json_decref(obj);
	return state;
}

/* The entry as an object, without its hash; NULL if a field is unclean. */
static json_t *
entry_object(const struct audit_entry *e, const char *prev)
{
	const char *base = (const char *)e;
	json_t *obj = json_object();

	if (obj == NULL)
		return NULL;
	if (json_object_set_new(obj, "seq", json_integer(e->seq)) == -1 ||
	    json_object_set_new(obj, "prev", json_string(prev)) == -1)
		goto fail;
	for (size_t i = 0; i < NFIELDS; i++) {
		const char *s = base + fields[i].offset;

		if (memchr(s, '\0', fields[i].size) == NULL ||
		    !clean_text(s, strlen(s)) ||
		    json_object_set_new(obj, fields[i].key,
		    json_string(s)) == -1)
			goto fail;
	}
	return obj;
fail:
	json_decref(obj);
	return NULL;
}

/*
 * Finds the last newline (nl[0]) and the one before it (nl[1]), -1 when
 * there is none, reading back from the end in chunks aligned to the file.
 * Only the last complete line and a torn tail after it are wanted; neither
 * can be longer than LINE_MAX_BYTES, so the search stops (and *too_long is
 * set) as soon as one is shown to be, however big the file.
 */
static int
find_newlines(int fd, off_t size, off_t nl[2], int *too_long)
{
	char buf[TAIL_CHUNK];
	off_t end = size, start;
	int found = 0;

	nl[0] = nl[1] = -1;
	*too_long = 0;
	while (end > 0 && found < 2) {
		start = (end - 1) / TAIL_CHUNK * TAIL_CHUNK;
		if (fd_pread_all(fd, buf, (size_t)(end - start), start) == -1)
			return -1;
		for (off_t i = end - 1; i >= start && found < 2; i--)
			if (buf[i - start] == '\n')
				nl[found++] = i;
		if ((found == 0 && size - start > LINE_MAX_BYTES) ||
		    (found == 1 && nl[0] - start > LINE_MAX_BYTES)) {
			*too_long = 1;
			return 0;
		}
		end = start;
	}
	/* The torn tail, and the last line (from the start if it is the
	 * only one). */
	if (size - nl[0] - 1 > LINE_MAX_BYTES ||
	    (nl[0] != -1 && nl[0] - nl[1] - 1 > LINE_MAX_BYTES))
		*too_long = 1;
	return 0;
}

/*
 * Reads back the last complete entry into a->seq and a->prev, and sets
 * *keep to the size the file must be cut to (less than size when it ends
 * with a torn write).  Returns 0, -1 on I/O error, -2 when damaged.
 */
static int
read_tail(struct audit *a, off_t size, off_t *keep)
{
	char line[LINE_MAX_BYTES];
	struct record r;
	off_t nl[2];
	size_t len;
	int too_long;

	a->seq = 0;
	to_hex(zero_hash, a->prev);
	*keep = 0;
	if (size == 0)
		return 0;
	if (find_newlines(a->fd, size, nl, &too_long) == -1)
		return -1;
	if (too_long)
		return -2;
	*keep = nl[0] + 1;
	if (nl[0] == -1)
		return 0;	/* a torn first entry: the log is empty */
	len = (size_t)(nl[0] - nl[1] - 1);
	if (fd_pread_all(a->fd, line, len, nl[1] + 1) == -1)
		return -1;
	switch (read_entry(line, len, &r)) {
	case LINE_OK:
		break;
	case LINE_ERROR:
		errno = ENOMEM;
		return -1;
	default:
		return -2;
	}
	a->seq = r.e.seq;
	to_hex(r.hash, a->prev);
	return 0;
}

int
audit_open(const char *path, struct audit **out, int *torn,
    const char **reason)
{
	const char *why = R_OPEN;
	struct audit *a;
	struct stat st;
	off_t keep;
	int rc;

	*out = NULL;
	if (torn != NULL)
		*torn = 0;
	if ((a = calloc(1, sizeof *a)) == NULL)
		goto fail;
	/*
	 * Read and write on one descriptor, so the entry we check is in the
	 * file we append to.  The lock keeps a second server off the log:
	 * two writers would fork the chain.
	 */
	if ((a->fd = fd_open_appending(path, &st)) == -1) {
		if (errno == EWOULDBLOCK)
			why = R_BUSY;
		goto fail;
	}
	if ((rc = read_tail(a, st.st_size, &keep)) != 0) {
		if (rc == -2)
			why = R_DAMAGED;
		goto fail;
	}
	if (keep < st.st_size) {
		/* Never acknowledged: its request was not answered. */
		if (ftruncate(a->fd, keep) == -1 || fdatasync(a->fd) == -1)
			goto fail;
		if (torn != NULL)
			*torn = 1;
	}
	*out = a;
	return 0;
fail:
	if (reason != NULL)
		*reason = why;
	audit_close(a);
	return -1;
}

void
audit_close(struct audit *a)
{
	if (a == NULL)
		return;
	if (a->fd != -1)
		close(a->fd);
	free(a);
}

int
audit_open_after(const char *path, int64_t seq, const char *prev,
    struct audit **out, const char **reason)
{
	unsigned char bin[HASH_LEN];
	struct audit *a;

	if (from_hex(prev, strlen(prev), bin) == -1 || seq < 0) {
		*out = NULL;
		*reason = R_OPEN;
		return -1;
	}
	if (audit_open(path, &a, NULL, reason) != 0)
		return -1;
	if (a->seq == 0) {
		a->seq = seq;
		to_hex(bin, a->prev);
	} else if (a->seq != seq || strcmp(a->prev, prev) != 0) {
		/* Not the tail it was copied as. */
		audit_close(a);
		*reason = R_DAMAGED;
		return -1;
	}
	*out = a;
	return 0;
}

void
audit_replace(struct audit *a, struct audit *b)
{
	if (a->fd != -1)
		close(a->fd);
	*a = *b;
	free(b);
}

void
audit_head(const struct audit *a, int64_t *seq, char hash[AUDIT_HEX_LEN + 1])
{
	*seq = a->seq;
	memcpy(hash, a->prev, AUDIT_HEX_LEN + 1);
}

/*
 * The start of the line that ends (with its newline) just before end:
 * 0 and *start, -1 on I/O error, -2 when it is longer than a line of ours.
 */
static int
line_before(int fd, off_t end, off_t *start)
{
	char buf[TAIL_CHUNK];
	off_t hi = end - 1, lo;

	while (hi > 0) {
		lo = hi > TAIL_CHUNK ? hi - TAIL_CHUNK : 0;
		if (fd_pread_all(fd, buf, (size_t)(hi - lo), lo) == -1)
			return -1;
		for (off_t i = hi - 1; i >= lo; i--)
			if (buf[i - lo] == '\n') {
				*start = i + 1;
				return end - *start - 1 > LINE_MAX_BYTES ? -2 : 0;
			}
		if (end - lo > LINE_MAX_BYTES + 1)
			return -2;
		hi = lo;
	}
	*start = 0;
	return end - 1 > LINE_MAX_BYTES ? -2 : 0;
}

/* The entry on the line [start, end) of a's log (end after its newline):
 * 0, or -1 (EINVAL when it is not an entry). */
static int
entry_at(const struct audit *a, off_t start, off_t end, struct record *r)
{
	char line[LINE_MAX_BYTES];
	size_t len = (size_t)(end - start - 1);

	if (fd_pread_all(a->fd, line, len, start) == -1)
		return -1;
	switch (read_entry(line, len, r)) {
	case LINE_OK:
		return 0;
	case LINE_ERROR:
		errno = ENOMEM;
		return -1;
	default:
		errno = EINVAL;
		return -1;
	}
}

int
audit_hash_at(const struct audit *a, int64_t seq, char hash[AUDIT_HEX_LEN + 1])
{
	struct record r;
	struct stat st;
	off_t end, start;
	int rc;

	if (fstat(a->fd, &st) == -1)
		return -1;
	/* audit_open cut any torn tail: every line ends with its newline. */
	for (end = st.st_size; end > 0; end = start) {
		if ((rc = line_before(a->fd, end, &start)) != 0) {
			if (rc == -2)
				errno = EINVAL;
			return -1;
		}
		if (entry_at(a, start, end, &r) == -1)
			return -1;
		if (r.e.seq == seq) {
			to_hex(r.hash, hash);
			return 0;
		}
		if (r.e.seq < seq)
			break;
	}
	return 1;
}

int
audit_first(const struct audit *a, int64_t *seq, char prev[AUDIT_HEX_LEN + 1],
    char when[32])
{
	char buf[LINE_MAX_BYTES + 1];
	struct record r;
	struct stat st;
	size_t len;
	char *nl;

	if (fstat(a->fd, &st) == -1)
		return -1;
	if (st.st_size == 0)
		return 1;
	len = st.st_size > (off_t)sizeof buf ? sizeof buf :
	    (size_t)st.st_size;
	if (fd_pread_all(a->fd, buf, len, 0) == -1)
		return -1;
	if ((nl = memchr(buf, '\n', len)) == NULL) {
		errno = EINVAL;
		return -1;
	}
	if (entry_at(a, 0, nl - buf + 1, &r) == -1)
		return -1;
	*seq = r.e.seq;
	to_hex(r.prev, prev);
	memcpy(when, r.e.time, sizeof r.e.time);
	return 0;
}

int
audit_line_parse(const char *line, size_t len, struct audit_entry *e,
    char prev[AUDIT_HEX_LEN + 1], char hash[AUDIT_HEX_LEN + 1])
{
	struct record r;

	switch (read_entry(line, len, &r)) {
	case LINE_OK:
		break;
	case LINE_ERROR:
		return -1;
	default:
		return 1;
	}
	*e = r.e;
	to_hex(r.prev, prev);
	to_hex(r.hash, hash);
	return 0;
}

int
audit_append(struct audit *a, struct audit_entry *e)
{
	char line[LINE_MAX_BYTES + 1], hex[AUDIT_HEX_LEN + 1];
	unsigned char md[HASH_LEN];
	struct audit_entry next = *e;
	struct stat st;
	json_t *obj;
	size_t len;
	int saved;

	if (a->broken || a->seq == INT64_MAX)
		return -1;
	next.seq = a->seq + 1;
	if (format_now(next.time, sizeof next.time) == -1 ||
	    (obj = entry_object(&next, a->prev)) == NULL)
		return -1;
	if (hash_object(obj, md) == -1)
		goto fail;
	to_hex(md, hex);
	if (json_object_set_new(obj, "hash", json_string(hex)) == -1)
		goto fail;
	len = json_dumpb(obj, line, LINE_MAX_BYTES, DUMP_FLAGS);
	if (len == 0 || len > LINE_MAX_BYTES)
		goto fail;
	line[len++] = '\n';
	json_decref(obj);
	obj = NULL;

	if (fstat(a->fd, &st) == -1)
		return -1;
	if (fd_write_all(a->fd, line, len) == -1 || fdatasync(a->fd) == -1) {
		saved = errno;
		/*
		 * Whatever reached the file was never acknowledged: take it
		 * back, or the next entry would follow half a line, or an
		 * entry the caller believes refused.  If that fails too, this
		 * log takes nothing more until it is reopened (which cuts a
		 * torn line) and checked.
		 */
		if (ftruncate(a->fd, st.st_size) == -1 ||
		    fdatasync(a->fd) == -1)
			a->broken = 1;
		errno = saved;
		return -1;
	}
	memcpy(next.prev, a->prev, sizeof next.prev);
	memcpy(next.hash, hex, sizeof next.hash);
	a->seq = next.seq;
	memcpy(a->prev, hex, sizeof a->prev);
	*e = next;
	return 0;
fail:
	json_decref(obj);
	return -1;
}

/*
 * Whether the line after the entry at i, which fits the chain, follows
 * from it: AUDIT_INTACT, or the damage to report at i.
 */
static enum audit_damage
next_breaks(const struct link *l, size_t n, size_t i)
{
	const struct link *e = &l[i], *next, *after;

	/* A damaged next line is reported on its own line. */
	if (i + 1 >= n)
		return AUDIT_INTACT;
	next = &l[i + 1];
	if (next->state != LINE_OK ||
	    memcmp(next->prev, e->hash, HASH_LEN) == 0)
		return AUDIT_INTACT;
	/* Its successor was chained to another version of this entry. */
	if (next->seq == e->seq + 1)
		return AUDIT_EDITED;
	/*
	 * Two entries claim the same place, both chained to the one before.
	 * The intruder is the one the chain does not go on from.  When
	 * nothing follows to tell, this one is kept and the later one named.
	 */
	if (next->seq != e->seq || memcmp(next->prev, e->prev, HASH_LEN) != 0 ||
	    i + 2 >= n)
		return AUDIT_INTACT;
	after = &l[i + 2];
	if (after->state == LINE_OK &&
	    memcmp(after->prev, next->hash, HASH_LEN) == 0 &&
	    memcmp(after->prev, e->hash, HASH_LEN) != 0)
		return AUDIT_INSERTED;
	/* Anything else is damage of the next line, reported there. */
	return AUDIT_INTACT;
}

static int
copy_elsewhere(const struct link *l, size_t n, size_t i)
{
	for (size_t j = 0; j < n; j++)
		if (j != i && l[j].state == LINE_OK &&
		    memcmp(l[j].hash, l[i].hash, HASH_LEN) == 0)
			return 1;
	return 0;
}

static int
seq_later(const struct link *l, size_t n, size_t i, int64_t seq)
{
	for (size_t j = i + 1; j < n; j++)
		if (l[j].state != LINE_MALFORMED && l[j].seq == seq)
			return 1;
	return 0;
}

/*
 * The first damage, in the order of the lines.  Each line is checked on
 * its own first (MALFORMED, EDITED when its hash is not its own), then
 * against the chain so far, which expects seq `want` with prev `prev`:
 *
 * - seq below want: every seq below want is already in the chain, so this
 *   is a second entry for one of them, a copy or a forgery: INSERTED.
 * - seq above want: an exact copy of another line (same hash) is
 *   INSERTED, so copies are INSERTED wherever they were put; otherwise
 *   REORDERED when seq want turns up further down, else DELETED.
 * - seq want with another prev: EDITED (only the first line can get here:
 *   for the others next_breaks() has already spoken).
 * - seq and prev as expected: the entry fits, but the next line must
 *   follow from it (next_breaks()): a next seq chained to another hash
 *   means this entry was rewritten and its hash recomputed, EDITED; the
 *   same seq chained to the same prev is a rival, and the one the chain
 *   does not go on from is INSERTED.
 *
 * A last line without its newline is MALFORMED: a torn write, which
 * audit_open cuts off, but until then not an entry.
 *
 * Not detectable by the chain alone: the last line edited with its hash
 * recomputed, the last entry deleted, and a forged entry appended;
 * nothing follows them to disagree.  audit_verify_sealed (audit-seal.c)
 * finds them when they touch a sealed entry.
 */
static enum audit_damage
damage_at(const struct link *l, size_t n, size_t i, int64_t want,
    const unsigned char *prev)
{
	const struct link *e = &l[i];

	if (e->state == LINE_MALFORMED)
		return AUDIT_MALFORMED;
	if (e->state == LINE_EDITED)
		return AUDIT_EDITED;
	if (e->seq < want)
		return AUDIT_INSERTED;
	if (e->seq > want) {
		if (copy_elsewhere(l, n, i))
			return AUDIT_INSERTED;
		return seq_later(l, n, i, want) ? AUDIT_REORDERED :
		    AUDIT_DELETED;
	}
	if (memcmp(e->prev, prev, HASH_LEN) != 0)
		return AUDIT_EDITED;
	return next_breaks(l, n, i);
}

/*
 * Where the chain of l starts: at seq 1 after 64 zeros, unless its first
 * line is at the seq of one of starts[], chained from its prev (from
 * another prev, the start at that seq is taken all the same, and the
 * first line is found EDITED).  Any other first line is judged against
 * seq 1 as before: a log cut at its head is DELETED at line 1.
 */
static void
pick_start(const struct link *l, size_t n, const struct audit_start *starts,
    size_t nstarts, int64_t *want, unsigned char *prev)
{
	unsigned char p[HASH_LEN];

	*want = 1;
	memcpy(prev, zero_hash, HASH_LEN);
	if (n == 0 || l[0].state != LINE_OK)
		return;
	for (size_t i = 0; i < nstarts; i++) {
		if (starts[i].seq != l[0].seq || from_hex(starts[i].prev,
		    strlen(starts[i].prev), p) == -1)
			continue;
		*want = starts[i].seq;
		memcpy(prev, p, HASH_LEN);
		if (memcmp(p, l[0].prev, HASH_LEN) == 0)
			return;
	}
}

static void
classify(const struct link *l, size_t n, const struct audit_start *starts,
    size_t nstarts, struct audit_verdict *v)
{
	unsigned char prev[HASH_LEN];
	int64_t want;

	pick_start(l, n, starts, nstarts, &want, prev);
	v->first = n > 0 ? want : 0;
	for (size_t i = 0; i < n; i++, want++) {
		v->damage = damage_at(l, n, i, want, prev);
		if (v->damage != AUDIT_INTACT) {
			v->line = (int64_t)i + 1;
			v->seq = l[i].state == LINE_MALFORMED ? 0 : l[i].seq;
			return;
		}
		memcpy(prev, l[i].hash, HASH_LEN);
	}
	/* An empty log's head is what its first entry will carry as prev. */
	to_hex(prev, v->head);
}

/* Reads every line of f into *out; a last line without newline is torn.
 * The times of the first and last lines go into v. */
static int
read_links(FILE *f, struct link **out, size_t *count,
    struct audit_verdict *v)
{
	struct link *l = NULL, *grown;
	size_t n = 0, cap = 0, bufsz = 0;
	char *buf = NULL;
	struct record r;
	ssize_t len;

	while ((len = getline(&buf, &bufsz, f)) != -1) {
		if (n == cap) {
			cap = cap == 0 ? 256 : cap * 2;
			if ((grown = reallocarray(l, cap, sizeof *l)) == NULL)
				goto fail;
			l = grown;
		}
		memset(&r, 0, sizeof r);
		if (buf[len - 1] != '\n')
			l[n].state = LINE_MALFORMED;
		else if ((l[n].state = read_entry(buf, (size_t)len - 1,
		    &r)) == LINE_ERROR) {
			errno = ENOMEM;
			goto fail;
		}
		l[n].seq = r.e.seq;
		memcpy(l[n].prev, r.prev, HASH_LEN);
		memcpy(l[n].hash, r.hash, HASH_LEN);
		if (n == 0)
			memcpy(v->first_time, r.e.time, sizeof v->first_time);
		memcpy(v->last_time, r.e.time, sizeof v->last_time);
		n++;
	}
	if (ferror(f))
		goto fail;
	free(buf);
	*out = l;
	*count = n;
	return 0;
fail:
	free(buf);
	free(l);
	return -1;
}

/* The log at path, for reading; NULL with errno set. */
static FILE *
open_log(const char *path)
{
	FILE *f;
	int fd, saved;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return NULL;
	if ((f = fdopen(fd, "r")) == NULL) {
		saved = errno;
		close(fd);
		errno = saved;
	}
	return f;
}

/* Hands each entry of an intact chain to each, until it finds damage. */
static void
walk(const struct link *l, size_t n, audit_link_cb each, void *arg,
    struct audit_verdict *v)
{
	char prev[AUDIT_HEX_LEN + 1], hash[AUDIT_HEX_LEN + 1];

	for (size_t i = 0; i < n && each != NULL; i++) {
		to_hex(l[i].prev, prev);
		to_hex(l[i].hash, hash);
		v->damage = each((int64_t)i + 1, l[i].seq, prev, hash, arg);
		if (v->damage != AUDIT_INTACT) {
			v->line = (int64_t)i + 1;
			v->seq = l[i].seq;
			return;
		}
	}
}

int
audit_verify_from(const char *path, const struct audit_start *starts,
    size_t nstarts, audit_link_cb each, void *arg, struct audit_verdict *v)
{
	struct link *l = NULL;
	size_t n = 0;
	FILE *f;
	int saved;

	memset(v, 0, sizeof *v);
	v->sealed_seq = -1;
	if ((f = open_log(path)) == NULL)
		return -1;
	if (read_links(f, &l, &n, v) == -1) {
		saved = errno;
		fclose(f);
		errno = saved;
		return -1;
	}
	fclose(f);
	v->entries = (int64_t)n;
	classify(l, n, starts, nstarts, v);
	if (v->damage == AUDIT_INTACT)
		walk(l, n, each, arg, v);
	free(l);
	return 0;
}

int
audit_verify(const char *path, struct audit_verdict *v)
{
	return audit_verify_from(path, NULL, 0, NULL, NULL, v);
}

/* One line at a time: the log may be far larger than memory. */
int
audit_each(const char *path, int (*each)(const struct audit_entry *,
    void *), void *arg, int64_t *damaged)
{
	size_t bufsz = 0;
	char *buf = NULL;
	struct record r;
	ssize_t len;
	int rc = 0, saved;
	FILE *f;

	*damaged = 0;
	if ((f = open_log(path)) == NULL)
		return -1;
	while (rc == 0 && (len = getline(&buf, &bufsz, f)) != -1) {
		/* A last line without its newline is a torn write. */
		if (buf[len - 1] != '\n') {
			(*damaged)++;
			continue;
		}
		switch (read_entry(buf, (size_t)len - 1, &r)) {
		case LINE_OK:
			rc = each(&r.e, arg);
			break;
		case LINE_ERROR:
			errno = ENOMEM;
			rc = -1;
			break;
		default:
			(*damaged)++;
			break;
		}
	}
	if (rc == 0 && ferror(f))
		rc = -1;
	saved = errno;
	free(buf);
	fclose(f);
	errno = saved;
	return rc;
}

int
audit_time_now(char out[32])
{
	return format_now(out, 32);
}

int
audit_time_parse(const char *s, time_t *out)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	if (!time_shape(s) || strptime(s, "%Y-%m-%dT%H:%M:%S", &tm) == NULL)
		return -1;
	*out = timegm(&tm);
	return 0;
}

const char *
audit_damage_name(enum audit_damage d)
{
	switch (d) {
	case AUDIT_INTACT:
		return N_("改ざんなし");
	case AUDIT_MALFORMED:
		return N_("形式が不正な行");
	case AUDIT_EDITED:
		return N_("内容の改ざん");
	case AUDIT_DELETED:
		return N_("エントリの削除");
	case AUDIT_INSERTED:
		return N_("エントリの挿入");
	case AUDIT_REORDERED:
		return N_("順序の入れ替え");
	case AUDIT_SEAL_INVALID:
		return N_("不正なシール");
	case AUDIT_SEAL_MISMATCH:
		return N_("シールと異なる内容");
	case AUDIT_TRUNCATED:
		return N_("シール済みのエントリの切り詰め");
	case AUDIT_UNSEALED:
		return N_("シールの欠落");
	}
	return N_("不明な損傷");
}
