#ifndef HARBORMASTER_CLINUX_SHIM_H
#define HARBORMASTER_CLINUX_SHIM_H

// Swift's Glibc module leaves out epoll, eventfd and accept4; including the headers here (with _GNU_SOURCE)
// makes them importable. Nothing to link: they are in libc.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <pthread.h>

#endif
