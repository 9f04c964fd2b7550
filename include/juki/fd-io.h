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

/*
 * fsyncs the folder path is in, so that a file created or renamed there
 * keeps its name after a crash, not only its bytes.  0, or -1 with errno.
 */
int fd_sync_folder(const char *path);

#endif
