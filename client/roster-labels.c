#include <string.h>

#include "juki/i18n.h"
#include "juki/protocol.h"
#include "roster-labels.h"

#define NAME_ROW(name, label) name,
#define LABEL_ROW(name, label) label,

const char *const roster_states[] = { OPERATOR_STATES(NAME_ROW) NULL };
static const char *const state_labels[] = { OPERATOR_STATES(LABEL_ROW) };

const char *const roster_fingers[] = { FINGERS(NAME_ROW) NULL };
static const char *const finger_labels[] = { FINGERS(LABEL_ROW) };

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
roster_state_label(const char *state)
{
	return label_of(roster_states, state_labels, state);
}

const char *
roster_finger_label(const char *finger)
{
	return label_of(roster_fingers, finger_labels, finger);
}

static const char *const event_names[] = {
	"application", "approval", "issue", "enrol", "pin", "unlock", "lock",
	"suspend", "resume", "roles", "validity", "revoke", NULL
};
static const char *const event_labels[] = {
	N_("付与申請"), N_("承認"), N_("照合ID発行"), N_("指紋登録"),
	N_("暗証番号発行"), N_("ロック解除"), N_("ロック"), N_("利用停止"),
	N_("利用再開"), N_("役割変更"), N_("有効期限変更"), N_("無効化"),
};

const char *
roster_event_label(const char *action)
{
	return label_of(event_names, event_labels, action);
}
