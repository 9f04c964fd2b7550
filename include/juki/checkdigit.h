/*
 * Check digits of the numbers the resident file is keyed by.
 *
 * Every function takes a NUL-terminated string of ASCII digits.  The _valid
 * functions return 1 or 0 and, on 0, set *reason (when reason is not NULL) to
 * an untranslated message id saying what is wrong; translate it with _().
 */
#ifndef JUKI_CHECKDIGIT_H
#define JUKI_CHECKDIGIT_H

#define JUMINHYO_CODE_LEN 11   /* 住民票コード: 10 digits + check digit */
#define KOJIN_BANGO_LEN   12   /* 個人番号: 11 digits + check digit */
#define LGCODE_LEN        6    /* 全国地方公共団体コード: 5 digits + check digit */

/* Check digit (0-9) for the first 10 digits of a 住民票コード, or -1 if the
 * input is not 10 digits. */
int checkdigit_juminhyo_compute(const char *ten_digits);
int checkdigit_juminhyo_valid(const char *code, const char **reason);

/* Check digit for the first 11 digits of a 個人番号, or -1. */
int checkdigit_kojin_compute(const char *eleven_digits);
int checkdigit_kojin_valid(const char *number, const char **reason);

/* Check digit for the first 5 digits of a 市町村コード, or -1. */
int checkdigit_lgcode_compute(const char *five_digits);
int checkdigit_lgcode_valid(const char *code, const char **reason);

#endif
