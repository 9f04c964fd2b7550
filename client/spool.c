#include <string.h>
#include <time.h>

#include <cups/cups.h>

#include "juki/i18n.h"
#include "juki/monotonic.h"
#include "spool.h"

#define CHUNK 8192
#define POLL_MS 200

static enum spool_result
refusal(void)
{
	switch (cupsLastError()) {
	case IPP_STATUS_ERROR_NOT_FOUND:
	case IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS:
	case IPP_STATUS_ERROR_NOT_POSSIBLE:
		return SPOOL_NO_PRINTER;
	case IPP_STATUS_ERROR_SERVICE_UNAVAILABLE:
	case IPP_STATUS_ERROR_INTERNAL:
		return SPOOL_UNREACHABLE;
	default:
		return SPOOL_FAILED;
	}
}

static enum spool_result
send_document(http_t *http, const char *queue, int job, const char *title,
    const unsigned char *pdf, size_t len)
{
	if (cupsStartDocument(http, queue, job, title, CUPS_FORMAT_PDF, 1) !=
	    HTTP_STATUS_CONTINUE)
		return refusal();
	for (size_t off = 0; off < len; off += CHUNK)
		if (cupsWriteRequestData(http, (const char *)pdf + off,
		    len - off < CHUNK ? len - off : CHUNK) !=
		    HTTP_STATUS_CONTINUE)
			return SPOOL_FAILED;
	return cupsFinishDocument(http, queue) == IPP_STATUS_OK ?
	    SPOOL_PRINTED : refusal();
}

/* The queue's state (IPP_PSTATE_…), or 0 when it cannot be read. */
static int
printer_state(http_t *http, const char *queue)
{
	char uri[HTTP_MAX_URI];
	ipp_t *req = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES), *resp;
	int state = 0;

	httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", NULL,
	    "localhost", 0, "/printers/%s", queue);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL,
	    uri);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD,
	    "requested-attributes", NULL, "printer-state");
	if ((resp = cupsDoRequest(http, req, "/")) != NULL) {
		state = ippGetInteger(ippFindAttribute(resp, "printer-state",
		    IPP_TAG_ENUM), 0);
		ippDelete(resp);
	}
	return state;
}

/* SPOOL_PRINTED when the queue is there and not stopped: a job is not
 * left waiting in a stopped printer, to come out unrecorded later. */
static enum spool_result
check_printer(http_t *http, const char *queue)
{
	int state = printer_state(http, queue);

	if (state == IPP_PSTATE_STOPPED)
		return SPOOL_STOPPED;
	if (state != 0)
		return SPOOL_PRINTED;
	return cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND ?
	    SPOOL_NO_PRINTER : SPOOL_UNREACHABLE;
}

/* The job's state (IPP_JSTATE_…), or 0 when it cannot be found. */
static int
job_state(http_t *http, const char *queue, int job)
{
	cups_job_t *jobs;
	int n = cupsGetJobs2(http, &jobs, queue, 0, CUPS_WHICHJOBS_ALL),
	    state = 0;

	for (int i = 0; i < n; i++)
		if (jobs[i].id == job)
			state = jobs[i].state;
	cupsFreeJobs(n, jobs);
	return state;
}

/* Until the job is done, fails, or the printer stops. */
static enum spool_result
wait_for(http_t *http, const char *queue, int job, const struct spool_wait *w)
{
	time_t until = monotonic_seconds() + w->timeout_s;
	struct timespec tick = { 0, POLL_MS * 1000000L };

	for (;;) {
		int state = job_state(http, queue, job);

		if (state == IPP_JSTATE_COMPLETED)
			return SPOOL_PRINTED;
		if (state == IPP_JSTATE_ABORTED ||
		    state == IPP_JSTATE_CANCELED || state == 0)
			return SPOOL_FAILED;
		if (state == IPP_JSTATE_STOPPED ||
		    printer_state(http, queue) == IPP_PSTATE_STOPPED)
			return SPOOL_STOPPED;
		if (w->poll != NULL && w->poll(w->arg))
			return SPOOL_CANCELLED;
		if (monotonic_seconds() >= until)
			return SPOOL_TIMEOUT;
		nanosleep(&tick, NULL);
	}
}

enum spool_result
spool_pdf(const char *queue, const char *title, const unsigned char *pdf,
    size_t len, const struct spool_wait *w)
{
	http_t *http = httpConnect2(cupsServer(), ippPort(), NULL, AF_UNSPEC,
	    cupsEncryption(), 1, 5000, NULL);
	enum spool_result r;
	int job;

	if (http == NULL)
		return SPOOL_UNREACHABLE;
	if ((r = check_printer(http, queue)) != SPOOL_PRINTED) {
		httpClose(http);
		return r;
	}
	if ((job = cupsCreateJob(http, queue, title, 0, NULL)) == 0) {
		r = refusal();
		httpClose(http);
		return r;
	}
	r = send_document(http, queue, job, title, pdf, len);
	if (r == SPOOL_PRINTED)
		r = wait_for(http, queue, job, w);
	if (r != SPOOL_PRINTED)
		cupsCancelJob2(http, queue, job, 0);
	httpClose(http);
	return r;
}

const char *
spool_message(enum spool_result r)
{
	switch (r) {
	case SPOOL_PRINTED:
		return _("印刷しました。すぐにプリンタから受け取ってください");
	case SPOOL_NO_PRINTER:
		return _("プリンタが見つからないか、印刷を受け付けていません");
	case SPOOL_STOPPED:
		return _("プリンタが停止したため印刷できませんでした。"
		    "印刷を取り消しました");
	case SPOOL_UNREACHABLE:
		return _("印刷システムに接続できません");
	case SPOOL_TIMEOUT:
		return _("時間内に印刷が終わらないため取り消しました");
	case SPOOL_CANCELLED:
		return _("印刷を取り消しました");
	default:
		return _("印刷できませんでした");
	}
}

const char *
spool_result_name(enum spool_result r)
{
	static const char *const names[] = {
		[SPOOL_PRINTED] = "printed",
		[SPOOL_NO_PRINTER] = "no-printer",
		[SPOOL_STOPPED] = "printer-stopped",
		[SPOOL_FAILED] = "failed",
		[SPOOL_UNREACHABLE] = "no-scheduler",
		[SPOOL_TIMEOUT] = "timeout",
		[SPOOL_CANCELLED] = "cancelled",
	};

	return names[r];
}
