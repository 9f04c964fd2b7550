/*
 * Schema of the SQLite resident file, as numbered migrations.  A migration
 * once released is never edited: add the next one.  PRAGMA user_version holds
 * the number of the last one applied.
 */
#include <stddef.h>

#include "store-sqlite.h"

static const char schema_v1[] =
	"CREATE TABLE meta ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") STRICT;"
	/* The current 本人確認情報, one row a person, 消除者 included. */
	"CREATE TABLE resident ("
	"  juminhyo_code TEXT PRIMARY KEY CHECK (length(juminhyo_code) = 11),"
	"  name_kanji TEXT NOT NULL,"
	"  name_gaiji_count INTEGER NOT NULL CHECK (name_gaiji_count >= 0),"
	"  name_kana TEXT NOT NULL,"
	"  birth_date TEXT NOT NULL CHECK (length(birth_date) = 10),"
	"  sex INTEGER NOT NULL CHECK (sex IN (1, 2)),"
	"  address TEXT NOT NULL,"
	"  address_gaiji_count INTEGER NOT NULL"
	"    CHECK (address_gaiji_count >= 0),"
	"  kojin_bango TEXT UNIQUE CHECK (length(kojin_bango) = 12),"
	"  idou_code INTEGER NOT NULL,"
	"  idou_date TEXT NOT NULL,"
	"  retention_flag INTEGER NOT NULL CHECK (retention_flag IN (0, 1)),"
	"  seion_kana TEXT NOT NULL,"
	"  municipality_code TEXT NOT NULL CHECK (length(municipality_code) = 6),"
	"  aza_code TEXT NOT NULL,"
	"  operator_id TEXT NOT NULL,"
	"  terminal_id TEXT NOT NULL,"
	"  timestamp TEXT NOT NULL,"
	"  notified_date TEXT,"
	"  gaiji_flag INTEGER NOT NULL CHECK (gaiji_flag IN (0, 1)),"
	"  deleted INTEGER NOT NULL CHECK (deleted IN (0, 1)),"
	"  update_seq INTEGER NOT NULL UNIQUE,"
	"  name_gaiji_seq INTEGER NOT NULL,"
	"  address_gaiji_seq INTEGER NOT NULL"
	") STRICT, WITHOUT ROWID;"
	/* 4情報 search: folded name, then birth date, sex, address prefix. */
	"CREATE INDEX resident_4joho"
	"  ON resident (seion_kana, birth_date, sex, address);"
	/*
	 * 修正前の本人確認情報: every version a change replaced, with the
	 * 更新順番号 of the change that replaced it.
	 */
	"CREATE TABLE resident_history ("
	"  juminhyo_code TEXT NOT NULL REFERENCES resident (juminhyo_code),"
	"  name_kanji TEXT NOT NULL,"
	"  name_gaiji_count INTEGER NOT NULL,"
	"  name_kana TEXT NOT NULL,"
	"  birth_date TEXT NOT NULL,"
	"  sex INTEGER NOT NULL,"
	"  address TEXT NOT NULL,"
	"  address_gaiji_count INTEGER NOT NULL,"
	"  kojin_bango TEXT,"
	"  idou_code INTEGER NOT NULL,"
	"  idou_date TEXT NOT NULL,"
	"  retention_flag INTEGER NOT NULL,"
	"  seion_kana TEXT NOT NULL,"
	"  municipality_code TEXT NOT NULL,"
	"  aza_code TEXT NOT NULL,"
	"  operator_id TEXT NOT NULL,"
	"  terminal_id TEXT NOT NULL,"
	"  timestamp TEXT NOT NULL,"
	"  notified_date TEXT,"
	"  gaiji_flag INTEGER NOT NULL,"
	"  deleted INTEGER NOT NULL,"
	"  update_seq INTEGER NOT NULL,"
	"  name_gaiji_seq INTEGER NOT NULL,"
	"  address_gaiji_seq INTEGER NOT NULL,"
	"  superseded_by INTEGER NOT NULL,"
	"  PRIMARY KEY (juminhyo_code, update_seq)"
	") STRICT, WITHOUT ROWID;";

/*
 * Updates from 市町村CS already applied, by the CS's own id, so that one
 * sent twice is refused; written in the transaction that applies it.
 */
static const char schema_v2[] =
	"CREATE TABLE cs_update ("
	"  update_id TEXT PRIMARY KEY CHECK (length(update_id) BETWEEN 1 AND 63),"
	"  update_seq INTEGER NOT NULL,"
	"  applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ'))"
	") STRICT;";

const char *const sqlite_schema_migrations[] = {
	schema_v1,
	schema_v2,
};

const int sqlite_schema_version =
    (int)(sizeof sqlite_schema_migrations / sizeof sqlite_schema_migrations[0]);
