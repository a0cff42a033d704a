/* init.c - process-wide set-up of the readers' libraries, for library callers that may extract on
 * several threads at once: libxml2 wants xmlInitParser() before its first concurrent use. */
#include "extract.h"

#include <libxml/parser.h>
#include <pthread.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static void init_once(void) { xmlInitParser(); }

void nb_extract_init(void) { pthread_once(&once, init_once); }
