/* tables.h - the template: the 200 canonical values, the six sections, the identities.
 * nb_report_build turns a laid-out nb_doc into the record the JSON contract describes. */
#ifndef NB_TABLES_H
#define NB_TABLES_H

#include "core.h"
#include "template_desc.h"

/* The shape of the template's value list (nb_fields), counted from its description
 * (template_desc.h): table 2's items, then table 3 row by row (NB_T3_ROWS x NB_T3_COLS), then
 * table 4's groups of columns. tests/unit/test_positions.c checks each against the ids in nb_fields. */
#define NB_ONE_(...) +1
#define NB_T2_NCOLS_(set) (0 NB_T2_COLS_##set(NB_ONE_))
#define NB_T2_ROW_NCOLS_(key, clause, set, ...) +NB_T2_NCOLS_(set)
#define NB_T2_ROWS (0 NB_T2_DESC(NB_ONE_))
#define NB_T2_COUNT (0 NB_T2_DESC(NB_T2_ROW_NCOLS_))
#define NB_T3_ROWS (0 NB_T3_ROWS_DESC(NB_ONE_))
#define NB_T3_COLS (0 NB_T3_COLS_DESC(NB_ONE_))
#define NB_T4_GROUPS (0 NB_T4_GROUPS_DESC(NB_ONE_))
#define NB_T4_GROUP_COLS (0 NB_T4_COLS_DESC(NB_ONE_))
#define NB_T4_COUNT (NB_T4_GROUPS * NB_T4_GROUP_COLS)
#define NB_T2_FIRST 0                                        /* t2.rules.issued */
#define NB_T3_FIRST (NB_T2_FIRST + NB_T2_COUNT)              /* t3.new.natural_person */
#define NB_T4_FIRST (NB_T3_FIRST + NB_T3_ROWS * NB_T3_COLS)  /* t4.review.upheld */
#define NB_NVALUES (NB_T4_FIRST + NB_T4_COUNT)               /* 200 */

/* Names for positions, from the description's keys, so code never counts rows by hand:
 * NB_T2R_fees = table 2's row index of fees, NB_T2F_fees = the index of its first field;
 * NB_T3R_total = table 3's row index of t3.total.*, NB_T3C_total its column;
 * NB_T3G_withheld = the group index of （三）不予公开 (NB_T3G_none = -1: top level). */
#define NB_T2R_ENUM_(key, ...) NB_T2R_##key,
#define NB_T2F_ENUM_(key, clause, set, ...) NB_T2F_##key, NB_T2F_##key##_last_ = NB_T2F_##key + NB_T2_NCOLS_(set) - 1,
#define NB_T3R_ENUM_(key, ...) NB_T3R_##key,
#define NB_T3C_ENUM_(key, ...) NB_T3C_##key,
#define NB_T3G_ENUM_(key, ...) NB_T3G_##key,
#define NB_T4G_ENUM_(key, ...) NB_T4G_##key,
#define NB_T4C_ENUM_(key, ...) NB_T4C_##key,
enum { NB_T2_DESC(NB_T2R_ENUM_) NB_T2R_COUNT_ };
enum { NB_T2_DESC(NB_T2F_ENUM_) NB_T2F_COUNT_ };
enum { NB_T3_ROWS_DESC(NB_T3R_ENUM_) NB_T3R_COUNT_ };
enum { NB_T3_COLS_DESC(NB_T3C_ENUM_) NB_T3C_COUNT_ };
enum { NB_T3G_none = -1, NB_T3_GROUPS_DESC(NB_T3G_ENUM_) NB_T3_NGROUPS };
enum { NB_T4_GROUPS_DESC(NB_T4G_ENUM_) NB_T4G_COUNT_ };
enum { NB_T4_COLS_DESC(NB_T4C_ENUM_) NB_T4C_COUNT_ };
_Static_assert(NB_T2F_COUNT_ == NB_T2_COUNT, "table 2's field positions add up");

typedef struct {
    const char *id;    /* "t3.new.natural_person" */
    int table;         /* 2, 3 or 4 */
    const char *label; /* Chinese label as in schema/fields.tsv: "<row label> <column label>" */
    const char *row_label, *col_label; /* "一、本年新收政府信息公开申请数量", "法人或其他组织 商业企业" */
} nb_field;

/* All 200 fields in output order: table 2, table 3 (rows x columns), table 4, derived from the
 * description once (desc.c; thread-safe). nb_fields[i] reads like the array it stands for. */
const nb_field *nb_field_table(void);
#define nb_fields (nb_field_table())
int nb_field_index(const char *id); /* -1 when unknown */

/* The description's parts as the matcher, the mapper, the checks and the writers use them (desc.c).
 * Wordings are the label as printed first, then the other wordings; NULL-terminated. */
#define NB_LABEL_VARIANTS 4 /* wordings per row (+ NULL): the template's and short forms seen in reports */
const char *nb_t3_row_key(int row);                 /* "withheld_law" */
const char *const *nb_t3_row_words(int row);        /* {"2.其他法律行政法规禁止公开", NULL} */
int nb_t3_row_group(int row);                       /* innermost group, NB_T3G_none */
const char *nb_t3_col_key(int col);                 /* "natural_person" */
const char *nb_t3_col_head(int col);                /* as its header cell prints it: "商业企业" */
int nb_t2_row_first(int row);                       /* first field index in nb_fields */
int nb_t2_row_count(int row);                       /* 3 or 1 */
const char *const *nb_t2_row_words(int row);        /* {"行政规范性文件", "规范性文件", NULL} */
const char *nb_t3_group_name(int group);            /* as printed: "（六）其他处理" */
int nb_t3_group_parent(int group);                  /* enclosing group, NB_T3G_none */
int nb_t3_group_rows(int group);                    /* template rows under the group */
int nb_t3_group_first(int group);                   /* t3 row index of its first row */
const char *nb_t4_group_key(int group);             /* "suit_direct" */
const char *nb_t4_group_head(int group);            /* as its header cell prints it: "未经复议直接起诉" */
const char *nb_t4_col_head(int col);                /* "结果维持" */
const char *const *nb_t4_words(void);               /* NB_T4_WORDS, NULL-terminated */
const char *nb_section_title(int number);           /* 1..6: the template's title, "总体情况" */
const char *const *nb_section_words(int number);    /* 1..6: words its heading says, NULL-terminated */

typedef struct {
    int number;        /* 1..6 */
    const char *title; /* without its numbering, simplified; NULL when the section was not found */
    const char *text;  /* body paragraphs joined by "\n" (tables not included) */
} nb_section;

typedef enum { NB_CHECK_FAIL = 0, NB_CHECK_OK = 1, NB_CHECK_MISSING = -1 } nb_check_state;

typedef struct {
    char rule[48];     /* "t3.balance.natural_person", "t3.rows_sum.total", ... */
    nb_check_state ok;
    char detail[200];  /* "new 3 + carried_in 1 = 4; total 4 + carried_out 0 = 4" */
} nb_check;

typedef struct {
    nb_doc *doc;              /* owned: strings below live in its arena */
    const char *file;
    nb_format format;
    const char *agency;       /* NULL when not found */
    int year;                 /* 0 when not found */
    nb_section sections[6];
    double values[NB_NVALUES];
    unsigned char have[NB_NVALUES]; /* 1 = value found (or recovered), 0 = null */
    nb_box src[NB_NVALUES];   /* the cell each value was read from where known (page 0: unknown) */
    double doubt[NB_NVALUES]; /* OCR: a null value's doubtful reading ("?0"), for the guard ... */
    unsigned char doubtful[NB_NVALUES]; /* ... where this is 1 (not carried into the record) */
    unsigned char marked[NB_NVALUES]; /* null in a row that printed a mark ("—", "/", 无) in place of
                                         a number: never filled from the identities (it may be that cell) */
    unsigned char witnessed[NB_NVALUES]; /* OCR, table 2: read alike by two engines in a ruled cell
                                            of a row named with margin (ocr_guard.c keeps it) */
    nb_check *checks;
    size_t nchecks;
    int tables_found;         /* how many of tables 2, 3, 4 were located (0..3) */
} nb_report;

/* Builds the record from a laid-out doc; takes ownership of doc (freed with the report).
 * Damage that still yields a record goes to doc->warnings. NULL only on OOM. */
nb_report *nb_report_build(nb_doc *doc, nb_err *err);
void nb_report_free(nb_report *r); /* NULL-safe */
/* record.c: an empty record (no values, no sections) owning a document without blocks, whose arena
 * and warning list hold what is filled in; NULL on OOM. (Records read back from a database.) */
nb_report *nb_report_new(nb_format format, const char *file);
/* The record as bytes (what a batch worker sends), and back: a record equal to r in every field
 * the writers read (the source blocks are not carried). Decoding reads from c; NULL with err set
 * when the message is malformed or memory ran out. */
void nb_report_encode(const nb_report *r, nb_buf *b);
nb_report *nb_report_decode(nb_reader *c, nb_err *err);
int nb_report_nvalues(const nb_report *r); /* values found (not null) */

/* Runs every identity of schema/README.md on r->values, replacing r->checks. */
void nb_report_check(nb_report *r);
/* The identities behind the checks, in the order of r->checks: fields[0..nplus) on one side,
 * fields[nplus..n) on the other. nb_identities fills out (cap >= NB_NIDENTITIES), returns the count. */
#define NB_NIDENTITIES 42
#define NB_IDENTITY_MAX 24 /* the longest: 21 result rows + total */
typedef struct {
    int field[NB_IDENTITY_MAX];
    int n, nplus;
} nb_identity;
size_t nb_identities(nb_identity *out, size_t cap);
/* OCR'd documents (doc->ocr_pages): values an identity contradicts and none confirms are set null,
 * with a warning naming them (ocr_guard.c). */
void nb_ocr_guard(nb_report *r);
/* ocr_solve.c, the guard's last step: keep[f] = 1 for each t3/t4 value no single misreading could
 * hide behind the null cells, and null cells the identities determine twice over (or that match
 * their doubtful reading) filled, with a warning each; 0 when the readings are inconsistent or
 * memory ran out (nothing set). */
int nb_ocr_solve(nb_report *r, const nb_identity *ids, size_t nids, unsigned char *keep);
/* sections.c: 1 when name ends with a known agency suffix (局, 委员会, 办公室, 人民政府, ...). */
int nb_agency_suffixed(const char *name);
/* Number of failed checks (NB_CHECK_FAIL). */
size_t nb_report_failed(const nb_report *r);


/* years.c: the identity across years, carried_in of year Y = carried_out of year Y-1 for the same
 * agency, per table-3 column. An entry keeps what the check needs of one record. */
typedef struct {
    const char *agency;   /* the caller's copy (records may be gone); NULL: not compared */
    int year;             /* 0: not compared */
    size_t tag;           /* the caller's, e.g. its index of the input */
    double carried_in[NB_T3_COLS], carried_out[NB_T3_COLS];
    unsigned char has_in[NB_T3_COLS], has_out[NB_T3_COLS];
} nb_year_entry;
/* Sets year and the two rows from r (agency and tag are the caller's). */
void nb_year_entry_set(nb_year_entry *e, const nb_report *r);
typedef struct {
    const nb_year_entry *prev, *next; /* year Y-1 and year Y of one agency */
    int col;                          /* table-3 column: nb_t3_col_key(col) */
    size_t nth;                       /* 0 for the first mismatch */
} nb_year_mismatch;
typedef void (*nb_year_fn)(const nb_year_mismatch *m, void *ctx);
/* Compares consecutive years of each agency among e[0..n) (NULL entries skipped); calls fn (may be
 * NULL) per mismatching column, by agency then year; returns the number of mismatches. */
size_t nb_years_check(const nb_year_entry *const *e, size_t n, nb_year_fn fn, void *ctx);

/* ---- internal to tables/: the mapping state shared by template.c and checks.c ---------- */
#define NB_T2_FEES (NB_T2_FIRST + NB_T2F_fees) /* t2.fees.amount (万元): the one value that is not a count */
#define NB_MAX_PENDING 64 /* rows with a lost cell kept for recovery: the template has 26 */

typedef struct {
    int first, count; /* the row's fields */
    double nums[32];  /* the numbers the row did have, in order */
    int n;
    char what[64];
} nb_pending_row;

typedef struct {
    nb_report *r;
    unsigned char seen[NB_NVALUES]; /* field already taken from some row */
    int found[3];                    /* tables 2, 3, 4 located */
    int t3_heads_ok;                 /* the current table's 7 column headers were found ... */
    int t3_cols[NB_T3_COLS];         /* ... in these grid columns */
    unsigned group_rows;             /* bit g: table-3 group g was printed as a row of its own */
    int prev_t3;                     /* 1 + the t3 row the table's previous row was mapped to; 0: none, or not a t3 row */
    int nplaced;                     /* OCR: rows of the current table named by their place (place_gaps) ... */
    size_t placed_at[NB_T3_ROWS];    /* ... each by the index of its first cell ... */
    int placed_row[NB_T3_ROWS];      /* ... and the t3 row its place gives */
    int t4_place;                    /* the current table, without table 4's words, sits under section 4's heading */
    int t4_heads_ok;                 /* table 4's 15 result headers were found ... */
    int t4_cols[NB_T4_COUNT];                 /* ... in these grid columns */
    double t4_acc[32];               /* numbers of consecutive table-4 rows, in order */
    int t4_n;
    int t4_lines;                    /* one of them gathered from several text lines (NB_CF_LINES) */
    int t4_marks;                    /* one of them held a cell printed without a number ("—") */
    const nb_table *next_table;      /* the block right after the table being mapped, when a table */
    int skip_rows;                   /* 1: next_table's first row was joined to the last row mapped */
    nb_pending_row pending[NB_MAX_PENDING];
    int npending;
    struct nb_run_rows *runs;        /* table-3 rows whose glued run has several readings (runs.c) */
} nb_template;

void nb_template_map(nb_template *tp);

/* labels.c: which template row a row label names (scored, with a margin over the runner-up). */
typedef struct {
    int table;     /* 3 or 2 when a row was chosen, else 0 */
    int row;       /* t3 row index (schema order) or t2 row index */
    int group;     /* >= 0: the label is that table-3 group printed as one row */
    int merged;    /* 1: the label holds two rows' labels (merged in extraction) */
    int best_table; /* the table of the best-scoring row (row), also when the match was refused */
    double score, second; /* best and runner-up similarity in [0, 1] */
} nb_label_hit;
double nb_label_likeness(const char *a, const char *b); /* [0, 1]: two readings of one label */
/* 1 when label names one row with confidence (m->table, m->row); t3_possible = the row has enough
 * value cells to be a table-3 row. 0 otherwise: m->group >= 0 for a group printed as one row. */
int nb_label_match(const char *label, int t3_possible, nb_label_hit *m);
/* Takes fields first..first+count-1 for one printed row: 1, or 0 with a warning naming the row
 * (what) when any of them was already filled from an earlier row (the first occurrence is kept). */
int nb_template_claim(nb_template *tp, int first, int count, const char *what);
/* Remembers a row that came out short of values, for nb_template_recover. */
void nb_template_pending(nb_template *tp, int first, int count, const double *slot,
                         const int *has, int nslots, const char *what);
/* Rows one cell short: fills them when the identities leave one possible answer. */
void nb_template_recover(nb_template *tp);
/* runs.c: a row printed as one glued digit run (a cell flagged NB_CF_RUN), split into the row's
 * `count` values; g = identity group size (7: table 3, 5: table 4, 0: none). Several readings
 * that fit the row wait for nb_runs_resolve (table 3: the identities across rows). */
void nb_runs_row(nb_template *tp, int first, int count, int g, const char *run, const char *what);
void nb_runs_resolve(nb_template *tp); /* also frees tp->runs */
/* A lone number of a row that is the glued digits of its `cells` cells (any format: text layers
 * with no space between cells): only digits, at least one per cell. */
int nb_runs_glued(const char *num, int cells);
/* Sections, agency and year from the paragraphs. */
void nb_sections_parse(nb_report *r);
/* 1..6 when a paragraph's text opens section n's heading (its numbering, then one of its words
 * near; OCR: after a speck read as a mark), else 0. */
int nb_section_heading(const nb_doc *d, const char *text);

#endif
