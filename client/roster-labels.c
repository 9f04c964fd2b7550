#include "juki/i18n.h"
#include "juki/protocol.h"
#include "roster-labels.h"

const struct label roster_states[] = {
	OPERATOR_STATES(LABEL_ROW) LABELS_END
};
const struct label roster_fingers[] = { FINGERS(LABEL_ROW) LABELS_END };

const struct label roster_events[] = {
	{ "application", N_("付与申請") },
	{ "approval", N_("承認") },
	{ "issue", N_("照合ID発行") },
	{ "enrol", N_("指紋登録") },
	{ "pin", N_("暗証番号発行") },
	{ "unlock", N_("ロック解除") },
	{ "lock", N_("ロック") },
	{ "suspend", N_("利用停止") },
	{ "resume", N_("利用再開") },
	{ "roles", N_("役割変更") },
	{ "validity", N_("有効期限変更") },
	{ "revoke", N_("無効化") },
	LABELS_END
};

const struct label application_states[] = {
	{ "awaiting-approval", N_("承認待ち") },
	{ "approved", N_("承認済み") },
	LABELS_END
};
