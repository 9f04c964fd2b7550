/*
 * What a form is about must be there before a serial is issued for it:
 * a disclosure's notices wait for its decision, a correction's receipt
 * for the correction.  The ledger knows forms and subjects only as
 * names; this is where they meet the disclosures file.
 */
#include <string.h>

#include "server.h"

/* A disclosure decided (or notified since): its notice and its 提供状況
 * may be printed. */
static int
decided_request(struct request *rq, const char *no)
{
	struct disclosure_request r;
	int rc = disclosures_get(rq->srv->disclosures, no, &r), ready;

	ready = rc == 0 && disclosure_decided(&r);
	explicit_bzero(&r, sizeof r);
	if (rc != 0)
		reply_error(rq, rc > 0 ? E_NO_REQUEST : E_INTERNAL,
		    rc > 0 ? "subject" : "disclosures");
	else if (!ready)
		reply_error(rq, E_STATE, "subject");
	return rc == 0 && ready ? 0 : -1;
}

static int
registered_correction(struct request *rq, const char *no)
{
	int rc = disclosures_correction_known(rq->srv->disclosures, no);

	if (rc < 0)
		reply_error(rq, E_INTERNAL, "disclosures");
	else if (rc == 0)
		reply_error(rq, E_NO_CORRECTION, "subject");
	return rc > 0 ? 0 : -1;
}

static const struct {
	const char *form;
	int (*ready)(struct request *, const char *);
} subjects[] = {
	{ "disclosure", decided_request },
	{ "provisions", decided_request },
	{ "correction", registered_correction },
};

int
print_subject_ready(struct request *rq, const char *form,
    const char *subject)
{
	for (size_t i = 0; i < sizeof subjects / sizeof subjects[0]; i++)
		if (strcmp(subjects[i].form, form) == 0)
			return subjects[i].ready(rq, subject);
	return 0;
}
