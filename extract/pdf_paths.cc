/* pdf_paths.cc - a PDF page's strokes and fills painted with cairo, without text or images: the picture
 * the rule finder (rules.c) reads, at a fraction of a full render's cost (a full render loads every
 * embedded font and draws every glyph; the finder throws glyph strokes away anyway).
 *
 * The algorithm, on a small example: a page with "35" in a cell of a 0.5 pt grey grid and one pale
 * shaded cell.
 *   Step 1. poppler's core interprets the page's content stream (Gfx) and calls back an OutputDev for
 *           every drawing operation. Ours (PathDev) asks for no text (useDrawChar false, no Type 3
 *           glyph programs): "35" is never turned into glyphs, so no font file is loaded; images are
 *           not decoded (the default OutputDev only skips inline image data).
 *   Step 2. Each stroke, fill and clip is painted at once onto the caller's cairo context the way
 *           poppler's cairo renderer (CairoOutputDev, what poppler_page_render uses) paints it: the
 *           path in user space under the current transformation, the colour as RGB with its opacity,
 *           dashes, caps and joins. Stroke adjustment as poppler does it on screen: a line at most one
 *           device pixel wide (0.5 pt at 1 px/pt, or a hairline of width 0) is drawn exactly one pixel
 *           wide, its horizontal and vertical pieces snapped to pixel centres, so the grid's rules come
 *           out one dark pixel wide and the shaded cell as its grey fill, as in a full render.
 *   Step 3. q/Q save and restore cairo's state (the clip with it). The path segments painted are
 *           counted; past the caller's cap, or when the caller's stop check says so (CPU budget), the
 *           interpretation is abandoned and the page reported as cut short.
 */
#include "pdf_paths.h"

#include <Annot.h>
#include <Gfx.h>
#include <GfxState.h>
#include <GlobalParams.h>
#include <OutputDev.h>
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>

#include <algorithm>
#include <cmath>
#include <new>

#define STOP_CHECK_EVERY 16 /* poppler asks whether to abort every ~10 content operators; the caller's
                             * stop check (a CPU clock read, a system call) is made every this many asks */
#define STROKE_SNAP_PX 0.5 /* a stroke piece whose ends differ by less than this in x or y (device pixels)
                            * is horizontal or vertical and is snapped to pixel centres (as poppler) */

struct nb_pdf_paths {
    PDFDoc *doc;
};

namespace {

class PathDev : public OutputDev {
public:
    PathDev(cairo_t *cr, unsigned long cap) : cr_(cr), cap_(cap) { cairo_get_matrix(cr, &base_); }

    bool upsideDown() override { return true; }
    bool useDrawChar() override { return false; }
    bool interpretType3Chars() override { return false; }
    bool needNonText() override { return true; }

    void saveState(GfxState *) override { cairo_save(cr_); }
    void restoreState(GfxState *) override { cairo_restore(cr_); }
    void stroke(GfxState *st) override;
    void fill(GfxState *st) override { paint(st, CAIRO_FILL_RULE_WINDING); }
    void eoFill(GfxState *st) override { paint(st, CAIRO_FILL_RULE_EVEN_ODD); }
    void clip(GfxState *st) override { clip_to(st, CAIRO_FILL_RULE_WINDING); }
    void eoClip(GfxState *st) override { clip_to(st, CAIRO_FILL_RULE_EVEN_ODD); }

    bool over() const { return segments_ > cap_; }

private:
    bool set_matrix(GfxState *st);
    bool add_path(const GfxPath *path, bool snap);
    void snap_point(const GfxSubpath *sp, int i, double *x, double *y);
    void set_line(GfxState *st, bool *snap);
    void paint(GfxState *st, cairo_fill_rule_t rule);
    void clip_to(GfxState *st, cairo_fill_rule_t rule);

    cairo_t *cr_;
    cairo_matrix_t base_; /* the caller's page-to-image transformation */
    unsigned long cap_, segments_ = 0;
};

/* cairo's user space becomes the PDF user space: the state's CTM (page points, top-left origin)
 * followed by the caller's transformation. */
bool PathDev::set_matrix(GfxState *st)
{
    const double *c = st->getCTM();
    cairo_matrix_t m, inv;
    cairo_matrix_init(&m, c[0], c[1], c[2], c[3], c[4], c[5]);
    cairo_matrix_multiply(&m, &m, &base_);
    inv = m;
    if (cairo_matrix_invert(&inv) != CAIRO_STATUS_SUCCESS) /* singular: nothing to see (and cairo */
        return false;                                      /* would stop drawing altogether) */
    cairo_set_matrix(cr_, &m);
    return true;
}

static bool is_axis_piece(cairo_t *cr, const GfxSubpath *sp, int i, int j, double x1, double y1)
{
    if (j < 0 || j >= sp->getNumPoints() || sp->getCurve(std::max(i, j)))
        return false;
    double x2 = sp->getX(j), y2 = sp->getY(j);
    cairo_user_to_device(cr, &x2, &y2);
    return std::fabs(x2 - x1) < STROKE_SNAP_PX || std::fabs(y2 - y1) < STROKE_SNAP_PX;
}

/* Point i of the subpath, moved to the nearest pixel centre when it ends a horizontal or vertical
 * piece (CairoOutputDev::alignStrokeCoords). */
void PathDev::snap_point(const GfxSubpath *sp, int i, double *x, double *y)
{
    double dx = sp->getX(i), dy = sp->getY(i);
    cairo_user_to_device(cr_, &dx, &dy);
    *x = sp->getX(i), *y = sp->getY(i);
    if (is_axis_piece(cr_, sp, i, i - 1, dx, dy) || is_axis_piece(cr_, sp, i, i + 1, dx, dy)) {
        *x = std::floor(dx) + 0.5, *y = std::floor(dy) + 0.5;
        cairo_device_to_user(cr_, x, y);
    }
}

/* The path as cairo's current path; false once the page has drawn more than the cap allows. */
bool PathDev::add_path(const GfxPath *path, bool snap)
{
    cairo_new_path(cr_);
    for (int i = 0; i < path->getNumSubpaths(); i++) {
        const GfxSubpath *sp = path->getSubpath(i);
        int n = sp->getNumPoints();
        segments_ += (unsigned long)n;
        if (over())
            return false;
        double x, y;
        for (int j = 0; j < n; j++) {
            if (snap)
                snap_point(sp, j, &x, &y);
            else
                x = sp->getX(j), y = sp->getY(j);
            if (j == 0) {
                cairo_move_to(cr_, x, y);
            } else if (sp->getCurve(j) && j + 2 < n) {
                double x3, y3;
                if (snap)
                    snap_point(sp, j + 2, &x3, &y3);
                else
                    x3 = sp->getX(j + 2), y3 = sp->getY(j + 2);
                cairo_curve_to(cr_, x, y, sp->getX(j + 1), sp->getY(j + 1), x3, y3);
                j += 2;
            } else {
                cairo_line_to(cr_, x, y);
            }
        }
        if (n > 0 && sp->isClosed())
            cairo_close_path(cr_);
    }
    return true;
}

/* Width, dashes, caps and joins of the stroke; *snap when the width was raised to one pixel. */
void PathDev::set_line(GfxState *st, bool *snap)
{
    double w = st->getLineWidth(), x = w, y = w;
    cairo_user_to_device_distance(cr_, &x, &y);
    *snap = std::fabs(x) <= 1.0 && std::fabs(y) <= 1.0;
    if (*snap) { /* at least one device pixel wide (poppler's stroke adjustment on screen) */
        x = y = 1.0;
        cairo_device_to_user_distance(cr_, &x, &y);
        w = std::min(std::fabs(x), std::fabs(y));
    }
    cairo_set_line_width(cr_, w);
    double start = 0, sum = 0;
    const std::vector<double> &dash = st->getLineDash(&start);
    bool valid = !dash.empty();
    for (double d : dash)
        valid = valid && d >= 0 && std::isfinite(d), sum += d;
    if (valid && sum > 0) /* cairo refuses an all-zero pattern (and would stop drawing) */
        cairo_set_dash(cr_, dash.data(), (int)dash.size(), start);
    else
        cairo_set_dash(cr_, nullptr, 0, 0);
    static const cairo_line_cap_t caps[] = {CAIRO_LINE_CAP_BUTT, CAIRO_LINE_CAP_ROUND, CAIRO_LINE_CAP_SQUARE};
    static const cairo_line_join_t joins[] = {CAIRO_LINE_JOIN_MITER, CAIRO_LINE_JOIN_ROUND, CAIRO_LINE_JOIN_BEVEL};
    cairo_set_line_cap(cr_, caps[std::clamp((int)st->getLineCap(), 0, 2)]);
    cairo_set_line_join(cr_, joins[std::clamp((int)st->getLineJoin(), 0, 2)]);
    cairo_set_miter_limit(cr_, std::max(1.0, st->getMiterLimit()));
}

void PathDev::stroke(GfxState *st)
{
    if (over() || !set_matrix(st))
        return;
    bool snap = false;
    set_line(st, &snap);
    if (!add_path(st->getPath(), snap))
        return;
    GfxRGB c;
    st->getStrokeRGB(&c);
    cairo_set_source_rgba(cr_, colToDbl(c.r), colToDbl(c.g), colToDbl(c.b), st->getStrokeOpacity());
    cairo_stroke(cr_);
}

void PathDev::paint(GfxState *st, cairo_fill_rule_t rule)
{
    if (over() || !set_matrix(st) || !add_path(st->getPath(), false))
        return;
    GfxRGB c;
    st->getFillRGB(&c);
    cairo_set_fill_rule(cr_, rule);
    cairo_set_source_rgba(cr_, colToDbl(c.r), colToDbl(c.g), colToDbl(c.b), st->getFillOpacity());
    cairo_fill(cr_);
}

void PathDev::clip_to(GfxState *st, cairo_fill_rule_t rule)
{
    if (!set_matrix(st) || !add_path(st->getPath(), false))
        return;
    cairo_set_fill_rule(cr_, rule);
    cairo_clip(cr_);
}

struct abort_check {
    PathDev *dev;
    int (*stop)(void *);
    void *arg;
    unsigned asks;
    bool stopped;
};

bool should_abort(void *data)
{
    abort_check *a = static_cast<abort_check *>(data);
    if (!a->stopped && a->stop && a->asks++ % STOP_CHECK_EVERY == 0)
        a->stopped = a->stop(a->arg) != 0;
    return a->stopped || a->dev->over();
}

} // namespace

extern "C" nb_pdf_paths *nb_pdf_paths_open(const char *buf, size_t len)
{
    if (!globalParams) /* poppler-glib sets these up when it opens a document */
        return nullptr;
    try {
        nb_pdf_paths *pp = new nb_pdf_paths{nullptr};
        pp->doc = new PDFDoc(new MemStream(buf, 0, (Goffset)len, Object(objNull)));
        if (pp->doc->isOk())
            return pp;
        nb_pdf_paths_close(pp);
    } catch (...) { /* out of memory inside poppler */
    }
    return nullptr;
}

/* The page's resources with every font replaced by a standard font (Helvetica): making a font object
 * reads its embedded font file (poppler does it for every font of every page, each time a page is
 * interpreted), and no text is drawn here. Text shown in a replaced font still moves the text position
 * as poppler computes it; nothing of it is painted. */
static Object plain_resources(Page *pg, XRef *xref)
{
    Dict *res = pg->getResourceDict();
    if (!res)
        return Object(objNull);
    Object copy(res->copy(xref));
    Object fonts = copy.dictLookup("Font");
    if (fonts.isDict()) {
        Object helvetica(new Dict(xref));
        helvetica.dictAdd("Type", Object(objName, "Font"));
        helvetica.dictAdd("Subtype", Object(objName, "Type1"));
        helvetica.dictAdd("BaseFont", Object(objName, "Helvetica"));
        Object plain(new Dict(xref));
        for (int i = 0; i < fonts.dictGetLength(); i++)
            plain.dictAdd(fonts.dictGetKey(i), helvetica.copy());
        copy.dictSet("Font", std::move(plain));
    }
    return copy;
}

/* Page::displaySlice's work at 72 dpi, cropped, with the page's own resources made font-less: the
 * content stream, then the annotations' appearances. */
static void display(PDFDoc *doc, int page, PathDev *dev, abort_check *a)
{
    Page *pg = doc->getPage(page);
    if (!pg)
        return;
    int rotate = ((pg->getRotate() % 360) + 360) % 360;
    PDFRectangle box;
    bool crop = true;
    pg->makeBox(72.0, 72.0, rotate, false, dev->upsideDown(), -1, -1, -1, -1, &box, &crop);
    Object res = plain_resources(pg, doc->getXRef());
    Gfx gfx(doc, dev, page, res.isDict() ? res.getDict() : nullptr, 72.0, 72.0, &box,
            crop ? pg->getCropBox() : nullptr, rotate, should_abort, a);
    Object contents = pg->getContents();
    if (!contents.isNull()) {
        gfx.saveState();
        gfx.display(&contents);
        gfx.restoreState();
    }
    Annots *annots = should_abort(a) ? nullptr : pg->getAnnots();
    for (size_t i = 0; annots && i < annots->getAnnots().size() && !should_abort(a); i++)
        annots->getAnnots()[i]->draw(&gfx, false);
}

extern "C" int nb_pdf_paths_draw(nb_pdf_paths *pp, int page, cairo_t *cr, unsigned long max_segments,
                                 int (*stop)(void *arg), void *arg)
{
    if (!pp || page < 1 || page > pp->doc->getNumPages())
        return -1;
    try {
        PathDev dev(cr, max_segments);
        abort_check a = {&dev, stop, arg, 0, false};
        cairo_save(cr);
        display(pp->doc, page, &dev, &a);
        cairo_restore(cr);
        return a.stopped || dev.over() ? 0 : 1;
    } catch (...) {
        return -1;
    }
}

extern "C" void nb_pdf_paths_close(nb_pdf_paths *pp)
{
    if (pp)
        delete pp->doc;
    delete pp;
}
