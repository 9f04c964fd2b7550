/*
 * The terminal screen: the only layer that includes curses.  Everything
 * drawn goes through width_fit, so columns line up, wide characters are
 * never cut, and no control character reaches the terminal.
 */
#ifndef JUKI_UI_H
#define JUKI_UI_H

enum ui_attr {
	UI_PLAIN,
	UI_BOLD,
	UI_REVERSE,
	UI_ERROR,
	UI_DIM,
	UI_BANNER,	/* what must not be missed: the demo terminal's */
};

enum ui_special {
	UI_NONE,
	UI_ENTER,
	UI_ESC,
	UI_TAB,
	UI_BACKTAB,
	UI_BACKSPACE,
	UI_UP,
	UI_DOWN,
	UI_LEFT,
	UI_RIGHT,
	UI_PGUP,
	UI_PGDN,
	UI_RESIZE,
};

struct ui_key {
	int fkey;		/* 1-12 for F1-F12, else 0 */
	enum ui_special special;
	char text[8];		/* a printable character, UTF-8, else "" */
};

/* Takes over the terminal; ui_end gives it back as it was.  -1 if the
 * terminal cannot be used. */
int ui_start(void);
void ui_end(void);

void ui_size(int *rows, int *cols);
void ui_erase(void);

/* text at row, col in exactly cols columns (cut or padded). */
void ui_put(int row, int col, int cols, const char *text, enum ui_attr a);
/* The first line of s wrapped to cols (width_line) at row, unless row is
 * below 0 (out of sight); returns the rest of s. */
const char *ui_put_line(int row, int col, int cols, const char *s,
    enum ui_attr a);

/* Where the cursor shows (an input field), or hidden when row < 0. */
void ui_cursor(int row, int col);
void ui_flush(void);

#define UI_HANGUP (-2)

/* The next key within timeout_ms: 0, -1 when none came, or UI_HANGUP when
 * the terminal is gone. */
int ui_key(struct ui_key *k, int timeout_ms);

#endif
