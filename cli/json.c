/* json.c - the record writers: the JSON contract of schema/README.md (pretty or one
 * line for JSON Lines) and a long-form CSV (file, field, value). */
#include "cli.h"

#include <math.h>
#include <string.h>

static void put_str(nb_buf *out, const char *s)
{
    if (!s) {
        nb_buf_puts(out, "null");
        return;
    }
    nb_buf_putc(out, '"');
    nb_buf_json_escape(out, s, strlen(s));
    nb_buf_putc(out, '"');
}

/* A file name as a JSON string, escaped as nb_path_escape says (valid UTF-8, reversible). */
static void put_path(nb_buf *out, const char *path)
{
    nb_buf e = NB_BUF_INIT;
    nb_path_escape(&e, path ? path : "");
    put_str(out, nb_buf_cstr(&e));
    nb_buf_free(&e);
}

static void put_number(nb_buf *out, double v) { nb_buf_put_number(out, v); }

/* Separators for pretty vs. one-line output. */
typedef struct {
    const char *nl, *ind1, *ind2, *colon;
} style;

static void write_sections(const nb_report *r, nb_buf *out, const style *s)
{
    const char *sp = s->nl[0] ? " " : "";
    nb_buf_printf(out, "%s\"sections\":%s[", s->ind1, s->colon);
    int n = 0;
    for (int i = 0; i < 6; i++) {
        const nb_section *sec = &r->sections[i];
        if (!sec->title)
            continue;
        nb_buf_printf(out, "%s%s%s{\"number\":%s%d,%s\"title\":%s", n ? "," : "", s->nl, s->ind2,
                      sp, sec->number, sp, sp);
        put_str(out, sec->title);
        nb_buf_printf(out, ",%s\"text\":%s", sp, sp);
        put_str(out, sec->text ? sec->text : "");
        nb_buf_putc(out, '}');
        n++;
    }
    nb_buf_printf(out, "%s%s]", n ? s->nl : "", n ? s->ind1 : "");
}

static void write_values(const nb_report *r, nb_buf *out, const style *s)
{
    nb_buf_printf(out, "%s\"values\":%s{", s->ind1, s->colon);
    for (int i = 0; i < NB_NVALUES; i++) {
        nb_buf_printf(out, "%s%s%s\"%s\":%s", i ? "," : "", s->nl, s->ind2, nb_fields[i].id,
                      s->colon);
        if (r->have[i])
            put_number(out, r->values[i]);
        else
            nb_buf_puts(out, "null");
    }
    nb_buf_printf(out, "%s%s}", s->nl, s->ind1);
}

static void write_checks(const nb_report *r, nb_buf *out, const style *s)
{
    nb_buf_printf(out, "%s\"checks\":%s[", s->ind1, s->colon);
    for (size_t i = 0; i < r->nchecks; i++) {
        const nb_check *c = &r->checks[i];
        nb_buf_printf(out, "%s%s%s{\"rule\":%s", i ? "," : "", s->nl, s->ind2, s->colon);
        put_str(out, c->rule);
        nb_buf_printf(out, ",%s\"ok\":%s%s,%s\"detail\":%s", s->colon, s->colon,
                      c->ok == NB_CHECK_OK ? "true" : c->ok == NB_CHECK_FAIL ? "false" : "null",
                      s->colon, s->colon);
        put_str(out, c->detail);
        nb_buf_putc(out, '}');
    }
    nb_buf_printf(out, "%s%s]", r->nchecks ? s->nl : "", r->nchecks ? s->ind1 : "");
}

static void write_warnings(const nb_report *r, nb_buf *out, const style *s)
{
    const nb_doc *d = r->doc;
    nb_buf_printf(out, "%s\"warnings\":%s[", s->ind1, s->colon);
    for (size_t i = 0; i < d->nwarnings; i++) {
        nb_buf_printf(out, "%s%s%s", i ? "," : "", s->nl, s->ind2);
        put_str(out, d->warnings[i]);
    }
    nb_buf_printf(out, "%s%s]", d->nwarnings ? s->nl : "", d->nwarnings ? s->ind1 : "");
}

void nb_write_json(const nb_report *r, nb_buf *out, int pretty)
{
    static const style pretty_style = {"\n", "  ", "    ", " "};
    static const style line_style = {"", "", "", ""};
    const style *s = pretty ? &pretty_style : &line_style;
    nb_buf_printf(out, "{%s%s\"file\":%s", s->nl, s->ind1, s->colon);
    put_path(out, r->file);
    nb_buf_printf(out, ",%s%s\"format\":%s", s->nl, s->ind1, s->colon);
    put_str(out, nb_format_name(r->format));
    nb_buf_printf(out, ",%s%s\"agency\":%s", s->nl, s->ind1, s->colon);
    put_str(out, r->agency);
    nb_buf_printf(out, ",%s%s\"year\":%s", s->nl, s->ind1, s->colon);
    if (r->year)
        nb_buf_printf(out, "%d", r->year);
    else
        nb_buf_puts(out, "null");
    nb_buf_printf(out, ",%s", s->nl);
    write_sections(r, out, s);
    nb_buf_printf(out, ",%s", s->nl);
    write_values(r, out, s);
    nb_buf_printf(out, ",%s", s->nl);
    write_checks(r, out, s);
    nb_buf_printf(out, ",%s", s->nl);
    write_warnings(r, out, s);
    nb_buf_printf(out, "%s}\n", s->nl);
}

static void csv_field(nb_buf *out, const char *s)
{
    nb_buf_putc(out, '"');
    for (; s && *s; s++) {
        if (*s == '"')
            nb_buf_putc(out, '"');
        nb_buf_putc(out, *s);
    }
    nb_buf_putc(out, '"');
}

void nb_write_csv(const nb_report *r, nb_buf *out, int header)
{
    if (header)
        nb_buf_puts(out, "file,format,agency,year,field,value\n");
    nb_buf file = NB_BUF_INIT; /* escaped once, as nb_path_escape says */
    nb_path_escape(&file, r->file ? r->file : "");
    for (int i = 0; i < NB_NVALUES; i++) {
        csv_field(out, nb_buf_cstr(&file));
        nb_buf_printf(out, ",%s,", nb_format_name(r->format));
        csv_field(out, r->agency ? r->agency : "");
        if (r->year)
            nb_buf_printf(out, ",%d,%s,", r->year, nb_fields[i].id);
        else
            nb_buf_printf(out, ",,%s,", nb_fields[i].id);
        if (r->have[i])
            put_number(out, r->values[i]);
        nb_buf_putc(out, '\n');
    }
    nb_buf_free(&file);
}
