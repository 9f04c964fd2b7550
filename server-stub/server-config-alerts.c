/*
 * The "alerts" settings of the server's configuration (protocol.h,
 * "Alerts"): business hours, weekends, the holiday calendar, the numbers
 * of the counting rules, and the file alerts are kept in.  Each may be
 * left out for its default (alert_rules_defaults); what is given is
 * checked, and the calendar read whole, before the server starts: a
 * calendar that cannot be read would have every holiday pass unseen.
 */
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libconfig.h>

#include "juki/i18n.h"
#include "server-config.h"
#include "server-config-parts.h"

/* One line of the calendar: 1 with *date set, 0 for nothing (a
 * comment, a blank line), -1 when it is not a date. */
static int
calendar_line(char *line, int *date)
{
	char *end;

	line[strcspn(line, "#\r\n")] = '\0';
	line += strspn(line, " \t");
	end = line + strlen(line);
	while (end > line && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	if (*line == '\0')
		return 0;
	return (*date = alert_rules_date(line)) < 0 ? -1 : 1;
}

/* The holidays of the file at path, one "YYYY-MM-DD" a line, ascending
 * and each once, into cfg->alerts. */
static int
read_calendar(const char *path, struct alert_rules_config *a, char *err,
    size_t errsz)
{
	char *line = NULL;
	size_t cap = 0;
	long lineno = 0;
	int rc = 0, date;
	FILE *f;

	if ((f = fopen(path, "re")) == NULL) {
		snprintf(err, errsz, _("%s: 休日の一覧を開けません"), path);
		return -1;
	}
	a->nholidays = 0;
	while (rc == 0 && getline(&line, &cap, f) != -1) {
		lineno++;
		switch (calendar_line(line, &date)) {
		case 0:
			break;
		case 1:
			if (a->nholidays < ALERT_HOLIDAYS_MAX) {
				a->holidays[a->nholidays++] = date;
				break;
			}
			snprintf(err, errsz, _("%s:%ld: 休日は %d 日までです"),
			    path, lineno, ALERT_HOLIDAYS_MAX);
			rc = -1;
			break;
		default:
			snprintf(err, errsz, _("%s:%ld: 日付 (YYYY-MM-DD) では"
			    "ありません"), path, lineno);
			rc = -1;
		}
	}
	if (rc == 0 && ferror(f)) {
		snprintf(err, errsz, _("%s: 休日の一覧を読めません"), path);
		rc = -1;
	}
	free(line);
	fclose(f);
	alert_rules_holidays_sort(a);
	return rc;
}

/* alerts_db, or alerts.db beside the operators' file. */
static int
alerts_file(config_t *c, const char *base, struct server_config *cfg,
    char *err, size_t errsz)
{
	char dir[CONFIG_PATH_MAX];
	const char *v;

	if (config_lookup_string(c, "alerts_db", &v))
		return path_value("alerts_db", v, base, cfg->alerts_db, err,
		    errsz);
	memcpy(dir, cfg->operators, sizeof dir);
	return path_value("alerts_db", "alerts.db", dirname(dir),
	    cfg->alerts_db, err, errsz);
}

int
server_config_alerts(config_t *c, const char *base,
    struct server_config *cfg, char *err, size_t errsz)
{
	struct alert_rules_config *a = &cfg->alerts;
	char path[CONFIG_PATH_MAX];
	const char *v;
	int weekends;

	alert_rules_defaults(a);
	if (config_lookup_string(c, "alerts.business_hours", &v) &&
	    alert_rules_hours(v, a) != 0) {
		snprintf(err, errsz, _("alerts.business_hours は \"08:30-17:15\""
		    " のように始まりと終わりを書きます (始まりが先)"));
		return -1;
	}
	if (config_lookup_bool(c, "alerts.weekends", &weekends))
		a->weekends = weekends;
	if (int_setting(c, "alerts.login_failures.count", 1, ALERT_COUNT_MAX,
	    &a->failures, err, errsz) != 0 ||
	    int_setting(c, "alerts.login_failures.minutes", 1, ALERT_MINUTES_MAX,
	    &a->failure_minutes, err, errsz) != 0 ||
	    int_setting(c, "alerts.many_residents.count", 1, ALERT_COUNT_MAX,
	    &a->residents, err, errsz) != 0 ||
	    int_setting(c, "alerts.many_residents.minutes", 1, ALERT_MINUTES_MAX,
	    &a->resident_minutes, err, errsz) != 0)
		return -1;
	path[0] = '\0';
	if (path_setting(c, "alerts.calendar", base, path, "", err,
	    errsz) != 0 || (path[0] != '\0' && read_calendar(path, a, err,
	    errsz) != 0))
		return -1;
	return alerts_file(c, base, cfg, err, errsz);
}
