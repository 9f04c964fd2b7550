/*
 * The audit log's seals: written by the server, checked by verification
 * (audit-seal.h says what they prove and what they do not).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "audit-seal.h"
#include "juki/fd-io.h"
#include "juki/hex.h"
#include "juki/i18n.h"

/* A seal is about 450 bytes; a longer line is not one. */
#define SEAL_LINE_MAX	1024
#define DUMP_FLAGS	(JSON_COMPACT | JSON_SORT_KEYS)
#define NKEYS		8

#define R_OPEN		N_("監査ログのシールファイルを開けません")
#define R_BUSY		N_("監査ログのシールファイルは別のプロセスが使用中"\
			   "です")
#define R_DAMAGED	N_("監査ログのシールファイルが壊れています。"\
			   "検証してください")
#define R_OTHER_KEY	N_("監査ログのシールが別の鍵で署名されています")
#define R_UNSEALED	N_("監査ログにシールがありません。verify-audit で"\
			   "確かめてから seal-audit を実行してください")
#define R_CUT		N_("監査ログがシールされた位置より短くなっています。"\
			   "検証してください")
#define R_REWRITTEN	N_("監査ログがシールの後で書き換えられています。"\
			   "検証してください")
#define R_NOT_FIRST	N_("シールのない監査ログが連番 1 から始まっていま"\
			   "せん")
#define R_LOG		N_("監査ログを読めません")
#define R_LOG_DAMAGED	N_("監査ログが壊れています。検証してください")

struct audit_seals {
	int fd;
	const struct seal_key *key;
	int interval;
	struct audit_seal last;
	int have_last;
};

/* Lowercase hex of exactly AUDIT_HEX_LEN digits, the only spelling we
 * write. */
static int
is_hex(const char *s, size_t len)
{
	unsigned char bin[AUDIT_HEX_LEN / 2];

	return len == AUDIT_HEX_LEN && hex_decode(s, sizeof bin, bin) == 0;
}


int
audit_seal_message(const struct audit_seal *seal, char *buf, size_t bufsz)
{
	int n = snprintf(buf, bufsz, AUDIT_SEAL_DOMAIN "\nkey=%s\nseq=%" PRId64
	    "\nhash=%s\ntime=%s\nfirst=%" PRId64 "\nanchor=%s\ninterval=%d\n",
	    seal->key, seal->seq, seal->hash, seal->time, seal->first,
	    seal->anchor, seal->interval);

	return n < 0 || (size_t)n >= bufsz ? -1 : n;
}

int
audit_seal_valid(const struct audit_seal *seal, const struct seal_key *k)
{
	char msg[AUDIT_SEAL_MESSAGE_MAX];
	int len;

	if (strcmp(seal->key, seal_key_id(k)) != 0 ||
	    (len = audit_seal_message(seal, msg, sizeof msg)) < 0)
		return 0;
	return seal_key_verify(k, msg, (size_t)len, seal->sig,
	    sizeof seal->sig);
}

static int
get_hex(json_t *obj, const char *key, char *out)
{
	json_t *v = json_object_get(obj, key);

	if (!json_is_string(v) ||
	    !is_hex(json_string_value(v), json_string_length(v)))
		return -1;
	memcpy(out, json_string_value(v), AUDIT_HEX_LEN + 1);
	return 0;
}

static int
get_count(json_t *obj, const char *key, int64_t lo, int64_t hi,
    int64_t *out)
{
	json_t *v = json_object_get(obj, key);

	if (!json_is_integer(v) || json_integer_value(v) < lo ||
	    json_integer_value(v) > hi)
		return -1;
	*out = json_integer_value(v);
	return 0;
}

int
audit_seal_parse(const char *line, size_t len, struct audit_seal *seal)
{
	json_t *obj = NULL, *v;
	time_t t;
	int64_t interval;
	int rc = -1;

	memset(seal, 0, sizeof *seal);
	if (len > SEAL_LINE_MAX ||
	    (obj = json_loadb(line, len, JSON_REJECT_DUPLICATES, NULL)) ==
	    NULL || !json_is_object(obj) || json_object_size(obj) != NKEYS)
		goto out;
	if (get_count(obj, "seq", 0, INT64_MAX, &seal->seq) == -1 ||
	    get_count(obj, "first", 1, INT64_MAX, &seal->first) == -1 ||
	    get_count(obj, "interval", AUDIT_SEAL_INTERVAL_MIN,
	    AUDIT_SEAL_INTERVAL_MAX, &interval) == -1 ||
	    get_hex(obj, "hash", seal->hash) == -1 ||
	    get_hex(obj, "anchor", seal->anchor) == -1 ||
	    get_hex(obj, "key", seal->key) == -1)
		goto out;
	seal->interval = (int)interval;
	v = json_object_get(obj, "time");
	if (!json_is_string(v) ||
	    json_string_length(v) >= sizeof seal->time ||
	    audit_time_parse(json_string_value(v), &t) == -1)
		goto out;
	memcpy(seal->time, json_string_value(v), json_string_length(v) + 1);
	v = json_object_get(obj, "sig");
	if (!json_is_string(v) || json_string_length(v) != 2 * SEAL_SIG_LEN ||
	    hex_decode(json_string_value(v), SEAL_SIG_LEN, seal->sig) == -1)
		goto out;
	/* The head is never before the first entry kept, but for an empty
	 * log sealed at 0. */
	if (seal->seq != 0 && seal->seq < seal->first - 1)
		goto out;
	rc = 0;
out:
	json_decref(obj);
	return rc;
}

/* The seal as its line, newline included, into buf: its length or 0. */
static size_t
seal_line(const struct audit_seal *seal, char *buf, size_t bufsz)
{
	char sig[2 * SEAL_SIG_LEN + 1];
	json_t *obj;
	size_t len;

	hex_encode(seal->sig, SEAL_SIG_LEN, sig);
	obj = json_pack("{s:s, s:I, s:s, s:i, s:s, s:I, s:s, s:s}",
	    "anchor", seal->anchor, "first", (json_int_t)seal->first,
	    "hash", seal->hash, "interval", seal->interval, "key", seal->key,
	    "seq", (json_int_t)seal->seq, "sig", sig, "time", seal->time);
	if (obj == NULL)
		return 0;
	len = json_dumpb(obj, buf, bufsz - 1, DUMP_FLAGS);
	json_decref(obj);
	if (len == 0 || len >= bufsz - 1)
		return 0;
	buf[len++] = '\n';
	return len;
}

/*
 * Signs and appends a seal of the head seq/hash, for a log that begins at
 * first after anchor.  As audit_append does, whatever reached the file of
 * a seal that failed is taken back.
 */
static int
seal_write(struct audit_seals *s, int64_t seq, const char *hash,
    int64_t first, const char *anchor)
{
	char msg[AUDIT_SEAL_MESSAGE_MAX], line[SEAL_LINE_MAX + 1];
	struct audit_seal n;
	struct stat st;
	size_t len;
	int mlen, saved;

	memset(&n, 0, sizeof n);
	n.seq = seq;
	memcpy(n.hash, hash, sizeof n.hash);
	n.first = first;
	memcpy(n.anchor, anchor, sizeof n.anchor);
	n.interval = s->interval;
	memcpy(n.key, seal_key_id(s->key), sizeof n.key);
	if (audit_time_now(n.time) == -1 ||
	    (mlen = audit_seal_message(&n, msg, sizeof msg)) < 0 ||
	    seal_key_sign(s->key, msg, (size_t)mlen, n.sig) == -1 ||
	    (len = seal_line(&n, line, sizeof line)) == 0 ||
	    fstat(s->fd, &st) == -1)
		return -1;
	if (fd_write_all(s->fd, line, len) == -1 || fdatasync(s->fd) == -1) {
		saved = errno;
		if (ftruncate(s->fd, st.st_size) == -1)
			(void)fdatasync(s->fd);
		errno = saved;
		return -1;
	}
	s->last = n;
	s->have_last = 1;
	return 0;
}

int
audit_seals_write(struct audit_seals *s, const struct audit *a, int force)
{
	char hash[AUDIT_HEX_LEN + 1];
	int64_t seq;

	audit_head(a, &seq, hash);
	if (!force && s->have_last && s->last.seq == seq &&
	    strcmp(s->last.hash, hash) == 0)
		return 0;
	if (s->have_last)
		return seal_write(s, seq, hash, s->last.first,
		    s->last.anchor);
	return seal_write(s, seq, hash, 1, AUDIT_ZERO_HASH);
}

int
audit_seals_anchor(struct audit_seals *s, const struct audit *a,
    int64_t first, const char *anchor)
{
	char hash[AUDIT_HEX_LEN + 1];
	int64_t seq;

	audit_head(a, &seq, hash);
	if (first < 1 || seq < first - 1 || !is_hex(anchor, strlen(anchor)))
		return -1;
	/* first never goes back (verification holds it to that): a purge
	 * that failed after its anchor, run again under a clock set back,
	 * waits for the clock rather than anchor earlier. */
	if (s->have_last && first < s->last.first)
		return -1;
	return seal_write(s, seq, hash, first, anchor);
}

const struct audit_seal *
audit_seals_last(const struct audit_seals *s)
{
	return s->have_last ? &s->last : NULL;
}

void
audit_seals_close(struct audit_seals *s)
{
	if (s == NULL)
		return;
	if (s->fd != -1)
		close(s->fd);
	free(s);
}

/*
 * Reads the last seal of the file (size bytes) into s->last, and sets
 * *keep to the size the file must be cut to: a last line without its
 * newline was torn by a crash and never counted.  0, -1 on I/O error, -2
 * when the last line is not a seal.
 */
static int
read_last(struct audit_seals *s, off_t size, off_t *keep)
{
	char buf[2 * SEAL_LINE_MAX + 2];
	off_t start = size > (off_t)sizeof buf ? size - (off_t)sizeof buf : 0;
	size_t len = (size_t)(size - start);
	char *nl, *line;

	*keep = 0;
	if (size == 0)
		return 0;
	if (fd_pread_all(s->fd, buf, len, start) == -1)
		return -1;
	if ((nl = memrchr(buf, '\n', len)) == NULL)
		return start == 0 ? 0 : -2;	/* a torn first seal */
	*keep = start + (nl - buf) + 1;
	line = memrchr(buf, '\n', (size_t)(nl - buf));
	line = line == NULL ? buf : line + 1;
	if (line == buf && start != 0)
		return -2;			/* longer than a seal */
	if (audit_seal_parse(line, (size_t)(nl - line), &s->last) == -1)
		return -2;
	s->have_last = 1;
	return 0;
}

/* The log's head is the last seal's, or follows it with the sealed entry
 * unchanged: NULL, or why not. */
static const char *
fits_log(const struct audit_seals *s, const struct audit *a, int adopt)
{
	char hash[AUDIT_HEX_LEN + 1], prev[AUDIT_HEX_LEN + 1], when[32];
	const struct audit_seal *l = &s->last;
	int64_t head, first;
	int rc;

	audit_head(a, &head, hash);
	if (!s->have_last) {
		if (head == 0)
			return NULL;
		if (!adopt)
			return R_UNSEALED;
		rc = audit_first(a, &first, prev, when);
		return rc != 0 ? R_LOG : first != 1 ||
		    strcmp(prev, AUDIT_ZERO_HASH) != 0 ? R_NOT_FIRST : NULL;
	}
	if (!audit_seal_valid(l, s->key))
		return strcmp(l->key, seal_key_id(s->key)) != 0 ?
		    R_OTHER_KEY : R_DAMAGED;
	if (l->seq > head)
		return R_CUT;
	if (l->seq == 0) {
		/* Sealed empty: the first entry since is seq 1. */
		if (head == 0)
			return NULL;
		rc = audit_first(a, &first, prev, when);
		return rc != 0 ? R_LOG : first != 1 ||
		    strcmp(prev, AUDIT_ZERO_HASH) != 0 ? R_REWRITTEN : NULL;
	}
	if ((rc = audit_hash_at(a, l->seq, hash)) == -1)
		return errno == EINVAL ? R_LOG_DAMAGED : R_LOG;
	return rc == 1 ? R_CUT : strcmp(hash, l->hash) != 0 ? R_REWRITTEN :
	    NULL;
}

int
audit_seals_open(const char *path, const struct seal_key *k, int interval,
    const struct audit *a, int adopt, struct audit_seals **out, int *torn,
    const char **reason)
{
	const char *why = R_OPEN;
	struct audit_seals *s;
	struct stat st;
	off_t keep;
	int rc;

	*out = NULL;
	if (torn != NULL)
		*torn = 0;
	if ((s = calloc(1, sizeof *s)) == NULL)
		goto fail;
	s->key = k;
	s->interval = interval;
	if ((s->fd = fd_open_appending(path, &st)) == -1) {
		if (errno == EWOULDBLOCK)
			why = R_BUSY;
		goto fail;
	}
	if ((rc = read_last(s, st.st_size, &keep)) != 0) {
		if (rc == -2)
			why = R_DAMAGED;
		goto fail;
	}
	if (keep < st.st_size) {
		if (ftruncate(s->fd, keep) == -1 || fdatasync(s->fd) == -1)
			goto fail;
		if (torn != NULL)
			*torn = 1;
	}
	if ((why = fits_log(s, a, adopt)) != NULL)
		goto fail;
	*out = s;
	return 0;
fail:
	if (reason != NULL)
		*reason = why != NULL ? why : R_OPEN;
	audit_seals_close(s);
	return -1;
}

/* What verification keeps of each seal: enough to check the log. */
struct sealed {
	int64_t seq;
	int64_t line;			/* in the seals file */
	char hash[AUDIT_HEX_LEN + 1];
};

struct seal_list {
	struct sealed *v;
	size_t n, cap;
	struct audit_start *starts;	/* each (first, anchor), once */
	size_t nstarts, capstarts;
	struct audit_seal last;		/* the last seal, whole */
};

static int
grow(void **v, size_t *cap, size_t n, size_t size)
{
	void *grown;
	size_t want;

	if (n < *cap)
		return 0;
	want = *cap == 0 ? 64 : *cap * 2;
	if ((grown = reallocarray(*v, want, size)) == NULL)
		return -1;
	*v = grown;
	*cap = want;
	return 0;
}

static int
keep_seal(struct seal_list *sl, const struct audit_seal *seal, int64_t line)
{
	struct audit_start *st;

	if (grow((void **)&sl->v, &sl->cap, sl->n, sizeof *sl->v) == -1)
		return -1;
	sl->v[sl->n].seq = seal->seq;
	sl->v[sl->n].line = line;
	memcpy(sl->v[sl->n].hash, seal->hash, sizeof sl->v[sl->n].hash);
	sl->n++;
	sl->last = *seal;
	/* first never goes back, so a start already kept is the last one. */
	st = sl->nstarts > 0 ? &sl->starts[sl->nstarts - 1] : NULL;
	if (st != NULL && st->seq == seal->first &&
	    strcmp(st->prev, seal->anchor) == 0)
		return 0;
	if (grow((void **)&sl->starts, &sl->capstarts, sl->nstarts,
	    sizeof *sl->starts) == -1)
		return -1;
	sl->starts[sl->nstarts].seq = seal->first;
	memcpy(sl->starts[sl->nstarts].prev, seal->anchor, AUDIT_HEX_LEN + 1);
	sl->nstarts++;
	return 0;
}

/* Whether the seal on line line (torn when it lacks its newline) may
 * follow the ones read so far. */
static int
seal_good(const struct seal_list *sl, const char *line, size_t len,
    const struct seal_key *k, struct audit_seal *seal)
{
	memset(seal, 0, sizeof *seal);
	if (len == 0 || line[len - 1] != '\n' ||
	    audit_seal_parse(line, len - 1, seal) == -1 ||
	    !audit_seal_valid(seal, k))
		return 0;
	return sl->n == 0 || (seal->seq >= sl->last.seq &&
	    seal->first >= sl->last.first);
}

/* Reads and checks every seal; the first bad one is reported in v. */
static int
read_seals(const char *path, const struct seal_key *k, struct seal_list *sl,
    struct audit_verdict *v)
{
	struct audit_seal seal;
	size_t bufsz = 0;
	char *buf = NULL;
	int64_t lineno = 0;
	ssize_t len;
	int fd, rc = 0, saved;
	FILE *f;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return errno == ENOENT ? 0 : -1;
	if ((f = fdopen(fd, "r")) == NULL) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	while ((len = getline(&buf, &bufsz, f)) != -1) {
		lineno++;
		if (!seal_good(sl, buf, (size_t)len, k, &seal)) {
			v->damage = AUDIT_SEAL_INVALID;
			v->seal_line = lineno;
			v->seq = seal.seq;
			break;
		}
		if (keep_seal(sl, &seal, lineno) == -1) {
			errno = ENOMEM;
			rc = -1;
			break;
		}
	}
	if (rc == 0 && ferror(f))
		rc = -1;
	saved = errno;
	free(buf);
	fclose(f);
	errno = saved;
	v->seals = (int64_t)sl->n;
	return rc;
}

/* The seals matched so far against the chain, as it is walked. */
struct walk {
	const struct seal_list *sl;
	size_t next;		/* the first seal not yet matched */
	size_t bad;		/* the seal that did not match */
};

/*
 * Each seal of an entry the log holds must have its hash.  The seals of
 * entries purged since say nothing of the log, but the one just before
 * its first entry must name that entry's prev.
 */
static enum audit_damage
check_link(int64_t line, int64_t seq, const char *prev, const char *hash,
    void *arg)
{
	struct walk *w = arg;
	const struct sealed *s = w->sl->v;
	size_t n = w->sl->n;

	for (; line == 1 && w->next < n && s[w->next].seq < seq; w->next++)
		if (s[w->next].seq == seq - 1 &&
		    strcmp(s[w->next].hash, prev) != 0)
			goto mismatch;
	for (; w->next < n && s[w->next].seq == seq; w->next++)
		if (strcmp(s[w->next].hash, hash) != 0)
			goto mismatch;
	return AUDIT_INTACT;
mismatch:
	w->bad = w->next;
	return AUDIT_SEAL_MISMATCH;
}

/* The last seal's age, and whether what follows it should be sealed by
 * now (audit-seal.h). */
static void
judge_age(const struct seal_list *sl, time_t now, struct audit_verdict *v)
{
	const struct audit_seal *l = &sl->last;
	int64_t last_seq = v->entries > 0 ? v->first + v->entries - 1 : 0;
	time_t sealed, latest;

	v->sealed_seq = l->seq;
	memcpy(v->sealed_time, l->time, sizeof v->sealed_time);
	v->unsealed = last_seq > l->seq ? last_seq - l->seq : 0;
	if (audit_time_parse(l->time, &sealed) == -1)
		return;
	v->seal_age = (int64_t)(now - sealed);
	if (v->unsealed == 0)
		return;
	if (v->seal_age > 2 * (int64_t)l->interval ||
	    (audit_time_parse(v->last_time, &latest) == 0 &&
	    latest - sealed > 2 * (time_t)l->interval))
		v->stale = 1;
}

/* After the walk: what the seals say of the log as a whole. */
static void
judge_log(const struct seal_list *sl, const struct walk *w, time_t now,
    struct audit_verdict *v)
{
	int64_t last_seq = v->entries > 0 ? v->first + v->entries - 1 : 0;

	if (v->damage == AUDIT_SEAL_MISMATCH) {
		v->seq = sl->v[w->bad].seq;
		v->seal_line = sl->v[w->bad].line;
		return;
	}
	if (v->damage != AUDIT_INTACT)
		return;
	for (size_t i = w->next; i < sl->n; i++)
		if (sl->v[i].seq > last_seq) {
			v->damage = AUDIT_TRUNCATED;
			v->seq = sl->v[i].seq;
			v->seal_line = sl->v[i].line;
			return;
		}
	if (sl->n == 0) {
		if (v->entries > 0)
			v->damage = AUDIT_UNSEALED;
		return;
	}
	judge_age(sl, now, v);
}

int
audit_verify_sealed(const char *path, const struct audit_seal_check *c,
    struct audit_verdict *v)
{
	struct seal_list sl;
	struct audit_verdict sv;
	struct walk w;
	int rc = -1, saved;

	memset(&sl, 0, sizeof sl);
	memset(&sv, 0, sizeof sv);
	memset(&w, 0, sizeof w);
	w.sl = &sl;
	if (read_seals(c->seals, c->key, &sl, &sv) == -1)
		goto out;
	if (sv.damage != AUDIT_INTACT) {
		/* The log is still counted, for the report. */
		if (audit_verify(path, v) == -1)
			goto out;
		v->damage = sv.damage;
		v->line = 0;
		v->seq = sv.seq;
		v->seal_line = sv.seal_line;
		v->seals = sv.seals;
		rc = 0;
		goto out;
	}
	if (audit_verify_from(path, sl.starts, sl.nstarts, check_link, &w,
	    v) == -1)
		goto out;
	v->seals = sv.seals;
	judge_log(&sl, &w, c->now, v);
	rc = 0;
out:
	saved = errno;
	free(sl.v);
	free(sl.starts);
	errno = saved;
	return rc;
}
