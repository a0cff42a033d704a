/* html_main.c - finds the report inside a web page by what it holds (title, section headings,
 * template-table labels; link-dense text counts for nothing) and emits its paragraphs and tables. */
#include "html_tree.h"

#include <stdlib.h>
#include <string.h>

#define SECTION_WEIGHT 8      /* one top-level section heading counts as much as 8 table labels */
#define KEEP_SHARE 0.9        /* the chosen element holds at least this share of all signals */
#define MIN_SIGNAL 16         /* below this a page holds no report to cut out: it is read whole */
#define TITLE_MAX_BYTES 240   /* a report title is short: ~80 characters at most */
#define HEADING_MAX_BYTES 150 /* a section heading line, numbering and all */

/* Phrases of the six top-level section headings, both scripts. */
static const char *const section_words[] = {
    "总体情况", "總體情況", "主动公开政府信息", "主動公開政府信息", "主動公開政府資訊",
    "收到和处理政府信息公开申请", "收到和處理政府信息公開申請", "收到和處理政府資訊公開申請",
    "行政复议、行政诉讼情况", "行政復議、行政訴訟情況", "行政复议、行政诉讼", "行政復議、行政訴訟",
    "存在的主要问题", "存在主要问题", "存在的主要問題", "存在主要問題",
    "其他需要报告", "其他需要報告",
};
/* Labels of the three template tables, both scripts. */
static const char *const table_words[] = {
    "本年新收", "上年结转", "上年結轉", "结转下年度", "結轉下年度", "自然人", "法人或其他组织",
    "法人或其他組織", "予以公开", "予以公開", "不予公开", "不予公開", "行政复议", "行政復議",
    "行政诉讼", "行政訴訟", "规范性文件", "規範性文件", "行政许可", "行政許可", "行政处罚",
    "行政處罰", "行政强制", "行政強制", "行政事业性收费", "行政事業性收費", "维持", "維持",
    "纠正", "糾正", "本年制发件数", "本年製發件數", "本年废止件数", "本年廢止件數", "现行有效件数",
    "現行有效件數", "办理结果", "辦理結果",
};
static const char *const title_words[] = {"年度报告", "年度報告", "工作报告", "工作報告", "年报",
                                          "年報"};
static const char *const open_words[] = {"公开", "公開"};
static const char *const sentence_marks[] = {"。", "，", "；", "：", ". ", ", "};

static int has_any(const char *s, size_t len, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (memmem(s, len, words[i], strlen(words[i])))
            return 1;
    return 0;
}
#define HAS(s, len, words) has_any(s, len, words, sizeof words / sizeof *words)

typedef struct {
    const hn_tree *t;
    nb_doc *doc;
    long *sig;         /* prefix sums of leaf signals: sig[i] = signals of leaves [0, i) */
    unsigned char *lf; /* per leaf: LF_* */
    int *dtab;         /* per node: the data table holding it (itself included), -1 if none */
    int *cell;         /* per node: the cell holding it (itself included), -1 if none */
    nb_buf scratch;
    int warned_grid;
} emitter;

enum { LF_TITLE = 1, LF_SECTION = 2, LF_LINKY = 4 };

static const char *leaf_text(const hn_tree *t, size_t i)
{
    return t->text.ptr + t->leaves[i].off;
}

static void score_leaves(emitter *e)
{
    const hn_tree *t = e->t;
    e->sig[0] = 0;
    for (size_t i = 0; i < t->nleaves; i++) {
        const hn_leaf *l = &t->leaves[i];
        const char *s = leaf_text(t, i);
        unsigned char f = l->linklen * 10 >= l->len * 9 ? LF_LINKY : 0;
        long w = 0;
        if (!f && l->len <= TITLE_MAX_BYTES && HAS(s, l->len, title_words) &&
            HAS(s, l->len, open_words) && !HAS(s, l->len, sentence_marks))
            f |= LF_TITLE;
        if (l->linklen * 2 < l->len && l->len <= HEADING_MAX_BYTES && HAS(s, l->len, section_words)) {
            f |= LF_SECTION;
            w = SECTION_WEIGHT;
        } else if (l->linklen * 2 < l->len && HAS(s, l->len, table_words))
            w = 1;
        e->lf[i] = f;
        e->sig[i + 1] = e->sig[i] + w;
    }
}

/* Which tables hold data: no nested table, no heading or title inside, at least two cells.
 * The others lay the page out and are read as containers. */
static int mark_data_tables(emitter *e)
{
    const hn_tree *t = e->t;
    size_t n = t->nnodes;
    unsigned char *fl = calloc(n, 1); /* 1: a table below, 2: a heading/title inside */
    int *cells = calloc(n, sizeof *cells), *tab = malloc(n * sizeof *tab);
    if (!fl || !cells || !tab)
        return free(fl), free(cells), free(tab), 0;
    for (size_t i = 0; i < t->nleaves; i++)
        if (e->lf[i] & (LF_TITLE | LF_SECTION))
            fl[t->leaves[i].node] |= 2;
    for (size_t i = 0; i < n; i++) {
        int p = t->nodes[i].parent;
        tab[i] = p < 0 ? -1 : t->nodes[p].kind == HN_TABLE ? p : tab[p];
        fl[i] |= t->nodes[i].kind == HN_HEADING ? 2 : 0;
        if (t->nodes[i].kind == HN_CELL && tab[i] >= 0)
            cells[tab[i]]++;
    }
    for (size_t i = n; i-- > 1;)
        fl[t->nodes[i].parent] |= fl[i] | (t->nodes[i].kind == HN_TABLE ? 1 : 0);
    for (size_t i = 0; i < n; i++) {
        const hn_node *nd = &t->nodes[i];
        int p = nd->parent, data = nd->kind == HN_TABLE && !fl[i] && cells[i] >= 2;
        e->dtab[i] = data ? (int)i : p < 0 ? -1 : e->dtab[p];
        e->cell[i] = nd->kind == HN_CELL ? (int)i : p < 0 ? -1 : e->cell[p];
    }
    free(fl), free(cells), free(tab);
    return 1;
}

/* The smallest element holding nearly all the report's signals; the root when there are none. */
static int choose_main(const emitter *e)
{
    const hn_tree *t = e->t;
    long total = e->sig[t->nleaves];
    if (total < MIN_SIGNAL)
        return 0;
    long need = (long)(total * KEEP_SHARE + 0.999);
    int best = 0;
    for (size_t i = 1; i < t->nnodes; i++) {
        const hn_node *n = &t->nodes[i], *b = &t->nodes[best];
        if (e->sig[n->leaf1] - e->sig[n->leaf0] < need)
            continue;
        size_t span = n->leaf1 - n->leaf0, bspan = b->leaf1 - b->leaf0;
        if (span < bspan || (span == bspan && n->depth > b->depth))
            best = (int)i;
    }
    return e->dtab[best] >= 0 ? e->dtab[best] : best; /* a table is taken whole */
}

static int emit_para(emitter *e, size_t i)
{
    const hn_leaf *l = &e->t->leaves[i];
    const hn_node *n = &e->t->nodes[l->node];
    nb_block *b = nb_doc_add_text(e->doc, NB_BLOCK_PARA, leaf_text(e->t, i), l->len);
    if (!b)
        return e->doc->nblocks >= NB_MAX_BLOCKS; /* the cap warned; anything else is OOM */
    b->level = n->kind == HN_HEADING ? n->level : 0;
    b->flags = l->bold ? NB_BF_BOLD : 0;
    return 1;
}

/* A cell's text: its block children joined with "\n". */
static const char *cell_text(emitter *e, const hn_node *c, size_t *len)
{
    nb_buf_clear(&e->scratch);
    for (size_t i = c->leaf0; i < c->leaf1; i++) {
        if (i > c->leaf0)
            nb_buf_putc(&e->scratch, '\n');
        nb_buf_put(&e->scratch, leaf_text(e->t, i), e->t->leaves[i].len);
    }
    *len = e->scratch.len;
    return e->scratch.oom ? NULL : nb_buf_cstr(&e->scratch);
}

static void grid_warn(emitter *e, const char *what)
{
    if (!e->warned_grid++)
        nb_doc_warn(e->doc, "table %s: the rest of it is ignored", what);
}

/* Places one cell at the first free column of its row, as browsers do; busy[c] = first row
 * where column c is free again. Returns 0 on OOM. */
static int place_cell(emitter *e, nb_table *tb, const hn_node *c, int row, int *col, int *busy)
{
    while (*col < NB_MAX_TABLE_DIM && busy[*col] > row)
        (*col)++;
    if (*col >= NB_MAX_TABLE_DIM || row >= NB_MAX_TABLE_DIM)
        return grid_warn(e, "wider or longer than the grid cap"), 1;
    int cs = c->colspan < NB_MAX_TABLE_DIM - *col ? c->colspan : NB_MAX_TABLE_DIM - *col;
    int rs = c->rowspan < NB_MAX_TABLE_DIM - row ? c->rowspan : NB_MAX_TABLE_DIM - row;
    size_t len = 0;
    const char *text = cell_text(e, c, &len);
    if (!text)
        return 0;
    if (!nb_table_add_cell(e->doc, tb, row, *col, rs, cs, text, len)) {
        if (tb->ncells < NB_MAX_TABLE_CELLS)
            return 0;
        grid_warn(e, "has more cells than the cap");
    }
    for (int k = *col; k < *col + cs; k++)
        busy[k] = row + rs;
    *col += cs;
    return 1;
}

static int emit_table(emitter *e, int id)
{
    const hn_tree *t = e->t;
    const hn_node *tn = &t->nodes[id];
    for (size_t i = tn->leaf0; i < tn->leaf1; i++) /* caption and stray text: before the grid */
        if (e->cell[t->leaves[i].node] < id && !emit_para(e, i))
            return 0;
    nb_table *tb = nb_doc_add_table(e->doc);
    int *busy = calloc(NB_MAX_TABLE_DIM, sizeof *busy);
    int row = -1, col = 0, ok = tb && busy;
    for (int i = id + 1; ok && i < tn->end; i++) {
        const hn_node *n = &t->nodes[i];
        if (n->kind == HN_ROW)
            row++, col = 0;
        else if (n->kind == HN_CELL && e->cell[n->parent] < id) /* not in a cell of this table */
            ok = place_cell(e, tb, n, row < 0 ? (row = 0) : row, &col, busy);
    }
    free(busy);
    if (tb)
        nb_table_finish(tb);
    return ok || (!tb && e->doc->nblocks >= NB_MAX_BLOCKS);
}

/* The page's <title> as the report title, without the site name portals append to it
 * ("…年度报告_某市人民政府", "… - 某市人民政府"); only when it reads as a report title. */
static int emit_page_title(emitter *e)
{
    static const char *const site_seps[] = {"_", "|", " - ", "－", "——", " — "};
    nb_buf t = NB_BUF_INIT;
    const char *s = nb_buf_cstr(&e->t->title);
    for (int space = 0; *s; s++) { /* whitespace collapsed to single spaces, trimmed */
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
            space = t.len > 0;
            continue;
        }
        if (space)
            nb_buf_putc(&t, ' ');
        space = 0;
        nb_buf_putc(&t, *s);
    }
    const char *text = nb_buf_cstr(&t);
    size_t len = t.len;
    for (size_t k = 0; k < sizeof site_seps / sizeof *site_seps; k++) {
        const char *cut = memmem(text, len, site_seps[k], strlen(site_seps[k]));
        if (cut && HAS(text, (size_t)(cut - text), title_words))
            len = (size_t)(cut - text);
    }
    int ok = 1;
    if (len && len <= TITLE_MAX_BYTES && HAS(text, len, title_words) && HAS(text, len, open_words))
        ok = nb_doc_add_text(e->doc, NB_BLOCK_PARA, text, len) != NULL || e->doc->nblocks >= NB_MAX_BLOCKS;
    nb_buf_free(&t);
    return ok;
}

/* The title nearest before the chosen element, when the element does not hold one; the page's
 * <title> when no title is printed on the page before or in it. */
static int emit_outside_title(emitter *e, const hn_node *m)
{
    for (size_t i = m->leaf0; i < m->leaf1; i++)
        if (e->lf[i] & LF_TITLE)
            return 1;
    for (size_t i = m->leaf0; i-- > 0;)
        if (e->lf[i] & LF_TITLE)
            return emit_para(e, i);
    return emit_page_title(e);
}

static int emit_main(emitter *e, int main_id)
{
    const hn_tree *t = e->t;
    const hn_node *m = &t->nodes[main_id];
    if (!emit_outside_title(e, m))
        return 0;
    for (size_t i = m->leaf0; i < m->leaf1; i++) {
        int tab = e->dtab[t->leaves[i].node];
        if (tab >= 0) {
            if (!emit_table(e, tab))
                return 0;
            i = t->nodes[tab].leaf1 - 1;
        } else if (!(e->lf[i] & LF_LINKY) && !emit_para(e, i))
            return 0;
    }
    return 1;
}

int nb_html_emit(const hn_tree *t, nb_doc *doc)
{
    emitter e = {t, doc, NULL, NULL, NULL, NULL, NB_BUF_INIT, 0};
    e.sig = malloc((t->nleaves + 1) * sizeof *e.sig);
    e.lf = malloc(t->nleaves + 1);
    e.dtab = malloc(t->nnodes * sizeof *e.dtab);
    e.cell = malloc(t->nnodes * sizeof *e.cell);
    int ok = e.sig && e.lf && e.dtab && e.cell;
    if (ok) {
        score_leaves(&e);
        ok = mark_data_tables(&e) && emit_main(&e, choose_main(&e));
    }
    free(e.sig), free(e.lf), free(e.dtab), free(e.cell);
    nb_buf_free(&e.scratch);
    return ok;
}
