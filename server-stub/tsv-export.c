#include <inttypes.h>
#include <stdio.h>

#include "tsv-export.h"

static const char header[] =
	"version\t住民票コード\t漢字氏名\t外字数(氏名)\tふりがな氏名\t"
	"生年月日\t性別\t住所\t外字数(住所)\t個人番号\t異動事由\t"
	"異動年月日\t保存期間フラグ\t清音化かな氏名\t市町村コード\t"
	"大字・字コード\t操作者ID\t操作端末ID\tタイムスタンプ\t"
	"通知を受けた年月日\t外字フラグ\t削除フラグ\t更新順番号\t"
	"氏名外字変更連番\t住所外字変更連番\n";

struct export {
	struct store *st;
	FILE *out;
	const char *version;
};

/* Record text holds no control characters (resident_valid), so no tab or
 * newline needs escaping. */
static int
write_row(const struct resident *r, void *arg)
{
	struct export *e = arg;
	int n = fprintf(e->out, "%s\t%s\t%s\t%d\t%s\t%s\t%d\t%s\t%d\t%s\t%d\t"
	    "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d\t%" PRId64 "\t%d\t%d\n",
	    e->version, r->juminhyo_code, r->name_kanji, r->name_gaiji_count,
	    r->name_kana, r->birth_date, r->sex, r->address,
	    r->address_gaiji_count, r->kojin_bango, r->idou_code, r->idou_date,
	    r->retention_flag, r->seion_kana, r->municipality_code,
	    r->aza_code, r->operator_id, r->terminal_id, r->timestamp,
	    r->notified_date, r->gaiji_flag, r->deleted, r->update_seq,
	    r->name_gaiji_seq, r->address_gaiji_seq);

	return n < 0 ? -1 : 0;
}

/* History first, oldest to newest, then the current record. */
static int
write_person(const struct resident *r, void *arg)
{
	struct export *e = arg;
	int rc;

	e->version = "history";
	if ((rc = store_history(e->st, r->juminhyo_code, write_row, e)) != 0)
		return rc;
	e->version = "current";
	return write_row(r, e);
}

int
tsv_export(struct store *st, FILE *out)
{
	struct export e = { st, out, NULL };

	if (fputs(header, out) == EOF)
		return -1;
	if (store_each(st, write_person, &e) != 0)
		return -1;
	return fflush(out) == 0 ? 0 : -1;
}
