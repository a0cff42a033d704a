/* nianbao.h - the public C API of libnianbao: Chinese government information-disclosure annual
 * reports (政府信息公开工作年度报告; PDF, DOCX, HTML, text) to a structured record.
 *
 * Link with `pkg-config --cflags --libs nianbao`. Every name is prefixed nianbao_ / NIANBAO_.
 *
 *     nianbao_error err;
 *     nianbao_record *r = nianbao_extract_path("report.pdf", &err);
 *     if (!r) { fprintf(stderr, "%s\n", err.message); return 1; }
 *     int found;
 *     double v = nianbao_record_value(r, "t3.new.total", &found);
 *     puts(nianbao_record_json(r));
 *     nianbao_record_free(r);
 *
 * Threads: the library keeps no per-call state outside the record and the options you pass, so
 * separate records may be made on separate threads at once. A record is not locked: share one
 * between threads only for reading (its indented JSON is rendered on first use: call
 * nianbao_record_json_pretty once before handing it to several readers). An options object may
 * be shared read-only.
 *
 * Ownership follows poppler-glib's notes: "(transfer full)" = the caller owns the result and frees
 * it with the named function; "(transfer none)" = owned by the object it came from, valid until
 * that object is freed. Strings are UTF-8 and NUL-terminated.
 */
#ifndef NIANBAO_H
#define NIANBAO_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NIANBAO_VERSION_MAJOR 0
#define NIANBAO_VERSION_MINOR 1
#define NIANBAO_VERSION_PATCH 0
#define NIANBAO_VERSION_STRING "0.1.0"

/* Number of canonical values in every record (template tables 2, 3 and 4). */
#define NIANBAO_NVALUES 200
/* Number of template sections (一 .. 六). */
#define NIANBAO_NSECTIONS 6

/* ---- errors ------------------------------------------------------------------------------ */
typedef enum {
    NIANBAO_OK = 0,
    NIANBAO_ENOMEM = 1,       /* out of memory */
    NIANBAO_EIO = 2,          /* the file cannot be read (missing, permissions, a directory) */
    NIANBAO_EFORMAT = 3,      /* malformed input (a truncated DOCX, a broken PDF) */
    NIANBAO_EUNSUPPORTED = 4, /* a kind nianbao refuses (Word 97 .doc, images, encrypted files) */
    NIANBAO_ELIMIT = 5,       /* the input exceeds a safety cap (see nianbao_limit) */
    NIANBAO_EINVAL = 6,       /* a bad argument (NULL path, unknown option) */
} nianbao_code;

/* Filled by every call that can fail. message is one line, no trailing newline, naming the
 * reason ("not a DOCX: missing word/document.xml"); it does not repeat the file name. */
typedef struct {
    int code;           /* a nianbao_code; NIANBAO_OK after success */
    char message[256];
} nianbao_error;

/* A short phrase for code ("out of memory"). (transfer none): a static string. */
const char *nianbao_strerror(int code);

/* ---- version ----------------------------------------------------------------------------- */
/* The library's version as "MAJOR.MINOR.PATCH" (may differ from the header you compiled with).
 * (transfer none): a static string. */
const char *nianbao_version(void);

/* ---- options ----------------------------------------------------------------------------- */
/* Safety caps a caller may raise or lower (the defaults are the command's). */
typedef enum {
    NIANBAO_LIMIT_INPUT_BYTES = 0, /* one input's size (default 256 MiB) */
    NIANBAO_LIMIT_ZIP_ENTRY = 1,   /* inflated bytes of one DOCX part (default 64 MiB) */
    NIANBAO_LIMIT_ZIP_TOTAL = 2,   /* inflated bytes of one DOCX package (default 256 MiB) */
    NIANBAO_LIMIT_PDF_PAGES = 3,   /* PDF pages read; the rest is cut with a warning (default 5000) */
} nianbao_limit;

/* OCR of scanned PDFs (Tesseract with chi_sim, opened at the first page that needs it). The default
 * is AUTO, as the command's --ocr auto; the mode is the call's own, like the caps. */
typedef enum {
    NIANBAO_OCR_OFF = 0,  /* never */
    NIANBAO_OCR_AUTO = 1, /* pages without a text layer */
    NIANBAO_OCR_FORCE = 2 /* every page */
} nianbao_ocr;

typedef struct nianbao_options nianbao_options;

/* New options holding the defaults. (transfer full): free with nianbao_options_free.
 * NULL when out of memory. */
nianbao_options *nianbao_options_new(void);
/* NULL-safe. */
void nianbao_options_free(nianbao_options *opts);
/* Sets one cap (value >= 1). Returns NIANBAO_OK, or NIANBAO_EINVAL for an unknown limit or 0. */
int nianbao_options_set_limit(nianbao_options *opts, nianbao_limit which, size_t value);
/* The cap in force in opts (NULL opts: the default). 0 for an unknown limit. */
size_t nianbao_options_get_limit(const nianbao_options *opts, nianbao_limit which);
/* Sets the OCR mode. Returns NIANBAO_OK, or NIANBAO_EINVAL for an unknown mode. */
int nianbao_options_set_ocr(nianbao_options *opts, nianbao_ocr mode);

/* ---- extraction -------------------------------------------------------------------------- */
typedef struct nianbao_record nianbao_record;

/* Reads the file at path (format detected from its bytes, never the name) and builds its record.
 * Returns (transfer full) a record to free with nianbao_record_free, or NULL with err filled
 * (err may be NULL). A document in which no template table is found still gives a record: its
 * values are missing and nianbao_record_tables_found() is 0. */
nianbao_record *nianbao_extract_path(const char *path, nianbao_error *err);
/* The same for len bytes at data (not kept after the call). name is what the record's "file"
 * holds (may be NULL: then ""). */
nianbao_record *nianbao_extract_memory(const void *data, size_t len, const char *name,
                                       nianbao_error *err);
/* Both with options (opts NULL = defaults). opts is only read, during the call. */
nianbao_record *nianbao_extract_path_opts(const char *path, const nianbao_options *opts,
                                          nianbao_error *err);
nianbao_record *nianbao_extract_memory_opts(const void *data, size_t len, const char *name,
                                            const nianbao_options *opts, nianbao_error *err);

/* NULL-safe. Every (transfer none) string taken from r dies with it. */
void nianbao_record_free(nianbao_record *r);

/* ---- the record -------------------------------------------------------------------------- */
/* The JSON contract (one line, as `nianbao extract --format jsonl` prints it, without the
 * newline). (transfer none): owned by r. NULL only when out of memory. */
const char *nianbao_record_json(const nianbao_record *r);
/* The same, indented (as `nianbao extract FILE` prints one document). (transfer none). */
const char *nianbao_record_json_pretty(const nianbao_record *r);

/* (transfer none) strings owned by r. file: as given; format: "pdf", "docx", "html", "text". */
const char *nianbao_record_file(const nianbao_record *r);
const char *nianbao_record_format(const nianbao_record *r);
/* The agency (发布机关) or NULL when not found. */
const char *nianbao_record_agency(const nianbao_record *r);
/* The report year, 0 when not found. */
int nianbao_record_year(const nianbao_record *r);
/* How many of template tables 2, 3, 4 were located (0..3). */
int nianbao_record_tables_found(const nianbao_record *r);

/* The value of a field ("t3.new.total"; ids as in the JSON contract). *found (may be NULL) is 1
 * when the document gave the value, 0 when it is null or field_id is unknown; the return is then
 * 0.0. A wrong number is never guessed: a value read without confidence is missing. */
double nianbao_record_value(const nianbao_record *r, const char *field_id, int *found);
/* The same by position 0..NIANBAO_NVALUES-1 (the JSON order). */
double nianbao_record_value_at(const nianbao_record *r, int index, int *found);

/* The field table (the same for every record). (transfer none): static strings; NULL when
 * index is out of range. label: the template's Chinese row and column labels. */
const char *nianbao_field_id(int index);
const char *nianbao_field_label(int index);
int nianbao_field_table(int index); /* 2, 3 or 4; 0 when out of range */
int nianbao_field_index(const char *field_id); /* -1 when unknown */

/* Section number 1..6: 1 when found, with *title (without its numbering) and *text (paragraphs
 * joined by "\n") set (transfer none; either pointer may be NULL); 0 when absent or out of range. */
int nianbao_record_section(const nianbao_record *r, int number, const char **title,
                           const char **text);

/* Identity checks, in the JSON's order. state: 1 passed, 0 failed, -1 could not be checked (a
 * value it needs is null). Returns 1 and fills the non-NULL pointers, 0 when i is out of range.
 * rule and detail: (transfer none). */
size_t nianbao_record_n_checks(const nianbao_record *r);
int nianbao_record_check(const nianbao_record *r, size_t i, const char **rule, int *state,
                         const char **detail);
/* Number of failed checks (state 0). */
size_t nianbao_record_n_failed(const nianbao_record *r);

/* Warnings (recoverable damage, in the order met). (transfer none); NULL when out of range. */
size_t nianbao_record_n_warnings(const nianbao_record *r);
const char *nianbao_record_warning(const nianbao_record *r, size_t i);

#ifdef __cplusplus
}
#endif
#endif
