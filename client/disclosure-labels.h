/*
 * What the codes of disclosure (開示) mean to a person: a request's
 * state, channel and requester, the identity documents checked, the
 * items of the 本人確認情報, the kinds of provision and of correction,
 * and the lists to choose them from.
 */
#ifndef JUKI_DISCLOSURE_LABELS_H
#define JUKI_DISCLOSURE_LABELS_H

#include <stddef.h>

#include <jansson.h>

/* The codes, in the contract's order, each list ending in NULL. */
extern const char *const disclosure_states[];	/* "received", … */
extern const char *const disclosure_channels[];	/* "counter", "post" */
extern const char *const disclosure_requesters[]; /* "self", … */
extern const char *const disclosure_notices[];	/* "handed", "mailed" */
extern const char *const id_documents[];	/* "my-number-card", … */
extern const char *const resident_items[];	/* "code", …, "history" */
extern const char *const correction_kinds[];	/* "correct", … */

/* The translated label of a code; an unknown code is returned as it is
 * (what draws or prints it sanitises it). */
const char *disclosure_state_label(const char *state);
const char *disclosure_channel_label(const char *channel);
const char *disclosure_requester_label(const char *requester);
const char *disclosure_notice_label(const char *how);
const char *id_document_label(const char *document);
const char *resident_item_label(const char *item);
const char *provision_kind_label(const char *kind);
const char *correction_kind_label(const char *kind);

/* The labels of an array of codes joined with "、" into out ("" for
 * none); label is one of the functions above. */
void labels_join(const json_t *codes, const char *(*label)(const char *),
    char *out, size_t outsz);

#endif
