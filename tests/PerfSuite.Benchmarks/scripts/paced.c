// paced RATE SECONDS PORT PATH [CONNECTIONS]
// The floor of a paced load generator: C, one thread, epoll, arrivals every 1/RATE s on the monotonic clock (the
// epoll_wait timeout is the time to the next arrival, as in wrk2). CONNECTIONS = 0 (default): each arrival opens a new
// connection, sends one GET with "Connection: close" and reads to EOF (the open model). CONNECTIONS > 0: that many
// keep-alive connections are opened first and each arrival sends one GET on the next idle one, reading the response by
// its Content-Length. Prints one JSON line: requests, errors, CPU (user + system, getrusage) and CPU per request.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static double cpu(void) {
    struct rusage u; getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

typedef struct { int fd, busy; long got, need; } conn;

int main(int argc, char **argv) {
    if (argc < 5) { fprintf(stderr, "usage: paced RATE SECONDS PORT PATH [CONNECTIONS]\n"); return 2; }
    double rate = atof(argv[1]), secs = atof(argv[2]);
    int port = atoi(argv[3]), keep = argc > 5 ? atoi(argv[5]) : 0;
    char req[512];
    int reqlen = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s\r\n", argv[4], keep ? "" : "Connection: close\r\n");
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port) };
    inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr); // loopback only
    int ep = epoll_create1(0), one = 1;
    struct epoll_event evs[256];
    static char buf[65536];
    conn *conns = calloc(keep > 0 ? keep : 1, sizeof(conn));
    for (int i = 0; i < keep; i++) {
        conns[i].fd = socket(AF_INET, SOCK_STREAM, 0);
        setsockopt(conns[i].fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (connect(conns[i].fd, (struct sockaddr *)&sa, sizeof sa) < 0) { perror("connect"); return 1; }
        fcntl(conns[i].fd, F_SETFL, fcntl(conns[i].fd, F_GETFL) | O_NONBLOCK);
        struct epoll_event e = { .events = EPOLLIN, .data.u32 = i };
        epoll_ctl(ep, EPOLL_CTL_ADD, conns[i].fd, &e);
    }
    long total = (long)(rate * secs), started = 0, done = 0, errors = 0, skipped = 0, open = 0, next = 0;
    double t0 = now(), c0 = cpu();
    while (started < total || open > 0) {
        double t = now();
        while (started < total && t0 + started / rate <= t) {
            started++;
            if (keep) {
                int k = -1;
                for (int j = 0; j < keep && k < 0; j++) { int c = (next + j) % keep; if (!conns[c].busy) k = c; }
                if (k < 0) { skipped++; continue; }
                next = (k + 1) % keep;
                if (send(conns[k].fd, req, reqlen, MSG_NOSIGNAL) != reqlen) { errors++; continue; }
                conns[k].busy = 1; conns[k].got = 0; conns[k].need = -1; open++;
                continue;
            }
            int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0 && errno != EINPROGRESS) { errors++; close(fd); continue; }
            struct epoll_event e = { .events = EPOLLOUT, .data.u32 = (unsigned)fd | 0x80000000u };
            epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e);
            open++;
        }
        int timeout = -1;
        if (started < total) { double due = t0 + started / rate - now(); timeout = due > 0 ? (int)(due * 1000) + 1 : 0; }
        int n = epoll_wait(ep, evs, 256, timeout);
        for (int i = 0; i < n; i++) {
            unsigned d = evs[i].data.u32;
            if (d & 0x80000000u) { // a connection of the open model
                int fd = (int)(d & 0x7fffffffu);
                if (evs[i].events & EPOLLOUT) {
                    if (send(fd, req, reqlen, MSG_NOSIGNAL) != reqlen) { errors++; close(fd); open--; continue; }
                    struct epoll_event e = { .events = EPOLLIN, .data.u32 = d };
                    epoll_ctl(ep, EPOLL_CTL_MOD, fd, &e);
                    continue;
                }
                ssize_t r;
                while ((r = recv(fd, buf, sizeof buf, 0)) > 0) {}
                if (r == 0) { done++; close(fd); open--; }
                else if (errno != EAGAIN) { errors++; close(fd); open--; }
                continue;
            }
            conn *c = &conns[d];
            ssize_t r;
            while ((r = recv(c->fd, buf, sizeof buf, 0)) > 0) {
                if (c->need < 0) { // the head is in the first read of a small response
                    char *end = memmem(buf, r, "\r\n\r\n", 4), *cl = memmem(buf, r, "Content-Length: ", 16);
                    if (!end || !cl) { errors++; c->busy = 0; open--; break; }
                    c->need = (end + 4 - buf) + atol(cl + 16);
                }
                c->got += r;
            }
            if (r == 0 || (r < 0 && errno != EAGAIN)) { fprintf(stderr, "connection lost\n"); return 1; }
            if (c->busy && c->need >= 0 && c->got >= c->need) { c->busy = 0; done++; open--; }
        }
    }
    double c = cpu() - c0, el = now() - t0;
    printf("{\"rate\":%.0f,\"connections\":%d,\"seconds\":%.1f,\"requests\":%ld,\"errors\":%ld,\"skipped\":%ld,\"cpu_s\":%.3f,\"us_per_req\":%.1f}\n",
           rate, keep, el, done, errors, skipped, c, 1e6 * c / (done ? done : 1));
    return 0;
}
