/*
 * A printed form as a PDF held in memory: A4 pages laid out with pango
 * and drawn with cairo, every page marked with the form's serial number,
 * the operator, the terminal and the time, and a form printed for
 * training marked so across every page.  Nothing touches the disk; the
 * buffer is wiped when freed.
 */
#ifndef JUKI_PRINTOUT_H
#define JUKI_PRINTOUT_H

#include <stddef.h>

/* What every page carries at its foot. */
struct printout_mark {
	const char *title;	/* the form's name */
	const char *serial;	/* from the forms ledger */
	const char *operator_id;
	const char *terminal_id;
	const char *time;	/* as issued by the server */
	int training;		/* a demo server's: 研修 / TRAINING */
};

struct printout;

/* Loads the fonts: called before the sandbox, which forbids the font
 * cache's writes.  0, or -1 when no Japanese font is installed. */
int printout_prepare(void);

struct printout *printout_new(const struct printout_mark *mark);

/* A heading, a paragraph, and a row of a table whose columns are widths
 * in millimetres (a header row is bold and ruled below).  Each starts a
 * new page when the current one is full. */
void printout_heading(struct printout *p, const char *text);
void printout_text(struct printout *p, const char *text);
void printout_row(struct printout *p, const char *const *cells,
    const double *widths_mm, int ncells, int header);

/* Ends the document: 0 with the PDF in *pdf (printout_free_pdf), or -1. */
int printout_finish(struct printout *p, unsigned char **pdf, size_t *len);

void printout_free_pdf(unsigned char *pdf, size_t len);

#endif
