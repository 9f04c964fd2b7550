/*
 * 異動事由 table.  Codes are stored in the database: add, never renumber.
 */
#include <stddef.h>
#include <string.h>

#include "juki/i18n.h"
#include "juki/idou.h"

static const struct idou_reason idou_table[] = {
	{ IDOU_TENNYU, N_("転入"), IDOU_ENTRY },
	{ IDOU_SHUSSEI, N_("出生"), IDOU_ENTRY },
	{ IDOU_SHOKKEN_KISAI, N_("職権記載"), IDOU_ENTRY },
	{ IDOU_KIKA, N_("帰化"), IDOU_ENTRY },
	{ IDOU_TENKYO, N_("転居"), IDOU_CHANGE },
	{ IDOU_SHIMEI_HENKO, N_("氏名の変更"), IDOU_CHANGE },
	{ IDOU_SHOKKEN_SHUSEI, N_("職権修正"), IDOU_CHANGE },
	{ IDOU_JUKYO_HYOJI, N_("住居表示の実施"), IDOU_CHANGE },
	{ IDOU_TENSHUTSU, N_("転出"), IDOU_REMOVAL },
	{ IDOU_SHIBOU, N_("死亡"), IDOU_REMOVAL },
	{ IDOU_SHOKKEN_SHOJO, N_("職権消除"), IDOU_REMOVAL },
	{ IDOU_KOKUSEKI_SOSHITSU, N_("国籍喪失"), IDOU_REMOVAL },
};

#define IDOU_COUNT (sizeof idou_table / sizeof idou_table[0])

const struct idou_reason *
idou_lookup(int code)
{
	for (size_t i = 0; i < IDOU_COUNT; i++)
		if (idou_table[i].code == code)
			return &idou_table[i];
	return NULL;
}

const struct idou_reason *
idou_by_name(const char *name)
{
	if (name == NULL)
		return NULL;
	for (size_t i = 0; i < IDOU_COUNT; i++)
		if (strcmp(idou_table[i].name, name) == 0)
			return &idou_table[i];
	return NULL;
}

const struct idou_reason *
idou_all(int *count)
{
	*count = (int)IDOU_COUNT;
	return idou_table;
}
