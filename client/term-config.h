/*
 * The terminal's configuration (libconfig): /etc/juki/terminal.conf unless
 * --config names another.  See assets/terminal.conf for every setting.
 */
#ifndef JUKI_TERM_CONFIG_H
#define JUKI_TERM_CONFIG_H

#include <stddef.h>

#define TERM_PATH_MAX 1024
#define TERM_DEFAULT_CONFIG "/etc/juki/terminal.conf"

struct term_config {
	char server_url[256];		/* "https://localhost:8443" */
	char ca[TERM_PATH_MAX];		/* CA certificate (PEM) */
	char certificate[TERM_PATH_MAX];/* this terminal's certificate */
	char key[TERM_PATH_MAX];	/* and its private key */
	char pinned_key[128];		/* "sha256//base64" of the server's
					   public key, or "" */
	char log[TERM_PATH_MAX];	/* the terminal's own operation log */
	char printer[128];		/* CUPS queue, or "" */
	char language[8];		/* "ja" or "en" */
	int connect_timeout;		/* seconds, 1-60, default 5 */
	int request_timeout;		/* seconds, 1-300, default 15 */
	int lock_seconds;		/* idle lock, 1-300, default 300 */
	int reader_timeout;		/* seconds a scan waits, 5-120, default 30 */
};

/*
 * Reads path into cfg; relative paths are taken from the file's folder.
 * Refuses, with a message in err (already translated, one line), a file
 * that is missing or writable by others, a key file readable or writable
 * by group or others, a CA file that is missing, a URL that is not
 * https://, and any setting out of range or of the wrong type.
 * Returns 0 or -1.
 */
int term_config_load(const char *path, struct term_config *cfg, char *err,
    size_t errsz);

#endif
