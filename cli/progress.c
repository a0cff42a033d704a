/* progress.c - batch progress on stderr: a bar redrawn in place on a terminal (done/total, rate,
 * ETA, failures), or plain periodic log lines when stderr is a file or a pipe. */
#include "batch.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NB_PROGRESS_REDRAW 0.1   /* seconds between bar redraws: at most ~10 per second */
#define NB_PROGRESS_LOG_EVERY 100 /* files between plain log lines (not a terminal) */
#define NB_PROGRESS_LOG_SECS 30.0 /* ... or seconds, whichever comes first */
#define NB_PROGRESS_WIDTH 24      /* cells of the bar */

struct nb_progress {
    size_t total, done, failed;
    int tty, drawn;
    double start, last_draw, last_log;
    size_t last_log_done;
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

nb_progress *nb_progress_new(size_t total, int tty)
{
    nb_progress *p = calloc(1, sizeof *p);
    if (p) {
        p->total = total;
        p->tty = tty;
        p->start = p->last_log = now();
    }
    return p;
}

static void fmt_secs(char *out, size_t n, double s)
{
    if (s < 0 || s > 1e7)
        snprintf(out, n, "--");
    else if (s < 60)
        snprintf(out, n, "%.0fs", s);
    else if (s < 3600)
        snprintf(out, n, "%dm%02ds", (int)s / 60, (int)s % 60);
    else
        snprintf(out, n, "%dh%02dm", (int)s / 3600, (int)s % 3600 / 60);
}

static void status(const nb_progress *p, char *line, size_t n)
{
    double el = now() - p->start;
    double rate = el > 0 ? p->done / el : 0;
    char eta[16], spent[16];
    fmt_secs(eta, sizeof eta, rate > 0 ? (p->total - p->done) / rate : -1);
    fmt_secs(spent, sizeof spent, el);
    snprintf(line, n, "%zu/%zu files  %.1f/s  elapsed %s  ETA %s  %zu failed", p->done, p->total,
             rate, spent, eta, p->failed);
}

static void draw(nb_progress *p)
{
    char line[160], bar[NB_PROGRESS_WIDTH + 1];
    int fill = p->total ? (int)(NB_PROGRESS_WIDTH * p->done / p->total) : NB_PROGRESS_WIDTH;
    for (int i = 0; i < NB_PROGRESS_WIDTH; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[NB_PROGRESS_WIDTH] = 0;
    status(p, line, sizeof line);
    fprintf(stderr, "\r[%s] %s\033[K", bar, line);
    fflush(stderr);
    p->drawn = 1;
    p->last_draw = now();
}

void nb_progress_step(nb_progress *p, int failed)
{
    if (!p)
        return;
    p->done++;
    p->failed += failed != 0;
    double t = now();
    if (p->tty) {
        if (t - p->last_draw >= NB_PROGRESS_REDRAW || p->done == p->total)
            draw(p);
        return;
    }
    if (p->done - p->last_log_done >= NB_PROGRESS_LOG_EVERY || t - p->last_log >= NB_PROGRESS_LOG_SECS) {
        char line[160];
        status(p, line, sizeof line);
        fprintf(stderr, "nianbao: %s\n", line);
        p->last_log = t;
        p->last_log_done = p->done;
    }
}

void nb_progress_log(nb_progress *p, const char *line)
{
    if (p && p->tty && p->drawn)
        fputs("\r\033[K", stderr);
    fprintf(stderr, "%s\n", line);
    if (p && p->tty && p->drawn)
        draw(p);
}

void nb_progress_done(nb_progress *p)
{
    if (p && p->tty && p->drawn) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        p->drawn = 0;
    }
}

void nb_progress_free(nb_progress *p) { free(p); }

