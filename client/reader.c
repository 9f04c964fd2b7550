#include <stdlib.h>
#include <string.h>

#include <fprint.h>

#include "juki/i18n.h"
#include "reader.h"

/* How often the waiting loop wakes to call poll, in milliseconds. */
#define TICK_MS 20

struct reader {
	FpContext *ctx;
	FpDevice *dev;		/* open, or NULL */
};

/* What a callback leaves for the waiting loop. */
struct op {
	int done;
	int progressed;		/* an enrolment stage since the last look */
	gboolean match;
	FpPrint *made;		/* the enrolled print */
	GError *error;
	const struct reader_wait *w;
};

/* GLib and libfprint would write their warnings over the screen. */
static GLogWriterOutput
quiet(GLogLevelFlags level, const GLogField *fields, gsize n, gpointer arg)
{
	(void)level;
	(void)fields;
	(void)n;
	(void)arg;
	return G_LOG_WRITER_HANDLED;
}

static void
drop_device(struct reader *r)
{
	if (r->dev == NULL)
		return;
	if (fp_device_is_open(r->dev))
		fp_device_close_sync(r->dev, NULL, NULL);
	g_object_unref(r->dev);
	r->dev = NULL;
}

void
reader_free(struct reader *r)
{
	if (r == NULL)
		return;
	drop_device(r);
	g_object_unref(r->ctx);
	free(r);
}

/*
 * Opens the first reader libfprint finds, now: once the terminal runs
 * sandboxed it could not open a device file.  A reader plugged in later
 * is used after a restart.
 */
static void
open_device(struct reader *r)
{
	GPtrArray *devices = fp_context_get_devices(r->ctx);
	FpDevice *dev;

	if (devices == NULL || devices->len == 0)
		return;
	dev = g_object_ref(g_ptr_array_index(devices, 0));
	if (!fp_device_open_sync(dev, NULL, NULL)) {
		g_object_unref(dev);
		return;
	}
	r->dev = dev;
}

struct reader *
reader_new(void)
{
	struct reader *r = calloc(1, sizeof *r);

	if (r == NULL)
		return NULL;
	g_log_set_writer_func(quiet, NULL, NULL);
	if ((r->ctx = fp_context_new()) == NULL) {
		free(r);
		return NULL;
	}
	open_device(r);
	return r;
}

static gboolean
tick(gpointer arg)
{
	(void)arg;
	return G_SOURCE_CONTINUE;
}

/*
 * Runs the main context until the operation's callback has run, cancelling
 * it when poll asks or the time is up.  1 if it timed out, else 0.
 */
static int
wait_for(struct op *op, GCancellable *cancel, const struct reader_wait *w)
{
	gint64 deadline, step = (gint64)w->timeout_s * G_USEC_PER_SEC;
	guint ticker = g_timeout_add(TICK_MS, tick, NULL);
	int timed_out = 0;

	deadline = g_get_monotonic_time() + step;
	while (!op->done) {
		g_main_context_iteration(NULL, TRUE);
		if (op->done || g_cancellable_is_cancelled(cancel))
			continue;
		if (op->progressed) {
			op->progressed = 0;
			deadline = g_get_monotonic_time() + step;
		}
		if (w->poll != NULL && w->poll(w->arg) != 0)
			g_cancellable_cancel(cancel);
		else if (g_get_monotonic_time() >= deadline) {
			timed_out = 1;
			g_cancellable_cancel(cancel);
		}
	}
	g_source_remove(ticker);
	return timed_out;
}

static enum reader_result
classify(struct reader *r, const GError *e, int timed_out,
    enum reader_retry *retry)
{
	if (g_error_matches(e, G_IO_ERROR, G_IO_ERROR_CANCELLED))
		return timed_out ? READER_TIMEOUT : READER_CANCELLED;
	if (e->domain == FP_DEVICE_RETRY) {
		switch (e->code) {
		case FP_DEVICE_RETRY_TOO_SHORT:
			*retry = READER_RETRY_TOO_SHORT;
			break;
		case FP_DEVICE_RETRY_CENTER_FINGER:
			*retry = READER_RETRY_CENTER;
			break;
		case FP_DEVICE_RETRY_REMOVE_FINGER:
			*retry = READER_RETRY_REMOVE;
			break;
		default:
			*retry = READER_RETRY_GENERAL;
		}
		return READER_RETRY;
	}
	if (g_error_matches(e, FP_DEVICE_ERROR, FP_DEVICE_ERROR_REMOVED)) {
		/* Gone: until a restart finds it again. */
		drop_device(r);
		return READER_REMOVED;
	}
	if (g_error_matches(e, FP_DEVICE_ERROR, FP_DEVICE_ERROR_DATA_INVALID))
		return READER_BAD_PRINT;
	return READER_ERROR;
}

static void
verified(GObject *source, GAsyncResult *res, gpointer arg)
{
	struct op *op = arg;

	if (!fp_device_verify_finish(FP_DEVICE(source), res, &op->match, NULL,
	    &op->error))
		op->match = FALSE;
	op->done = 1;
}

enum reader_result
reader_verify(struct reader *r, const unsigned char *print, size_t len,
    const struct reader_wait *w, enum reader_retry *retry)
{
	struct op op = { .w = w };
	enum reader_result res;
	GCancellable *cancel;
	FpPrint *enrolled;
	int timed_out;

	if (r->dev == NULL)
		return READER_NONE;
	if ((enrolled = fp_print_deserialize(print, len, NULL)) == NULL)
		return READER_BAD_PRINT;
	cancel = g_cancellable_new();
	fp_device_verify(r->dev, enrolled, cancel, NULL, NULL, NULL, verified,
	    &op);
	timed_out = wait_for(&op, cancel, w);
	if (op.error != NULL)
		res = classify(r, op.error, timed_out, retry);
	else
		res = op.match ? READER_MATCH : READER_NO_MATCH;
	g_clear_error(&op.error);
	g_object_unref(cancel);
	g_object_unref(enrolled);
	return res;
}

static void
stage_done(FpDevice *dev, gint completed, FpPrint *print, gpointer arg,
    GError *error)
{
	struct op *op = arg;

	(void)print;
	op->progressed = 1;
	if (error == NULL && op->w->stage != NULL)
		op->w->stage(op->w->arg, completed,
		    fp_device_get_nr_enroll_stages(dev));
	g_clear_error(&error);
}

static void
enrolled(GObject *source, GAsyncResult *res, gpointer arg)
{
	struct op *op = arg;

	op->made = fp_device_enroll_finish(FP_DEVICE(source), res, &op->error);
	op->done = 1;
}

static enum reader_result
serialise(FpPrint *made, unsigned char **print, size_t *len)
{
	guchar *data = NULL;
	gsize n = 0;

	if (!fp_print_serialize(made, &data, &n, NULL))
		return READER_ERROR;
	*print = data;
	*len = n;
	return READER_ENROLLED;
}

enum reader_result
reader_enroll(struct reader *r, const char *username,
    const struct reader_wait *w, unsigned char **print, size_t *len)
{
	struct op op = { .w = w };
	enum reader_retry ignored;
	enum reader_result res;
	GCancellable *cancel;
	FpPrint *template;
	int timed_out;

	*print = NULL;
	*len = 0;
	if (r->dev == NULL)
		return READER_NONE;
	template = fp_print_new(r->dev);
	fp_print_set_username(template, username);
	fp_print_set_finger(template, FP_FINGER_UNKNOWN);
	cancel = g_cancellable_new();
	/* Takes the template over. */
	fp_device_enroll(r->dev, template, cancel, stage_done, &op, NULL,
	    enrolled, &op);
	timed_out = wait_for(&op, cancel, w);
	if (op.error != NULL)
		res = classify(r, op.error, timed_out, &ignored);
	else
		res = serialise(op.made, print, len);
	g_clear_error(&op.error);
	g_clear_object(&op.made);
	g_object_unref(cancel);
	return res;
}

void
reader_free_print(unsigned char *print, size_t len)
{
	if (print == NULL)
		return;
	explicit_bzero(print, len);
	g_free(print);
}

int
reader_is_virtual(const struct reader *r)
{
	return r != NULL && r->dev != NULL &&
	    strcmp(fp_device_get_driver(r->dev), "virtual_device") == 0;
}

const char *
reader_message(enum reader_result res, enum reader_retry retry)
{
	static const char *const retries[] = {
		[READER_RETRY_GENERAL] = N_("うまく読み取れませんでした。"
		    "もう一度指を置いてください"),
		[READER_RETRY_TOO_SHORT] = N_("指を置いた時間が短すぎます。"
		    "もう一度置いてください"),
		[READER_RETRY_CENTER] = N_("指を読み取り面の中央に置いてください"),
		[READER_RETRY_REMOVE] = N_("いったん指を離してから、もう一度"
		    "置いてください"),
	};

	switch (res) {
	case READER_MATCH:
		return _("指紋が一致しました");
	case READER_NO_MATCH:
		return _("指紋が一致しません");
	case READER_ENROLLED:
		return _("指紋を登録しました");
	case READER_RETRY:
		return _(retries[retry]);
	case READER_NONE:
		return _("指紋読み取り装置が接続されていません。接続してから"
		    "端末を起動し直してください");
	case READER_REMOVED:
		return _("指紋読み取り装置が取り外されました。接続を確認して"
		    "ください");
	case READER_TIMEOUT:
		return _("時間内に指が置かれませんでした");
	case READER_CANCELLED:
		return _("読み取りを取り消しました");
	case READER_BAD_PRINT:
		return _("登録されている照合情報をこの読み取り装置で使えません。"
		    "管理者に連絡してください");
	default:
		return _("指紋読み取り装置でエラーが起きました");
	}
}
