/*
 * The system calls the terminal may make once it is set up: what it needs
 * to draw, read keys, talk to the server, write its log and use the
 * reader, and nothing else.  Anything else (a shell, a file opened for
 * writing, ptrace, a new program) kills the process at once.
 */
#ifndef JUKI_SANDBOX_H
#define JUKI_SANDBOX_H

/* Installs the allowlist for every thread of the process: 0, or -1. */
int sandbox_enter(void);

#endif
