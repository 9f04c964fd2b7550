#include "disclosure-labels.h"
#include "juki/i18n.h"
#include "juki/protocol.h"

const struct label disclosure_states[] = {
	DISCLOSURE_STATES(LABEL_ROW) LABELS_END
};
const struct label disclosure_channels[] = {
	DISCLOSURE_CHANNELS(LABEL_ROW) LABELS_END
};
const struct label disclosure_requesters[] = {
	DISCLOSURE_REQUESTERS(LABEL_ROW) LABELS_END
};
const struct label disclosure_notices[] = {
	DISCLOSURE_NOTICES(LABEL_ROW) LABELS_END
};
const struct label id_documents[] = { ID_DOCUMENTS(LABEL_ROW) LABELS_END };
const struct label resident_items[] = {
	RESIDENT_ITEMS(LABEL_ROW) LABELS_END
};
const struct label provision_kinds[] = {
	PROVISION_KINDS(LABEL_ROW) LABELS_END
};
const struct label correction_kinds[] = {
	CORRECTION_KINDS(LABEL_ROW) LABELS_END
};
