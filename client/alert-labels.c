#include <stdio.h>
#include <string.h>

#include "alert-labels.h"
#include "disclosure-labels.h"
#include "juki/i18n.h"
#include "juki/protocol.h"
#include "net.h"


const struct label alert_rule_labels[] = {
	ALERT_RULES(LABEL_ROW) LABELS_END
};

/* The logins an off-hours alert may be about; provisions are named as
 * the 提供状況 names them. */
static const struct label logins[] = {
	{ "login", N_("ログイン") },
	{ "session.unlock", N_("ロックの解除") },
	LABELS_END
};

static int
number(const json_t *alert, const char *key)
{
	return (int)json_number(alert, key);
}

void
alert_describe(const json_t *alert, char *out, size_t outsz)
{
	const char *rule = json_text(alert, "rule");
	const char *detail = json_text(alert, "detail");
	int count = number(alert, "count"), minutes = number(alert, "minutes");

	if (strcmp(rule, "off-hours") == 0)
		snprintf(out, outsz, "%s", strcmp(label_of(logins, detail),
		    detail) != 0 ? label_of(logins, detail) :
		    label_of(provision_kinds, detail));
	else if (strcmp(rule, "login-failures") == 0)
		snprintf(out, outsz, strcmp(detail, "terminal") == 0 ?
		    _("同じ端末から %d 分以内に %d 回ログインを拒否") :
		    _("同じ照合IDで %d 分以内に %d 回ログインを拒否"), minutes,
		    count);
	else if (strcmp(rule, "many-residents") == 0)
		snprintf(out, outsz, _("%d 分以内に %d 人の住民を照会"), minutes,
		    count);
	else
		snprintf(out, outsz, "%s", detail);
}
