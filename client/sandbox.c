#include <errno.h>
#include <fcntl.h>
#include <stddef.h>

#include <seccomp.h>

#include "sandbox.h"

/*
 * Measured with strace over the terminal's tests (logins, lookups, locks,
 * bad scans, an unplugged reader, signals and exits), plus what libcurl's
 * resolver thread needs for a server named in DNS.  The reader is opened
 * before the filter goes on; the virtual reader of tests and training
 * takes each command on a new connection (accept).
 */
static const int allowed[] = {
	/* memory */
	SCMP_SYS(brk), SCMP_SYS(mmap), SCMP_SYS(munmap), SCMP_SYS(mremap),
	SCMP_SYS(mprotect), SCMP_SYS(madvise), SCMP_SYS(mlock),
	SCMP_SYS(munlock),
	/* the screen, the keyboard, the log, the reader's sockets */
	SCMP_SYS(read), SCMP_SYS(write), SCMP_SYS(readv), SCMP_SYS(writev),
	SCMP_SYS(close), SCMP_SYS(fstat), SCMP_SYS(newfstatat),
	SCMP_SYS(lseek), SCMP_SYS(fdatasync), SCMP_SYS(fsync),
	SCMP_SYS(ioctl), SCMP_SYS(fcntl), SCMP_SYS(poll), SCMP_SYS(ppoll),
	SCMP_SYS(select), SCMP_SYS(pselect6), SCMP_SYS(eventfd2),
	SCMP_SYS(pipe2), SCMP_SYS(dup),
	/* the server and the reader's socket */
	SCMP_SYS(socket), SCMP_SYS(connect), SCMP_SYS(getsockname),
	SCMP_SYS(getpeername), SCMP_SYS(getsockopt), SCMP_SYS(setsockopt),
	SCMP_SYS(sendto), SCMP_SYS(recvfrom), SCMP_SYS(sendmsg),
	SCMP_SYS(recvmsg), SCMP_SYS(sendmmsg), SCMP_SYS(shutdown),
	SCMP_SYS(accept), SCMP_SYS(socketpair),
	/* printing: fontconfig and cairo check font files are readable */
	SCMP_SYS(access),
	/* time, randomness, identity */
	SCMP_SYS(clock_gettime), SCMP_SYS(clock_nanosleep),
	SCMP_SYS(nanosleep), SCMP_SYS(gettimeofday), SCMP_SYS(getrandom),
	SCMP_SYS(getpid), SCMP_SYS(gettid), SCMP_SYS(getuid),
	SCMP_SYS(geteuid), SCMP_SYS(getgid), SCMP_SYS(getegid),
	SCMP_SYS(getresuid), SCMP_SYS(getresgid),
	SCMP_SYS(uname),
	/* threads and signals */
	SCMP_SYS(futex), SCMP_SYS(clone), SCMP_SYS(clone3),
	SCMP_SYS(set_robust_list), SCMP_SYS(rseq), SCMP_SYS(sched_yield),
	SCMP_SYS(sched_getaffinity), SCMP_SYS(rt_sigaction),
	SCMP_SYS(rt_sigprocmask), SCMP_SYS(rt_sigreturn),
	SCMP_SYS(sigaltstack), SCMP_SYS(prctl), SCMP_SYS(tgkill),
	SCMP_SYS(exit), SCMP_SYS(exit_group), SCMP_SYS(restart_syscall),
#ifdef JUKI_SANITIZER_BUILD
	/* Test builds only: LeakSanitizer stops the world with ptrace at
	 * exit, and the sanitizers write their reports to files. */
	SCMP_SYS(ptrace), SCMP_SYS(wait4), SCMP_SYS(open), SCMP_SYS(openat),
	SCMP_SYS(readlink), SCMP_SYS(getdents), SCMP_SYS(getdents64),
	SCMP_SYS(getppid), SCMP_SYS(stat), SCMP_SYS(lstat), SCMP_SYS(access),
	SCMP_SYS(kill), SCMP_SYS(mkdir), SCMP_SYS(unlink),
#endif
};

/* Files are opened only to read (the CA for a new connection, name
 * service files); nothing new is ever created or written. */
static int
allow_read_only_open(scmp_filter_ctx ctx)
{
#ifdef JUKI_SANITIZER_BUILD
	(void)ctx;
	return 0;	/* any open, above */
#endif
	return seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(openat), 1,
	    SCMP_A2(SCMP_CMP_MASKED_EQ, O_ACCMODE | O_CREAT, O_RDONLY));
}

int
sandbox_enter(void)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_KILL_PROCESS);
	int rc = -1;

	if (ctx == NULL)
		return -1;
	if (seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1) != 0)
		goto out;
	for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
		if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, allowed[i], 0) != 0)
			goto out;
	if (allow_read_only_open(ctx) != 0)
		goto out;
	rc = seccomp_load(ctx) == 0 ? 0 : -1;
out:
	seccomp_release(ctx);
	return rc;
}
