/*
 * What the codes of disclosure (開示) mean to a person: a request's
 * state, channel and requester, how its notice went, the identity
 * documents checked, the items of the 本人確認情報, the kinds of
 * provision and of correction, and the lists to choose them from.
 */
#ifndef JUKI_DISCLOSURE_LABELS_H
#define JUKI_DISCLOSURE_LABELS_H

#include "labels.h"

extern const struct label disclosure_states[];	/* "received", … */
extern const struct label disclosure_channels[]; /* "counter", "post" */
extern const struct label disclosure_requesters[]; /* "self", … */
extern const struct label disclosure_notices[];	/* "handed", "mailed" */
extern const struct label id_documents[];	/* "my-number-card", … */
extern const struct label resident_items[];	/* "code", …, "history" */
extern const struct label provision_kinds[];	/* "lookup.code", … */
extern const struct label correction_kinds[];	/* "correct", … */

#endif
