/* test_limits.c - the guards against work out of proportion to a file: the attribute count taken
 * before libxml2 parses a tag (fed in every possible chunking), the CPU work budget and the render
 * check built on it, the watchdog that ends a process spinning past its budget, and nb_grow, the
 * growable array every reader builds its output with (an overflowing size is refused, not wrapped). */
#include "batch.h"
#include "extract.h"
#include "harness.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

/* Feeds s to a fresh scanner in pieces of `piece` bytes; 1 when it reports too many attributes. */
static int scan_in_pieces(const char *s, size_t piece)
{
    nb_attr_scan a = {0, 0, 0, 0, 0};
    size_t n = strlen(s);
    for (size_t off = 0; off < n; off += piece)
        if (nb_attr_scan_over(&a, s + off, off + piece < n ? piece : n - off))
            return 1;
    return 0;
}

/* A start tag with n attributes in the given style, then an ordinary paragraph. */
static char *tag_with(unsigned n, const char *style)
{
    nb_buf b = NB_BUF_INIT;
    nb_buf_puts(&b, "<?xml version=\"1.0\"?><!-- a=1 b=2 --><w:p");
    for (unsigned i = 0; i < n; i++)
        nb_buf_printf(&b, style, i);
    nb_buf_puts(&b, "><w:t>text with = signs and \"quotes\" a=1 b=2</w:t></w:p>");
    return nb_buf_detach(&b);
}

static void test_attr_scan(void)
{
    static const char *const styles[] = {" a%u=\"1\"", " a%u='x>y z'", " a%u=1", " nowrap%u",
                                         "\n\ta%u = \"v\""};
    for (size_t k = 0; k < sizeof styles / sizeof styles[0]; k++) {
        /* " a = "v"" counts three times: its limit is reached with a third of the attributes */
        unsigned at = k == 4 ? NB_MAX_XML_ATTRS / 3 : NB_MAX_XML_ATTRS;
        char *ok = tag_with(at, styles[k]), *over = tag_with(at + 1, styles[k]);
        int agree = 1;
        for (size_t piece = 1; piece <= 7; piece++) /* a chunk may end anywhere in a tag */
            agree &= !scan_in_pieces(ok, piece) && scan_in_pieces(over, piece);
        OK(agree);
        OK(!scan_in_pieces(ok, 4096));
        OK(scan_in_pieces(over, 4096));
        free(ok);
        free(over);
    }
    /* many elements with a few attributes each are fine; end tags and comments count nothing */
    nb_buf b = NB_BUF_INIT;
    for (int i = 0; i < 5000; i++)
        nb_buf_puts(&b, "<w:r w:rsidR=\"00A1\" w:rsidRPr=\"00B2\"><w:t xml:space=\"preserve\">x</w:t></w:r>");
    OK(!scan_in_pieces(nb_buf_cstr(&b), 3));
    nb_buf_free(&b);
}

static void test_budget(void)
{
    nb_limits *l = nb_limits_get();
    double scale = l->cpu_scale;
    l->cpu_scale = 1.0;
    OK(nb_work_budget(0) == NB_WORK_CPU_BASE);
    OK(nb_work_budget((size_t)2 << 20) == NB_WORK_CPU_BASE + 2 * NB_WORK_CPU_PER_MB);
    double b = nb_work_budget(100000);
    OK(nb_render_affordable(595, 842, 300, 0.01, b));      /* A4 at 300 dpi, early */
    OK(!nb_render_affordable(595, 842, 300, 10.0, b));     /* budget spent */
    OK(!nb_render_affordable(14400, 14400, 300, 0.0, b));  /* a 200-inch page: 3.6e9 pixels */
    OK(!nb_render_affordable(0, 842, 300, 0.0, b));
    l->cpu_scale = 0; /* --cpu-scale 0: no budget */
    OK(nb_work_budget(1000) == 0);
    OK(nb_render_affordable(595, 842, 300, 1e6, nb_work_budget(1000)));
    l->cpu_scale = scale;
    double t0 = nb_cpu_seconds(), t = t0;
    for (long i = 0; i < 1000000000L && t < t0 + 0.01; i++) /* the clock moves with work */
        t = nb_cpu_seconds();
    OK(t >= t0 + 0.01);
}

/* A child spins forever under a 0.2 s watchdog: the parent reads the prepared message and sees the
 * chosen exit status, well before its own 5 s patience runs out. */
static void test_watchdog(void)
{
    int fd[2];
    if (pipe(fd) != 0) {
        OK(0);
        return;
    }
    pid_t pid = fork();
    if (pid == 0) {
        close(fd[0]);
        static const char msg[] = "too much work\n";
        nb_watchdog_arm(0.2, fd[1], msg, sizeof msg - 1, 7);
        for (volatile unsigned long i = 0;; i++)
            ;
    }
    close(fd[1]);
    char got[64] = {0};
    ssize_t n = read(fd[0], got, sizeof got - 1);
    close(fd[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    OK(n > 0);
    EQ_STR(got, "too much work\n");
    OK(WIFEXITED(status) && WEXITSTATUS(status) == 7);

    /* disarmed in time: nothing fires */
    pid = fork();
    if (pid == 0) {
        nb_watchdog_arm(0.3, 2, "x", 1, 9);
        nb_watchdog_disarm();
        for (double t0 = nb_cpu_seconds(); nb_cpu_seconds() < t0 + 0.5;) /* past the 0.3 s */
            ;
        _exit(0);
    }
    waitpid(pid, &status, 0);
    OK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static void test_grow(void)
{
    int *v = NULL;
    size_t n = 0, cap = 0;
    for (int i = 0; i < 1000; i++) {
        int *grown = nb_grow(v, n, &cap, sizeof *grown, 4);
        if (!grown)
            break;
        v = grown;
        v[n++] = i;
    }
    OK(n == 1000 && cap == 1024 && v[999] == 999 && v[0] == 0); /* 4, 8, ... 1024 */
    OK(nb_grow(v, 10, &cap, sizeof *v, 4) == v && cap == 1024);  /* room left: nothing moves */
    size_t huge = SIZE_MAX / 2 + 1;
    OK(nb_grow(v, huge, &huge, sizeof *v, 4) == NULL && huge == SIZE_MAX / 2 + 1); /* would wrap */
    free(v);
}

int main(void)
{
    test_attr_scan();
    test_budget();
    test_watchdog();
    test_grow();
    DONE();
}
