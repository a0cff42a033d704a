/* writer.c - the database writer thread: results queue up from the batch loop and one thread writes
 * them to the sinks in transactions, so the loop (and the workers it feeds) never waits on a database. */
#include "batch.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct nb_writer {
    nb_sink **sinks;
    int nsinks;
    int tx_docs;
    double tx_secs;
    pthread_mutex_t mu;
    pthread_cond_t nonempty, nonfull;
    pthread_mutex_t gate;  /* held by the thread whenever it is inside a library (SQLite, libpq,
                            * malloc, time): the batch takes it around fork() so that no worker is
                            * born holding a lock this thread had */
    int ready;             /* the thread is running (its start-up is done) */
    nb_result *q;          /* ring of queued results (owned) */
    size_t cap, head, len;
    int closing, started;
    atomic_int failed;     /* a sink failed: results are dropped from then on */
    char err[256];         /* the first failure, set before failed */
    size_t in_tx;          /* inputs written in the open transaction */
    size_t stored;         /* inputs in transactions every sink committed */
    double tx_start;
    double busy, wait;     /* seconds in sink calls (writer); seconds the caller was blocked */
    pthread_t thread;
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void timestamp(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void fail(nb_writer *w, const nb_sink *s)
{
    if (atomic_load(&w->failed))
        return;
    snprintf(w->err, sizeof w->err, "%s", s->err);
    atomic_store(&w->failed, 1);
}

/* Writer thread only: commits the open transaction of every sink; once a sink has failed, rolls it
 * back instead (a half-written input must not be committed). Counts what is stored for sure. */
static void commit(nb_writer *w)
{
    int ok = !atomic_load(&w->failed);
    for (int i = 0; i < w->nsinks && w->in_tx; i++) {
        nb_sink *s = w->sinks[i];
        if (ok && s->ops->commit(s) != 0) {
            fail(w, s);
            ok = 0;
        }
        if (!ok)
            s->ops->rollback(s);
    }
    if (ok)
        w->stored += w->in_tx;
    w->in_tx = 0;
}

/* Writer thread only: one input's rows in every sink, inside the open transaction. */
static void write_one(nb_writer *w, const nb_result *r)
{
    char at[32];
    timestamp(at);
    if (!w->in_tx)
        w->tx_start = now();
    for (int i = 0; i < w->nsinks && !atomic_load(&w->failed); i++) {
        nb_sink *s = w->sinks[i];
        if ((!w->in_tx && s->ops->begin(s) != 0) || nb_sink_put(s, r, at) != 0)
            fail(w, s);
    }
    w->in_tx++;
}

/* Waits for a result or for the open transaction to come due; 1 = got one into *r. */
static int next(nb_writer *w, nb_result *r)
{
    pthread_mutex_lock(&w->mu);
    while (!w->len && !w->closing) {
        if (!w->in_tx) {
            pthread_cond_wait(&w->nonempty, &w->mu);
            continue;
        }
        struct timespec until; /* an idle open transaction is committed when it comes due */
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += (time_t)w->tx_secs + 1;
        if (pthread_cond_timedwait(&w->nonempty, &w->mu, &until) != 0 && !w->len)
            break;
    }
    int got = w->len > 0;
    if (got) {
        *r = w->q[w->head];
        w->head = (w->head + 1) % w->cap;
        w->len--;
        pthread_cond_signal(&w->nonfull);
    }
    pthread_mutex_unlock(&w->mu);
    return got;
}

static void *run(void *arg)
{
    nb_writer *w = arg;
    pthread_mutex_lock(&w->mu);
    w->ready = 1;
    pthread_cond_broadcast(&w->nonfull);
    pthread_mutex_unlock(&w->mu);
    for (;;) {
        nb_result r;
        int got = next(w, &r);
        pthread_mutex_lock(&w->gate);
        double t0 = now();
        if (got && !atomic_load(&w->failed))
            write_one(w, &r);
        if (got)
            nb_result_free(&r);
        if (w->in_tx && (!got || w->in_tx >= (size_t)w->tx_docs || t0 - w->tx_start >= w->tx_secs))
            commit(w);
        w->busy += now() - t0;
        pthread_mutex_unlock(&w->gate);
        if (!got) {
            pthread_mutex_lock(&w->mu);
            int done = w->closing && !w->len;
            pthread_mutex_unlock(&w->mu);
            if (done)
                return NULL;
        }
    }
}

nb_writer *nb_writer_start(nb_sink **sinks, int nsinks, size_t queue_cap, int tx_docs,
                           double tx_secs)
{
    nb_writer *w = calloc(1, sizeof *w);
    if (!w || !(w->q = calloc(queue_cap ? queue_cap : 1, sizeof *w->q))) {
        free(w);
        return NULL;
    }
    w->sinks = sinks;
    w->nsinks = nsinks;
    w->cap = queue_cap ? queue_cap : 1;
    w->tx_docs = tx_docs > 0 ? tx_docs : 1;
    w->tx_secs = tx_secs;
    pthread_mutex_init(&w->mu, NULL);
    pthread_mutex_init(&w->gate, NULL);
    pthread_cond_init(&w->nonempty, NULL);
    pthread_cond_init(&w->nonfull, NULL);
    sigset_t all, old; /* signals go to the batch loop, never to the writer */
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    w->started = pthread_create(&w->thread, NULL, run, w) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (!w->started) {
        nb_writer_finish(w, NULL);
        return NULL;
    }
    pthread_mutex_lock(&w->mu); /* a fork during the thread's own start-up is not safe either */
    while (!w->ready)
        pthread_cond_wait(&w->nonfull, &w->mu);
    pthread_mutex_unlock(&w->mu);
    return w;
}

void nb_writer_hold(void *writer, int hold)
{
    nb_writer *w = writer;
    if (hold)
        pthread_mutex_lock(&w->gate);
    else
        pthread_mutex_unlock(&w->gate);
}

int nb_writer_put(nb_writer *w, nb_result *r)
{
    double t0 = now();
    pthread_mutex_lock(&w->mu);
    while (w->len == w->cap)
        pthread_cond_wait(&w->nonfull, &w->mu);
    w->q[(w->head + w->len) % w->cap] = *r;
    w->len++;
    memset(r, 0, sizeof *r); /* the queue owns the content now */
    pthread_cond_signal(&w->nonempty);
    pthread_mutex_unlock(&w->mu);
    w->wait += now() - t0;
    return atomic_load(&w->failed) ? -1 : 0;
}

const char *nb_writer_error(nb_writer *w)
{
    return w && atomic_load(&w->failed) ? w->err : NULL;
}

int nb_writer_finish(nb_writer *w, nb_writer_stats *st)
{
    if (!w)
        return 0;
    double t0 = now();
    pthread_mutex_lock(&w->mu);
    w->closing = 1;
    pthread_cond_signal(&w->nonempty);
    pthread_mutex_unlock(&w->mu);
    if (w->started)
        pthread_join(w->thread, NULL);
    int failed = atomic_load(&w->failed);
    if (st) {
        *st = (nb_writer_stats){w->busy, w->wait + now() - t0, failed, "", w->stored};
        snprintf(st->err, sizeof st->err, "%s", failed ? w->err : "");
    }
    for (size_t i = 0; i < w->len; i++) /* only when the thread never started */
        nb_result_free(&w->q[(w->head + i) % w->cap]);
    pthread_mutex_destroy(&w->mu);
    pthread_mutex_destroy(&w->gate);
    pthread_cond_destroy(&w->nonempty);
    pthread_cond_destroy(&w->nonfull);
    free(w->q);
    free(w);
    return failed ? -1 : 0;
}
