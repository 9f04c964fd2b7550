/*
 * The terminal's system-call allowlist, installed for real in a child
 * process: what a terminal does still works, and a forbidden call kills
 * the process with SIGSYS instead of failing quietly.
 */
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "sandbox.h"

/* Runs act in a sandboxed child; its wait status. */
static int
sandboxed(void (*act)(int fd), int fd)
{
	int status;
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		if (sandbox_enter() != 0)
			_exit(3);
		act(fd);
		_exit(0);	/* no exit handlers: they are not the test */
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return status;
}

static void
read_and_write(int fd)
{
	char buf[16];
	int in = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);

	if (in < 0 || read(in, buf, sizeof buf) <= 0)
		_exit(4);
	close(in);
	if (write(fd, "ok", 2) != 2)
		_exit(5);
}

static void
run_shell(int fd)
{
	char *const argv[] = { "/bin/sh", "-c", "true", NULL };

	(void)fd;
	execv(argv[0], argv);
	_exit(6);
}

static void
test_allowed_calls_work(void **state)
{
	int p[2], status;
	char got[3] = "";

	(void)state;
	assert_int_equal(pipe(p), 0);
	status = sandboxed(read_and_write, p[1]);
	close(p[1]);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_int_equal(read(p[0], got, 2), 2);
	assert_string_equal(got, "ok");
	close(p[0]);
}

static void
expect_killed(void (*act)(int))
{
	int status = sandboxed(act, -1);

	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGSYS);
}

static void
test_shell_kills(void **state)
{
	(void)state;
	expect_killed(run_shell);
}

#ifndef JUKI_SANITIZER_BUILD
/* The sanitizer build allows both, so it can report. */
static void
write_file(int fd)
{
	(void)fd;
	open("/tmp/juki-sandbox-test", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	_exit(7);
}

static void
trace_parent(int fd)
{
	(void)fd;
	ptrace(PTRACE_ATTACH, getppid(), NULL, NULL);
	_exit(8);
}

static void
test_writing_a_file_kills(void **state)
{
	(void)state;
	expect_killed(write_file);
	assert_int_equal(access("/tmp/juki-sandbox-test", F_OK), -1);
}

static void
test_ptrace_kills(void **state)
{
	(void)state;
	expect_killed(trace_parent);
}

#endif

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_allowed_calls_work),
		cmocka_unit_test(test_shell_kills),
#ifndef JUKI_SANITIZER_BUILD
		cmocka_unit_test(test_writing_a_file_kills),
		cmocka_unit_test(test_ptrace_kills),
#endif
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
