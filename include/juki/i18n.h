/*
 * UI text goes through gettext.  Message ids are the Japanese text, which is
 * the default language; po/en.po must translate every one of them.
 */
#ifndef JUKI_I18N_H
#define JUKI_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
/* Marks a string for extraction where it is stored untranslated, e.g. a
 * reason returned by the domain library; translate it with _() on display. */
#define N_(s) (s)

/*
 * Sets the locale and binds the catalogue next to the executable
 * (<bindir>/../share/locale).  language is "ja", "en" or NULL to follow the
 * environment; anything else is refused.  Returns 0 or -1.
 */
int i18n_init(const char *language);

/*
 * The value of a --lang option in argv, or NULL.  Programs read it before
 * parsing the rest, so that even a complaint about an option is in the
 * language asked for.
 */
const char *i18n_language_arg(int argc, char **argv);

#endif
