/*
 * A form's lines on the screen, as the printout lays them out: the
 * heading bold, paragraphs wrapped to the width, a table's cells each
 * wrapped in its column (millimetres scaled to the screen's columns).
 * The clerk reads what will be printed, line for line.
 */
#ifndef JUKI_FORM_VIEW_H
#define JUKI_FORM_VIEW_H

#include "form-lines.h"
#include "page.h"

void form_view_draw(const struct form_lines *f, struct page *p);

#endif
