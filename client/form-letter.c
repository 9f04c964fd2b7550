#include <stdio.h>
#include <string.h>

#include "form-letter.h"
#include "juki/i18n.h"
#include "net.h"

static void
addressee(struct form_lines *f, const json_t *request)
{
	if (strcmp(json_text(request, "requester"), "representative") == 0)
		form_lines_textf(f, _("%s 様 (%s の法定代理人)"),
		    json_text(request, "representative"),
		    json_text(request, "name"));
	else
		form_lines_textf(f, _("%s 様"), json_text(request, "name"));
}

void
form_letter_head(struct form_lines *f, const json_t *request,
    const char *authority, const struct jdate *today)
{
	char date[64];

	form_lines_heading(f, _(f->title));
	if (jdate_format_wareki(today, date, sizeof date) != 0)
		f->failed = 1;
	form_lines_textf(f, _("発行日 %s"), date);
	form_lines_gap(f);
	addressee(f, request);
	form_lines_gap(f);
	if (*authority != '\0') {
		form_lines_text(f, authority);
		form_lines_gap(f);
	}
}

void
form_letter_request(const json_t *request, char *out, size_t outsz)
{
	char received[64];

	form_wareki_of_time(json_text(request, "received_at"), received,
	    sizeof received);
	snprintf(out, outsz, _("%s付けで受け付けた本人確認情報開示請求 (受付"
	    "番号 %s)"), received, json_text(request, "request_no"));
}
