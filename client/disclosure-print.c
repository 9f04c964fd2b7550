#include <stdio.h>
#include <string.h>

#include "app.h"
#include "disclosure-print.h"
#include "form-correction.h"
#include "juki/i18n.h"
#include "juki/utf8.h"
#include "print.h"

static int
body(struct app *a, struct printout *p, void *arg)
{
	const struct form_lines *lines = arg;

	(void)a;
	form_lines_print(lines, p);
	return 0;
}

int
disclosure_print(struct app *a, const char *form, const char *subject,
    const struct form_lines *lines, const char *reason)
{
	if (lines->failed || lines->n == 0) {
		app_message(a, 1, _("帳票を作成できませんでした"));
		return -1;
	}
	return print_form(a, form, subject, _(lines->title), reason, body,
	    (void *)lines);
}

int
disclosure_print_receipt(struct app *a, const json_t *correction,
    const char *reason)
{
	struct form_lines lines = { 0 };
	struct jdate today;
	int rc = -1;

	form_today(&today);
	if (form_correction_build(&lines, correction, a->disc.request,
	    disclosure_authority(a, correction), &today) != 0)
		app_message(a, 1, _("帳票を作成できませんでした"));
	else
		rc = disclosure_print(a, "correction", json_text(correction,
		    "correction_no"), &lines, reason);
	form_lines_free(&lines);
	return rc;
}

const char *
disclosure_authority(struct app *a, const json_t *answer)
{
	if (*json_text(answer, "authority") != '\0')
		utf8_sanitize(a->disc.authority, sizeof a->disc.authority,
		    json_text(answer, "authority"));
	return a->disc.authority;
}
