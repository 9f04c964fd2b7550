#include <stdio.h>
#include <string.h>

#include "alert-labels.h"
#include "audit-labels.h"
#include "juki/i18n.h"
#include "juki/protocol.h"
#include "net.h"

const struct label alert_rule_labels[] = {
	ALERT_RULES(LABEL_ROW) LABELS_END
};

int
alert_acknowledged(const json_t *alert)
{
	return *json_text(alert, "acknowledged_by") != '\0';
}

void
alert_describe(const json_t *alert, char *out, size_t outsz)
{
	const char *rule = json_text(alert, "rule");
	const char *detail = json_text(alert, "detail");
	int count = (int)json_number(alert, "count");
	int minutes = (int)json_number(alert, "minutes");

	/* A login, an unlock or a provision: each an audited action. */
	if (strcmp(rule, "off-hours") == 0)
		snprintf(out, outsz, "%s", label_of(audit_actions, detail));
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
