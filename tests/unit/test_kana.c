/*
 * 清音化: real spelling variants meet on one key, every kana of the block
 * folds as juki/kana.h says, and anything a ふりがな may not hold is refused
 * without a byte written past the buffer.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "juki/kana.h"

#define BAD_UTF8	"ふりがなが正しいUTF-8ではありません"
#define REFUSED		"ふりがなに使えない文字が含まれています"
#define EMPTY		"ふりがなが空です"
#define TOO_LONG	"ふりがなが長すぎます"
#define NO_REPEAT_BASE	"繰り返し記号の前にかながありません"

#define NELEM(a)	(sizeof (a) / sizeof (a)[0])

static const struct kana_options di_ji = { .fold_di_ji = true };
static const struct kana_options du_zu = { .fold_du_zu = true };
static const struct kana_options both = { true, true };

struct pair {
	const char *a;
	const char *b;
};

struct expect {
	const char *in;
	const char *out;
};

struct refusal {
	const char *in;
	const char *reason;
};

/* Spellings of one name that a search by 清音化 must find together. */
static const struct pair same_key[] = {
	{ "ヤマサキ", "ヤマザキ" },
	{ "ナカシマ", "ナカジマ" },
	{ "タカタ", "タカダ" },
	{ "サイトウ", "サイドウ" },
	{ "ハセカワ", "ハセガワ" },
	{ "ショウタ", "ジョウタ" },
	{ "キャリー", "キヤリ" },
	{ "スズキ", "ススキ" },
	{ "ツヅキ", "ツツキ" },		/* ヅ->ツ by default */
	{ "チヂワ", "チチワ" },		/* ヂ->チ by default */
	{ "ヲノ", "オノ" },
	{ "ササキ", "サヽキ" },
	{ "イスズ", "いすゞ" },
	{ "ｻﾄｳ", "サトウ" },
	{ "ｻﾄｳ ﾀﾛｳ", "サトウ　タロウ" },
	{ "さとう", "サトウ" },
	{ "サトウ　タロウ", "サトウタロウ" },
	{ "サトウ タロウ", "サトウタロウ" },
	{ "ジョン・スミス", "ジョンスミス" },
	{ "ｼﾞｮﾝ･ｽﾐｽ", "ジョン・スミス" },
	{ "ガ", "カ\u3099" },		/* NFD, as pasted from macOS */
	{ "ヴァ", "ウ\u3099ァ" },
	{ "ヴァ", "ｳﾞｧ" },
	{ "ヴ", "ブ" },
	{ "ｶﾞｯｺｳ", "ガッコウ" },
};

/* Spellings the rules keep apart, each for the reason given. */
static const struct pair different_key[] = {
	/* ー is dropped, not read as the vowel it lengthens. */
	{ "ユウコ", "ユーコ" },
	{ "コウノ", "コーノ" },
	/* ヴ folds through ブ to フ; バ folds to ハ. */
	{ "ヴァイオリン", "バイオリン" },
	/* Only with the municipality's optional folds. */
	{ "ハナジ", "ハナヂ" },
	{ "ミカヅキ", "ミカズキ" },
	/* ヰ and ヱ are large kana of their own. */
	{ "ヰ", "イ" },
	{ "ヱ", "エ" },
	/* ゛ standing alone is dropped; it does not join the ウ before it. */
	{ "ウ゛ァ", "ヴァ" },
};

static const struct expect exact[] = {
	{ "ガッコウ", "カツコウ" },
	{ "ヴァ", "フア" },
	{ "ヲ", "オ" },
	{ "ｶﾞｯｺｳ", "カツコウ" },
	{ "いすゞ", "イスス" },
	{ "バッハ", "ハツハ" },
	{ "パピプペポ", "ハヒフヘホ" },
	{ "ヒョードル", "ヒヨトル" },
	{ "ヷヸヹヺ", "ワヰヱオ" },
	{ "ヰヱ", "ヰヱ" },
	{ "ヵヶ", "カケ" },
	{ "ゕゖ", "カケ" },
	{ "ゔ", "フ" },
	{ "ｳﾞｨ", "フイ" },
	{ "ﾀﾞｲｽｹ", "タイスケ" },
	{ "ﾊﾟﾊﾟ", "ハハ" },
	{ "ｦ", "オ" },
	{ "ｰｺ", "コ" },
	{ "ジョン・スミス", "シヨンスミス" },
	{ "サヽキ", "ササキ" },
	{ "ミスヾ", "ミスス" },
	{ "サヽヽ", "サササ" },
	{ "ッヽ", "ツツ" },		/* repeats the folded kana */
	{ "ウヾ", "ウウ" },		/* ヾ is ヽ before it repeats */
	{ "ーコ", "コ" },		/* no base: dropped */
	{ "゛コ", "コ" },
	{ "\u3099コ", "コ" },
	{ "\u309aコ", "コ" },
	{ "ハ゜", "ハ" },
	{ "カ\u3099", "カ" },
	{ "ウ\u3099", "フ" },
	{ "ウ\u309a", "ウ" },		/* no such kana: the mark is dropped */
	{ "ｳ\u3099", "フ" },
	{ "ウﾞ", "フ" },
	{ "サヽ\u3099", "ササ" },	/* ヽ with U+3099 is ヾ */
	{ "　サトウ　", "サトウ" },
	{ "ヂヅ", "チツ" },
};

static const struct refusal refusals[] = {
	{ "山田", REFUSED },
	{ "ABC", REFUSED },
	{ "サトウ1", REFUSED },
	{ "サトウ１", REFUSED },
	{ "\x1b[31m", REFUSED },
	{ "サトウ\t", REFUSED },
	{ "サトウ\n", REFUSED },
	{ "ｻﾄｳ｢", REFUSED },
	{ "｡", REFUSED },
	{ "、", REFUSED },
	{ "ゟ", REFUSED },
	{ "ヿ", REFUSED },
	{ "゠", REFUSED },
	{ "ㇰ", REFUSED },		/* Ainu small katakana */
	{ "\xff", BAD_UTF8 },
	{ "\xe3\x82", BAD_UTF8 },	/* truncated ア */
	{ "サ\xe3\x82", BAD_UTF8 },
	{ "ｻﾄｳ\xef\xbd", BAD_UTF8 },
	{ "\xc0\xaf", BAD_UTF8 },	/* overlong '/' */
	{ "\xe0\x80\xaf", BAD_UTF8 },
	{ "\xf0\x80\x80\xaf", BAD_UTF8 },
	{ "\xed\xa0\x80", BAD_UTF8 },	/* surrogate U+D800 */
	{ "\xf4\x90\x80\x80", BAD_UTF8 },	/* U+110000 */
	{ "\xf8\x88\x80\x80\x80", BAD_UTF8 },
	{ "\x80", BAD_UTF8 },
	{ "サ\x80ト", BAD_UTF8 },
	{ "", EMPTY },
	{ " ", EMPTY },
	{ "　 　", EMPTY },
	{ "ーー", EMPTY },
	{ "・", EMPTY },
	{ "゛゜", EMPTY },
	{ "ヽ", NO_REPEAT_BASE },
	{ "ゞ", NO_REPEAT_BASE },
	{ "ーヽ", NO_REPEAT_BASE },
	{ "サ　ゝ", NO_REPEAT_BASE },	/* a word cannot begin with it */
	{ "サ・ヽ", NO_REPEAT_BASE },
};

/*
 * The header's steps 4 to 6 written out kana by kana, independently of the
 * table in kana.c.  Every katakana not listed folds to itself.
 */
static const struct expect katakana_folds[] = {
	{ "ァ", "ア" }, { "ィ", "イ" }, { "ゥ", "ウ" }, { "ェ", "エ" },
	{ "ォ", "オ" },
	{ "ガ", "カ" }, { "ギ", "キ" }, { "グ", "ク" }, { "ゲ", "ケ" },
	{ "ゴ", "コ" },
	{ "ザ", "サ" }, { "ジ", "シ" }, { "ズ", "ス" }, { "ゼ", "セ" },
	{ "ゾ", "ソ" },
	{ "ダ", "タ" }, { "ヂ", "チ" }, { "ッ", "ツ" }, { "ヅ", "ツ" },
	{ "デ", "テ" }, { "ド", "ト" },
	{ "バ", "ハ" }, { "パ", "ハ" }, { "ビ", "ヒ" }, { "ピ", "ヒ" },
	{ "ブ", "フ" }, { "プ", "フ" }, { "ベ", "ヘ" }, { "ペ", "ヘ" },
	{ "ボ", "ホ" }, { "ポ", "ホ" },
	{ "ャ", "ヤ" }, { "ュ", "ユ" }, { "ョ", "ヨ" }, { "ヮ", "ワ" },
	{ "ヲ", "オ" }, { "ヴ", "フ" }, { "ヵ", "カ" }, { "ヶ", "ケ" },
	{ "ヷ", "ワ" }, { "ヸ", "ヰ" }, { "ヹ", "ヱ" }, { "ヺ", "オ" },
};

/* Encodes any scalar value, or a surrogate when a test wants one. */
static size_t
encode(uint32_t cp, char *buf)
{
	if (cp < 0x80) {
		buf[0] = (char)cp;
		return 1;
	} else if (cp < 0x800) {
		buf[0] = (char)(0xC0 | (cp >> 6));
		buf[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		buf[0] = (char)(0xE0 | (cp >> 12));
		buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		buf[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	buf[0] = (char)(0xF0 | (cp >> 18));
	buf[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	buf[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	buf[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The code point of the three-byte character at s (all kana are). */
static uint32_t
katakana_at(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	return (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 |
	    (u[2] & 0x3F);
}

static void
assert_folds_to(const char *in, const struct kana_options *opt,
    const char *want)
{
	char out[256];
	const char *reason = NULL;

	if (kana_seion(in, out, sizeof out, opt, &reason) != 0)
		fail_msg("\"%s\" refused: %s", in, reason);
	if (strcmp(out, want) != 0)
		fail_msg("\"%s\" folds to \"%s\", want \"%s\"", in, out, want);
}

static void
fold(const char *in, const struct kana_options *opt, char *out, size_t size)
{
	const char *reason = NULL;

	if (kana_seion(in, out, size, opt, &reason) != 0)
		fail_msg("\"%s\" refused: %s", in, reason);
}

static void
test_variants_share_a_key(void **state)
{
	char a[256], b[256];

	(void)state;
	for (size_t i = 0; i < NELEM(same_key); i++) {
		fold(same_key[i].a, NULL, a, sizeof a);
		fold(same_key[i].b, NULL, b, sizeof b);
		if (strcmp(a, b) != 0)
			fail_msg("\"%s\" -> \"%s\" but \"%s\" -> \"%s\"",
			    same_key[i].a, a, same_key[i].b, b);
	}
}

static void
test_distinct_names_stay_apart(void **state)
{
	char a[256], b[256];

	(void)state;
	for (size_t i = 0; i < NELEM(different_key); i++) {
		fold(different_key[i].a, NULL, a, sizeof a);
		fold(different_key[i].b, NULL, b, sizeof b);
		if (strcmp(a, b) == 0)
			fail_msg("\"%s\" and \"%s\" both fold to \"%s\"",
			    different_key[i].a, different_key[i].b, a);
	}
}

static void
test_optional_folds(void **state)
{
	(void)state;
	assert_folds_to("ハナヂ", NULL, "ハナチ");
	assert_folds_to("ハナヂ", &di_ji, "ハナシ");
	assert_folds_to("ハナジ", &di_ji, "ハナシ");
	assert_folds_to("ミカヅキ", NULL, "ミカツキ");
	assert_folds_to("ミカヅキ", &du_zu, "ミカスキ");
	assert_folds_to("ミカズキ", &du_zu, "ミカスキ");
	/* Each option touches only its own pair. */
	assert_folds_to("ヂヅ", &di_ji, "シツ");
	assert_folds_to("ヂヅ", &du_zu, "チス");
	assert_folds_to("ヂヅ", &both, "シス");
	assert_folds_to("ぢづ", &both, "シス");
	assert_folds_to("ﾁﾞﾂﾞ", &both, "シス");
	assert_folds_to("チ\u3099ツ\u3099", &both, "シス");	/* NFD */
	assert_folds_to("ﾁﾂ", &both, "チツ");
	assert_folds_to("チ゛ツ゛", &both, "チツ");	/* ゛ joins nothing */
	/* ヽ repeats the kana as folded under the options. */
	assert_folds_to("ヂヽ", &di_ji, "シシ");
	/* Nothing else moves. */
	assert_folds_to("チツシス", &both, "チツシス");
}

static void
test_exact_outputs(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(exact); i++)
		assert_folds_to(exact[i].in, NULL, exact[i].out);
}

static void
test_refusals(void **state)
{
	char out[64];

	(void)state;
	for (size_t i = 0; i < NELEM(refusals); i++) {
		const char *reason = NULL;

		memset(out, 'x', sizeof out);
		if (kana_seion(refusals[i].in, out, sizeof out, NULL,
		    &reason) != -1)
			fail_msg("\"%s\" accepted as \"%s\"", refusals[i].in,
			    out);
		assert_non_null(reason);
		if (strcmp(reason, refusals[i].reason) != 0)
			fail_msg("\"%s\": reason \"%s\", want \"%s\"",
			    refusals[i].in, reason, refusals[i].reason);
		assert_int_equal(out[0], '\0');
		reason = NULL;
		assert_int_equal(kana_valid(refusals[i].in, &reason), 0);
		assert_string_equal(reason, refusals[i].reason);
	}
}

/*
 * Every output size from 0 up: too small is refused as too long and not a
 * byte is written past outsz (a canary after it, and an exact-size heap
 * buffer for ASan); the exact size succeeds.
 */
static void
test_small_buffers(void **state)
{
	static const char *const inputs[] = {
		"ガッコウ", "ｶﾞｯｺｳ", "サヽキ", "サトウ　タロウ", "ア",
	};
	char buf[64];

	(void)state;
	for (size_t k = 0; k < NELEM(inputs); k++) {
		char want[64];
		size_t need;

		fold(inputs[k], NULL, want, sizeof want);
		need = strlen(want) + 1;
		for (size_t size = 0; size <= need; size++) {
			const char *reason = NULL;
			char *exact_size = malloc(size == 0 ? 1 : size);
			int rc;

			assert_non_null(exact_size);
			memset(buf, 0xA5, sizeof buf);
			rc = kana_seion(inputs[k], buf, size, NULL, &reason);
			for (size_t i = size; i < sizeof buf; i++)
				assert_int_equal((unsigned char)buf[i], 0xA5);
			assert_int_equal(kana_seion(inputs[k], exact_size,
			    size, NULL, &reason), rc);
			if (size < need) {
				assert_int_equal(rc, -1);
				assert_string_equal(reason, TOO_LONG);
				if (size > 0)
					assert_int_equal(buf[0], '\0');
			} else {
				assert_int_equal(rc, 0);
				assert_string_equal(buf, want);
				assert_string_equal(exact_size, want);
			}
			free(exact_size);
		}
	}
	/* No buffer at all. */
	assert_int_equal(kana_seion("ア", NULL, 0, NULL, NULL), -1);
}

/* Malformed input is reported as such even when the output is already full. */
static void
test_malformed_beats_too_long(void **state)
{
	char out[4];
	const char *reason = NULL;

	(void)state;
	assert_int_equal(kana_seion("アイウ\xff", out, sizeof out, NULL,
	    &reason), -1);
	assert_string_equal(reason, BAD_UTF8);
	assert_int_equal(kana_seion("アイウ山", out, sizeof out, NULL,
	    &reason), -1);
	assert_string_equal(reason, REFUSED);
	assert_int_equal(kana_seion("アイウ", out, sizeof out, NULL,
	    &reason), -1);
	assert_string_equal(reason, TOO_LONG);
}

static const char *
expected_fold(const char *kana)
{
	for (size_t i = 0; i < NELEM(katakana_folds); i++)
		if (strcmp(katakana_folds[i].in, kana) == 0)
			return katakana_folds[i].out;
	return kana;
}

/*
 * Every katakana U+30A1..U+30FA folds as the header says; its hiragana
 * (U+3041..U+3096) and half-width forms fold the same; and a folded kana is
 * a fixed point, so the key can be folded again harmlessly.
 */
static void
test_every_katakana(void **state)
{
	char kata[8], hira[8], out[16], again[16];
	size_t found = 0;

	(void)state;
	for (uint32_t cp = 0x30A1; cp <= 0x30FA; cp++) {
		const char *want;

		kata[encode(cp, kata)] = '\0';
		want = expected_fold(kata);
		if (want != kata)
			found++;
		assert_folds_to(kata, NULL, want);
		fold(want, NULL, again, sizeof again);
		assert_string_equal(again, want);
		if (cp <= 0x30F6) {
			hira[encode(cp - 0x60, hira)] = '\0';
			fold(hira, NULL, out, sizeof out);
			assert_string_equal(out, want);
		}
	}
	assert_int_equal(found, NELEM(katakana_folds));
}

/* Half-width and full-width forms, with and without a voicing mark. */
static void
test_halfwidth_block(void **state)
{
	static const char *const full =
	    "ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテト"
	    "ナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";
	char half[8], fw[8], a[16], b[16];
	const char *f = full;

	(void)state;
	for (uint32_t cp = 0xFF66; cp <= 0xFF9D; cp++, f += 3) {
		half[encode(cp, half)] = '\0';
		memcpy(fw, f, 3);
		fw[3] = '\0';
		if (cp == 0xFF70) {	/* ｰ: dropped, like ー */
			assert_int_equal(kana_seion(half, a, sizeof a, NULL,
			    NULL), -1);
			continue;
		}
		fold(half, NULL, a, sizeof a);
		fold(fw, NULL, b, sizeof b);
		assert_string_equal(a, b);
		/* With ﾞ: the voiced kana, folded; only ｳﾞ differs. */
		memcpy(half + 3, "ﾞ", sizeof "ﾞ");
		fold(half, NULL, a, sizeof a);
		assert_string_equal(a, cp == 0xFF73 ? "フ" : b);
	}
	assert_int_equal(*f, '\0');
}

/*
 * A voiced kana written precomposed, as base and combining mark (NFD), as
 * hiragana base and mark, or with the half-width mark folds the same under
 * every option set: the options make ヂ and ヅ differ from チ and ツ, so the
 * mark must join its base rather than just be dropped.
 */
static void
test_voicing_mark_joins_base(void **state)
{
	static const struct {
		const char *bases, *joined, *mark;
	} sets[] = {
		{ "ウカキクケコサシスセソタチツテトハヒフヘホワヰヱヲ",
		  "ヴガギグゲゴザジズゼゾダヂヅデドバビブベボヷヸヹヺ",
		  "\u3099" },
		{ "ウカキクケコサシスセソタチツテトハヒフヘホワヰヱヲ",
		  "ヴガギグゲゴザジズゼゾダヂヅデドバビブベボヷヸヹヺ", "ﾞ" },
		{ "ハヒフヘホ", "パピプペポ", "\u309a" },
		{ "ハヒフヘホ", "パピプペポ", "ﾟ" },
	};
	static const struct kana_options *const opts[] = {
		NULL, &di_ji, &du_zu, &both,
	};
	char in[16], want[16], got[16];

	(void)state;
	for (size_t k = 0; k < NELEM(sets); k++) {
		size_t n = strlen(sets[k].bases);

		assert_int_equal(n, strlen(sets[k].joined));
		for (size_t i = 0; i < n; i += 3) {
			for (size_t o = 0; o < NELEM(opts); o++) {
				memcpy(in, sets[k].joined + i, 3);
				in[3] = '\0';
				fold(in, opts[o], want, sizeof want);
				memcpy(in, sets[k].bases + i, 3);
				memcpy(in + 3, sets[k].mark,
				    strlen(sets[k].mark) + 1);
				fold(in, opts[o], got, sizeof got);
				assert_string_equal(got, want);
				/* The same base in hiragana, 0x60 lower. */
				encode(katakana_at(sets[k].bases + i) - 0x60,
				    in);
				fold(in, opts[o], got, sizeof got);
				assert_string_equal(got, want);
			}
		}
	}
}

static bool
allowed(uint32_t cp)
{
	return cp == 0x20 || cp == 0x3000 ||
	    (cp >= 0x3041 && cp <= 0x3096) ||
	    (cp >= 0x3099 && cp <= 0x309E) ||
	    (cp >= 0x30A1 && cp <= 0x30FE) ||
	    (cp >= 0xFF65 && cp <= 0xFF9F);
}

/* After a kana, every scalar value is taken or refused as the header lists. */
static void
test_every_code_point(void **state)
{
	char in[16] = "ア";
	char out[16];
	size_t taken = 0;

	(void)state;
	for (uint32_t cp = 1; cp <= 0x10FFFF; cp++) {
		const char *reason = NULL;
		int rc;

		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		in[3 + encode(cp, in + 3)] = '\0';
		rc = kana_seion(in, out, sizeof out, NULL, &reason);
		if (allowed(cp)) {
			if (rc != 0)
				fail_msg("U+%04X refused: %s", (unsigned)cp,
				    reason);
			taken++;
		} else {
			if (rc != -1)
				fail_msg("U+%04X accepted", (unsigned)cp);
			assert_string_equal(reason, REFUSED);
		}
	}
	assert_int_equal(taken, 2 + 86 + 6 + 94 + 59);
}

/* Surrogates and overlong forms of what would otherwise be accepted. */
static void
test_ill_formed_utf8(void **state)
{
	char in[8];
	const char *reason = NULL;

	(void)state;
	for (uint32_t cp = 0xD800; cp <= 0xDFFF; cp++) {
		in[encode(cp, in)] = '\0';
		assert_int_equal(kana_valid(in, &reason), 0);
		assert_string_equal(reason, BAD_UTF8);
	}
	for (uint32_t cp = 0x3041; cp <= 0x30FE; cp++) {
		/* The four-byte overlong form of a kana. */
		in[0] = (char)0xF0;
		in[1] = (char)(0x80 | (cp >> 12));
		in[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		in[3] = (char)(0x80 | (cp & 0x3F));
		in[4] = '\0';
		assert_int_equal(kana_valid(in, &reason), 0);
		assert_string_equal(reason, BAD_UTF8);
	}
	/* Two-byte overlong space, and every lead byte left alone. */
	assert_int_equal(kana_valid("\xc0\xa0", &reason), 0);
	assert_string_equal(reason, BAD_UTF8);
	for (unsigned c = 0x80; c <= 0xFF; c++) {
		in[0] = (char)c;
		in[1] = '\0';
		assert_int_equal(kana_valid(in, &reason), 0);
		assert_string_equal(reason, BAD_UTF8);
	}
}

static void
test_kana_valid(void **state)
{
	const char *reason = "untouched";

	(void)state;
	assert_int_equal(kana_valid("サトウ　タロウ", &reason), 1);
	assert_string_equal(reason, "untouched");
	assert_int_equal(kana_valid("ｻﾄｳ ﾀﾛｳ", NULL), 1);
	assert_int_equal(kana_valid("さとう・たろう", NULL), 1);
	assert_int_equal(kana_valid("佐藤", &reason), 0);
	assert_string_equal(reason, REFUSED);
	assert_int_equal(kana_valid("佐藤", NULL), 0);
	assert_int_equal(kana_valid(NULL, &reason), 0);
	assert_string_equal(reason, EMPTY);
}

/* The NULLs a caller may pass: reason (gen.c does), in, opt. */
static void
test_null_arguments(void **state)
{
	char out[16];

	(void)state;
	assert_int_equal(kana_seion("ガ", out, sizeof out, NULL, NULL), 0);
	assert_string_equal(out, "カ");
	assert_int_equal(kana_seion("山", out, sizeof out, NULL, NULL), -1);
	assert_string_equal(out, "");
	assert_int_equal(kana_seion(NULL, out, sizeof out, NULL, NULL), -1);
	assert_string_equal(out, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_variants_share_a_key),
		cmocka_unit_test(test_distinct_names_stay_apart),
		cmocka_unit_test(test_optional_folds),
		cmocka_unit_test(test_exact_outputs),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_small_buffers),
		cmocka_unit_test(test_malformed_beats_too_long),
		cmocka_unit_test(test_every_katakana),
		cmocka_unit_test(test_halfwidth_block),
		cmocka_unit_test(test_voicing_mark_joins_base),
		cmocka_unit_test(test_every_code_point),
		cmocka_unit_test(test_ill_formed_utf8),
		cmocka_unit_test(test_kana_valid),
		cmocka_unit_test(test_null_arguments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
