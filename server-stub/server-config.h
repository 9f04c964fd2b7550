/*
 * The server's configuration file (libconfig).  See juki-server.conf in
 * assets/ for every setting with its meaning.
 */
#ifndef JUKI_SERVER_CONFIG_H
#define JUKI_SERVER_CONFIG_H

#include <stdbool.h>

#include "alert-rules.h"

#define CONFIG_PATH_MAX 1024
#define JIMU_MAX 32
/* The organisation and the authority: at most 64 characters. */
#define CONFIG_NAME_MAX 257
/* Provision records are kept 7 years (seed 000 §III-3): never less. */
#define CONFIG_RETENTION_YEARS_MIN 7
#define CONFIG_RETENTION_YEARS_MAX 150

/* A 事務: a legal purpose a lookup is made for. */
struct jimu {
	char code[32];
	char name[128];
	bool kojin;	/* the 個人番号 may be shown for it */
};

struct server_config {
	char listen_address[64];
	int listen_port;
	char database[CONFIG_PATH_MAX];
	char operators[CONFIG_PATH_MAX];
	char ledger[CONFIG_PATH_MAX];	/* 帳票管理簿; default "ledger.db" */
	char disclosures[CONFIG_PATH_MAX];	/* 開示請求; default
						   "disclosures.db" */
	char audit_log[CONFIG_PATH_MAX];
	char audit_exports[CONFIG_PATH_MAX];	/* where audit/export writes;
						   default "audit-exports" */
	char certificate[CONFIG_PATH_MAX];
	char key[CONFIG_PATH_MAX];
	char ca[CONFIG_PATH_MAX];
	char crl[CONFIG_PATH_MAX];
	char print_key[CONFIG_PATH_MAX];	/* seals 照合情報 at rest */
	char seal_key[CONFIG_PATH_MAX];		/* signs the audit log's
						   seals (seal-key.h) */
	char audit_seals[CONFIG_PATH_MAX];	/* the seals; default
						   audit_log ".seals" */
	int seal_interval;	/* seconds between seals, when the head moved */
	int retention_years;	/* the audit log's, at least 7 */
	char exercises[CONFIG_PATH_MAX];	/* the trainers' exercises, or
						   "": only with demo */
	char alerts_db[CONFIG_PATH_MAX];	/* 警告; default beside the
						   operators' file */
	struct alert_rules_config alerts;	/* what raises them */
	int session_seconds;	/* longest a session lives */
	int idle_seconds;	/* a session unused this long ends */
	int max_candidates;	/* a 4情報 search with more is refused */
	int max_failures;	/* failed logins before the ID locks */
	int request_timeout;	/* seconds */
	bool demo;
	char organisation[CONFIG_NAME_MAX];	/* who runs this server */
	char authority[CONFIG_NAME_MAX];	/* who issues its notices */
	struct jimu jimu[JIMU_MAX];
	int jimu_count;
};

/*
 * Reads path into cfg.  Relative paths in it are taken from the file's own
 * folder.  Returns 0, or -1 with a message (file:line: what) in err.
 */
int server_config_load(const char *path, struct server_config *cfg,
    char *err, size_t errsz);

const struct jimu *server_config_jimu(const struct server_config *cfg,
    const char *code);

#endif
