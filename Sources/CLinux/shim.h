#ifndef HARBORMASTER_CLINUX_SHIM_H
#define HARBORMASTER_CLINUX_SHIM_H

// Swift's Glibc module leaves out epoll and eventfd; including their headers here makes them importable.
// _GNU_SOURCE is deliberately not defined: it changes shared types (fd_set) and clashes with the Glibc module.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

// accept4 is only declared under _GNU_SOURCE; it is in every glibc we support.
extern int accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);

// Accepts a connection already non-blocking and close-on-exec, in one system call.
static inline int CLinux_accept_nonblocking(int fd) {
    return accept4(fd, 0, 0, SOCK_NONBLOCK | SOCK_CLOEXEC);
}

#endif
