/* ocr_mode.c - the --ocr setting (auto, never, always). Kept apart from ocr.c, which holds the
 * poppler/cairo/Tesseract code of the PDF module (nianbao-pdf.so): the command sets the mode
 * without loading any of those. The mode lives in the caps in force (nb_limits_get()->ocr): the
 * process-wide ones for the command, a call's own for the library (nianbao_options_set_ocr). */
#include "extract.h"

#include <string.h>

int nb_ocr_set_mode(const char *name)
{
    static const char *const names[] = {"auto", "never", "always"};
    for (int i = 0; i < 3; i++)
        if (!strcmp(name, names[i]))
            return (nb_limits_get()->ocr = i), 0;
    return -1;
}

nb_ocr_mode nb_ocr_mode_get(void) { return (nb_ocr_mode)nb_limits_get()->ocr; }
