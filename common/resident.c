/*
 * Whole-record rules of the 本人確認情報.
 */
#include <string.h>

#include "juki/i18n.h"
#include "juki/idou.h"
#include "juki/jdate.h"
#include "juki/kana.h"
#include "juki/resident.h"

void
resident_wipe(struct resident *r)
{
	explicit_bzero(r, sizeof *r);
}

int
resident_fold_name(struct resident *r, const struct kana_options *opt,
    const char **reason)
{
	return kana_seion(r->name_kana, r->seion_kana, sizeof r->seion_kana,
	    opt, reason);
}

static int
valid_date(const char *s, int required, const char *what, const char **reason)
{
	struct jdate d;
	const char *why;

	if (*s == '\0' && !required)
		return 1;
	if (jdate_parse_iso(s, &d, &why) == 0)
		return 1;
	*reason = what;
	return 0;
}

static int
is_flag(int v)
{
	return v == 0 || v == 1;
}

/* Text that reaches screens, forms and exports: no control characters. */
static int
printable(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

/* Fields that must hold text. */
static int
valid_text(const struct resident *r, const char **reason)
{
	if (!printable(r->name_kanji) || !printable(r->address) ||
	    !printable(r->operator_id) || !printable(r->terminal_id) ||
	    !printable(r->timestamp))
		*reason = N_("制御文字は使えません");
	else if (r->name_kanji[0] == '\0')
		*reason = N_("漢字氏名がありません");
	else if (r->address[0] == '\0')
		*reason = N_("住所がありません");
	else if (r->aza_code[0] == '\0' ||
	    strspn(r->aza_code, "0123456789") != strlen(r->aza_code))
		*reason = N_("大字・字コードが正しくありません");
	else if (r->operator_id[0] == '\0' || r->terminal_id[0] == '\0')
		*reason = N_("操作者IDまたは操作端末IDがありません");
	else
		return 1;
	return 0;
}

static int
valid_codes(const struct resident *r, const char **reason)
{
	if (!checkdigit_juminhyo_valid(r->juminhyo_code, reason))
		return 0;
	/* Records from before the 個人番号 existed may lack one. */
	if (r->kojin_bango[0] != '\0' &&
	    !checkdigit_kojin_valid(r->kojin_bango, reason))
		return 0;
	if (!checkdigit_lgcode_valid(r->municipality_code, reason))
		return 0;
	if (idou_lookup(r->idou_code) == NULL) {
		*reason = N_("異動事由のコードが不明です");
		return 0;
	}
	return 1;
}

static int
valid_flags(const struct resident *r, const char **reason)
{
	if (r->sex != SEX_MALE && r->sex != SEX_FEMALE)
		*reason = N_("性別のコードが正しくありません");
	else if (!is_flag(r->retention_flag) || !is_flag(r->gaiji_flag) ||
	    !is_flag(r->deleted))
		*reason = N_("フラグの値は0か1です");
	else if (r->name_gaiji_count < 0 || r->address_gaiji_count < 0 ||
	    r->name_gaiji_seq < 0 || r->address_gaiji_seq < 0)
		*reason = N_("外字数・外字変更連番は0以上です");
	else
		return 1;
	return 0;
}

/* 清音化かな氏名 is derived data: it must be exactly the fold of ふりがな. */
static int
valid_kana(const struct resident *r, const struct kana_options *opt,
    const char **reason)
{
	char folded[RESIDENT_KANA_MAX];

	if (kana_seion(r->name_kana, folded, sizeof folded, opt, reason) != 0)
		return 0;
	if (strcmp(folded, r->seion_kana) != 0) {
		*reason = N_("清音化かな氏名がふりがな氏名と一致しません");
		explicit_bzero(folded, sizeof folded);
		return 0;
	}
	explicit_bzero(folded, sizeof folded);
	return 1;
}

int
resident_valid(const struct resident *r, const struct kana_options *opt,
    const char **reason)
{
	const char *unused;

	if (reason == NULL)
		reason = &unused;
	return valid_codes(r, reason) && valid_text(r, reason) &&
	    valid_flags(r, reason) && valid_kana(r, opt, reason) &&
	    valid_date(r->birth_date, 1, N_("生年月日が正しくありません"),
	    reason) &&
	    valid_date(r->idou_date, 1, N_("異動年月日が正しくありません"),
	    reason) &&
	    valid_date(r->notified_date, 0,
	    N_("通知を受けた年月日が正しくありません"), reason);
}
