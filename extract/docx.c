/* docx.c - the DOCX reader's entry point and package layer: the ZIP opened from memory under the
 * zip-bomb caps, parts found through their relationships, each XML part streamed to a SAX sink. */
#include "docx_internal.h"

#include <errno.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define DX_CHUNK 65536 /* bytes inflated and fed to the XML parser at a time */
#define DX_PART_NAME 512

struct dx_pkg {
    zip_t *zip;
    size_t total; /* inflated bytes read from the package so far */
};

/* ---- attributes ------------------------------------------------------------------------ */
int dx_attr(const dx_attrs *a, const char *local, char *out, size_t outsz)
{
    const xmlChar **at = (const xmlChar **)a->raw;
    for (int i = 0; i < a->n; i++, at += 5) {
        if (strcmp((const char *)at[0], local) != 0)
            continue;
        size_t n = nb_utf8_cut((const char *)at[3], (size_t)(at[4] - at[3]), outsz - 1);
        memcpy(out, at[3], n);
        out[n] = 0;
        return 1;
    }
    return 0;
}

long dx_attr_int(const dx_attrs *a, const char *local, long lo, long hi, long def)
{
    char v[32], *end;
    if (!dx_attr(a, local, v, sizeof v))
        return def;
    errno = 0;
    long x = strtol(v, &end, 10);
    if (end == v)
        return def;
    if (errno == ERANGE) /* saturated at LONG_MIN/LONG_MAX: the clamp below applies */
        errno = 0;
    return x < lo ? lo : x > hi ? hi : x;
}

/* ---- SAX plumbing ------------------------------------------------------------------------ */
typedef struct {
    xmlParserCtxtPtr ctxt;
    const dx_sink *sink;
    int depth;
    char why[200]; /* the first refusal or error met */
    nb_code code;
    const xmlChar *last_uri; /* namespace cache: URIs are interned by the parser's dictionary */
    dx_ns last_ns;
} sax_state;

static void refuse(sax_state *st, nb_code code, const char *why)
{
    if (!st->why[0]) {
        snprintf(st->why, sizeof st->why, "%s", why);
        st->code = code;
    }
    xmlStopParser(st->ctxt);
}

static const struct {
    const char *uri;
    dx_ns ns;
} namespaces[] = {
    {"http://schemas.openxmlformats.org/wordprocessingml/2006/main", DX_NS_W},
    {"http://purl.oclc.org/ooxml/wordprocessingml/main", DX_NS_W},
    {"http://schemas.openxmlformats.org/markup-compatibility/2006", DX_NS_MC},
    {"http://schemas.openxmlformats.org/package/2006/relationships", DX_NS_REL},
    {"http://schemas.openxmlformats.org/officeDocument/2006/math", DX_NS_M},
    {"http://purl.oclc.org/ooxml/officeDocument/math", DX_NS_M},
};

static dx_ns ns_of(sax_state *st, const xmlChar *uri)
{
    if (!uri)
        return DX_NS_OTHER;
    if (uri == st->last_uri)
        return st->last_ns;
    dx_ns ns = DX_NS_OTHER;
    for (size_t i = 0; i < sizeof namespaces / sizeof namespaces[0]; i++)
        if (!strcmp((const char *)uri, namespaces[i].uri))
            ns = namespaces[i].ns;
    st->last_uri = uri;
    st->last_ns = ns;
    return ns;
}

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                     int nns, const xmlChar **nss, int nattr, int ndef, const xmlChar **attrs)
{
    sax_state *st = ctx;
    (void)prefix, (void)nns, (void)nss, (void)ndef;
    if (++st->depth > (int)NB_MAX_XML_DEPTH) {
        char why[96];
        snprintf(why, sizeof why, "XML nested deeper than %u elements", NB_MAX_XML_DEPTH);
        refuse(st, NB_ELIMIT, why);
        return;
    }
    dx_attrs a = {attrs, nattr};
    st->sink->start(st->sink->ctx, st->depth, ns_of(st, uri), (const char *)local, &a);
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    sax_state *st = ctx;
    (void)prefix;
    if (st->depth <= (int)NB_MAX_XML_DEPTH)
        st->sink->end(st->sink->ctx, st->depth, ns_of(st, uri), (const char *)local);
    st->depth--;
}

static void on_text(void *ctx, const xmlChar *s, int len)
{
    sax_state *st = ctx;
    if (len > 0 && st->sink->text)
        st->sink->text(st->sink->ctx, (const char *)s, (size_t)len);
}

/* OOXML parts never carry a DTD (OPC forbids it): any DOCTYPE or entity declaration is refused
 * before a single declaration is processed, so nothing is ever expanded, loaded or fetched. */
static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *eid, const xmlChar *sid)
{
    (void)name, (void)eid, (void)sid;
    refuse(ctx, NB_EFORMAT, "XML with a DOCTYPE (DTDs and entities are never processed)");
}

static void on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *pid,
                           const xmlChar *sid, xmlChar *content)
{
    (void)name, (void)type, (void)pid, (void)sid, (void)content;
    refuse(ctx, NB_EFORMAT, "XML with an entity declaration (entities are never processed)");
}

static xmlEntityPtr on_get_entity(void *ctx, const xmlChar *name)
{
    (void)name;
    refuse(ctx, NB_EFORMAT, "XML with an entity reference (entities are never processed)");
    return NULL;
}

static xmlParserInputPtr on_resolve(void *ctx, const xmlChar *pid, const xmlChar *sid)
{
    (void)pid, (void)sid;
    refuse(ctx, NB_EFORMAT, "XML referring to an external resource (never loaded)");
    return NULL;
}

static void on_error(void *ctx, xmlErrorPtr e)
{
    sax_state *st = ctx;
    if (!e || e->level < XML_ERR_ERROR || st->why[0])
        return;
    char why[200];
    size_t n = strlen(e->message ? e->message : "");
    snprintf(why, sizeof why, "malformed XML at line %d: %.*s", e->line,
             (int)(n && e->message[n - 1] == '\n' ? n - 1 : n), e->message ? e->message : "");
    refuse(st, NB_EFORMAT, why);
}

static void sax_init(xmlSAXHandler *h)
{
    memset(h, 0, sizeof *h);
    h->initialized = XML_SAX2_MAGIC;
    h->startElementNs = on_start;
    h->endElementNs = on_end;
    h->characters = on_text;
    h->cdataBlock = on_text;
    h->internalSubset = on_doctype;
    h->externalSubset = on_doctype;
    h->entityDecl = on_entity_decl;
    h->getEntity = on_get_entity;
    h->getParameterEntity = on_get_entity;
    h->resolveEntity = on_resolve;
    h->serror = on_error;
}

/* ---- reading one part under the caps ------------------------------------------------------ */
static zip_int64_t locate(dx_pkg *pkg, const char *name)
{
    return zip_name_locate(pkg->zip, name, ZIP_FL_NOCASE);
}

int dx_has_part(dx_pkg *pkg, const char *name) { return locate(pkg, name) >= 0; }

/* Refuses an entry on what its header declares: encryption, size, ratio. */
static nb_code check_declared(dx_pkg *pkg, zip_int64_t idx, const char *name, zip_uint64_t *csize,
                              nb_err *err)
{
    zip_stat_t zs;
    if (zip_stat_index(pkg->zip, (zip_uint64_t)idx, 0, &zs) != 0)
        return nb_err_set(err, NB_EFORMAT, "damaged ZIP entry %s", name);
    if ((zs.valid & ZIP_STAT_ENCRYPTION_METHOD) && zs.encryption_method != ZIP_EM_NONE)
        return nb_err_set(err, NB_EUNSUPPORTED, "encrypted ZIP entry %s (password-protected)", name);
    *csize = (zs.valid & ZIP_STAT_COMP_SIZE) ? zs.comp_size : 0;
    zip_uint64_t size = (zs.valid & ZIP_STAT_SIZE) ? zs.size : 0;
    if (size > nb_limits_get()->zip_entry)
        return nb_err_set(err, NB_ELIMIT, "zip bomb: %s declares %llu bytes, over the %zu-byte "
                          "part limit", name, (unsigned long long)size, nb_limits_get()->zip_entry);
    if (size > NB_ZIP_RATIO_MIN_BYTES && size / (*csize ? *csize : 1) > NB_MAX_ZIP_RATIO)
        return nb_err_set(err, NB_ELIMIT, "zip bomb: %s declares a compression ratio over %u:1",
                          name, NB_MAX_ZIP_RATIO);
    return NB_OK;
}

/* Counts inflated bytes as they come, whatever the header said. */
static nb_code count_bytes(dx_pkg *pkg, size_t *got, size_t n, zip_uint64_t csize,
                           const char *name, nb_err *err)
{
    *got += n;
    pkg->total += n;
    const nb_limits *lim = nb_limits_get();
    if (*got > lim->zip_entry)
        return nb_err_set(err, NB_ELIMIT, "zip bomb: %s inflates past the %zu-byte part limit",
                          name, lim->zip_entry);
    if (pkg->total > lim->zip_total)
        return nb_err_set(err, NB_ELIMIT, "zip bomb: package inflates past the %zu-byte limit",
                          lim->zip_total);
    if (*got > NB_ZIP_RATIO_MIN_BYTES && *got / (csize ? csize : 1) > NB_MAX_ZIP_RATIO)
        return nb_err_set(err, NB_ELIMIT, "zip bomb: %s inflates over %u:1", name,
                          NB_MAX_ZIP_RATIO);
    return NB_OK;
}

static nb_code pump(dx_pkg *pkg, zip_file_t *zf, sax_state *st, zip_uint64_t csize,
                    const char *name, nb_err *err)
{
    static __thread char chunk[DX_CHUNK];
    size_t got = 0;
    nb_attr_scan scan = {0, 0, 0, 0, 0};
    for (;;) {
        zip_int64_t n = zip_fread(zf, chunk, sizeof chunk);
        if (n < 0)
            return nb_err_set(err, NB_EFORMAT, "damaged ZIP entry %s: %s", name,
                              zip_file_strerror(zf));
        if (count_bytes(pkg, &got, (size_t)n, csize, name, err) != NB_OK)
            return err ? err->code : NB_ELIMIT;
        if (nb_attr_scan_over(&scan, chunk, (size_t)n))
            return nb_err_set(err, NB_ELIMIT, "%s: an element with more than %u attributes", name,
                              NB_MAX_XML_ATTRS);
        xmlParseChunk(st->ctxt, chunk, (int)n, n == 0);
        if (st->why[0])
            return nb_err_set(err, st->code, "%s: %s", name, st->why);
        if (n == 0)
            return NB_OK;
    }
}

nb_code dx_parse_part(dx_pkg *pkg, const char *name, const dx_sink *sink, nb_err *err)
{
    zip_int64_t idx = locate(pkg, name);
    if (idx < 0)
        return nb_err_set(err, NB_EFORMAT, "not a Word document: missing %s", name);
    zip_uint64_t csize = 0;
    nb_code rc = check_declared(pkg, idx, name, &csize, err);
    if (rc != NB_OK)
        return rc;
    zip_file_t *zf = zip_fopen_index(pkg->zip, (zip_uint64_t)idx, 0);
    if (!zf)
        return nb_err_set(err, NB_EFORMAT, "cannot open ZIP entry %s: %s", name,
                          zip_strerror(pkg->zip));
    xmlSAXHandler h;
    sax_init(&h);
    sax_state st = {0};
    st.sink = sink;
    st.ctxt = xmlCreatePushParserCtxt(&h, &st, NULL, 0, name);
    if (!st.ctxt) {
        zip_fclose(zf);
        return nb_err_set(err, NB_ENOMEM, "out of memory creating the XML parser");
    }
    xmlCtxtUseOptions(st.ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    st.ctxt->replaceEntities = 0;
    st.ctxt->loadsubset = 0;
    rc = pump(pkg, zf, &st, csize, name, err);
    xmlFreeParserCtxt(st.ctxt);
    zip_fclose(zf);
    return rc;
}

/* ---- relationships: which part is the document, which are its styles and numbering ------- */
typedef struct {
    const char *suffix;            /* relationship type ends with this */
    char target[3][DX_PART_NAME];  /* officeDocument / styles / numbering */
} rels;

static const char *const rel_types[3] = {"/officeDocument", "/styles", "/numbering"};

static int ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && !strcmp(s + n - m, suf);
}

static void rels_start(void *ctx, int depth, dx_ns ns, const char *name, const dx_attrs *a)
{
    rels *r = ctx;
    char type[256], target[DX_PART_NAME], mode[32];
    (void)depth;
    if (ns != DX_NS_REL || strcmp(name, "Relationship") != 0 ||
        !dx_attr(a, "Type", type, sizeof type) || !dx_attr(a, "Target", target, sizeof target))
        return;
    if (dx_attr(a, "TargetMode", mode, sizeof mode) && !strcmp(mode, "External"))
        return;
    for (int i = 0; i < 3; i++)
        if (ends_with(type, rel_types[i]) && !r->target[i][0])
            snprintf(r->target[i], DX_PART_NAME, "%s", target);
}

static void rels_end(void *ctx, int depth, dx_ns ns, const char *name)
{
    (void)ctx, (void)depth, (void)ns, (void)name;
}

/* Resolves target against the folder of base ("word/document.xml") into out, with "../". */
static void resolve(const char *base, const char *target, char *out, size_t outsz)
{
    char tmp[2 * DX_PART_NAME];
    if (target[0] == '/')
        snprintf(tmp, sizeof tmp, "%s", target + 1);
    else {
        const char *slash = strrchr(base, '/');
        int dir = slash ? (int)(slash - base + 1) : 0;
        snprintf(tmp, sizeof tmp, "%.*s%s", dir, base, target);
    }
    size_t o = 0;
    for (char *seg = strtok(tmp, "/"); seg; seg = strtok(NULL, "/")) {
        if (!strcmp(seg, "."))
            continue;
        if (!strcmp(seg, "..")) {
            while (o > 0 && out[--o] != '/')
                ;
            continue;
        }
        int w = snprintf(out + o, outsz - o, "%s%s", o ? "/" : "", seg);
        if (w < 0 || (size_t)w >= outsz - o)
            break;
        o += (size_t)w;
    }
    out[o < outsz ? o : outsz - 1] = 0;
}

static void read_rels(dx_pkg *pkg, const char *part, rels *r)
{
    dx_sink s = {rels_start, rels_end, NULL, r};
    nb_err ignored;
    memset(r, 0, sizeof *r);
    if (dx_has_part(pkg, part))
        dx_parse_part(pkg, part, &s, &ignored); /* a broken .rels falls back to the usual names */
}

/* Fills the part names: main document, styles, numbering ("" when absent). */
static void find_parts(dx_pkg *pkg, char main_part[DX_PART_NAME], char styles[DX_PART_NAME],
                       char numbering[DX_PART_NAME])
{
    rels r;
    read_rels(pkg, "_rels/.rels", &r);
    if (r.target[0][0])
        resolve("", r.target[0], main_part, DX_PART_NAME);
    else
        snprintf(main_part, DX_PART_NAME, "word/document.xml");
    const char *slash = strrchr(main_part, '/');
    char relpart[DX_PART_NAME + 16];
    int dir = slash ? (int)(slash - main_part + 1) : 0;
    snprintf(relpart, sizeof relpart, "%.*s_rels/%s.rels", dir, main_part, main_part + dir);
    read_rels(pkg, relpart, &r);
    const char *fallback[2] = {"styles.xml", "numbering.xml"};
    char *outs[2] = {styles, numbering};
    for (int i = 0; i < 2; i++) {
        resolve(main_part, r.target[i + 1][0] ? r.target[i + 1] : fallback[i], outs[i],
                DX_PART_NAME);
        if (!dx_has_part(pkg, outs[i]))
            outs[i][0] = 0;
    }
}

/* ---- entry point ------------------------------------------------------------------------- */
static nb_code open_pkg(dx_pkg *pkg, const char *buf, size_t len, nb_err *err)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(buf, len, 0, &ze);
    if (!src) {
        zip_error_fini(&ze);
        return nb_err_set(err, NB_ENOMEM, "out of memory opening the ZIP");
    }
    pkg->zip = zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (!pkg->zip) {
        zip_source_free(src);
        nb_code rc = nb_err_set(err, NB_EFORMAT, "not a DOCX: damaged or truncated ZIP (%s)",
                                zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return rc;
    }
    zip_error_fini(&ze);
    zip_int64_t n = zip_get_num_entries(pkg->zip, 0);
    if (n < 0 || (zip_uint64_t)n > NB_MAX_ZIP_ENTRIES)
        return nb_err_set(err, NB_ELIMIT, "ZIP with %lld entries, over the %u-entry limit",
                          (long long)n, NB_MAX_ZIP_ENTRIES);
    return NB_OK;
}

/* Styles and numbering are optional: damage there costs headings and numbers, not the text. */
static void read_optional(dx_pkg *pkg, nb_doc *doc, const char *part, const dx_sink *s)
{
    nb_err e;
    if (part[0] && dx_parse_part(pkg, part, s, &e) != NB_OK)
        nb_doc_warn(doc, "%s ignored from there on: %s", part, e.msg);
}

static nb_code read_all(dx_pkg *pkg, nb_doc *doc, nb_err *err)
{
    char main_part[DX_PART_NAME], styles_part[DX_PART_NAME], num_part[DX_PART_NAME];
    find_parts(pkg, main_part, styles_part, num_part);
    if (!dx_has_part(pkg, main_part))
        return nb_err_set(err, NB_EFORMAT, "not a Word document: missing %s", main_part);
    dx_styles *styles = dx_styles_new();
    dx_numbering *num = dx_numbering_new();
    dx_body *body = styles && num ? dx_body_new(doc, styles, num) : NULL;
    nb_code rc = body ? NB_OK : nb_err_set(err, NB_ENOMEM, "out of memory");
    if (rc == NB_OK) {
        dx_sink s;
        dx_styles_sink(styles, &s);
        read_optional(pkg, doc, styles_part, &s);
        dx_styles_finish(styles);
        dx_numbering_sink(num, &s);
        read_optional(pkg, doc, num_part, &s);
        dx_body_sink(body, &s);
        rc = dx_parse_part(pkg, main_part, &s, err);
        if (rc == NB_OK)
            rc = dx_body_finish(body, err);
    }
    dx_body_free(body);
    dx_numbering_free(num);
    dx_styles_free(styles);
    return rc;
}

nb_doc *nb_docx_read(const char *buf, size_t len, const char *path, nb_err *err)
{
    dx_pkg pkg = {0};
    xmlInitParser();
    nb_code rc = open_pkg(&pkg, buf, len, err);
    nb_doc *doc = rc == NB_OK ? nb_doc_new(NB_FMT_DOCX, path) : NULL;
    if (rc == NB_OK && !doc)
        rc = nb_err_set(err, NB_ENOMEM, "out of memory");
    if (rc == NB_OK)
        rc = read_all(&pkg, doc, err);
    if (pkg.zip)
        zip_discard(pkg.zip);
    if (rc != NB_OK) {
        nb_doc_free(doc);
        return NULL;
    }
    return doc;
}
