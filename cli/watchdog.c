/* watchdog.c - a CPU-time watchdog for one input: poppler-glib and libxml2 cannot be cancelled, so
 * work out of proportion to a file (form XObjects drawn 10^8 times, an inline image declaring 10^12
 * pixels) is ended from outside. A SIGPROF timer counts this process's CPU time; when the input's
 * hard budget (NB_WORK_HARD_FACTOR x nb_work_budget) is spent, the handler write()s a message prepared
 * before the work began and _exit()s: the only two things a handler may do inside any library. The
 * caller (a batch worker, a convert child) is a process of its own, so nothing it held is lost. */
#include "batch.h"

#include <signal.h>
#include <stdio.h>
#include <sys/time.h>
#include <unistd.h>

static const char *wd_msg;
static size_t wd_len;
static int wd_fd = -1, wd_status;

static void on_prof(int sig)
{
    (void)sig;
    const char *p = wd_msg;
    size_t n = wd_len;
    while (n) {
        ssize_t k = write(wd_fd, p, n);
        if (k <= 0)
            break;
        p += k;
        n -= (size_t)k;
    }
    _exit(wd_status);
}

void nb_watchdog_arm(double secs, int fd, const char *msg, size_t len, int status)
{
    if (secs <= 0 || fd < 0)
        return;
    wd_msg = msg;
    wd_len = len;
    wd_fd = fd;
    wd_status = status;
    struct sigaction sa = {0};
    sa.sa_handler = on_prof;
    sigaction(SIGPROF, &sa, NULL);
    struct itimerval it = {{0, 0}, {(time_t)secs, (suseconds_t)((secs - (double)(time_t)secs) * 1e6)}};
    if (!it.it_value.tv_sec && !it.it_value.tv_usec)
        it.it_value.tv_usec = 1;
    setitimer(ITIMER_PROF, &it, NULL);
}

void nb_watchdog_disarm(void)
{
    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_PROF, &off, NULL);
    wd_fd = -1;
}

void nb_watchdog_reason(char *out, size_t n, size_t len)
{
    snprintf(out, n, "work out of proportion to the file: over %.1f s of CPU for %zu bytes (form "
             "XObjects or images repeated, a huge inline image?); --cpu-scale raises the budget",
             NB_WORK_HARD_FACTOR * nb_work_budget(len), len);
}
