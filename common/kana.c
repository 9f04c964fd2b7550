/*
 * 清音化 of a ふりがな: the rules are in juki/kana.h.
 *
 * The input is read one character at a time and each character goes through
 * every step of the header's list before the next is read, so nothing is
 * buffered but the output itself.  The folded form is never longer than the
 * input (every kana in and out takes three bytes, ｶﾞ takes six and gives
 * three), so a buffer the size of the ふりがな field always holds its fold.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <uchar.h>

#include "juki/i18n.h"
#include "juki/kana.h"
#include "juki/utf8.h"

/* kana_valid only wants a yes or no; real names are a few dozen bytes. */
#define KANA_VALID_BUF	1024

#define KATAKANA_FIRST	0x30A1	/* ァ */
#define KATAKANA_LAST	0x30FA	/* ヺ */
#define HIRAGANA_FIRST	0x3041	/* ぁ */
#define HIRAGANA_LAST	0x3096	/* ゖ */
#define HIRAGANA_TO_KATAKANA	0x60
#define HALFWIDTH_FIRST	0xFF61	/* ｡ */
#define HALFWIDTH_LAST	0xFF9F	/* ﾟ */
#define COMBINING_VOICED	0x3099
#define COMBINING_SEMIVOICED	0x309A

/*
 * Half-width katakana to full-width, U+FF61.. in order.  The voicing marks
 * become the combining ones, as in Unicode's own <narrow> decomposition, so
 * that ｶﾞ and カ followed by U+3099 are read the same way.  The punctuation
 * ｡｢｣､ maps to its full-width form only to be refused like that form.
 */
static const char16_t halfwidth_to_fullwidth[HALFWIDTH_LAST -
    HALFWIDTH_FIRST + 1] = {
	u'。', u'「', u'」', u'、', u'・', u'ヲ', u'ァ', u'ィ',
	u'ゥ', u'ェ', u'ォ', u'ャ', u'ュ', u'ョ', u'ッ', u'ー',
	u'ア', u'イ', u'ウ', u'エ', u'オ', u'カ', u'キ', u'ク',
	u'ケ', u'コ', u'サ', u'シ', u'ス', u'セ', u'ソ', u'タ',
	u'チ', u'ツ', u'テ', u'ト', u'ナ', u'ニ', u'ヌ', u'ネ',
	u'ノ', u'ハ', u'ヒ', u'フ', u'ヘ', u'ホ', u'マ', u'ミ',
	u'ム', u'メ', u'モ', u'ヤ', u'ユ', u'ヨ', u'ラ', u'リ',
	u'ル', u'レ', u'ロ', u'ワ', u'ン',
	COMBINING_VOICED, COMBINING_SEMIVOICED,
};

#define FOLD(from, to)	[(from) - KATAKANA_FIRST] = (to)

/*
 * Steps 4 to 6 for one katakana, composed into a single lookup: what each
 * voiced, semi-voiced or small kana (and ヲ) ends up as.  0 means the kana
 * is already in its folded form.  ヷヸヹヺ lose their voicing to become
 * ワヰヱヲ, and ヲ then becomes オ; ヰ and ヱ are large kana and stay.
 */
static const char16_t katakana_fold[KATAKANA_LAST - KATAKANA_FIRST + 1] = {
	FOLD(u'ァ', u'ア'), FOLD(u'ィ', u'イ'), FOLD(u'ゥ', u'ウ'),
	FOLD(u'ェ', u'エ'), FOLD(u'ォ', u'オ'),
	FOLD(u'ガ', u'カ'), FOLD(u'ギ', u'キ'), FOLD(u'グ', u'ク'),
	FOLD(u'ゲ', u'ケ'), FOLD(u'ゴ', u'コ'),
	FOLD(u'ザ', u'サ'), FOLD(u'ジ', u'シ'), FOLD(u'ズ', u'ス'),
	FOLD(u'ゼ', u'セ'), FOLD(u'ゾ', u'ソ'),
	FOLD(u'ダ', u'タ'), FOLD(u'ヂ', u'チ'), FOLD(u'ッ', u'ツ'),
	FOLD(u'ヅ', u'ツ'), FOLD(u'デ', u'テ'), FOLD(u'ド', u'ト'),
	FOLD(u'バ', u'ハ'), FOLD(u'パ', u'ハ'), FOLD(u'ビ', u'ヒ'),
	FOLD(u'ピ', u'ヒ'), FOLD(u'ブ', u'フ'), FOLD(u'プ', u'フ'),
	FOLD(u'ベ', u'ヘ'), FOLD(u'ペ', u'ヘ'), FOLD(u'ボ', u'ホ'),
	FOLD(u'ポ', u'ホ'),
	FOLD(u'ャ', u'ヤ'), FOLD(u'ュ', u'ユ'), FOLD(u'ョ', u'ヨ'),
	FOLD(u'ヮ', u'ワ'), FOLD(u'ヲ', u'オ'),
	FOLD(u'ヴ', u'フ'), FOLD(u'ヵ', u'カ'), FOLD(u'ヶ', u'ケ'),
	FOLD(u'ヷ', u'ワ'), FOLD(u'ヸ', u'ヰ'), FOLD(u'ヹ', u'ヱ'),
	FOLD(u'ヺ', u'オ'),
};

#undef FOLD

#define JOIN(base, with)	[(base) - KATAKANA_FIRST] = (with)

/* Each base with a following voicing mark (U+3099), as NFC composes them. */
static const char16_t voiced[KATAKANA_LAST - KATAKANA_FIRST + 1] = {
	JOIN(u'ウ', u'ヴ'),
	JOIN(u'カ', u'ガ'), JOIN(u'キ', u'ギ'), JOIN(u'ク', u'グ'),
	JOIN(u'ケ', u'ゲ'), JOIN(u'コ', u'ゴ'),
	JOIN(u'サ', u'ザ'), JOIN(u'シ', u'ジ'), JOIN(u'ス', u'ズ'),
	JOIN(u'セ', u'ゼ'), JOIN(u'ソ', u'ゾ'),
	JOIN(u'タ', u'ダ'), JOIN(u'チ', u'ヂ'), JOIN(u'ツ', u'ヅ'),
	JOIN(u'テ', u'デ'), JOIN(u'ト', u'ド'),
	JOIN(u'ハ', u'バ'), JOIN(u'ヒ', u'ビ'), JOIN(u'フ', u'ブ'),
	JOIN(u'ヘ', u'ベ'), JOIN(u'ホ', u'ボ'),
	JOIN(u'ワ', u'ヷ'), JOIN(u'ヰ', u'ヸ'), JOIN(u'ヱ', u'ヹ'),
	JOIN(u'ヲ', u'ヺ'),
};

/* The same with a semi-voicing mark (U+309A). */
static const char16_t semivoiced[KATAKANA_LAST - KATAKANA_FIRST + 1] = {
	JOIN(u'ハ', u'パ'), JOIN(u'ヒ', u'ピ'), JOIN(u'フ', u'プ'),
	JOIN(u'ヘ', u'ペ'), JOIN(u'ホ', u'ポ'),
};

#undef JOIN

/* What a character, once in full-width katakana, does to the output. */
enum kana_role {
	ROLE_REFUSED,	/* not something a ふりがな may hold */
	ROLE_KANA,	/* folds to one output kana */
	ROLE_REPEAT,	/* ヽ ヾ: the preceding output kana again */
	ROLE_SEPARATOR,	/* space or ・: nothing, and a new word begins */
	ROLE_DROPPED,	/* ー and voicing marks: nothing */
};

static int
fail(const char **reason, const char *why)
{
	if (reason != NULL)
		*reason = why;
	return -1;
}

/* Steps 1 and 2: half-width katakana and hiragana to full-width katakana. */
static char32_t
to_katakana(char32_t cp)
{
	if (cp >= HALFWIDTH_FIRST && cp <= HALFWIDTH_LAST)
		return halfwidth_to_fullwidth[cp - HALFWIDTH_FIRST];
	if ((cp >= HIRAGANA_FIRST && cp <= HIRAGANA_LAST) ||
	    cp == u'ゝ' || cp == u'ゞ')
		return cp + HIRAGANA_TO_KATAKANA;
	return cp;
}

static enum kana_role
role_of(char32_t cp)
{
	if (cp >= KATAKANA_FIRST && cp <= KATAKANA_LAST)
		return ROLE_KANA;
	switch (cp) {
	case u'ヽ':
	case u'ヾ':
		return ROLE_REPEAT;
	case u' ':
	case u'　':
	case u'・':
		return ROLE_SEPARATOR;
	case u'ー':
	case COMBINING_VOICED:
	case COMBINING_SEMIVOICED:
	case u'゛':
	case u'゜':
		return ROLE_DROPPED;
	default:
		return ROLE_REFUSED;
	}
}

/*
 * A voicing mark right after its base makes one kana with it (ｶﾞ is ガ, and
 * so is カ followed by U+3099, the decomposed form macOS produces).  Most
 * voiced kana fold back to their base anyway, but not all: ヴ folds to フ,
 * and under the optional folds ヂ and ヅ do not fold to チ and ツ.  Returns
 * the bytes of the mark taken from s, 0 if none joined.
 */
static size_t
join_voicing_mark(const unsigned char *s, char32_t *cp)
{
	const char16_t *joined;
	char32_t next;
	size_t len;

	if ((len = utf8_decode((const char *)s, &next)) == 0)
		return 0;
	switch (to_katakana(next)) {
	case COMBINING_VOICED:
		joined = voiced;
		break;
	case COMBINING_SEMIVOICED:
		joined = semivoiced;
		break;
	default:
		return 0;
	}
	if (joined[*cp - KATAKANA_FIRST] == 0)
		return 0;
	*cp = joined[*cp - KATAKANA_FIRST];
	return len;
}

/* Steps 4 to 7 for one katakana. */
static char32_t
fold_katakana(char32_t cp, const struct kana_options *opt)
{
	if (cp == u'ヂ' && opt->fold_di_ji)
		return u'シ';
	if (cp == u'ヅ' && opt->fold_du_zu)
		return u'ス';
	if (katakana_fold[cp - KATAKANA_FIRST] != 0)
		return katakana_fold[cp - KATAKANA_FIRST];
	return cp;
}

struct fold_out {
	char	*buf;
	size_t	 size;
	size_t	 len;		/* bytes written, NUL not counted */
	bool	 overflow;	/* a kana did not fit; later ones are not tried */
};

/*
 * Appends one folded kana, always in U+30A1..U+30FA and so always three
 * bytes, keeping a byte for the NUL.  On overflow nothing more is written
 * but the caller goes on reading, so that malformed input is reported as
 * such rather than as too long.
 */
static void
put_kana(struct fold_out *o, char32_t cp)
{
	if (o->overflow || o->size - o->len < 4) {
		o->overflow = true;
		return;
	}
	o->buf[o->len++] = (char)(0xE0 | (cp >> 12));
	o->buf[o->len++] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o->buf[o->len++] = (char)(0x80 | (cp & 0x3F));
}

/* A ふりがな is personal data: no half-folded copy is left behind. */
static int
fold_failed(struct fold_out *o, const char **reason, const char *why)
{
	if (o->size > 0) {
		explicit_bzero(o->buf, o->len);
		o->buf[0] = '\0';
	}
	return fail(reason, why);
}

int
kana_seion(const char *in, char *out, size_t outsz,
    const struct kana_options *opt, const char **reason)
{
	static const struct kana_options defaults;
	struct fold_out o = { out, out == NULL ? 0 : outsz, 0, false };
	const unsigned char *s = (const unsigned char *)(in == NULL ? "" : in);
	/* The last kana written in the current word; 0 at a word's start. */
	char32_t prev = 0;
	char32_t cp;
	size_t len;

	if (opt == NULL)
		opt = &defaults;
	while (*s != '\0') {
		if ((len = utf8_decode((const char *)s, &cp)) == 0)
			return fold_failed(&o, reason,
			    N_("ふりがなが正しいUTF-8ではありません"));
		s += len;
		cp = to_katakana(cp);
		switch (role_of(cp)) {
		case ROLE_KANA:
			s += join_voicing_mark(s, &cp);
			prev = fold_katakana(cp, opt);
			put_kana(&o, prev);
			break;
		case ROLE_REPEAT:
			/* ヾ has lost its voicing to step 4 before it
			 * repeats, so it repeats exactly as ヽ does. */
			if (prev == 0)
				return fold_failed(&o, reason,
				    N_("繰り返し記号の前にかながありません"));
			put_kana(&o, prev);
			break;
		case ROLE_SEPARATOR:
			/* An iteration mark cannot begin a name. */
			prev = 0;
			break;
		case ROLE_DROPPED:
			break;
		case ROLE_REFUSED:
			return fold_failed(&o, reason,
			    N_("ふりがなに使えない文字が含まれています"));
		}
	}
	if (o.overflow)
		return fold_failed(&o, reason, N_("ふりがなが長すぎます"));
	if (o.len == 0)
		return fold_failed(&o, reason, N_("ふりがなが空です"));
	o.buf[o.len] = '\0';
	return 0;
}

int
kana_valid(const char *in, const char **reason)
{
	char folded[KANA_VALID_BUF];
	int ok;

	/* The optional folds change what a kana becomes, never whether it
	 * is accepted, so the defaults do. */
	ok = kana_seion(in, folded, sizeof folded, NULL, reason) == 0;
	explicit_bzero(folded, sizeof folded);
	return ok;
}
