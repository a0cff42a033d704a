/* ocr_mode.c - the --ocr setting (auto, never, always). Kept apart from ocr.c, which holds the
 * poppler/cairo/Tesseract code of the PDF module (nianbao-pdf.so): the command sets the mode
 * without loading any of those. */
#include "extract.h"

#include <string.h>

static nb_ocr_mode mode = NB_OCR_AUTO;

int nb_ocr_set_mode(const char *name)
{
    static const char *const names[] = {"auto", "never", "always"};
    for (int i = 0; i < 3; i++)
        if (!strcmp(name, names[i]))
            return (mode = (nb_ocr_mode)i), 0;
    return -1;
}

nb_ocr_mode nb_ocr_mode_get(void) { return mode; }
