/*
 * juki-audit-fill LOG SEALS KEY COUNT: appends COUNT entries to the audit
 * log LOG through the server's own audit code, sealed with the key KEY in
 * SEALS as the server seals (at open and at close), to make a large log
 * quickly for the tool tests.  Entries carry the time of the clock it runs
 * under: under libfaketime they are as old as the test needs.  Exits 0,
 * or 1 after saying why.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit-seal.h"
#include "juki/i18n.h"

static int
fill(struct audit *a, long count)
{
	struct audit_entry e;

	for (long i = 0; i < count; i++) {
		memset(&e, 0, sizeof e);
		snprintf(e.operator_id, sizeof e.operator_id, "C%04ld",
		    i % 7 + 1);
		snprintf(e.terminal_id, sizeof e.terminal_id, "T%04ld",
		    i % 3 + 1);
		snprintf(e.action, sizeof e.action, "lookup.code");
		snprintf(e.target, sizeof e.target, "%011ld",
		    10000000000L + i);
		snprintf(e.jimu, sizeof e.jimu, "KAIJI");
		snprintf(e.result, sizeof e.result, i % 11 == 0 ? "refused" :
		    "ok");
		snprintf(e.items, sizeof e.items, "code,name,address");
		if (audit_append(a, &e) != 0)
			return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct audit_seals *s = NULL;
	struct seal_key *k;
	struct audit *a = NULL;
	const char *reason = "";
	char err[512], *end;
	long count;
	int rc = 1;

	if (argc != 5 || (count = strtol(argv[4], &end, 10)) < 0 ||
	    *end != '\0') {
		fprintf(stderr, "usage: juki-audit-fill LOG SEALS KEY COUNT\n");
		return 2;
	}
	if ((k = seal_key_load(argv[3], err, sizeof err)) == NULL) {
		fprintf(stderr, "juki-audit-fill: %s\n", err);
		return 1;
	}
	if (audit_open(argv[1], &a, NULL, &reason) != 0 ||
	    audit_seals_open(argv[2], k, 300, a, 0, &s, NULL, &reason) != 0 ||
	    audit_seals_write(s, a, 1) != 0)
		fprintf(stderr, "juki-audit-fill: %s\n", reason);
	else if (fill(a, count) != 0 || audit_seals_write(s, a, 0) != 0)
		fprintf(stderr, "juki-audit-fill: cannot append or seal\n");
	else
		rc = 0;
	audit_seals_close(s);
	audit_close(a);
	seal_key_free(k);
	return rc;
}
