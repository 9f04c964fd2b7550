#include <poll.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include <curses.h>

#include "ui.h"
#include "width.h"

static int started;

int
ui_start(void)
{
	if (initscr() == NULL)
		return -1;
	started = 1;
	raw();		/* Ctrl-C, Ctrl-Z and Ctrl-\ are keys, not signals */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(50);
	curs_set(0);
	if (has_colors()) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_RED, -1);
	}
	return 0;
}

void
ui_end(void)
{
	if (!started)
		return;
	erase();
	refresh();
	endwin();
	started = 0;
}

void
ui_size(int *rows, int *cols)
{
	getmaxyx(stdscr, *rows, *cols);
}

void
ui_erase(void)
{
	erase();
}

static attr_t
attribute(enum ui_attr a)
{
	switch (a) {
	case UI_BOLD:
		return A_BOLD;
	case UI_REVERSE:
		return A_REVERSE;
	case UI_ERROR:
		return A_BOLD | (has_colors() ? COLOR_PAIR(1) : A_UNDERLINE);
	case UI_DIM:
		return A_DIM;
	case UI_BANNER:
		return A_REVERSE | A_BOLD;
	default:
		return A_NORMAL;
	}
}

void
ui_put(int row, int col, int cols, const char *text, enum ui_attr a)
{
	char line[1024];

	if (cols <= 0)
		return;
	width_fit(text != NULL ? text : "", cols, 1, line, sizeof line);
	attron(attribute(a));
	mvaddstr(row, col, line);
	attroff(attribute(a));
}

void
ui_cursor(int row, int col)
{
	if (row < 0) {
		curs_set(0);
		return;
	}
	move(row, col);
	curs_set(1);
}

void
ui_flush(void)
{
	refresh();
}

static enum ui_special
special_of(int code)
{
	switch (code) {
	case KEY_ENTER: return UI_ENTER;
	case KEY_BTAB: return UI_BACKTAB;
	case KEY_BACKSPACE: return UI_BACKSPACE;
	case KEY_UP: return UI_UP;
	case KEY_DOWN: return UI_DOWN;
	case KEY_LEFT: return UI_LEFT;
	case KEY_RIGHT: return UI_RIGHT;
	case KEY_PPAGE: return UI_PGUP;
	case KEY_NPAGE: return UI_PGDN;
	case KEY_RESIZE: return UI_RESIZE;
	default: return UI_NONE;
	}
}

static enum ui_special
control_of(wint_t c)
{
	switch (c) {
	case '\r': case '\n': return UI_ENTER;
	case 27: return UI_ESC;
	case '\t': return UI_TAB;
	case 8: case 127: return UI_BACKSPACE;
	default: return UI_NONE;
	}
}

/* The terminal is gone (its window closed, its connection dropped):
 * every read fails at once, and waiting for a key would spin. */
static int
hung_up(void)
{
	struct pollfd in = { .fd = STDIN_FILENO, .events = POLLIN };

	return poll(&in, 1, 0) == 1 &&
	    (in.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

int
ui_key(struct ui_key *k, int timeout_ms)
{
	wint_t c;
	int rc;

	memset(k, 0, sizeof *k);
	timeout(timeout_ms);
	rc = get_wch(&c);
	if (rc == ERR)
		return hung_up() ? UI_HANGUP : -1;
	if (rc == KEY_CODE_YES) {
		if (c >= (wint_t)KEY_F(1) && c <= (wint_t)KEY_F(12))
			k->fkey = (int)(c - KEY_F(0));
		else
			k->special = special_of((int)c);
		return 0;
	}
	if (c < 0x20 || c == 0x7f) {
		k->special = control_of(c);
		return 0;
	}
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t n = wcrtomb(k->text, (wchar_t)c, &st);
	if (n == (size_t)-1 || n >= sizeof k->text)
		k->text[0] = '\0';
	else
		k->text[n] = '\0';
	return 0;
}

const char *
ui_put_line(int row, int col, int cols, const char *s, enum ui_attr a)
{
	size_t n = width_line(s, cols);
	char piece[512];

	/* A screen wider than any sensible one: cut at a character. */
	if (n >= sizeof piece) {
		n = sizeof piece - 1;
		while (n > 1 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(piece, s, n);
	piece[n] = '\0';
	if (row >= 0)
		ui_put(row, col, cols, piece, a);
	explicit_bzero(piece, sizeof piece);
	/* The space a line was broken at does not begin the next. */
	s += n;
	while (*s == ' ')
		s++;
	return s;
}
