#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <curl/curl.h>

#include "juki/utf8.h"
#include "net.h"
#include "wipe-buffer.h"

/* Larger than any answer of the protocol: more is garbage, not data. */
#define MAX_REPLY (1024 * 1024)

struct net {
	const struct term_config *cfg;
	CURL *curl;
	char auth[128];		/* "Authorization: Bearer …" */
	int (*poll)(void *arg);
	void *poll_arg;
};

struct buffer {
	struct wipe_buffer w;	/* the answer may hold resident data */
	int overflow;
};

struct net *
net_new(const struct term_config *cfg)
{
	struct net *n = calloc(1, sizeof *n);

	if (n == NULL)
		return NULL;
	(void)mlock(n->auth, sizeof n->auth);	/* the session's token */
	n->cfg = cfg;
	if ((n->curl = curl_easy_init()) == NULL) {
		free(n);
		return NULL;
	}
	return n;
}

void
net_free(struct net *n)
{
	if (n == NULL)
		return;
	curl_easy_cleanup(n->curl);
	explicit_bzero(n->auth, sizeof n->auth);
	free(n);
}

void
net_set_poll(struct net *n, int (*poll)(void *arg), void *arg)
{
	n->poll = poll;
	n->poll_arg = arg;
}

static int
progress(void *arg, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
    curl_off_t ulnow)
{
	struct net *n = arg;

	(void)dltotal;
	(void)dlnow;
	(void)ultotal;
	(void)ulnow;
	return n->poll != NULL && n->poll(n->poll_arg) != 0;
}

void
net_set_token(struct net *n, const char *token)
{
	explicit_bzero(n->auth, sizeof n->auth);
	if (token != NULL)
		snprintf(n->auth, sizeof n->auth, "Authorization: Bearer %s",
		    token);
}

static size_t
collect(char *p, size_t size, size_t count, void *arg)
{
	struct buffer *b = arg;
	size_t n = size * count;

	if (b->overflow || b->w.len + n + 1 > MAX_REPLY) {
		b->overflow = 1;
		return 0;	/* stop the transfer */
	}
	return wipe_buffer_append(&b->w, p, n) == 0 ? n : 0;
}

static void
configure(struct net *n, const char *url, struct curl_slist *headers,
    struct buffer *b)
{
	const struct term_config *c = n->cfg;
	CURL *h = n->curl;

	curl_easy_reset(h);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https");
	curl_easy_setopt(h, CURLOPT_SSLVERSION,
	    (long)(CURL_SSLVERSION_TLSv1_3 | CURL_SSLVERSION_MAX_DEFAULT));
	curl_easy_setopt(h, CURLOPT_SSLCERT, c->certificate);
	curl_easy_setopt(h, CURLOPT_SSLKEY, c->key);
	curl_easy_setopt(h, CURLOPT_CAINFO, c->ca);
	curl_easy_setopt(h, CURLOPT_CAPATH, NULL);
	if (c->pinned_key[0] != '\0')
		curl_easy_setopt(h, CURLOPT_PINNEDPUBLICKEY, c->pinned_key);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, (long)c->connect_timeout);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)c->request_timeout);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, b);
	curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, progress);
	curl_easy_setopt(h, CURLOPT_XFERINFODATA, n);
	curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
}

static enum net_status
transport_status(CURLcode rc)
{
	switch (rc) {
	case CURLE_OPERATION_TIMEDOUT:
		return NET_TIMEOUT;
	case CURLE_ABORTED_BY_CALLBACK:
		return NET_CANCELLED;
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_GOT_NOTHING:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
		return NET_DOWN;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
		return NET_TLS;
	default:
		return NET_GARBAGE;
	}
}

/* Reads the protocol's answer: an object, with an error for a refusal. */
static void
parse(struct buffer *b, struct net_reply *out)
{
	json_t *err, *ref;

	out->body = b->w.data == NULL ? NULL : json_loadb((char *)b->w.data,
	    b->w.len, 0,
	    NULL);
	if (out->body == NULL || !json_is_object(out->body)) {
		json_wipe(out->body);
		out->body = NULL;
		out->status = NET_GARBAGE;
		return;
	}
	if ((ref = json_object_get(out->body, "audit_ref")) != NULL &&
	    json_is_integer(ref))
		out->audit_ref = json_integer_value(ref);
	if (out->http == 200) {
		out->status = NET_OK;
		return;
	}
	err = json_object_get(out->body, "error");
	if (!json_is_string(json_object_get(err, "code"))) {
		out->status = NET_GARBAGE;
		return;
	}
	out->status = NET_REFUSED;
	utf8_sanitize(out->error, sizeof out->error,
	    json_string_value(json_object_get(err, "code")));
	if (json_is_string(json_object_get(err, "detail")))
		utf8_sanitize(out->detail, sizeof out->detail,
		    json_string_value(json_object_get(err, "detail")));
}

void
net_call(struct net *n, const char *path, json_t *request,
    struct net_reply *out)
{
	struct curl_slist *headers = NULL;
	struct buffer b = { { NULL, 0, 0 }, 0 };
	char url[512], *text = NULL;
	CURLcode rc;

	memset(out, 0, sizeof *out);
	snprintf(url, sizeof url, "%s%s", n->cfg->server_url, path);
	headers = curl_slist_append(headers, "Accept: application/json");
	if (n->auth[0] != '\0')
		headers = curl_slist_append(headers, n->auth);
	if (request != NULL)
		headers = curl_slist_append(headers,
		    "Content-Type: application/json");
	configure(n, url, headers, &b);
	if (request != NULL) {
		text = json_dumps(request, JSON_COMPACT);
		curl_easy_setopt(n->curl, CURLOPT_POSTFIELDS, text);
	}
	rc = curl_easy_perform(n->curl);
	curl_easy_getinfo(n->curl, CURLINFO_RESPONSE_CODE, &out->http);
	if (rc != CURLE_OK)
		out->status = b.overflow ? NET_GARBAGE : transport_status(rc);
	else
		parse(&b, out);
	/* The token header and the request held secrets too. */
	for (struct curl_slist *h = headers; h != NULL; h = h->next)
		explicit_bzero(h->data, strlen(h->data));
	curl_slist_free_all(headers);
	if (text != NULL) {
		explicit_bzero(text, strlen(text));
		free(text);
	}
	wipe_buffer_free(&b.w);
}

const char *
json_text(const json_t *object, const char *key)
{
	const char *s = json_string_value(json_object_get(object, key));

	return s != NULL ? s : "";
}

json_int_t
json_number(const json_t *object, const char *key)
{
	return json_integer_value(json_object_get(object, key));
}

void
net_reply_clear(struct net_reply *r)
{
	json_wipe(r->body);
	explicit_bzero(r, sizeof *r);
}
