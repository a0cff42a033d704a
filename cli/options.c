/* options.c - the command's options and subcommands, written once; --help and the man page
 * (nianbao --man > nianbao.1) are printed from these tables and main.c parses with them.
 *
 * --help for `extract`, from the row {"--timeout", NULL, "S", EXTRACT|CHECK, "workers", "..."}:
 *   1. rows are grouped by their heading in table order ("workers:");
 *   2. each row prints "  --timeout S" padded to a column, then its help wrapped to 79 columns;
 *   3. the man page prints the same row as ".TP\n.BI \-\-timeout " S"\n<help>".
 * A test (tests/api/man_test.sh) checks every option --help shows is in the man page. */
#include "options.h"

#include <string.h>

#define STR_(x) #x
#define STR(x) STR_(x)
#define X NB_CMD_EXTRACT
#define C NB_CMD_CHECK

const nb_option nb_options[] = {
    {"--format", NULL, "json|jsonl|csv", X, "output",
     "What goes to stdout: the pretty JSON record for one file, JSON Lines for several (default), "
     "or long-form CSV (file, format, agency, year, field, value)."},
    {"--pretty", NULL, NULL, X, "output", "Indent JSON even for several files."},
    {"--summary", NULL, NULL, X, "output",
     "Print a table instead of records: one aligned row per file (values found, sections, failed "
     "checks, warnings)."},
    {"--db", NULL, "FILE.sqlite", X | C, "databases",
     "extract: store records in a SQLite database (created when missing; unchanged files are "
     "skipped). check: report from the records an earlier extract --db stored."},
    {"--pg", NULL, "CONNINFO", X, "databases",
     "Store records in PostgreSQL (libpq connection string; libpq is loaded only when used)."},
    {"--csv", NULL, "DIR", X, "databases", "Write one CSV file per table into DIR (for COPY)."},
    {"--xlsx", NULL, "FILE.xlsx", X, "databases",
     "Write an Excel workbook: documents, values (one row per document, 200 columns), failed "
     "checks and errors."},
    {"--force", NULL, NULL, X, "databases", "Re-process files a database already holds unchanged."},
    {"-j", "--jobs", "N", X | C, "workers", "Worker processes (default: one per core)."},
    {"--timeout", NULL, "S", X | C, "workers",
     "Seconds one file may take before its worker is killed (default " STR(NB_DEFAULT_TIMEOUT)
     "; 0 = none)."},
    {"--max-mem", NULL, "MB", X | C, "workers",
     "Address space per worker in MB (default " STR(NB_DEFAULT_MAX_MEM) "; 0 = none)."},
    {"--shard", NULL, "K/N", X | C, "workers",
     "Keep the K-th of N round-robin slices of the sorted input list (1-based)."},
    {"-r", NULL, NULL, X | C, "workers", "Accepted for habit: folders are always searched recursively."},
    {"--max-input", NULL, "BYTES", X | C, "caps",
     "Largest input file (default 256M; BYTES may end in K, M or G)."},
    {"--max-zip-entry", NULL, "BYTES", X | C, "caps", "Largest inflated DOCX part (default 64M)."},
    {"--max-zip-total", NULL, "BYTES", X | C, "caps", "Largest inflated DOCX package (default 256M)."},
    {"--max-pages", NULL, "N", X | C, "caps", "PDF pages read; the rest is cut with a warning (default 5000)."},
    {"--ocr", NULL, "MODE", X | C, "scans",
     "OCR of PDF pages with Tesseract: auto (pages without a text layer, default), always, never."},
    {"--cpu-scale", NULL, "F", X | C, "caps",
     "Multiply the CPU budget of each file (0.3 s + 0.5 s per MB; 0 = none): past it a PDF's remaining "
     "pages are cut with a warning, and at twice it the file ends with a limit error."},
    {"--follow", "-L", NULL, X | C, "inputs",
     "Follow symlinks to folders and to files outside the folder named (a folder loop is an error "
     "row); without it they are skipped and counted."},
    {"--null", "-0", NULL, X | C, "inputs",
     "Paths on stdin (-) end with a NUL byte (find -print0), so any file name can be listed."},
    {"--quiet", "-q", NULL, X, "progress", "No progress bar, log lines or totals on stderr."},
    {"--stats", NULL, NULL, X, "progress", "Print the totals line even for one file."},
    {"-o", NULL, "DIR", NB_CMD_DEBUG, "debug", "The folder the page images are written to."},
    {NULL, NULL, NULL, 0, NULL, NULL},
};

const nb_command nb_commands[] = {
    {"extract", NB_CMD_EXTRACT, "[options] PATH...",
     "structured record (JSON contract) for each input",
     "PATH: files, folders (searched recursively) or - (paths on stdin, one per line). With --db, "
     "--pg, --csv or --xlsx stdout stays empty unless --format or --summary is given. Exit status "
     "1 when a file fails or has no template table."},
    {"check", NB_CMD_CHECK, "[options] PATH...  |  check --db FILE.sqlite",
     "failed identities per file and across years (exit 1 when any)",
     "Reports every failed identity per file, and for each agency a year's carried_in that differs "
     "from the previous year's carried_out; exit 1 when any fails."},
    {"convert", NB_CMD_CONVERT, "FILE...", "clean text with tables as Markdown", NULL},
    {"debug", NB_CMD_DEBUG, "FILE.pdf -o DIR",
     "PNG per PDF page: rules, cells and the value id of each number",
     "Writes DIR/page-N.png for each page: the page, the ruling lines found (red), the cells of "
     "tables read from them (blue), and each cell a value came from (green) with its value id."},
    {NULL, 0, NULL, NULL, NULL},
};

const nb_option *nb_option_find(const char *a, unsigned cmd, const char **inline_val)
{
    *inline_val = NULL;
    for (const nb_option *o = nb_options; o->name; o++) {
        if (!(o->cmds & cmd))
            continue;
        const char *names[2] = {o->name, o->alias};
        for (int k = 0; k < 2 && names[k]; k++) {
            size_t n = strlen(names[k]);
            if (!strcmp(a, names[k]))
                return o;
            if (o->arg && !strncmp(a, names[k], n) && a[n] == '=') {
                *inline_val = a + n + 1;
                return o;
            }
        }
    }
    return NULL;
}

/* ---- --help ---- */
#define HELP_WIDTH 79
#define HELP_COL 28 /* where help text starts */

/* Prints text from column col, wrapped at HELP_WIDTH (at spaces). */
static void wrap(FILE *f, const char *text, int col, int at)
{
    while (*text) {
        int room = HELP_WIDTH - col;
        int n = (int)strlen(text);
        if (n > room) {
            n = room;
            while (n > 0 && text[n] != ' ')
                n--;
            if (n == 0)
                n = room;
        }
        fprintf(f, "%*s%.*s\n", at > col ? 0 : col - at, "", n, text);
        text += n;
        while (*text == ' ')
            text++;
        at = 0;
    }
}

static void option_usage(FILE *f, const nb_option *o)
{
    char head[96];
    int n = snprintf(head, sizeof head, "  %s%s%s%s%s", o->name, o->alias ? ", " : "",
                     o->alias ? o->alias : "", o->arg ? " " : "", o->arg ? o->arg : "");
    fputs(head, f);
    if (n >= HELP_COL) {
        fputc('\n', f);
        n = 0;
    }
    wrap(f, o->help, HELP_COL, n);
}

/* Calls fn for each option of cmd, group by group in the table's order of first appearance. */
static void each_grouped(unsigned cmd, void (*fn)(FILE *, const nb_option *, int first), FILE *f)
{
    for (const nb_option *g = nb_options; g->name; g++) {
        int seen = 0;
        for (const nb_option *p = nb_options; p < g && !seen; p++)
            seen = (p->cmds & cmd) && !strcmp(p->group, g->group);
        if (seen || !(g->cmds & cmd))
            continue;
        int first = 1;
        for (const nb_option *o = g; o->name; o++)
            if ((o->cmds & cmd) && !strcmp(o->group, g->group)) {
                fn(f, o, first);
                first = 0;
            }
    }
}

static void usage_row(FILE *f, const nb_option *o, int first)
{
    if (first)
        fprintf(f, "%s:\n", o->group);
    option_usage(f, o);
}

void nb_usage_print(FILE *f, unsigned cmd, const char *version)
{
    const nb_command *c = nb_commands;
    while (c->name && c->id != cmd)
        c++;
    if (!c->name) {
        fprintf(f, "nianbao %s - government information disclosure annual reports to text and data\n"
                   "usage: nianbao COMMAND [options] PATH...\n", version);
        for (c = nb_commands; c->name; c++)
            fprintf(f, "  %-8s %s\n", c->name, c->what);
        fprintf(f, "run 'nianbao COMMAND --help' for a command's options; nianbao --version\n");
        return;
    }
    fprintf(f, "usage: nianbao %s %s\n", c->name, c->synopsis);
    if (c->more)
        wrap(f, c->more, 2, 0);
    each_grouped(cmd, usage_row, f);
}

/* ---- the man page ---- */
/* Text for groff: '-' as \-, a backslash doubled, a line never starting with '.' or '\''. */
static void roff(FILE *f, const char *s)
{
    if (*s == '.' || *s == '\'')
        fputs("\\&", f);
    for (; *s; s++) {
        if (*s == '-')
            fputs("\\-", f);
        else if (*s == '\\')
            fputs("\\e", f);
        else
            fputc(*s, f);
    }
}

static void man_row(FILE *f, const nb_option *o, int first)
{
    if (first) {
        fputs(".SS ", f);
        roff(f, o->group);
        fputc('\n', f);
    }
    fputs(".TP\n.B ", f);
    roff(f, o->name);
    if (o->alias) {
        fputs(", ", f);
        roff(f, o->alias);
    }
    if (o->arg) {
        fputc(' ', f);
        roff(f, o->arg);
    }
    fputc('\n', f);
    roff(f, o->help);
    fputs(o->cmds == NB_CMD_DEBUG ? " (debug)\n" : o->cmds & NB_CMD_CHECK ? " (also check)\n" : "\n", f);
}

static const char *const man_tail =
    ".SH EXIT STATUS\n"
    "0 when every input gave a record with template tables; 1 when an input failed, had no\n"
    "template table, or (check) an identity failed; 2 on a usage error; 128+N when stopped by\n"
    "signal N.\n"
    ".SH EXAMPLES\n"
    ".nf\n"
    "nianbao extract report.pdf\n"
    "nianbao extract \\-\\-format jsonl \\-j 4 reports/ > records.jsonl\n"
    "nianbao extract \\-\\-db reports.sqlite \\-\\-xlsx reports.xlsx reports/\n"
    "nianbao check reports/\n"
    "nianbao convert report.docx\n"
    ".fi\n"
    ".SH SEE ALSO\n"
    "The C library: the header nianbao.h (pkg\\-config nianbao). The Python package: import nianbao.\n";

void nb_man_print(FILE *f, const char *version)
{
    fprintf(f, ".TH NIANBAO 1 \"\" \"nianbao %s\" \"User Commands\"\n.SH NAME\n", version);
    fputs("nianbao \\- government information disclosure annual reports to text and data\n"
          ".SH SYNOPSIS\n", f);
    for (const nb_command *c = nb_commands; c->name; c++) {
        fprintf(f, ".B nianbao %s\n", c->name);
        roff(f, c->synopsis);
        fputs("\n.br\n", f);
    }
    fputs(".SH DESCRIPTION\nnianbao reads PDF, DOCX, HTML and plain-text annual reports (the\n"
          "format is detected from the bytes) and gives the agency, year, six sections, the 200\n"
          "values of the national template's tables and the template's identities checked.\n"
          ".SH COMMANDS\n", f);
    for (const nb_command *c = nb_commands; c->name; c++) {
        fprintf(f, ".TP\n.B %s\n", c->name);
        roff(f, c->what);
        fputc('\n', f);
        if (c->more) {
            fputs(".br\n", f);
            roff(f, c->more);
            fputc('\n', f);
        }
    }
    fputs(".SH OPTIONS\nOptions of extract; those marked (also check) are taken by check too, (debug)\n"
          "by debug only.\n"
          "An option's value may follow it or be joined with =, as in \\-\\-format=jsonl.\n", f);
    each_grouped(NB_CMD_EXTRACT | NB_CMD_CHECK | NB_CMD_CONVERT | NB_CMD_DEBUG, man_row, f);
    fputs(man_tail, f);
}
