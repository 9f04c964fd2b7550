#include <stdio.h>
#include <string.h>

#include "disclosure-labels.h"
#include "juki/i18n.h"
#include "juki/protocol.h"

#define NAME_ROW(name, label) name,
#define LABEL_ROW(name, label) label,

const char *const disclosure_states[] = { DISCLOSURE_STATES(NAME_ROW) NULL };
static const char *const state_labels[] = { DISCLOSURE_STATES(LABEL_ROW) };

const char *const disclosure_channels[] = {
	DISCLOSURE_CHANNELS(NAME_ROW) NULL
};
static const char *const channel_labels[] = {
	DISCLOSURE_CHANNELS(LABEL_ROW)
};

const char *const disclosure_requesters[] = {
	DISCLOSURE_REQUESTERS(NAME_ROW) NULL
};
static const char *const requester_labels[] = {
	DISCLOSURE_REQUESTERS(LABEL_ROW)
};

const char *const disclosure_notices[] = {
	DISCLOSURE_NOTICES(NAME_ROW) NULL
};
static const char *const notice_labels[] = { DISCLOSURE_NOTICES(LABEL_ROW) };

const char *const id_documents[] = { ID_DOCUMENTS(NAME_ROW) NULL };
static const char *const document_labels[] = { ID_DOCUMENTS(LABEL_ROW) };

const char *const resident_items[] = { RESIDENT_ITEMS(NAME_ROW) NULL };
static const char *const item_labels[] = { RESIDENT_ITEMS(LABEL_ROW) };

static const char *const provision_kinds[] = {
	PROVISION_KINDS(NAME_ROW) NULL
};
static const char *const kind_labels[] = { PROVISION_KINDS(LABEL_ROW) };

const char *const correction_kinds[] = { CORRECTION_KINDS(NAME_ROW) NULL };
static const char *const correction_labels[] = {
	CORRECTION_KINDS(LABEL_ROW)
};

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
disclosure_state_label(const char *state)
{
	return label_of(disclosure_states, state_labels, state);
}

const char *
disclosure_channel_label(const char *channel)
{
	return label_of(disclosure_channels, channel_labels, channel);
}

const char *
disclosure_requester_label(const char *requester)
{
	return label_of(disclosure_requesters, requester_labels, requester);
}

const char *
disclosure_notice_label(const char *how)
{
	return label_of(disclosure_notices, notice_labels, how);
}

const char *
id_document_label(const char *document)
{
	return label_of(id_documents, document_labels, document);
}

const char *
resident_item_label(const char *item)
{
	return label_of(resident_items, item_labels, item);
}

const char *
provision_kind_label(const char *kind)
{
	return label_of(provision_kinds, kind_labels, kind);
}

const char *
correction_kind_label(const char *kind)
{
	return label_of(correction_kinds, correction_labels, kind);
}

void
labels_join(const json_t *codes, const char *(*label)(const char *),
    char *out, size_t outsz)
{
	const json_t *code;
	size_t i, len = 0;

	out[0] = '\0';
	json_array_foreach(codes, i, code) {
		const char *s = json_string_value(code);

		if (s == NULL || len >= outsz)
			continue;
		snprintf(out + len, outsz - len, "%s%s", len > 0 ? "、" : "",
		    label(s));
		len = strlen(out);
	}
}
