/*
 * 清音化: the folded kana form a name is searched by.
 *
 * No official rule is published and vendors differ; this is ours, applied to
 * the ふりがな of a name, in this order:
 *
 *   1. half-width katakana (U+FF61..U+FF9F) become full-width, a following
 *      half-width voicing mark (ﾞ ﾟ) joining its base (ｶﾞ -> ガ);
 *   2. hiragana become katakana (ぁ..ゖ -> ァ..ヶ, ゝゞ -> ヽヾ);
 *   3. spaces (U+0020, U+3000) and the middle dot ・ are removed;
 *   4. voiced and semi-voiced kana become unvoiced (ガ->カ, ザ->サ, ダ->タ,
 *      バ/パ->ハ, ヂ->チ, ヅ->ツ, ヴ->フ via ブ, ヾ->ヽ); a combining voicing
 *      mark (U+3099, U+309A) or a free-standing one (゛ ゜) is dropped;
 *   5. small kana become large (ァ->ア, ッ->ツ, ャ->ヤ, ヮ->ワ, ヵ->カ, ヶ->ケ),
 *      so ヴァ folds to フア;
 *   6. ヲ becomes オ; the long vowel mark ー is dropped; the iteration marks
 *      ヽ/ヾ repeat the preceding (folded) kana;
 *   7. optionally, as a municipality chooses: ヂ folds with ジ (both to シ)
 *      and ヅ with ズ (both to ス); by default ヂ->チ and ヅ->ツ.
 *
 * Anything else (kanji, Latin letters, digits, punctuation other than the
 * above) is malformed for a ふりがな and refused.
 */
#ifndef JUKI_KANA_H
#define JUKI_KANA_H

#include <stdbool.h>
#include <stddef.h>

struct kana_options {
	bool fold_di_ji;	/* ヂ folds with ジ (both to シ) */
	bool fold_du_zu;	/* ヅ folds with ズ (both to ス) */
};

/*
 * Folds the UTF-8 ふりがな in to its 清音化 form in out (outsz bytes, NUL
 * terminated).  opt may be NULL for the defaults (no optional folds).
 * Returns 0, or -1 with *reason set (untranslated message id) when the input
 * is not valid UTF-8, contains a character a ふりがな may not hold, is empty
 * after folding, or does not fit in out.
 */
int kana_seion(const char *in, char *out, size_t outsz,
    const struct kana_options *opt, const char **reason);

/* 1 if in is an acceptable ふりがな (what kana_seion accepts), else 0 with
 * *reason set. */
int kana_valid(const char *in, const char **reason);

#endif
