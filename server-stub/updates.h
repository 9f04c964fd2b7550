/*
 * Updates of the 本人確認情報 from 市町村CS, with the logic checks of
 * seed 000 リスク3: an entry for a current resident, a 転居 that changes
 * anything but the address, a removal of someone already removed, and a
 * change to an unknown 住民票コード are refused; one sent twice (same
 * update id) is refused as a replay.  Each is applied atomically with the
 * record of its id, so a crash leaves it wholly applied or not at all.
 */
#ifndef JUKI_UPDATES_H
#define JUKI_UPDATES_H

#include <jansson.h>

#include "juki/store.h"

#define UPDATE_ID_MAX 64

struct cs_update {
	char update_id[UPDATE_ID_MAX];
	struct resident record;	/* the new state; for a removal only the
				   住民票コード is read */
};

enum update_outcome {
	UPDATE_APPLIED,
	UPDATE_REFUSED,		/* *why: a stable code, *reason: message id */
	UPDATE_REPLAY,
	UPDATE_ERROR,
};

/*
 * Reads an update from its JSON form (the body of POST /v1/cs/update, or a
 * line of a replay file).  terminal_id is the CS it came from.  Returns 0,
 * or -1 with the offending field in *field.
 */
int update_from_json(json_t *body, const char *terminal_id,
    const struct kana_options *kana, struct cs_update *u,
    const char **field);

/*
 * Checks and applies u inside the caller's transaction (store_begin):
 * the caller commits, after writing its audit entry.
 */
enum update_outcome update_apply(struct store *st, struct cs_update *u,
    const char **why, const char **reason);

#endif
