/*
 * The pieces server-config.c reads settings with, shared with the files
 * that read a group of settings of their own (server-config-alerts.c).
 * Each writes what is wrong into err and returns -1, or returns 0.
 */
#ifndef JUKI_SERVER_CONFIG_PARTS_H
#define JUKI_SERVER_CONFIG_PARTS_H

#include <stddef.h>

#include <libconfig.h>

#include "server-config.h"

/* v, the value of setting name, as a path: relative ones against base,
 * the folder the configuration file is in. */
int path_value(const char *name, const char *v, const char *base,
    char out[CONFIG_PATH_MAX], char *err, size_t errsz);

/* A path setting, resolved as path_value does.  When it is
 * absent fallback is taken instead: NULL makes it required, "" leaves out
 * as it is. */
int path_setting(config_t *c, const char *name, const char *base,
    char out[CONFIG_PATH_MAX], const char *fallback, char *err,
    size_t errsz);

/* An integer setting from lo to hi; absent, out is left as it is. */
int int_setting(config_t *c, const char *name, int lo, int hi,
    int *out, char *err, size_t errsz);

/*
 * The "alerts" settings of c into cfg, after the operators' file is known
 * (server-config-alerts.c): 0, or -1 with a message in err.
 */
int server_config_alerts(config_t *c, const char *base,
    struct server_config *cfg, char *err, size_t errsz);

#endif
