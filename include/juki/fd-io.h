/*
 * Whole reads and writes on a descriptor: retried after a signal or a
 * short transfer, so a caller sees all of it or an error.
 */
#ifndef JUKI_FD_IO_H
#define JUKI_FD_IO_H

#include <sys/stat.h>

#include <stddef.h>

/* 0, or -1 with errno set (EIO when the file ended or took nothing). */
int fd_read_all(int fd, void *buf, size_t len);
int fd_write_all(int fd, const void *buf, size_t len);
/* As fd_read_all, at offset off (pread): the file's position is kept. */
int fd_pread_all(int fd, void *buf, size_t len, off_t off);

/*
 * fsyncs the folder path is in, so that a file created or renamed there
 * keeps its name after a crash, not only its bytes.  0, or -1 with errno.
 */
int fd_sync_folder(const char *path);

/*
 * Opens path to read and to append to (made 0600 when missing, never
 * through a symbolic link) and takes its exclusive lock without waiting:
 * a second writer would fork what is appended.  The folder is synced, so
 * a new file keeps its name after a crash as well as its first line.
 * Only a regular file will do.  The descriptor with *st its status, or -1
 * with errno (EWOULDBLOCK: another process holds the lock).
 */
int fd_open_appending(const char *path, struct stat *st);

/*
 * Writes a new file at path holding the len bytes of data, mode 0600 (a
 * key): never over an existing file (EEXIST) nor through a symbolic
 * link, synced with its folder, and removed again unless written whole,
 * for half a key would stop every start.  0, or -1 with errno.
 */
int fd_create_secret(const char *path, const void *data, size_t len);

#endif
