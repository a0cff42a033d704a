/* fuzz_lattice.c - libFuzzer target for the ruled-table pass (layout/pdf_lattice.c) and the alignment
 * pass after it: the bytes are read as RULE and SPAN blocks on three pages (7 bytes each: kind, page,
 * x, y, width or length, height or thickness, text), then nb_layout_pdf builds grids, joins them over
 * page breaks and emits tables. */
#include "extract.h"
#include "layout.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static const char *const words[] = {"3", "5", "12", "0", "自然人", "总计", "（四）无", "法提供", "1.本机关",
                                    "一、本年新收", "项", "商业", "企业", "-1-"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nb_doc *d = nb_doc_new(NB_FMT_PDF, "fuzz.pdf");
    if (!d)
        return 0;
    int page = 1;
    for (size_t i = 0; i + 7 <= size && i < 7 * 2000; i += 7) {
        const uint8_t *b = data + i;
        int p = 1 + b[1] % 3;
        if (p < page)
            p = page; /* a reader emits pages in order */
        page = p;
        float x = b[2] * 2.5f, y = b[3] * 3.5f, w = b[4] * 2.0f, h = b[5] / 8.0f;
        nb_block *blk;
        if (b[0] & 1) {
            blk = nb_doc_add_text(d, NB_BLOCK_RULE, "", 0);
            if (!blk)
                break;
            blk->text = NULL;
            blk->box = (b[0] & 2) ? (nb_box){p, x, y, x + w, y + h + 0.3f} : (nb_box){p, x, y, x + h + 0.3f, y + w};
        } else {
            const char *t = words[b[6] % (sizeof words / sizeof *words)];
            blk = nb_doc_add_text(d, NB_BLOCK_SPAN, t, strlen(t));
            if (!blk)
                break;
            blk->box = (nb_box){p, x, y, x + w / 4 + 1, y + 10};
            blk->font_size = 10;
        }
    }
    nb_err err = {0};
    nb_layout_pdf(d, &err);
    nb_doc_free(d);
    return 0;
}
