#include "juki/i18n.h"
#include "juki/protocol.h"
#include "print-labels.h"

#define FORM_ROW(name, roles, subject, title) { name, title },

const struct label print_states[] = { PRINT_STATES(LABEL_ROW) LABELS_END };
const struct label print_forms[] = { PRINT_FORMS(FORM_ROW) LABELS_END };

const struct label print_events[] = {
	{ "issued", N_("帳票番号の発行") },
	{ "printed", N_("印刷") },
	{ "not-printed", N_("印刷されず") },
	{ "handed-over", N_("交付") },
	{ "stored", N_("保管") },
	{ "destroyed", N_("廃棄") },
	{ "reprint-asked", N_("再印刷の申請") },
	{ "reprint-approved", N_("再印刷の承認") },
	{ "reprinted", N_("再印刷") },
	LABELS_END
};

const struct label print_reprints[] = {
	{ "awaiting-approval", N_("再印刷の承認待ち") },
	{ "approved", N_("再印刷を承認済み") },
	LABELS_END
};
