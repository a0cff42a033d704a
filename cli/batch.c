/* batch.c - the worker pool: forked processes each run the pipeline on one input at a time and
 * send the result back over a pipe; a crash, hang or memory blow-up becomes an error for that input. */
#include "batch.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NB_MAX_WORKERS 1024      /* -j cap: more processes than this only thrash */
#define NB_POLL_MS 200           /* parent wake-up period when nothing arrives (timeouts, signals) */

static volatile int interrupted;
volatile int *nb_batch_interrupted(void) { return &interrupted; }
static void on_signal(int sig) { interrupted = sig; }

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- inside a worker ---- */
static const char *err_kind(nb_code c)
{
    switch (c) {
    case NB_ENOMEM: return "memory";
    case NB_EIO: return "read";
    case NB_ELIMIT: return "limit";
    default: return "format";
    }
}

static void hash_mem(const void *p, size_t n, char out[65])
{
    nb_sha256 s;
    nb_sha256_init(&s);
    nb_sha256_update(&s, p, n);
    nb_sha256_hex(&s, out);
}

static int result_fd = -1; /* a worker's pipe to the parent; -1 when processing in-process */

/* In a worker: arms the CPU watchdog with a complete wire message (length prefix and all) saying
 * that this input took too long, so that the handler only has to write it and exit. */
static void arm_watchdog(nb_buf *dog, const char *sha, size_t len)
{
    double hard = NB_WORK_HARD_FACTOR * nb_work_budget(len);
    if (result_fd < 0 || hard <= 0)
        return;
    char why[300];
    nb_watchdog_reason(why, sizeof why, len);
    nb_buf_put(dog, "\0\0\0\0", 4);
    nb_wire_encode_error(dog, sha, (long long)len, "limit", why);
    if (dog->oom)
        return;
    uint32_t n = (uint32_t)(dog->len - 4);
    memcpy(dog->ptr, &n, 4);
    nb_watchdog_arm(hard, result_fd, dog->ptr, dog->len, 0);
}

static void process_mapped(const char *path, const char *map, size_t len,
                           const nb_batch_opts *o, nb_buf *b)
{
    char sha[65] = "";
    double t0 = now();
    if (o->hash || o->known) /* only a database needs the hash: ~3 ms per MB otherwise wasted */
        hash_mem(map, len, sha);
    int known = 0;
    if (o->known) { /* the databases hold escaped paths */
        nb_buf name = NB_BUF_INIT;
        nb_path_escape(&name, path);
        known = nb_known_has(o->known, nb_buf_cstr(&name), sha, o->known_votes);
        nb_buf_free(&name);
    }
    if (known) {
        nb_wire_encode_skipped(b, sha, (long long)len);
        return;
    }
    nb_err err = {0};
    nb_buf dog = NB_BUF_INIT; /* the watchdog's result for this input, ready before the work */
    arm_watchdog(&dog, sha, len);
    nb_report *rep = nb_process_mem(map, len, path, &err);
    nb_watchdog_disarm();
    nb_buf_free(&dog);
    if (!rep) {
        nb_wire_encode_error(b, sha, (long long)len, err_kind(err.code),
                             err.msg[0] ? err.msg : nb_strerror(err.code));
        return;
    }
    nb_buf out = NB_BUF_INIT;
    if (o->render)
        o->render(rep, &out, o->render_ctx);
    nb_wire_encode_doc(b, rep, sha, (long long)len, &out, now() - t0);
    nb_buf_free(&out);
    nb_report_free(rep);
}

void nb_batch_process(const char *path, const nb_batch_opts *o, nb_buf *b)
{
    char msg[300];
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        nb_wire_encode_error(b, NULL, -1, "read", msg);
        return;
    }
    size_t len = (size_t)st.st_size;
    const char *why = S_ISDIR(st.st_mode) ? "a directory" : S_ISFIFO(st.st_mode) ? "a FIFO"
                    : !S_ISREG(st.st_mode) ? "a device or socket" : NULL;
    if (why || len == 0 || len > nb_limits_get()->input_bytes) {
        close(fd);
        if (why)
            snprintf(msg, sizeof msg, "not a regular file (%s)", why);
        else if (len == 0)
            snprintf(msg, sizeof msg, "an empty file");
        else
            snprintf(msg, sizeof msg, "file is %zu bytes, over the %zu-byte input limit "
                     "(--max-input)", len, nb_limits_get()->input_bytes);
        nb_wire_encode_error(b, NULL, (long long)len, why ? "read" : len ? "limit" : "format", msg);
        return;
    }
    void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) {
        snprintf(msg, sizeof msg, "cannot map: %s", strerror(errno));
        nb_wire_encode_error(b, NULL, (long long)len, "read", msg);
        return;
    }
    process_mapped(path, map, len, o, b);
    munmap(map, len);
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

static void worker_main(int job_fd, int res_fd, const nb_input *in, size_t n,
                        const nb_batch_opts *o)
{
    result_fd = res_fd;
    for (;;) {
        uint32_t idx;
        ssize_t k;
        do
            k = read(job_fd, &idx, sizeof idx);
        while (k < 0 && errno == EINTR);
        if (k != sizeof idx || idx >= n)
            _exit(0);
        nb_buf b = NB_BUF_INIT;
        nb_buf_put(&b, "\0\0\0\0", 4);
        nb_batch_process(in[idx].path, o, &b);
        if (b.oom)
            _exit(3);
        uint32_t len = (uint32_t)(b.len - 4);
        memcpy(b.ptr, &len, 4);
        if (write_all(res_fd, b.ptr, b.len) != 0)
            _exit(0);
        nb_buf_free(&b);
    }
}

/* ---- the parent: spawning, dispatching, collecting ---- */
typedef struct {
    pid_t pid;
    int job_fd, res_fd;
    long job;       /* input index in flight, -1 when idle */
    double started;
    nb_buf in;      /* bytes received, not yet a whole message */
} worker;

typedef struct {
    const nb_input *in;
    size_t n;
    const nb_batch_opts *o;
    nb_result_fn fn;
    void *ctx;
    worker *w;
    int nw;
    size_t next;    /* next input to dispatch */
} pool;

static void child_setup(pool *p, int self)
{
    for (int i = 0; i < p->nw; i++)
        if (i != self && p->w[i].pid > 0) {
            close(p->w[i].job_fd);
            close(p->w[i].res_fd);
        }
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    signal(SIGINT, SIG_IGN); /* a terminal ^C reaches the whole group: the parent decides */
    signal(SIGTERM, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
#if !defined(__SANITIZE_ADDRESS__)
    if (p->o->max_mem) {
        struct rlimit rl = {p->o->max_mem, p->o->max_mem};
        setrlimit(RLIMIT_AS, &rl);
    }
#endif
}

static int spawn(pool *p, int i)
{
    int jp[2], rp[2];
    if (pipe(jp) != 0)
        return -1;
    if (pipe(rp) != 0) {
        close(jp[0]);
        close(jp[1]);
        return -1;
    }
    fflush(stdout);
    fflush(stderr);
    if (p->o->fork_hold) /* another thread of ours must not be inside a library now */
        p->o->fork_hold(p->o->fork_ctx, 1);
    pid_t pid = fork();
    if (pid == 0) {
        close(jp[1]);
        close(rp[0]);
        child_setup(p, i);
        worker_main(jp[0], rp[1], p->in, p->n, p->o);
        _exit(0);
    }
    if (p->o->fork_hold)
        p->o->fork_hold(p->o->fork_ctx, 0);
    close(jp[0]);
    close(rp[1]);
    if (pid < 0) {
        close(jp[1]);
        close(rp[0]);
        return -1;
    }
    worker *w = &p->w[i];
    w->pid = pid;
    w->job_fd = jp[1];
    w->res_fd = rp[0];
    w->job = -1;
    fcntl(w->res_fd, F_SETFL, O_NONBLOCK);
    nb_buf_clear(&w->in);
    return 0;
}

/* Hands a result (decoded from msg, owned) to the caller. */
static void deliver(pool *p, size_t idx, char *msg, size_t len)
{
    nb_result r = {0};
    r.index = idx;
    r.path = p->in[idx].path;
    if (nb_wire_decode(msg, len, &r) != 0) {
        nb_result_free(&r);
        nb_buf b = NB_BUF_INIT;
        nb_wire_encode_error(&b, NULL, -1, "crash", "worker sent a malformed result");
        r.index = idx;
        r.path = p->in[idx].path;
        nb_wire_decode(b.ptr, b.len, &r);
    }
    p->fn(&r, p->ctx);
}

static void deliver_error(pool *p, size_t idx, const char *kind, const char *reason)
{
    nb_buf b = NB_BUF_INIT;
    nb_wire_encode_error(&b, NULL, -1, kind, reason);
    size_t len = b.len;
    deliver(p, idx, nb_buf_detach(&b), len);
}

/* An input the expander already decided: an error (a symlink loop) or a skip by the input policy. */
static void deliver_preset(pool *p, size_t idx)
{
    if (p->in[idx].preset_error) {
        deliver_error(p, idx, "input", p->in[idx].preset_error);
        return;
    }
    nb_result r = {0};
    r.index = idx;
    r.path = p->in[idx].path;
    r.kind = NB_RES_IGNORED;
    r.size = -1;
    r.reason = p->in[idx].preset_skip;
    p->fn(&r, p->ctx);
}

/* Reaps a dead or killed worker; its input in flight becomes an error; respawns if needed. */
static void reap(pool *p, int i, const char *kind, const char *why)
{
    worker *w = &p->w[i];
    int status = 0;
    waitpid(w->pid, &status, 0);
    close(w->job_fd);
    close(w->res_fd);
    w->pid = 0;
    if (w->job >= 0) {
        char msg[200];
        if (why)
            snprintf(msg, sizeof msg, "%s", why);
        else if (WIFSIGNALED(status))
            snprintf(msg, sizeof msg, "worker crashed: signal %d (%s)%s", WTERMSIG(status),
                     strsignal(WTERMSIG(status)),
                     p->o->max_mem ? "; out of memory under --max-mem is one cause" : "");
        else
            snprintf(msg, sizeof msg, "worker exited with status %d", WEXITSTATUS(status));
        size_t job = (size_t)w->job;
        w->job = -1;
        deliver_error(p, job, kind, msg);
    }
    if (p->next < p->n && !interrupted && spawn(p, i) != 0)
        w->pid = 0;
}

static void drain(pool *p, int i)
{
    worker *w = &p->w[i];
    char chunk[65536];
    int gone = 0;
    for (;;) {
        ssize_t k = read(w->res_fd, chunk, sizeof chunk);
        if (k > 0) {
            nb_buf_put(&w->in, chunk, (size_t)k);
            continue;
        }
        if (k < 0 && errno == EINTR)
            continue;
        gone = !(k < 0 && errno == EAGAIN); /* EOF or error: the worker is gone */
        break;
    }
    uint32_t len;
    while (w->in.len >= 4 && (memcpy(&len, w->in.ptr, 4), w->in.len >= 4 + (size_t)len)) {
        char *msg = malloc(len ? len : 1);
        if (msg)
            memcpy(msg, w->in.ptr + 4, len);
        memmove(w->in.ptr, w->in.ptr + 4 + len, w->in.len - 4 - len);
        w->in.len -= 4 + len;
        size_t job = (size_t)w->job;
        w->job = -1;
        if (msg)
            deliver(p, job, msg, len);
        else
            deliver_error(p, job, "memory", "parent out of memory");
    }
    if (gone)
        reap(p, i, "crash", NULL);
}

static void dispatch(pool *p)
{
    for (int i = 0; i < p->nw && p->next < p->n && !interrupted; i++) {
        worker *w = &p->w[i];
        if (w->pid <= 0 || w->job >= 0)
            continue;
        while (p->next < p->n && (p->in[p->next].preset_error || p->in[p->next].preset_skip))
            deliver_preset(p, p->next++); /* known without a worker */
        if (p->next >= p->n)
            break;
        size_t idx = p->next++;
        uint32_t v = (uint32_t)idx;
        w->job = (long)idx;
        w->started = now();
        if (write_all(w->job_fd, (const char *)&v, sizeof v) != 0)
            reap(p, i, "crash", "worker gone before it took the file");
    }
}

static void check_timeouts(pool *p)
{
    double t = now();
    for (int i = 0; i < p->nw; i++) {
        worker *w = &p->w[i];
        if (w->pid > 0 && w->job >= 0 && p->o->timeout > 0 && t - w->started > p->o->timeout) {
            char msg[100];
            snprintf(msg, sizeof msg, "timeout: no result after %.0f s (--timeout)", p->o->timeout);
            kill(w->pid, SIGKILL);
            reap(p, i, "timeout", msg);
        }
    }
}

static int busy(const pool *p)
{
    for (int i = 0; i < p->nw; i++)
        if (p->w[i].pid > 0 && p->w[i].job >= 0)
            return 1;
    return 0;
}

static int alive(const pool *p)
{
    for (int i = 0; i < p->nw; i++)
        if (p->w[i].pid > 0)
            return 1;
    return 0;
}

static void wait_round(pool *p)
{
    struct pollfd fds[NB_MAX_WORKERS];
    int map[NB_MAX_WORKERS], nf = 0;
    for (int i = 0; i < p->nw; i++)
        if (p->w[i].pid > 0) {
            fds[nf].fd = p->w[i].res_fd;
            fds[nf].events = POLLIN;
            map[nf++] = i;
        }
    int k = poll(fds, (nfds_t)nf, NB_POLL_MS);
    for (int j = 0; k > 0 && j < nf; j++)
        if (fds[j].revents)
            drain(p, map[j]);
    check_timeouts(p);
}

static void shutdown_pool(pool *p)
{
    for (int i = 0; i < p->nw; i++) {
        worker *w = &p->w[i];
        if (w->pid > 0) {
            if (w->job >= 0)
                kill(w->pid, SIGKILL); /* interrupted: its input stays unrecorded, a re-run does it */
            close(w->job_fd);
            close(w->res_fd);
            waitpid(w->pid, NULL, 0);
        }
        nb_buf_free(&w->in);
    }
}

int nb_batch_run(const nb_input *in, size_t n, const nb_batch_opts *o, nb_result_fn fn,
                 void *ctx)
{
    struct sigaction sa = {0}, old_int, old_term, old_pipe, ign = {0};
    sa.sa_handler = on_signal;
    ign.sa_handler = SIG_IGN;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    sigaction(SIGPIPE, &ign, &old_pipe);
    interrupted = 0;
    pool p = {in, n, o, fn, ctx, NULL, o->jobs < 1 ? 1 : o->jobs, 0};
    if (p.nw > NB_MAX_WORKERS)
        p.nw = NB_MAX_WORKERS;
    if ((size_t)p.nw > n)
        p.nw = n ? (int)n : 1;
    p.w = calloc((size_t)p.nw, sizeof *p.w);
    for (int i = 0; p.w && i < p.nw; i++)
        spawn(&p, i);
    while (p.w && !interrupted && (p.next < p.n || busy(&p))) {
        dispatch(&p);
        if (!alive(&p) && p.next < p.n) { /* cannot fork: record the rest rather than spin */
            size_t idx = p.next++;
            if (in[idx].preset_error || in[idx].preset_skip)
                deliver_preset(&p, idx);
            else
                deliver_error(&p, idx, "crash", "cannot start a worker process");
            continue;
        }
        wait_round(&p);
    }
    if (p.w)
        shutdown_pool(&p);
    free(p.w);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    sigaction(SIGPIPE, &old_pipe, NULL);
    return interrupted ? 1 : 0;
}

/* ---- known documents: a small open-addressing map path -> sha256 ---- */
typedef struct {
    char *path;
    char sha[65];
    int votes;
} known_slot;

struct nb_known {
    known_slot *slots;
    size_t cap, n;
};

static size_t hash_str(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

nb_known *nb_known_new(void) { return calloc(1, sizeof(nb_known)); }

static known_slot *known_find(const nb_known *k, const char *path)
{
    if (!k || !k->cap)
        return NULL;
    for (size_t i = hash_str(path) & (k->cap - 1);; i = (i + 1) & (k->cap - 1)) {
        if (!k->slots[i].path || !strcmp(k->slots[i].path, path))
            return &k->slots[i];
    }
}

static void known_grow(nb_known *k)
{
    nb_known bigger = {calloc(k->cap ? k->cap * 2 : 64, sizeof(known_slot)),
                       k->cap ? k->cap * 2 : 64, k->n};
    if (!bigger.slots)
        return;
    for (size_t i = 0; i < k->cap; i++)
        if (k->slots[i].path)
            *known_find(&bigger, k->slots[i].path) = k->slots[i];
    free(k->slots);
    *k = bigger;
}

void nb_known_add(nb_known *k, const char *path, const char *sha)
{
    if ((k->n + 1) * 2 > k->cap)
        known_grow(k);
    known_slot *s = known_find(k, path);
    if (!s)
        return;
    if (!s->path) {
        s->path = strdup(path);
        snprintf(s->sha, sizeof s->sha, "%s", sha);
        s->votes = 1;
        k->n++;
    } else if (!strcmp(s->sha, sha))
        s->votes++;
    else
        s->votes = -1000; /* the sinks disagree: reprocess */
}

int nb_known_has(const nb_known *k, const char *path, const char *sha, int votes)
{
    const known_slot *s = known_find(k, path);
    return s && s->path && s->votes >= votes && !strcmp(s->sha, sha);
}

void nb_known_free(nb_known *k)
{
    if (!k)
        return;
    for (size_t i = 0; i < k->cap; i++)
        free(k->slots[i].path);
    free(k->slots);
    free(k);
}
