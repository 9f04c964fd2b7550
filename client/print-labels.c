#include <string.h>

#include "juki/i18n.h"
#include "juki/protocol.h"
#include "print-labels.h"

#define NAME_ROW(name, label) name,
#define LABEL_ROW(name, label) label,
#define FORM_NAME(name, roles, subject, title) name,
#define FORM_TITLE(name, roles, subject, title) title,

const char *const print_states[] = { PRINT_STATES(NAME_ROW) NULL };
static const char *const state_labels[] = { PRINT_STATES(LABEL_ROW) };

const char *const print_forms[] = { PRINT_FORMS(FORM_NAME) NULL };
static const char *const form_titles[] = { PRINT_FORMS(FORM_TITLE) };

static const char *
label_of(const char *const *names, const char *const *labels,
    const char *code)
{
	for (int i = 0; names[i] != NULL; i++)
		if (strcmp(names[i], code) == 0)
			return _(labels[i]);
	return code;
}

const char *
print_state_label(const char *state)
{
	return label_of(print_states, state_labels, state);
}

const char *
print_form_title(const char *form)
{
	return label_of(print_forms, form_titles, form);
}

static const char *const event_names[] = {
	"issued", "printed", "not-printed", "handed-over", "stored",
	"destroyed", "reprint-asked", "reprint-approved", "reprinted", NULL
};
static const char *const event_labels[] = {
	N_("帳票番号の発行"), N_("印刷"), N_("印刷されず"), N_("交付"),
	N_("保管"), N_("廃棄"), N_("再印刷の申請"), N_("再印刷の承認"),
	N_("再印刷"),
};

const char *
print_event_label(const char *action)
{
	return label_of(event_names, event_labels, action);
}

static const char *const reprint_names[] = {
	"awaiting-approval", "approved", NULL
};
static const char *const reprint_labels[] = {
	N_("再印刷の承認待ち"), N_("再印刷を承認済み"),
};

const char *
print_reprint_label(const char *reprint)
{
	return label_of(reprint_names, reprint_labels, reprint);
}
