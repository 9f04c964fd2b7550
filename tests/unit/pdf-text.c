#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "pdf-text.h"

/* pdftotext reads a file: the PDF is written to one for it. */
void
pdf_text(const unsigned char *pdf, size_t len, int first, int last,
    int raw, char *out, size_t outsz)
{
	char path[] = "/tmp/juki-pdf-text.XXXXXX", pages[32] = "", cmd[128];
	int fd = mkstemp(path);
	FILE *f;
	size_t n;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, pdf, len), (ssize_t)len);
	close(fd);
	if (last > 0)
		snprintf(pages, sizeof pages, "-f %d -l %d", first, last);
	snprintf(cmd, sizeof cmd, "pdftotext %s %s %s - 2>/dev/null",
	    raw ? "-raw" : "", pages, path);
	assert_non_null(f = popen(cmd, "r"));
	n = fread(out, 1, outsz - 1, f);
	out[n] = '\0';
	pclose(f);
	unlink(path);
}

int
pdf_text_count(const char *haystack, const char *needle)
{
	int n = 0;

	for (const char *p = haystack; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}
