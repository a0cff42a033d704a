/* detect.c - which format an input is, judged by its bytes and never by its name, and the
 * dispatch to the reader for it. Kinds nianbao refuses are named so the error says what they are. */
#include "extract.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static int has_prefix(const char *buf, size_t len, const char *magic, size_t n)
{
    return len >= n && memcmp(buf, magic, n) == 0;
}

/* Case-insensitive search for an ASCII needle in the first `lim` bytes. */
static int find_ci(const char *buf, size_t len, size_t lim, const char *needle)
{
    size_t n = strlen(needle), end = len < lim ? len : lim;
    for (size_t i = 0; i + n <= end; i++) {
        size_t k = 0;
        while (k < n && (buf[i + k] | 0x20) == (needle[k] | 0x20))
            k++;
        if (k == n)
            return 1;
    }
    return 0;
}

/* An ASCII name stored as UTF-16LE (OLE directory entries). */
static int find_utf16(const char *buf, size_t len, const char *name)
{
    char pat[64];
    size_t n = strlen(name);
    for (size_t i = 0; i < n && 2 * i + 1 < sizeof pat; i++) {
        pat[2 * i] = name[i];
        pat[2 * i + 1] = 0;
    }
    return memmem(buf, len, pat, 2 * n) != NULL;
}

static const char *ole_kind(const char *buf, size_t len)
{
    if (find_utf16(buf, len, "EncryptedPackage"))
        return "an encrypted (password-protected) Office document";
    if (find_utf16(buf, len, "WordDocument"))
        return "a Word 97-2003 or WPS document (OLE compound file, .doc/.wps): save it as .docx";
    return "an OLE compound file (old Office or WPS format), not a supported document";
}

static const struct {
    const char *magic;
    size_t n;
    const char *what;
} refused_magic[] = {
    {"{\\rtf", 5, "an RTF document: save it as .docx"},
    {"\x89PNG", 4, "a PNG image, not a document"},
    {"\xFF\xD8\xFF", 3, "a JPEG image, not a document"},
    {"GIF8", 4, "a GIF image, not a document"},
    {"Rar!", 4, "a RAR archive, not a document"},
    {"\x1F\x8B", 2, "a gzip archive, not a document"},
    {"7z\xBC\xAF", 4, "a 7-Zip archive, not a document"},
};

static int looks_binary(const char *buf, size_t len)
{
    size_t n = len < 4096 ? len : 4096, ctl = 0;
    int utf16 = has_prefix(buf, len, "\xFF\xFE", 2) || has_prefix(buf, len, "\xFE\xFF", 2);
    if (utf16)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f'))
            ctl++;
    }
    return ctl * 20 > n; /* over 5% control bytes: not text in any encoding we read */
}

/* The first characters of text with a UTF-16 byte order mark, as ASCII (others become '?'), so
 * the markup marks can be looked for; 0 when buf has no UTF-16 BOM. */
static size_t ascii_of_utf16(const char *buf, size_t len, char *out, size_t outsz)
{
    int le = has_prefix(buf, len, "\xFF\xFE", 2);
    if (!le && !has_prefix(buf, len, "\xFE\xFF", 2))
        return 0;
    size_t n = 0;
    for (size_t i = 2; i + 1 < len && n < outsz; i += 2) {
        unsigned char lo = (unsigned char)buf[i + !le], hi = (unsigned char)buf[i + le];
        out[n++] = hi == 0 && lo < 0x80 ? (char)lo : '?';
    }
    return n;
}

nb_format nb_detect(const char *buf, size_t len, const char **refused)
{
    const char *dummy;
    if (!refused)
        refused = &dummy;
    *refused = NULL;
    if (len == 0 || !buf) {
        *refused = "an empty file";
        return NB_FMT_UNKNOWN;
    }
    if (memmem(buf, len < 1024 ? len : 1024, "%PDF-", 5))
        return NB_FMT_PDF;
    if (has_prefix(buf, len, "PK\x03\x04", 4) || has_prefix(buf, len, "PK\x05\x06", 4)) {
        if (memmem(buf, len, "word/", 5) || memmem(buf, len, "[Content_Types].xml", 19))
            return NB_FMT_DOCX;
        *refused = "a ZIP archive that is not a Word document";
        return NB_FMT_UNKNOWN;
    }
    if (has_prefix(buf, len, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
        *refused = ole_kind(buf, len);
        return NB_FMT_UNKNOWN;
    }
    for (size_t i = 0; i < sizeof refused_magic / sizeof refused_magic[0]; i++)
        if (has_prefix(buf, len, refused_magic[i].magic, refused_magic[i].n)) {
            *refused = refused_magic[i].what;
            return NB_FMT_UNKNOWN;
        }
    if (looks_binary(buf, len)) {
        *refused = "binary data, not a document";
        return NB_FMT_UNKNOWN;
    }
    static const char *const html_marks[] = {"<!doctype html", "<html", "<body", "<head>",
                                             "<meta ", "<table", "<div"};
    char narrow[4096];
    size_t nlen = ascii_of_utf16(buf, len, narrow, sizeof narrow);
    const char *head = nlen ? narrow : buf; /* a UTF-16 page is HTML by its characters too */
    size_t hlen = nlen ? nlen : len;
    for (size_t i = 0; i < sizeof html_marks / sizeof html_marks[0]; i++)
        if (find_ci(head, hlen, 4096, html_marks[i]))
            return NB_FMT_HTML;
    return NB_FMT_TEXT;
}

nb_doc *nb_extract_mem(const char *buf, size_t len, const char *path, nb_err *err)
{
    const char *refused = NULL;
    if (len > nb_limits_get()->input_bytes) {
        nb_err_set(err, NB_ELIMIT, "file is %zu bytes, over the %zu-byte input limit (--max-input)",
                   len, nb_limits_get()->input_bytes);
        return NULL;
    }
    switch (nb_detect(buf, len, &refused)) {
    case NB_FMT_TEXT: return nb_text_read(buf, len, path, err);
    case NB_FMT_DOCX: return nb_docx_read(buf, len, path, err);
    case NB_FMT_PDF: return nb_pdf_read(buf, len, path, err);
    case NB_FMT_HTML: return nb_html_read(buf, len, path, err);
    default: break;
    }
    nb_err_set(err, NB_EUNSUPPORTED, "%s", refused ? refused : "unrecognised format");
    return NULL;
}

nb_doc *nb_extract_path(const char *path, nb_err *err)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC); /* a FIFO must not block us */
    if (fd < 0) {
        nb_err_set(err, NB_EIO, "cannot open: %s", strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        nb_err_set(err, NB_EIO, "not a regular file");
        close(fd);
        return NULL;
    }
    size_t len = (size_t)st.st_size;
    if (len > nb_limits_get()->input_bytes) {
        close(fd);
        nb_err_set(err, NB_ELIMIT, "file is %zu bytes, over the %zu-byte input limit (--max-input)",
                   len, nb_limits_get()->input_bytes);
        return NULL;
    }
    if (len == 0) {
        close(fd);
        nb_err_set(err, NB_EFORMAT, "an empty file");
        return NULL;
    }
    void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) {
        nb_err_set(err, NB_EIO, "cannot map: %s", strerror(errno));
        return NULL;
    }
    nb_doc *doc = nb_extract_mem(map, len, path, err);
    munmap(map, len);
    return doc;
}
