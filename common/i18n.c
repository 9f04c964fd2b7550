/*
 * gettext set-up.  The catalogue is looked up relative to the executable so
 * the build tree and an installation behave the same.
 */
#include <libgen.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "juki/i18n.h"

/* "en" if the environment asks for English, else "ja" (the default). */
static const char *
language_from_environment(void)
{
	static const char *const vars[] = {
		"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"
	};

	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);

		if (v == NULL || *v == '\0')
			continue;
		return strncmp(v, "en", 2) == 0 ? "en" : "ja";
	}
	return "ja";
}

static int
locale_dir(char *out, size_t outsz)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	int len;

	if (n <= 0)
		return -1;
	exe[n] = '\0';
	len = snprintf(out, outsz, "%s/../share/locale", dirname(exe));
	return (len < 0 || (size_t)len >= outsz) ? -1 : 0;
}

int
i18n_init(const char *language)
{
	char dir[PATH_MAX];

	if (language == NULL)
		language = language_from_environment();
	if (strcmp(language, "ja") != 0 && strcmp(language, "en") != 0)
		return -1;
	/*
	 * LANGUAGE picks the catalogue; it is ignored in the "C" locale, so
	 * fall back to C.UTF-8, which every Debian system has, when the
	 * environment names a locale that is not installed.
	 */
	if (setenv("LANGUAGE", language, 1) != 0)
		return -1;
	if (setlocale(LC_ALL, "") == NULL ||
	    strcmp(setlocale(LC_MESSAGES, NULL), "C") == 0)
		setlocale(LC_ALL, "C.UTF-8");
	if (locale_dir(dir, sizeof dir) == 0)
		bindtextdomain(JUKI_TEXTDOMAIN, dir);
	bind_textdomain_codeset(JUKI_TEXTDOMAIN, "UTF-8");
	textdomain(JUKI_TEXTDOMAIN);
	return 0;
}

const char *
i18n_language_arg(int argc, char **argv)
{
	const char *found = NULL;

	for (int i = 1; i + 1 < argc; i++)
		if (strcmp(argv[i], "--lang") == 0)
			found = argv[i + 1];
	return found;
}
