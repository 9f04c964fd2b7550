/*
 * Roles as the operator sees and chooses them: a line of four boxes
 * toggled with F3 to F6, in the order of enum role.
 */
#ifndef JUKI_ROLES_H
#define JUKI_ROLES_H

#include <stddef.h>

#include <jansson.h>

#include "ui.h"

/* "窓口担当・システム管理者", in the user's language. */
void roles_text(unsigned set, char *out, size_t outsz);

/* The boxes at row, col. */
void roles_draw(unsigned set, int row, int col, int cols);

/* 1 if the key (F3 to F6) toggled a role in *set, else 0. */
int roles_key(unsigned *set, const struct ui_key *k);

/* ["clerk", …] and back; names the terminal does not know are left out. */
json_t *roles_json(unsigned set);
unsigned roles_from_json(const json_t *names);

#endif
