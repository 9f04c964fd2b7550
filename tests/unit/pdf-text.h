/* The text of a printed form read back from its PDF, as pdftotext reads
 * the paper: for the tests of what the terminal prints. */
#ifndef JUKI_TEST_PDF_TEXT_H
#define JUKI_TEST_PDF_TEXT_H

#include <stddef.h>

/* The text of pdf (len bytes) into out of outsz: the pages first to
 * last, or every page when last is 0; raw (in the order it was drawn)
 * when raw is set.  cmocka asserts. */
void pdf_text(const unsigned char *pdf, size_t len, int first, int last,
    int raw, char *out, size_t outsz);

/* How many times needle is in haystack. */
int pdf_text_count(const char *haystack, const char *needle);

#endif
