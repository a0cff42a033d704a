/* encoding.c - bytes in any charset Chinese publishers use (UTF-8, UTF-16, GB18030/GBK, Big5)
 * to UTF-8 with iconv; when none is declared, the candidate that reads as Chinese wins. */
#include "extract.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

/* Converts with iconv. unit 0: strictly, NULL when the bytes are not valid in `from`. unit > 0:
 * as an editor reads a damaged file: an invalid sequence (a lone UTF-16 surrogate) becomes U+FFFD
 * and the conversion goes on `unit` bytes later; an incomplete one at the end (an odd trailing
 * byte) becomes U+FFFD. *replaced counts them. */
static char *convert_ex(const char *buf, size_t len, const char *from, size_t *outlen, size_t unit,
                        size_t *replaced)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = len * 2 + 16, left = cap - 1;
    char *out = malloc(cap), *op = out;
    char *ip = (char *)buf;
    size_t ileft = len;
    while (out && ileft) {
        if (iconv(cd, &ip, &ileft, &op, &left) != (size_t)-1)
            break;
        int e = errno, damaged = unit && (e == EILSEQ || e == EINVAL);
        if (damaged && left >= 3) {
            memcpy(op, "\xEF\xBF\xBD", 3); /* U+FFFD */
            op += 3, left -= 3, ++*replaced;
            size_t skip = e == EINVAL || ileft < unit ? ileft : unit;
            ip += skip, ileft -= skip;
            continue;
        }
        if (e != E2BIG && !damaged) { /* damaged with no room left: grow, then replace */
            free(out);
            out = NULL;
            break;
        }
        size_t used = (size_t)(op - out);
        char *grown = realloc(out, cap * 2);
        if (!grown) {
            free(out);
            out = NULL;
            break;
        }
        out = grown;
        op = out + used;
        left += cap;
        cap *= 2;
    }
    iconv_close(cd);
    if (!out)
        return NULL;
    *op = 0;
    *outlen = (size_t)(op - out);
    return out;
}

static char *convert(const char *buf, size_t len, const char *from, size_t *outlen)
{
    size_t replaced = 0;
    return convert_ex(buf, len, from, outlen, 0, &replaced);
}

/* How Chinese a UTF-8 string reads: common characters of these reports in either script. */
static long chinese_score(const char *s, size_t len)
{
    static const char common[] = "的是年月日公开开政府信息工作报告情况申请本局区市县法司"
                                 "們開資訊報告況請區縣處理機關處總計結轉辦";
    long score = 0;
    for (size_t i = 0; i < len;) {
        int adv;
        unsigned cp = nb_utf8_decode(s + i, len - i, &adv);
        if (cp >= 0x80) {
            char enc[5] = {0};
            nb_utf8_encode(cp, enc);
            if (strstr(common, enc))
                score += 4;
            else if (nb_is_han(cp) || nb_is_cjk_punct(cp))
                score += 1;
            else
                score -= 2;
        }
        i += (size_t)adv;
    }
    return score;
}

static char *dup_lossy_utf8(const char *buf, size_t len, size_t *outlen)
{
    char *out = malloc(len * 3 + 1), *op = out;
    if (!out)
        return NULL;
    for (size_t i = 0; i < len;) {
        int adv;
        unsigned cp = nb_utf8_decode(buf + i, len - i, &adv);
        op += nb_utf8_encode(cp, op);
        i += (size_t)adv;
    }
    *op = 0;
    *outlen = (size_t)(op - out);
    return out;
}

char *nb_to_utf8(const char *buf, size_t len, const char *charset, size_t *outlen,
                 const char **used, nb_err *err)
{
    const char *dummy;
    size_t dlen;
    if (!used)
        used = &dummy;
    if (!outlen)
        outlen = &dlen;
    if (charset && *charset && strcasecmp(charset, "utf-8") && strcasecmp(charset, "utf8")) {
        /* GBK and GB2312 labels are read as GB18030, their superset, as browsers do. */
        const char *from = !strcasecmp(charset, "gbk") || !strcasecmp(charset, "gb2312")
                               ? "GB18030" : charset;
        char *out = convert(buf, len, from, outlen);
        if (out) {
            *used = from;
            return out;
        }
    }
    if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
        buf += 3;
        len -= 3;
    }
    if (len >= 2 && (!memcmp(buf, "\xFF\xFE", 2) || !memcmp(buf, "\xFE\xFF", 2))) {
        /* the byte order mark decides (over any declared charset); damage is replaced, not fatal */
        int le = buf[0] == '\xFF';
        size_t replaced = 0;
        char *out = convert_ex(buf + 2, len - 2, le ? "UTF-16LE" : "UTF-16BE", outlen, 2, &replaced);
        if (out) {
            *used = replaced ? (le ? "UTF-16LE (damaged sequences replaced)" : "UTF-16BE (damaged sequences replaced)")
                             : le ? "UTF-16LE" : "UTF-16BE";
            return out;
        }
    }
    if (nb_utf8_valid(buf, len)) {
        char *out = malloc(len + 1);
        if (!out) {
            nb_err_set(err, NB_ENOMEM, "out of memory");
            return NULL;
        }
        memcpy(out, buf, len);
        out[len] = 0;
        *outlen = len;
        *used = "UTF-8";
        return out;
    }
    size_t glen = 0, blen = 0;
    char *gb = convert(buf, len, "GB18030", &glen);
    char *big5 = convert(buf, len, "BIG5", &blen);
    long gs = gb ? chinese_score(gb, glen) : -1, bs = big5 ? chinese_score(big5, blen) : -1;
    if (gb && gs >= bs) {
        free(big5);
        *outlen = glen;
        *used = "GB18030";
        return gb;
    }
    if (big5) {
        free(gb);
        *outlen = blen;
        *used = "BIG5";
        return big5;
    }
    free(gb);
    *used = "UTF-8 (invalid bytes replaced)";
    char *out = dup_lossy_utf8(buf, len, outlen);
    if (!out)
        nb_err_set(err, NB_ENOMEM, "out of memory");
    return out;
}
