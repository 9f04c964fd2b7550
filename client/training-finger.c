#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "app.h"
#include "juki/i18n.h"
#include "reader.h"
#include "training-finger.h"
#include "ui.h"

/* Another person's finger: no demo operator is enrolled under it. */
#define OTHER_FINGER "not-enrolled"

void
training_finger_start(struct app *a)
{
	const char *path = getenv("FP_VIRTUAL_DEVICE");

	a->finger_socket[0] = '\0';
	if (!a->demo || !reader_is_virtual(a->reader) || path == NULL ||
	    strlen(path) >= sizeof a->finger_socket)
		return;
	snprintf(a->finger_socket, sizeof a->finger_socket, "%s", path);
}

/*
 * The driver takes one command a connection.  It runs in this very
 * thread (GLib's loop, iterated while the reader waits), so nothing here
 * may wait for it: the command is written to the connection's buffer and
 * the connection closed; the driver reads it on its next turn.
 */
static int
place(const char *socket_path, const char *finger)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char command[64];
	int fd, n, ok;

	n = snprintf(command, sizeof command, "SCAN %s", finger);
	if (n < 0 || (size_t)n >= sizeof command)
		return -1;
	snprintf(sa.sun_path, sizeof sa.sun_path, "%s", socket_path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return -1;
	ok = connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0 &&
	    write(fd, command, (size_t)n) == n;
	close(fd);
	return ok ? 0 : -1;
}

int
training_finger_key(struct app *a, const struct ui_key *k)
{
	int own = k->fkey == 9, placed;

	if (a->finger_socket[0] == '\0' || a->scanning[0] == '\0' ||
	    (k->fkey != 9 && k->fkey != 8))
		return 0;
	placed = place(a->finger_socket, own ? a->scanning : OTHER_FINGER) == 0;
	if (!placed)
		app_message(a, 1, _("研修用の読み取り装置に指を置けませんでした"));
	app_log_result(a, own ? "training.finger" : "training.other-finger",
	    placed ? "ok" : "error", 0);
	return 1;
}

const char *
training_finger_hint(const struct app *a)
{
	if (a->finger_socket[0] == '\0' || a->scanning[0] == '\0')
		return "";
	return _("研修: F9 本人の指 / F8 別の人の指");
}
