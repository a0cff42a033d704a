/* test_batch.c - the batch runner's parts: SHA-256 vectors, the worker wire format, CSV quoting,
 * field id splitting, the known-files map, the database writer thread, and the pool surviving a
 * crash, a hang and a memory hog. */
#include "batch.h"
#include "harness.h"

#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

static void sha_hex(const char *s, char out[65])
{
    nb_sha256 h;
    nb_sha256_init(&h);
    nb_sha256_update(&h, s, strlen(s));
    nb_sha256_hex(&h, out);
}

static void test_sha256(void)
{
    char hex[65];
    sha_hex("", hex);
    EQ_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    sha_hex("abc", hex);
    EQ_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    sha_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", hex);
    EQ_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    nb_sha256 h; /* a million 'a' fed in odd-sized pieces */
    nb_sha256_init(&h);
    char a[997];
    memset(a, 'a', sizeof a);
    size_t left = 1000000;
    while (left) {
        size_t k = left < sizeof a ? left : sizeof a;
        nb_sha256_update(&h, a, k);
        left -= k;
    }
    nb_sha256_hex(&h, hex);
    EQ_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    OK(nb_path_id("a/b.pdf") == nb_path_id("a/b.pdf"));
    OK(nb_path_id("a/b.pdf") != nb_path_id("a/c.pdf"));
    OK(nb_path_id("x") >= 0);
}

static void test_csv_and_fields(void)
{
    nb_buf b = NB_BUF_INIT;
    nb_csv_field(&b, "plain");
    nb_buf_putc(&b, '|');
    nb_csv_field(&b, "a,b");
    nb_buf_putc(&b, '|');
    nb_csv_field(&b, "say \"hi\"\nbye");
    nb_buf_putc(&b, '|');
    nb_csv_field(&b, "");
    nb_buf_putc(&b, '|');
    nb_csv_field(&b, NULL);
    nb_buf_putc(&b, '|');
    nb_csv_field(&b, "\\.");
    EQ_STR(nb_buf_cstr(&b), "plain|\"a,b\"|\"say \"\"hi\"\"\nbye\"|\"\"||\"\\.\"");
    nb_buf_free(&b);

    int t = 0;
    char row[64], col[64];
    EQ_INT(nb_field_split("t3.new.natural_person", &t, row, sizeof row, col, sizeof col), 0);
    EQ_INT(t, 3);
    EQ_STR(row, "new");
    EQ_STR(col, "natural_person");
    EQ_INT(nb_field_split("t4.suit_after_review.total", &t, row, sizeof row, col, sizeof col), 0);
    EQ_INT(t, 4);
    EQ_STR(row, "suit_after_review");
    EQ_STR(col, "total");
    EQ_INT(nb_field_split("nodots", &t, row, sizeof row, col, sizeof col), -1);
    int bad = 0; /* every canonical id splits */
    for (int i = 0; i < NB_NVALUES; i++)
        bad += nb_field_split(nb_fields[i].id, &t, row, sizeof row, col, sizeof col) != 0 ||
               t != nb_fields[i].table;
    EQ_INT(bad, 0);
    EQ_INT(nb_utf8_width("abc", strlen("abc")), 3);
    EQ_INT(nb_utf8_width("某某局", strlen("某某局")), 6);       /* CJK: two columns each */
    EQ_INT(nb_utf8_width("市１２（a）", strlen("市１２（a）")), 11); /* fullwidth digits and brackets too */
    EQ_INT(nb_utf8_width("", strlen("")), 0);
}

static void test_known(void)
{
    nb_known *k = nb_known_new();
    char path[32];
    for (int i = 0; i < 500; i++) {
        snprintf(path, sizeof path, "f%d", i);
        nb_known_add(k, path, i % 2 ? "aa" : "bb");
    }
    OK(nb_known_has(k, "f1", "aa", 1));
    OK(!nb_known_has(k, "f1", "bb", 1));
    OK(nb_known_has(k, "f498", "bb", 1));
    OK(!nb_known_has(k, "f500", "bb", 1));
    OK(!nb_known_has(k, "f1", "aa", 2)); /* only one sink knows it */
    nb_known_add(k, "f1", "aa");
    OK(nb_known_has(k, "f1", "aa", 2));
    nb_known_add(k, "f2", "cc"); /* sinks disagree: never skipped */
    OK(!nb_known_has(k, "f2", "bb", 1));
    nb_known_free(k);
}

static void test_wire(void)
{
    nb_doc *doc = nb_doc_new(NB_FMT_TEXT, "x.txt");
    nb_doc_warn(doc, "a warning %d", 7);
    nb_err err = {0};
    nb_report *rep = nb_report_build(doc, &err);
    OK(rep != NULL);
    if (!rep)
        return;
    rep->agency = "某某局";
    rep->year = 2024;
    rep->sections[1].title = "主动公开";
    rep->sections[1].text = "正文";
    rep->values[5] = 3.5;
    rep->have[5] = 1;
    nb_check chk[2] = {{"t3.balance.total", NB_CHECK_FAIL, "1 != 2"}, {"r2", NB_CHECK_MISSING, ""}};
    free(rep->checks);
    rep->checks = malloc(sizeof chk);
    memcpy(rep->checks, chk, sizeof chk);
    rep->nchecks = 2;
    nb_buf out = NB_BUF_INIT, b = NB_BUF_INIT;
    nb_buf_puts(&out, "{\"json\":1}\n");
    nb_wire_encode_doc(&b, rep, "abc", 42, &out, 0.5);
    nb_result r = {0};
    r.index = 3;
    r.path = "x.txt";
    size_t len = b.len;
    EQ_INT(nb_wire_decode(nb_buf_detach(&b), len, &r), 0);
    EQ_INT(r.kind, NB_RES_DOC);
    EQ_INT(r.index, 3);
    EQ_STR(r.sha256, "abc");
    EQ_INT(r.size, 42);
    OK(r.rec != NULL);
    if (!r.rec)
        return;
    EQ_INT(r.rec->format, NB_FMT_TEXT);
    EQ_STR(r.rec->file, "x.txt");
    EQ_STR(r.rec->agency, "某某局");
    EQ_INT(r.rec->year, 2024);
    OK(r.rec->sections[0].title == NULL);
    EQ_STR(r.rec->sections[1].title, "主动公开");
    EQ_STR(r.rec->sections[1].text, "正文");
    int have = 0;
    for (int i = 0; i < NB_NVALUES; i++)
        have += rep->have[i];
    EQ_INT(nb_result_nvalues(&r), have);
    OK(r.rec->have[5] && r.rec->values[5] == 3.5);
    EQ_INT(r.rec->nchecks, 2);
    EQ_STR(r.rec->checks[0].rule, "t3.balance.total");
    EQ_INT(r.rec->checks[0].ok, NB_CHECK_FAIL);
    EQ_INT(r.rec->checks[1].ok, NB_CHECK_MISSING);
    EQ_INT(nb_result_failed(&r), 1);
    EQ_INT(r.rec->doc->nwarnings, rep->doc->nwarnings);
    EQ_STR(r.rec->doc->warnings[0], "a warning 7");
    EQ_STR(r.out, "{\"json\":1}\n");
    OK(r.seconds == 0.5);
    nb_result_free(&r);

    nb_wire_encode_error(&b, NULL, -1, "read", "cannot open: gone");
    len = b.len;
    char *msg = nb_buf_detach(&b);
    EQ_INT(nb_wire_decode(msg, len, &r), 0);
    EQ_INT(r.kind, NB_RES_ERROR);
    EQ_STR(r.sha256, "");
    EQ_STR(r.reason, "cannot open: gone");
    nb_result_free(&r);

    nb_wire_encode_error(&b, NULL, -1, "read", "truncated message");
    len = b.len;
    EQ_INT(nb_wire_decode(nb_buf_detach(&b), len - 3, &r), -1); /* cut short: refused */
    nb_result_free(&r);
    nb_buf_free(&out);
    nb_report_free(rep);
}

/* The record through the wire and back (tables/record.c): every writer's output is the same for
 * the decoded record as for the one the pipeline built, on real documents of each format. */
static void test_record_round_trip(void)
{
    static const char *const paths[] = {"corpus/docx/08_rich_values.docx", "corpus/html/04_span_soup.html",
                                        "corpus/pdf/06_reportlab_ruled.pdf", "corpus/text/03_gb18030_tabs.txt"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        nb_err err = {0};
        nb_report *rep = nb_process_path(paths[i], &err);
        OK(rep != NULL);
        if (!rep)
            continue;
        OK(nb_report_nvalues(rep) > 150 && rep->doc->nwarnings + rep->nchecks > 0); /* not vacuous */
        nb_buf msg = NB_BUF_INIT;
        nb_report_encode(rep, &msg);
        nb_reader c = {msg.ptr, msg.ptr + msg.len, 0};
        nb_report *back = nb_report_decode(&c, &err);
        OK(back != NULL && c.p == c.end);
        for (int form = 0; back && form < 3; form++) {
            nb_buf a = NB_BUF_INIT, b = NB_BUF_INIT;
            if (form < 2) {
                nb_write_json(rep, &a, form);
                nb_write_json(back, &b, form);
            } else {
                nb_write_csv(rep, &a, 1);
                nb_write_csv(back, &b, 1);
            }
            OK(a.len > 1000 && a.len == b.len && !memcmp(a.ptr, b.ptr, a.len));
            nb_buf_free(&a);
            nb_buf_free(&b);
        }
        OK(back && !memcmp(back->src, rep->src, sizeof rep->src) && back->tables_found == rep->tables_found);
        for (size_t cut = 1; cut < msg.len; cut += msg.len / 7) { /* a message cut short is refused */
            nb_reader cc = {msg.ptr, msg.ptr + cut, 0};
            nb_report *none = nb_report_decode(&cc, &err);
            OK(none == NULL && err.code == NB_EFORMAT);
            nb_report_free(none);
        }
        nb_report_free(back);
        nb_report_free(rep);
        nb_buf_free(&msg);
    }
}

/* ---- the writer thread: a fake sink records what reaches it ---- */
typedef struct {
    nb_sink base;
    int rows[NB_NTABLES], begins, commits, fail_at; /* fail_at: documents row that fails, 0 = none */
    int rollbacks, fail_commit;                     /* fail_commit: commit number that fails, 0 = none */
    char order[64];                                 /* first document paths' last letters, in order */
} fake_sink;

static int fk_begin(nb_sink *s) { return ((fake_sink *)s)->begins++, 0; }
static int fk_forget(nb_sink *s, int64_t id, const char *path) { (void)s; (void)id; (void)path; return 0; }
static int fk_commit(nb_sink *s)
{
    fake_sink *f = (fake_sink *)s;
    if (++f->commits == f->fail_commit) {
        snprintf(s->err, sizeof s->err, "COMMIT: database or disk is full");
        return -1;
    }
    return 0;
}
static void fk_rollback(nb_sink *s) { ((fake_sink *)s)->rollbacks++; }
static void fk_close(nb_sink *s) { (void)s; }
static int fk_row(nb_sink *s, nb_table_id t, const nb_val *v)
{
    fake_sink *f = (fake_sink *)s;
    if (t == NB_T_DOCUMENTS) {
        size_t n = strlen(f->order);
        if (n + 1 < sizeof f->order)
            f->order[n] = v[1].s[strlen(v[1].s) - 1];
        if (f->fail_at && f->rows[t] + 1 == f->fail_at) {
            snprintf(s->err, sizeof s->err, "disk full");
            return -1;
        }
    }
    f->rows[t]++;
    return 0;
}
static const nb_sink_ops fake_ops = {NULL, fk_begin, fk_forget, fk_row, fk_commit, fk_rollback, fk_close,
                                     NULL};

static nb_result fake_result(const char *path, int error)
{
    nb_result r = {0};
    r.path = path;
    r.kind = error ? NB_RES_ERROR : NB_RES_DOC;
    r.err_kind = "read";
    r.reason = "cannot open";
    if (!error && (r.rec = nb_report_new(NB_FMT_TEXT, path)) != NULL)
        r.rec->have[0] = r.rec->have[7] = 1;
    r.mem_ = malloc(16); /* owned storage the writer must free */
    return r;
}

static void test_writer(void)
{
    static const char *const paths[] = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"};
    fake_sink f = {{&fake_ops, ""}, {0}, 0, 0, 0, 0, 0, ""};
    nb_sink *s = &f.base;
    nb_writer *w = nb_writer_start(&s, 1, 2, 4, 60.0); /* queue of 2: the caller must wait */
    OK(w != NULL);
    for (int i = 0; w && i < 10; i++) {
        nb_result r = fake_result(paths[i], i == 3);
        EQ_INT(nb_writer_put(w, &r), 0);
        OK(r.mem_ == NULL); /* the writer took it */
    }
    nb_writer_stats st;
    EQ_INT(nb_writer_finish(w, &st), 0);
    EQ_INT(f.rows[NB_T_DOCUMENTS], 9);
    EQ_INT(f.rows[NB_T_ERRORS], 1);
    EQ_INT(f.rows[NB_T_FIELD_VALUES], 18);
    EQ_STR(f.order, "abcefghij"); /* in the order given */
    EQ_INT(f.begins, f.commits);  /* every transaction closed */
    OK(f.commits >= 3);           /* at most 4 inputs per transaction */
    EQ_INT(st.failed, 0);
    EQ_INT(st.stored, 10);        /* every input committed */

    fake_sink g = {{&fake_ops, ""}, {0}, 0, 0, 3, 0, 0, ""};
    s = &g.base;
    w = nb_writer_start(&s, 1, 4, 100, 60.0);
    int refused = 0;
    for (int i = 0; w && i < 10; i++) {
        nb_result r = fake_result(paths[i], 0);
        refused += nb_writer_put(w, &r) != 0;
        nb_result_free(&r);
    }
    EQ_INT(nb_writer_finish(w, &st), -1);
    EQ_INT(st.failed, 1);
    EQ_STR(st.err, "disk full");
    EQ_INT(g.rows[NB_T_DOCUMENTS], 2); /* nothing written after the failure */
    /* the 3rd fails while at most 4 more wait in the queue: the 8th, 9th and 10th are refused */
    OK(refused >= 3);
    EQ_INT(st.stored, 0);     /* the failed transaction is rolled back, never committed */
    OK(g.rollbacks >= 1);

    /* the final commit fails (a full disk): the run fails and reports 0 stored, not 10 */
    fake_sink h = {{&fake_ops, ""}, {0}, 0, 0, 0, 0, 1, ""};
    s = &h.base;
    w = nb_writer_start(&s, 1, 16, 100, 60.0);
    for (int i = 0; w && i < 10; i++) {
        nb_result r = fake_result(paths[i], 0);
        EQ_INT(nb_writer_put(w, &r), 0);
    }
    EQ_INT(nb_writer_finish(w, &st), -1);
    EQ_INT(st.stored, 0);
    EQ_STR(st.err, "COMMIT: database or disk is full");
    EQ_INT(h.rows[NB_T_DOCUMENTS], 10);
    EQ_INT(h.rollbacks, 1);

    /* the second of three transactions fails: exactly the first one's inputs are stored */
    fake_sink k = {{&fake_ops, ""}, {0}, 0, 0, 0, 0, 2, ""};
    s = &k.base;
    w = nb_writer_start(&s, 1, 1, 4, 60.0);
    for (int i = 0; w && i < 10; i++) {
        nb_result r = fake_result(paths[i], 0);
        nb_writer_put(w, &r);
        nb_result_free(&r);
    }
    EQ_INT(nb_writer_finish(w, &st), -1);
    EQ_INT(st.stored, 4);
}

/* ---- file names in output: the escape is reversible and its output is clean UTF-8 ---- */
static void round_trip(const char *raw, const char *want)
{
    nb_buf b = NB_BUF_INIT;
    nb_path_escape(&b, raw);
    if (want)
        EQ_STR(nb_buf_cstr(&b), want);
    OK(nb_utf8_valid(nb_buf_cstr(&b), b.len));
    int clean = 1; /* no control or bidi character survives */
    for (size_t i = 0; i < b.len;) {
        int adv;
        clean &= !nb_cp_unsafe(nb_utf8_decode(b.ptr + i, b.len - i, &adv));
        i += (size_t)adv;
    }
    OK(clean);
    char back[2048];
    size_t n = b.len < sizeof back ? nb_path_unescape(nb_buf_cstr(&b), back) : 0;
    EQ_INT(n, strlen(raw));
    OK(n == strlen(raw) && !memcmp(back, raw, n));
    nb_buf_free(&b);
}

static void test_path_escape(void)
{
    round_trip("reports/某某局2024.pdf", "reports/某某局2024.pdf"); /* ordinary names unchanged */
    round_trip("a\xff" "b\\c", "a\\xff" "b\\\\c");       /* an invalid byte; a backslash doubled */
    round_trip("a\\xffb", "a\\\\xffb");                  /* a literal "\xff" in a name stays apart */
    round_trip("gbk\xb1\xa8\xb8\xe6.txt", "gbk\\xb1\\xa8\\xb8\\xe6.txt");
    round_trip("two\nlines.pdf", "two\\x0alines.pdf");   /* no forged stderr line */
    round_trip("bidi\xe2\x80\xaetxt.exe", "bidi\\xe2\\x80\\xaetxt.exe"); /* U+202E override */
    round_trip("esc\x1b[31mred\x7f\r\t.pdf", "esc\\x1b[31mred\\x7f\\x0d\\x09.pdf");
    round_trip("quote\"comma,'apos'.pdf", "quote\"comma,'apos'.pdf"); /* the writers quote these */
    round_trip("cut\xe6\x9f.pdf", "cut\\xe6\\x9f.pdf");  /* a character cut short */
    round_trip("\xff\xbf\xbd.pdf", "\\xff\\xbf\\xbd.pdf");  /* F5-FF never lead (fuzz finding) */
    round_trip("surrogate\xed\xa0\x80.pdf", "surrogate\\xed\\xa0\\x80.pdf");
    round_trip("c1\xc2\x85.pdf", "c1\\xc2\\x85.pdf");    /* U+0085 NEL, a C1 control */
    round_trip("\\", "\\\\");
    round_trip("\\x4", "\\\\x4");
    char all[256]; /* every byte value but NUL, in one name */
    for (int i = 1; i < 256; i++)
        all[i - 1] = (char)i;
    all[255] = 0;
    round_trip(all, NULL);
    nb_buf t = NB_BUF_INIT; /* text for a terminal: controls and bidi dropped, bad bytes replaced */
    const char *evil = "某\x1b]0;title\x07局\xe2\x80\xae\xff";
    nb_text_safe(&t, evil, strlen(evil));
    EQ_STR(nb_buf_cstr(&t), "某]0;title局\xef\xbf\xbd");
    nb_buf_free(&t);
}

/* ---- the pool: a render hook misbehaves on chosen files, inside the worker ---- */
static void evil_render(const nb_report *r, nb_buf *out, void *ctx)
{
    (void)ctx;
    if (strstr(r->file, "crash"))
        raise(SIGSEGV);
    if (strstr(r->file, "hang"))
        sleep(60);
    if (strstr(r->file, "hog")) {
        size_t n = (size_t)1 << 30;
        char *p = malloc(n);
        if (!p)
            abort(); /* what g_malloc does when the cap bites */
        memset(p, 1, n);
        free(p);
    }
    nb_buf_printf(out, "%s\n", r->file);
}

typedef struct {
    int docs, errors, seen[8];
    char kind[8][16], reason[8][200];
} tally;

static void collect(nb_result *r, void *ctx)
{
    tally *t = ctx;
    t->docs += r->kind == NB_RES_DOC;
    t->errors += r->kind == NB_RES_ERROR;
    if (r->index < 8) {
        t->seen[r->index]++;
        snprintf(t->kind[r->index], 16, "%s", r->err_kind ? r->err_kind : "doc");
        snprintf(t->reason[r->index], 200, "%s", r->reason ? r->reason : "");
    }
    nb_result_free(r);
}

static void test_pool(void)
{
    char dir[] = "/tmp/nb_test_batch_XXXXXX";
    if (!mkdtemp(dir)) {
        OK(0);
        return;
    }
    static const char *const names[] = {"a_good.txt", "b_crash.txt", "c_hang.txt", "d_good.txt",
                                        "e_hog.txt", "f_missing.txt", "g_good.txt"};
    nb_input in[7];
    char paths[7][128];
    for (int i = 0; i < 7; i++) {
        snprintf(paths[i], sizeof paths[i], "%s/%s", dir, names[i]);
        in[i] = (nb_input){.path = paths[i]};
        if (i == 5)
            continue;
        FILE *f = fopen(paths[i], "w");
        if (f) {
            fputs("某某局2024年政府信息公开工作年度报告\n一、总体情况\n正文。\n", f);
            fclose(f);
        }
    }
    int sanitized = getenv("NB_SANITIZED") != NULL;
#if defined(__SANITIZE_ADDRESS__)
    sanitized = 1;
#endif
    if (sanitized) /* no address-space cap under ASan: the hog would really eat memory */
        in[4].preset_error = "skipped under sanitizers";
    nb_batch_opts o = {2, 1.0, (size_t)256 << 20, NULL, 0, evil_render, NULL, NULL, NULL, 1};
    tally t = {0};
    EQ_INT(nb_batch_run(in, 7, &o, collect, &t), 0);
    int once = 1;
    for (int i = 0; i < 7; i++)
        once &= t.seen[i] == 1;
    OK(once); /* every input exactly once */
    EQ_INT(t.docs, 3);
    EQ_INT(t.errors, 4);
    EQ_STR(t.kind[0], "doc");
    EQ_STR(t.kind[1], "crash");
    /* under ASan its SEGV handler reports and exits(1): still recorded as the worker's crash */
    OK(strstr(t.reason[1], sanitized ? "worker exited" : "signal 11") != NULL);
    EQ_STR(t.kind[2], "timeout");
    OK(strstr(t.reason[2], "timeout") != NULL);
    EQ_STR(t.kind[4], sanitized ? "input" : "crash");
    OK(sanitized || strstr(t.reason[4], "signal 6") != NULL);
    EQ_STR(t.kind[5], "read");
    EQ_STR(t.kind[6], "doc");
    for (int i = 0; i < 7; i++)
        unlink(paths[i]);
    rmdir(dir);
}


/* ---- the input policy: what a folder walk lists, reads and skips ---- */
static const nb_input *find_input(const nb_inputs *l, const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->v[i].path, path))
            return &l->v[i];
    return NULL;
}

static int is_read(const nb_inputs *l, const char *dir, const char *name)
{
    const nb_input *in = find_input(l, dir, name);
    return in && !in->preset_skip && !in->preset_error;
}

static int skipped_as(const nb_inputs *l, const char *dir, const char *name, const char *why)
{
    const nb_input *in = find_input(l, dir, name);
    return in && in->preset_skip && strstr(in->preset_skip, why);
}

static void test_inputs(void)
{
    char root[] = "/tmp/nb_test_inputs_XXXXXX";
    if (!mkdtemp(root)) {
        OK(0);
        return;
    }
    char in[600], out[600], cmd[2048];
    snprintf(in, sizeof in, "%s/in", root);
    snprintf(out, sizeof out, "%s/out", root);
    snprintf(cmd, sizeof cmd, "cd %s && mkdir -p in/sub in/.git out && echo a > in/a.txt && "
             "echo o > out/o.txt && ln -s a.txt in/l.txt && ln in/a.txt in/h.txt && "
             "ln -s ../out/o.txt in/out.txt && ln -s ../out in/outdir && ln -s .. in/sub/up && "
             "echo t > in/x.truth.json && echo h > in/.hidden && echo g > in/.git/g.txt && "
             "ln -s nowhere in/dangling.txt && echo b > in/sub/b.txt", root);
    if (system(cmd) != 0) {
        OK(0);
        return;
    }
    nb_inputs l = {0};
    nb_inputs_add(&l, in, 0, 0);
    nb_inputs_finish(&l, 0, 0);
    EQ_INT(l.n, 11); /* every entry met is listed: read, skipped or an error to come */
    OK(is_read(&l, in, "a.txt") + is_read(&l, in, "h.txt") == 1); /* one of two hard links */
    OK(skipped_as(&l, in, "l.txt", "same file as"));
    OK(skipped_as(&l, in, "out.txt", "outside the folder"));
    OK(skipped_as(&l, in, "outdir", "symlink to a folder"));
    OK(skipped_as(&l, in, "sub/up", "symlink to a folder"));
    OK(skipped_as(&l, in, "x.truth.json", "ground truth"));
    OK(skipped_as(&l, in, ".hidden", "hidden"));
    OK(skipped_as(&l, in, ".git", "hidden"));
    OK(is_read(&l, in, "dangling.txt")); /* the worker turns it into an errors row */
    OK(is_read(&l, in, "sub/b.txt"));
    nb_inputs_free(&l);

    nb_inputs_add(&l, in, 1, 0); /* -L: outside files read, the loop back up is an error */
    nb_inputs_finish(&l, 0, 0);
    OK(is_read(&l, in, "outdir/o.txt") || is_read(&l, in, "out.txt"));
    OK(skipped_as(&l, in, "out.txt", "same file as") || skipped_as(&l, in, "outdir/o.txt", "same file as"));
    const nb_input *up = find_input(&l, in, "sub/up");
    OK(up && up->preset_error && strstr(up->preset_error, "symlink loop"));
    nb_inputs_free(&l);

    size_t total = 0; /* shards split the final list, skips included, without overlap */
    for (int k = 1; k <= 3; k++) {
        nb_inputs_add(&l, in, 0, 0);
        nb_inputs_finish(&l, k, 3);
        total += l.n;
        nb_inputs_free(&l);
    }
    EQ_INT(total, 11);
    snprintf(cmd, sizeof cmd, "rm -rf %s", root);
    OK(system(cmd) == 0);
}

/* An input is hashed only when a database needs the hash (opts.hash) or may skip it (known). */
static void test_hash_only_when_needed(void)
{
    const char *doc = "corpus/docx/01_template_merged.docx";
    char want[65];
    FILE *f = fopen(doc, "rb");
    nb_sha256 h;
    nb_sha256_init(&h);
    char chunk[4096];
    for (size_t k; f && (k = fread(chunk, 1, sizeof chunk, f)) > 0;)
        nb_sha256_update(&h, chunk, k);
    if (f)
        fclose(f);
    nb_sha256_hex(&h, want);
    for (int hash = 0; hash < 2; hash++) {
        nb_batch_opts o = {1, 0, 0, NULL, 0, NULL, NULL, NULL, NULL, hash};
        nb_buf b = NB_BUF_INIT;
        nb_batch_process(doc, &o, &b);
        nb_result r = {0};
        r.path = doc;
        size_t len = b.len;
        EQ_INT(nb_wire_decode(nb_buf_detach(&b), len, &r), 0);
        EQ_INT(r.kind, NB_RES_DOC);
        EQ_STR(r.sha256, hash ? want : "");
        nb_result_free(&r);
    }
}

int main(void)
{
    test_inputs();
    test_path_escape();
    test_hash_only_when_needed();
    test_sha256();
    test_csv_and_fields();
    test_known();
    test_wire();
    test_record_round_trip();
    test_writer();
    test_pool();
    DONE();
}
