/*
 * 研修の課題, on a demo terminal only: the trainers' exercises with 済 or
 * 未 and how many are done, and the steps of the one chosen.  The server
 * decides what is done, from its audit log; the list is read again on
 * entry and with F5, so a trainee who does an exercise on its own screen
 * comes back to see it ticked.  Nothing here is a resident's data; the
 * text is the server's, made safe as ui_put draws it.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "juki/i18n.h"
#include "juki/protocol.h"
#include "width.h"

#define MARK_COLS 6		/* 済 / 未, and their translations */
#define STEP_INDENT 4		/* "12. " */

void
exercise_view_reset(struct exercise_view *v)
{
	json_wipe(v->list);
	explicit_bzero(v, sizeof *v);
}

static json_t *
items(const struct app *a)
{
	return json_object_get(a->exercises.list, "exercises");
}

static int
is_done(const json_t *x)
{
	return json_is_true(json_object_get(x, "done"));
}

/* In the terminal's language: the server has each exercise in both. */
static void
load(struct app *a)
{
	struct exercise_view *v = &a->exercises;
	int n;

	if (app_fetch(a, PATH_TRAINING_EXERCISES, "training.exercises",
	    json_pack("{s:s}", "language", a->cfg.language),
	    _("研修の課題を読み込んでいます…"), "exercises", JSON_ARRAY,
	    &v->list) != 0)
		return;
	/* The exercise chosen stays chosen, if the list still has it. */
	n = (int)json_array_size(items(a));
	if (v->pick.selected >= n)
		v->pick = (struct pick){ n > 0 ? n - 1 : 0, 0 };
}

static void
exercises_enter(struct app *a)
{
	load(a);
}

static void
exercises_leave(struct app *a)
{
	json_wipe(a->exercises.list);
	a->exercises.list = NULL;
}

static void
draw_row(int row, int cols, const json_t *x, int selected)
{
	char mark[32], title[512], line[600];

	width_fit(is_done(x) ? _("済") : _("未"), MARK_COLS, 1, mark,
	    sizeof mark);
	width_ellipsize(json_text(x, "title"), cols - MARK_COLS - 6, 0, title,
	    sizeof title);
	snprintf(line, sizeof line, " %s %s", mark, title);
	ui_put(row, 1, cols - 2, line, selected ? UI_REVERSE : UI_PLAIN);
}

/* Step i, text s, from row on, wrapped to cols under its number:
 * returns the row after it. */
static int
draw_step(int row, int last, int cols, int i, const char *s)
{
	char number[16];

	snprintf(number, sizeof number, "%d.", i + 1);
	ui_put(row, 2, STEP_INDENT, number, UI_PLAIN);
	do {
		s = ui_put_line(row++, 2 + STEP_INDENT, cols - STEP_INDENT - 4,
		    s, UI_PLAIN);
	} while (*s != '\0' && row <= last);
	return row;
}

/* The steps of the exercise chosen, from row to last. */
static void
draw_steps(const json_t *x, int row, int last, int cols)
{
	json_t *steps = json_object_get(x, "steps"), *step;
	size_t i;

	if (x == NULL || row > last)
		return;
	ui_put(row++, 1, cols - 2, json_text(x, "title"), UI_BOLD);
	json_array_foreach(steps, i, step) {
		if (row > last)
			break;
		row = draw_step(row, last, cols, (int)i,
		    json_is_string(step) ? json_string_value(step) : "");
	}
}

static void
exercises_draw(struct app *a, int top, int rows, int cols)
{
	json_t *list = items(a), *x;
	char line[128];
	int n = (int)json_array_size(list), done = 0, page;
	size_t i;

	ui_cursor(-1, 0);
	if (a->exercises.list == NULL)
		return;		/* the message line says why */
	json_array_foreach(list, i, x)
		done += is_done(x);
	snprintf(line, sizeof line, _("%d / %d 済"), done, n);
	ui_put(top, 2, cols - 4, line, UI_BOLD);
	if (n == 0) {
		ui_put(top + 2, 2, cols - 4, _("このサーバには研修の課題が"
		    "ありません。"), UI_PLAIN);
		return;
	}
	ui_put(top + 1, 2, cols - 4, _("↑↓ で課題を選ぶと手順が表示されます。"
	    "終えると「済」になります。"), UI_DIM);
	/* The list takes at most half the screen; the steps the rest. */
	page = n < rows / 2 - 3 ? n : rows / 2 - 3;
	if (page < 1)
		page = 1;
	pick_draw(&a->exercises.pick, list, top + 3, page, cols, draw_row);
	draw_steps(json_array_get(list, (size_t)a->exercises.pick.selected),
	    top + 4 + page, top + rows - 1, cols);
}

static void
exercises_key(struct app *a, const struct ui_key *k)
{
	if (k->fkey == 10 || k->special == UI_ESC)
		app_go(a, &screen_menu);
	else if (k->fkey == 2)
		app_logout(a);
	else if (k->fkey == 5)
		load(a);
	else
		pick_key(&a->exercises.pick, k,
		    (int)json_array_size(items(a)));
}

const struct screen screen_exercises = {
	.name = "exercises",
	.title = N_("研修の課題"),
	.keys = N_("F1 ヘルプ ↑↓ 課題を選ぶ F5 更新 F2 ログアウト F10 戻る "
	    "F12 ロック"),
	.help = N_("研修用の端末だけにある画面です。講師が用意した研修の課題"
	    "の一覧です。\n"
	    "「済」は終えた課題、「未」はまだの課題です。\n"
	    "↑↓ で課題を選ぶと、その手順が下に表示されます。\n"
	    "手順に従って業務の画面で操作し、この画面に戻ると (または F5 で)\n"
	    "結果が更新されます。\n"
	    "終えたかどうかは、サーバの監査ログに記録された操作で判定します。\n"
	    "研修用サーバを初期化すると、すべて「未」に戻ります。"),
	.enter = exercises_enter,
	.leave = exercises_leave,
	.draw = exercises_draw,
	.key = exercises_key,
};
