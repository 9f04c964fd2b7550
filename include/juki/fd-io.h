/*
 * Whole reads and writes on a descriptor: retried after a signal or a
 * short transfer, so a caller sees all of it or an error.
 */
#ifndef JUKI_FD_IO_H
#define JUKI_FD_IO_H

#include <stddef.h>

/* 0, or -1 with errno set (EIO when the file ended or took nothing). */
int fd_read_all(int fd, void *buf, size_t len);
int fd_write_all(int fd, const void *buf, size_t len);

#endif
