/*
 * The 提供状況 as Gifu's form lists it: 提供年月日, 機能区分, 利用事由 (the
 * 事務), 提供元, 提供先 and the items provided, one row a provision, oldest
 * first, over the period the log is kept for.
 */
#include <stdio.h>
#include <string.h>

#include "disclosure-labels.h"
#include "form-provisions.h"
#include "juki/i18n.h"
#include "juki/protocol.h"
#include "local-time.h"
#include "net.h"

/* 提供年月日, 機能区分, 利用事由, 提供元, 提供先, 提供した情報. */
static const double widths[] = { 40, 28, 28, 24, 20, 40 };

/* "令和8年11月23日 18:15": a server time, local, in 和暦. */
static void
when(const char *utc, char *out, size_t outsz)
{
	char local[32], date[64];

	local_time(utc, local, sizeof local);
	if (strlen(local) != JDATE_ISO_LEN + 6) {
		snprintf(out, outsz, "%s", local);
		return;
	}
	local[JDATE_ISO_LEN] = '\0';
	form_wareki(local, date, sizeof date);
	snprintf(out, outsz, "%s %s", date, local + JDATE_ISO_LEN + 1);
}

/* From the same day DISCLOSURE_YEARS years ago (28 February for 29) to
 * today. */
static void
period(struct form_lines *f, const struct jdate *today)
{
	struct jdate from = *today;
	char a[64], b[64];

	from.year -= DISCLOSURE_YEARS;
	if (!jdate_valid(&from))
		from.day--;
	if (jdate_format_wareki(&from, a, sizeof a) != 0 ||
	    jdate_format_wareki(today, b, sizeof b) != 0)
		f->failed = 1;
	form_lines_textf(f, _("対象期間: %s から %s まで"), a, b);
}

static void
row(struct form_lines *f, const json_t *p)
{
	char at[96], source[192], items[512];
	const char *jimu = json_text(p, "jimu_name");
	const char *cells[] = { at, label_of(provision_kinds, json_text(p,
	    "kind")), *jimu != '\0' ? jimu : "―", source,
	    json_text(p, "recipient"), items };

	when(json_text(p, "time"), at, sizeof at);
	/* The terminal it went out at, once: a source may name it. */
	if (strstr(json_text(p, "source"), json_text(p, "terminal_id")) !=
	    NULL)
		snprintf(source, sizeof source, "%s", json_text(p, "source"));
	else
		snprintf(source, sizeof source, "%s (%s)", json_text(p,
		    "source"), json_text(p, "terminal_id"));
	labels_join(json_object_get(p, "items"), resident_items, items,
	    sizeof items);
	form_lines_row(f, cells, widths, 6, 0);
}

int
form_provisions_build(struct form_lines *f, const json_t *answer,
    const char *authority, const struct jdate *today)
{
	const json_t *request = json_object_get(answer, "request");
	const json_t *list = json_object_get(answer, "provisions");
	const char *head[] = { _("提供年月日"), _("機能区分"),
	    _("利用事由 (事務)"), _("提供元"), _("提供先"), _("提供した情報") };
	const json_t *p;
	char which[256];
	size_t i;

	f->title = N_("本人確認情報提供状況開示通知書");
	if (!json_is_object(request) || !json_is_array(list))
		return -1;
	form_letter_head(f, request, authority, today);
	form_letter_request(request, which, sizeof which);
	form_lines_textf(f, _("%sについて、あなたの本人確認情報の提供状況を"
	    "次のとおりお知らせします。"), which);
	period(f, today);
	form_lines_gap(f);
	if (json_array_size(list) == 0)
		form_lines_text(f, _("該当なし"));
	else {
		form_lines_row(f, head, widths, 6, 1);
		json_array_foreach(list, i, p)
			row(f, p);
		form_lines_gap(f);
		form_lines_textf(f, _("以上 %zu 件"), json_array_size(list));
	}
	return f->failed ? -1 : 0;
}
