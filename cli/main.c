/* main.c - the nianbao command: argument parsing and the subcommands (extract, convert).
 * Every failure is one line on stderr naming the file; the batch always goes on. */
#include "cli.h"
#include "extract.h"
#include "layout.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define NB_VERSION "0.1.0"

typedef struct {
    const char *format; /* json, jsonl, csv */
    int pretty;
    int summary;
} extract_opts;

/* ---- input list: files, folders (recursive), sorted for stable output ---- */
typedef struct {
    char **v;
    size_t n, cap;
} strlist;

static void strlist_push(strlist *l, const char *s)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        char **v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return;
        l->v = v;
        l->cap = cap;
    }
    char *copy = strdup(s);
    if (copy)
        l->v[l->n++] = copy;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int skip_name(const char *name)
{
    size_t n = strlen(name);
    return name[0] == '.' || (n > 11 && !strcmp(name + n - 11, ".truth.json"));
}

static void expand(strlist *out, const char *path, int depth)
{
    struct stat st;
    if (depth > 64 || stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        strlist_push(out, path); /* missing or unreadable paths still get an error line */
        return;
    }
    DIR *d = opendir(path);
    if (!d) {
        strlist_push(out, path);
        return;
    }
    strlist names = {0};
    for (struct dirent *e; (e = readdir(d));)
        if (!skip_name(e->d_name))
            strlist_push(&names, e->d_name);
    closedir(d);
    qsort(names.v, names.n, sizeof *names.v, cmp_str);
    for (size_t i = 0; i < names.n; i++) {
        size_t len = strlen(path) + strlen(names.v[i]) + 2;
        char *child = malloc(len);
        if (child) {
            snprintf(child, len, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/",
                     names.v[i]);
            expand(out, child, depth + 1);
            free(child);
        }
        free(names.v[i]);
    }
    free(names.v);
}

/* ---- extract ---- */
static void summary_row(const nb_report *r)
{
    int have = 0;
    for (int i = 0; i < NB_NVALUES; i++)
        have += r->have[i];
    int secs = 0;
    for (int i = 0; i < 6; i++)
        secs += r->sections[i].title != NULL;
    printf("%-44s %-5s %-22s %4d %3d/200 %d/6 %3zu %3zu\n", r->file ? r->file : "-",
           nb_format_name(r->format), r->agency ? r->agency : "-", r->year, have, secs,
           nb_report_failed(r), r->doc->nwarnings);
}

static int extract_one(const char *path, const extract_opts *o, int index)
{
    nb_err err = {0};
    nb_report *r = nb_process_path(path, &err);
    if (!r) {
        fprintf(stderr, "nianbao: %s: %s\n", path, err.msg[0] ? err.msg : nb_strerror(err.code));
        if (o->summary)
            printf("%-44s error: %s\n", path, err.msg);
        return 1;
    }
    nb_buf out = NB_BUF_INIT;
    if (o->summary)
        summary_row(r);
    else if (!strcmp(o->format, "csv"))
        nb_write_csv(r, &out, index == 0);
    else
        nb_write_json(r, &out, o->pretty);
    fwrite(out.ptr ? out.ptr : "", 1, out.len, stdout);
    nb_buf_free(&out);
    int bad = r->tables_found == 0;
    if (bad)
        fprintf(stderr, "nianbao: %s: no template tables found\n", path);
    nb_report_free(r);
    return bad;
}

static int usage_extract(FILE *f)
{
    fprintf(f, "usage: nianbao extract [--format json|jsonl|csv] [--pretty] [--summary] PATH...\n"
               "  PATH: files or folders (searched recursively)\n");
    return 2;
}

static int cmd_extract(int argc, char **argv)
{
    extract_opts o = {"json", 0, 0};
    strlist inputs = {0};
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--format") && i + 1 < argc)
            o.format = argv[++i];
        else if (!strncmp(a, "--format=", 9))
            o.format = a + 9;
        else if (!strcmp(a, "--pretty"))
            o.pretty = 1;
        else if (!strcmp(a, "--summary"))
            o.summary = 1;
        else if (!strcmp(a, "-r"))
            continue; /* folders are always recursive; accepted for habit */
        else if (!strcmp(a, "-h") || !strcmp(a, "--help"))
            return usage_extract(stdout) & 0;
        else if (a[0] == '-' && a[1])
            return usage_extract(stderr);
        else
            expand(&inputs, a, 0);
    }
    if (strcmp(o.format, "json") && strcmp(o.format, "jsonl") && strcmp(o.format, "csv"))
        return usage_extract(stderr);
    if (!inputs.n)
        return usage_extract(stderr);
    if (!strcmp(o.format, "json") && inputs.n == 1)
        o.pretty = 1; /* one document: readable by default */
    if (o.summary)
        printf("%-44s %-5s %-22s %4s %7s %3s %3s %3s\n", "file", "fmt", "agency", "year", "values",
               "sec", "bad", "wrn");
    int failed = 0;
    for (size_t i = 0; i < inputs.n; i++) {
        failed += extract_one(inputs.v[i], &o, (int)i);
        free(inputs.v[i]);
    }
    free(inputs.v);
    if (o.summary)
        printf("%zu files, %d failed\n", inputs.n, failed);
    return failed ? 1 : 0;
}

/* ---- convert ---- */
static int cmd_convert(int argc, char **argv)
{
    if (argc < 1 || !strcmp(argv[0], "-h") || !strcmp(argv[0], "--help")) {
        fprintf(argc < 1 ? stderr : stdout, "usage: nianbao convert FILE...\n"
                "  prints the cleaned text, tables as Markdown\n");
        return argc < 1 ? 2 : 0;
    }
    int failed = 0;
    for (int i = 0; i < argc; i++) {
        nb_err err = {0};
        nb_doc *doc = nb_extract_path(argv[i], &err);
        if (doc && nb_layout(doc, &err) != NB_OK) {
            nb_doc_free(doc);
            doc = NULL;
        }
        if (!doc) {
            fprintf(stderr, "nianbao: %s: %s\n", argv[i], err.msg);
            failed++;
            continue;
        }
        nb_buf out = NB_BUF_INIT;
        nb_write_markdown(doc, &out);
        fwrite(out.ptr ? out.ptr : "", 1, out.len, stdout);
        nb_buf_free(&out);
        nb_doc_free(doc);
    }
    return failed ? 1 : 0;
}

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *what;
} commands[] = {
    {"extract", cmd_extract, "structured record (JSON contract) for each input"},
    {"convert", cmd_convert, "clean text with tables as Markdown"},
};

static int usage(FILE *f)
{
    fprintf(f, "nianbao %s - government information disclosure annual reports to text and data\n"
               "usage: nianbao COMMAND [options] PATH...\n", NB_VERSION);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].what);
    fprintf(f, "run 'nianbao COMMAND --help' for a command's options\n");
    return f == stderr ? 2 : 0;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage(stderr);
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
        return usage(stdout);
    if (!strcmp(argv[1], "--version")) {
        printf("nianbao %s\n", NB_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run(argc - 2, argv + 2);
    fprintf(stderr, "nianbao: unknown command '%s'\n", argv[1]);
    return usage(stderr);
}
