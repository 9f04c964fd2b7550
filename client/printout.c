#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "juki/i18n.h"
#include "printout.h"
#include "wipe-buffer.h"

#define PT_PER_MM (72.0 / 25.4)
#define PAGE_WIDTH (210.0 * PT_PER_MM)		/* A4 */
#define PAGE_HEIGHT (297.0 * PT_PER_MM)
#define MARGIN (15.0 * PT_PER_MM)
#define FOOTER (12.0 * PT_PER_MM)	/* kept free for the page's mark */
#define CELL_PAD 2.0

/* IPAex fonts (Debian's fonts-ipaexfont-*): JIS X 0213 kanji, which names
 * and addresses need. */
#define FONT_BODY "IPAexGothic 9"
#define FONT_HEADING "IPAexGothic Bold 14"
#define FONT_MARK "IPAexGothic 7"
#define FONT_WATERMARK "IPAexGothic Bold 64"

/* Light enough that the form's own text, drawn over it in black, stays
 * easy to read; dark enough to survive a photocopy. */
#define WATERMARK_GREY 0.85
/* Along the page's diagonal, lower left to upper right: atan(297 / 210),
 * turned the other way. */
#define WATERMARK_ANGLE (-0.9553)
/* The same words in every language: whoever holds the paper reads one. */
#define WATERMARK_TEXT "研修 / TRAINING"

struct printout {
	struct printout_mark mark;
	struct wipe_buffer out;	/* the PDF as cairo writes it */
	int failed;
	cairo_surface_t *surface;
	cairo_t *cr;
	double y;		/* where the next line goes */
	int page;
};

static cairo_status_t
append(void *closure, const unsigned char *data, unsigned int length)
{
	struct printout *p = closure;

	if (wipe_buffer_append(&p->out, data, length) != 0) {
		p->failed = 1;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

int
printout_prepare(void)
{
	PangoFontMap *map = pango_cairo_font_map_get_default();
	PangoContext *ctx = pango_font_map_create_context(map);
	PangoFontDescription *desc = pango_font_description_from_string(
	    FONT_BODY);
	PangoFont *font = pango_font_map_load_font(map, ctx, desc);
	int ok = 0;

	if (font != NULL) {
		PangoFontDescription *got = pango_font_describe(font);
		const char *family = pango_font_description_get_family(got);

		ok = family != NULL && strstr(family, "IPAex") != NULL;
		pango_font_description_free(got);
		g_object_unref(font);
	}
	pango_font_description_free(desc);
	g_object_unref(ctx);
	return ok ? 0 : -1;
}

static PangoLayout *
layout(cairo_t *cr, const char *font, const char *text, double width)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *desc = pango_font_description_from_string(font);

	pango_layout_set_font_description(l, desc);
	pango_font_description_free(desc);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(l, text, -1);
	return l;
}

static double
height_of(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

/* The serial, operator, terminal, time and page at the foot, under the
 * form's name (and training first, when it is): two lines, so that a
 * long name never pushes the page number onto a line of its own. */
static void
draw_mark(struct printout *p)
{
	char line[640];
	PangoLayout *l;

	snprintf(line, sizeof line, _("%s%s\n帳票番号 %s  操作者 %s  端末 %s  "
	    "発行 %s  %d ページ"), p->mark.training ? _("【研修】 ") : "",
	    p->mark.title, p->mark.serial, p->mark.operator_id,
	    p->mark.terminal_id, p->mark.time, p->page);
	l = layout(p->cr, FONT_MARK, line, PAGE_WIDTH - 2 * MARGIN);
	cairo_move_to(p->cr, MARGIN, PAGE_HEIGHT - MARGIN - height_of(l));
	pango_cairo_show_layout(p->cr, l);
	g_object_unref(l);
}

/* Across a training form's page, centred, before anything else is
 * drawn on it: under the text, never over it. */
static void
draw_watermark(struct printout *p)
{
	PangoLayout *l;
	int w, h;

	if (!p->mark.training)
		return;
	cairo_save(p->cr);
	cairo_translate(p->cr, PAGE_WIDTH / 2, PAGE_HEIGHT / 2);
	cairo_rotate(p->cr, WATERMARK_ANGLE);
	cairo_set_source_rgb(p->cr, WATERMARK_GREY, WATERMARK_GREY,
	    WATERMARK_GREY);
	l = layout(p->cr, FONT_WATERMARK, WATERMARK_TEXT, PAGE_HEIGHT);
	pango_layout_set_width(l, -1);	/* one line, however long */
	pango_layout_get_size(l, &w, &h);
	cairo_move_to(p->cr, -(double)w / PANGO_SCALE / 2,
	    -(double)h / PANGO_SCALE / 2);
	pango_cairo_show_layout(p->cr, l);
	g_object_unref(l);
	cairo_restore(p->cr);
}

static void
new_page(struct printout *p)
{
	draw_mark(p);
	cairo_show_page(p->cr);
	p->page++;
	p->y = MARGIN;
	draw_watermark(p);
}

/* Room for h more points on this page, or a new one. */
static void
make_room(struct printout *p, double h)
{
	if (p->y + h > PAGE_HEIGHT - MARGIN - FOOTER && p->y > MARGIN)
		new_page(p);
}

struct printout *
printout_new(const struct printout_mark *mark)
{
	struct printout *p = calloc(1, sizeof *p);

	if (p == NULL)
		return NULL;
	p->mark = *mark;
	p->surface = cairo_pdf_surface_create_for_stream(append, p,
	    PAGE_WIDTH, PAGE_HEIGHT);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE,
	    mark->title);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR,
	    "juki-terminal");
	p->cr = cairo_create(p->surface);
	p->y = MARGIN;
	p->page = 1;
	draw_watermark(p);
	return p;
}

static void
block(struct printout *p, const char *font, const char *text, double after)
{
	PangoLayout *l = layout(p->cr, font, text, PAGE_WIDTH - 2 * MARGIN);
	double h = height_of(l);

	make_room(p, h);
	cairo_move_to(p->cr, MARGIN, p->y);
	pango_cairo_show_layout(p->cr, l);
	g_object_unref(l);
	p->y += h + after;
}

void
printout_heading(struct printout *p, const char *text)
{
	block(p, FONT_HEADING, text, 6.0);
}

void
printout_text(struct printout *p, const char *text)
{
	block(p, FONT_BODY, text, 3.0);
}

void
printout_row(struct printout *p, const char *const *cells,
    const double *widths_mm, int ncells, int header)
{
	PangoLayout *l[16];
	double h = 0, x = MARGIN;
	int n = ncells < 16 ? ncells : 16;

	for (int i = 0; i < n; i++) {
		l[i] = layout(p->cr, FONT_BODY, cells[i],
		    widths_mm[i] * PT_PER_MM - 2 * CELL_PAD);
		if (height_of(l[i]) > h)
			h = height_of(l[i]);
	}
	h += 2 * CELL_PAD;
	make_room(p, h);
	for (int i = 0; i < n; i++) {
		cairo_move_to(p->cr, x + CELL_PAD, p->y + CELL_PAD);
		pango_cairo_show_layout(p->cr, l[i]);
		x += widths_mm[i] * PT_PER_MM;
		g_object_unref(l[i]);
	}
	/* A rule under every row, heavier under the header. */
	cairo_set_line_width(p->cr, header ? 1.0 : 0.3);
	cairo_move_to(p->cr, MARGIN, p->y + h);
	cairo_line_to(p->cr, x, p->y + h);
	cairo_stroke(p->cr);
	p->y += h;
}

static void
destroy(struct printout *p)
{
	cairo_destroy(p->cr);
	cairo_surface_destroy(p->surface);
	free(p);
}

int
printout_finish(struct printout *p, unsigned char **pdf, size_t *len)
{
	cairo_status_t status;

	draw_mark(p);
	cairo_show_page(p->cr);
	cairo_surface_finish(p->surface);
	status = cairo_surface_status(p->surface);
	if (status != CAIRO_STATUS_SUCCESS || p->failed) {
		wipe_buffer_free(&p->out);
		destroy(p);
		return -1;
	}
	/* The caller frees it: with printout_free_pdf, by its length. */
	*pdf = p->out.data;
	*len = p->out.len;
	destroy(p);
	return 0;
}

void
printout_free_pdf(unsigned char *pdf, size_t len)
{
	if (pdf == NULL)
		return;
	explicit_bzero(pdf, len);
	free(pdf);
}
