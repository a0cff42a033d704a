/* err.c - error codes and their one-line messages, the caps in force and the CPU work budget.
 * Readers fill an nb_err; nothing below cli/ prints or exits. */
#include "core.h"

#include <string.h>

#include <stdarg.h>
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

const char *nb_strerror(nb_code code)
{
    static const char *const names[] = {
        [NB_OK] = "ok",
        [NB_ENOMEM] = "out of memory",
        [NB_EIO] = "cannot read file",
        [NB_EFORMAT] = "malformed input",
        [NB_EUNSUPPORTED] = "unsupported format",
        [NB_ELIMIT] = "input exceeds a safety limit",
    };
    if ((unsigned)code >= sizeof names / sizeof names[0])
        return "unknown error";
    return names[code];
}

nb_code nb_err_set(nb_err *err, nb_code code, const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof err->msg) /* cut at a character boundary: the message is printed as UTF-8 */
        err->msg[nb_utf8_cut(err->msg, strlen(err->msg), sizeof err->msg - 1)] = 0;
    for (char *p = err->msg; *p; p++) /* keep it one line */
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    return code;
}

static nb_limits limits = {
    NB_MAX_INPUT_BYTES, NB_MAX_ZIP_ENTRY, NB_MAX_ZIP_TOTAL, NB_MAX_PDF_PAGES, NB_DEFAULT_CPU_SCALE,
    NB_MAX_CONVERT_SECS, 0 /* NB_OCR_AUTO */,
};

/* The library API (api/nianbao.c) passes each call's caps in: they are in force on the calling
 * thread only, for the length of that call, so two threads may extract with different caps. */
static _Thread_local nb_limits *scoped;

nb_limits *nb_limits_get(void) { return scoped ? scoped : &limits; }

nb_limits *nb_limits_scope(nb_limits *l)
{
    nb_limits *prev = scoped;
    scoped = l;
    return prev;
}

/* The calling thread's CPU time, not the process's: the library API may extract on several threads
 * at once, and one input's budget must not be spent by another's work (a scan OCR'd on the next
 * thread cut this one's PDF pages). The CLI's workers are single-threaded processes, where the two
 * agree; the watchdog (ITIMER_PROF) still counts the whole process. */
double nb_cpu_seconds(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
        return 0;
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

double nb_work_budget(size_t len)
{
    double mb = (double)len / 1048576.0;
    return nb_limits_get()->cpu_scale * (NB_WORK_CPU_BASE + NB_WORK_CPU_PER_MB * mb);
}

double nb_work_grant(double secs)
{
    double g = nb_limits_get()->cpu_scale * secs;
    struct itimerval it;
    if (g <= 0 || getitimer(ITIMER_PROF, &it) != 0 || (!it.it_value.tv_sec && !it.it_value.tv_usec))
        return g > 0 ? g : 0;
    double left = (double)it.it_value.tv_sec + (double)it.it_value.tv_usec / 1e6 + g;
    it.it_value.tv_sec = (time_t)left;
    it.it_value.tv_usec = (suseconds_t)((left - (double)(time_t)left) * 1e6);
    setitimer(ITIMER_PROF, &it, NULL);
    return g;
}

int nb_render_affordable(double w, double h, double dpi, double spent, double budget)
{
    double px = (w / 72.0 * dpi) * (h / 72.0 * dpi);
    return w > 0 && h > 0 && px <= NB_MAX_RENDER_PIXELS && (budget <= 0 || spent < budget);
}
