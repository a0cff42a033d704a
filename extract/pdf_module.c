/* pdf_module.c - the command's PDF reader: poppler-glib (with cairo, GLib, NSS and X11 behind it,
 * ~40 libraries, ~20 ms of dynamic loading) is loaded only when a PDF is met, as libpq is for --pg.
 *
 * The command is linked with this file instead of extract/pdf.c and pdf_draw.c (every extract/ file
 * that includes poppler or cairo), which are built into the module nianbao-pdf.so with their entry
 * points renamed (nb_pdf_read -> nb_pdf_module_read, nb_pdf_draw_pages -> nb_pdf_module_draw_pages);
 * the module takes the nb_ functions
 * it calls (nb_doc_add_text, nb_err_set, ...) from the command (exported with a --dynamic-list made
 * from the module's undefined symbols). In steps, for `nianbao extract a.docx b.pdf`:
 *   1. a.docx: nothing here runs; poppler is never loaded;
 *   2. b.pdf: nb_pdf_read opens the module once per process (pthread_once) from the command's own
 *      folder (the build) or from ../lib/nianbao/ beside it (an install), and calls its reader;
 *   3. a missing or broken module is that file's one-line error; other formats go on working.
 * The library (libnianbao.so, libnianbao.a) links extract/pdf.c directly and never uses this file. */
#include "extract.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define PDF_MODULE "nianbao-pdf.so"
#define PDF_PATH_BYTES 4096 /* the command's own path (PATH_MAX on Linux) */
#define PDF_MODULE_INSTALLED "../lib/nianbao/" PDF_MODULE /* relative to the command's folder */

typedef nb_doc *(*pdf_reader)(const char *buf, size_t len, const char *path, nb_err *err);
typedef int (*pdf_drawer)(const char *buf, size_t len, const nb_overlay *ov, size_t nov,
                          double px_per_pt, const char *dir, nb_err *err);

static pthread_once_t once = PTHREAD_ONCE_INIT;
static pdf_reader reader; /* both set, or neither */
static pdf_drawer drawer;
static char why[200]; /* the first failure, reported for every PDF */

/* dlopen of dir/name; 0 when loaded (reader set). */
static int try_load(const char *dir, const char *name)
{
    char path[PDF_PATH_BYTES];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (access(path, R_OK) != 0)
        return -1;
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(why, sizeof why, "%s", dlerror());
        return -1;
    }
    *(void **)&reader = dlsym(h, "nb_pdf_module_read");
    *(void **)&drawer = dlsym(h, "nb_pdf_module_draw_pages");
    if (!reader || !drawer) {
        snprintf(why, sizeof why, PDF_MODULE " lacks its entry points");
        reader = NULL;
        drawer = NULL;
    }
    return reader ? 0 : -1;
}

static void load(void)
{
    char exe[PDF_PATH_BYTES];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    snprintf(why, sizeof why, PDF_MODULE " not found beside the command");
    if (n <= 0)
        return;
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (slash)
        *slash = 0;
    if (try_load(exe, PDF_MODULE) != 0)
        try_load(exe, PDF_MODULE_INSTALLED);
}

nb_doc *nb_pdf_read(const char *buf, size_t len, const char *path, nb_err *err)
{
    pthread_once(&once, load);
    if (!reader) {
        nb_err_set(err, NB_EUNSUPPORTED, "cannot read PDF: the poppler module is missing (%s)", why);
        return NULL;
    }
    return reader(buf, len, path, err);
}

int nb_pdf_draw_pages(const char *buf, size_t len, const nb_overlay *ov, size_t nov, double px_per_pt,
                      const char *dir, nb_err *err)
{
    pthread_once(&once, load);
    if (!drawer) {
        nb_err_set(err, NB_EUNSUPPORTED, "cannot draw PDF pages: the poppler module is missing (%s)", why);
        return -1;
    }
    return drawer(buf, len, ov, nov, px_per_pt, dir, err);
}
