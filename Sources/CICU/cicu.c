// ICU wrapper: Unicode normalization of UTF-8 text (UAX #15) through unorm2, with a
// quick-check prefix so already-normalized text costs one conversion and one scan.
#include "cicu.h"
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

static const UNormalizer2 *instance(int32_t form, UErrorCode *e) {
    switch (form) {
    case CICU_NFKC: return unorm2_getNFKCInstance(e);
    case CICU_NFD: return unorm2_getNFDInstance(e);
    case CICU_NFKD: return unorm2_getNFKDInstance(e);
    default: return unorm2_getNFCInstance(e);
    }
}

int32_t cicu_normalize_utf8(int32_t form, const uint8_t *src, int64_t len,
                            uint8_t **out, int64_t *out_len) {
    *out = NULL;
    *out_len = 0;
    if (len <= 0) return 0;
    if (len > INT32_MAX) return CICU_ERROR_TOO_LONG;
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *norm = instance(form, &e);
    if (U_FAILURE(e)) return -(int32_t)e;

    // UTF-8 -> UTF-16: never more code units than bytes.
    UChar *u16 = malloc(sizeof(UChar) * (size_t)len);
    if (!u16) return -(int32_t)U_MEMORY_ALLOCATION_ERROR;
    int32_t n16 = 0;
    u_strFromUTF8WithSub(u16, (int32_t)len, &n16, (const char *)src, (int32_t)len, 0xFFFD, NULL, &e);
    if (U_FAILURE(e)) { free(u16); return -(int32_t)e; }

    int32_t prefix = unorm2_spanQuickCheckYes(norm, u16, n16, &e);
    if (U_FAILURE(e)) { free(u16); return -(int32_t)e; }
    if (prefix == n16) { free(u16); return 0; }

    // Normalize the tail after the quick-check prefix and append it to the prefix.
    int32_t cap = n16 + n16 / 2 + 16;
    UChar *dst = NULL;
    int32_t n = 0;
    for (int attempt = 0; attempt < 2; attempt++) {
        dst = malloc(sizeof(UChar) * (size_t)cap);
        if (!dst) { free(u16); return -(int32_t)U_MEMORY_ALLOCATION_ERROR; }
        memcpy(dst, u16, sizeof(UChar) * (size_t)prefix);
        e = U_ZERO_ERROR;
        n = unorm2_normalizeSecondAndAppend(norm, dst, prefix, cap, u16 + prefix, n16 - prefix, &e);
        if (e != U_BUFFER_OVERFLOW_ERROR) break;
        free(dst);
        dst = NULL;
        cap = n + 16;
    }
    free(u16);
    if (U_FAILURE(e)) { free(dst); return -(int32_t)e; }

    // UTF-16 -> UTF-8: preflight the length, then convert.
    int32_t n8 = 0;
    e = U_ZERO_ERROR;
    u_strToUTF8(NULL, 0, &n8, dst, n, &e);
    if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e)) { free(dst); return -(int32_t)e; }
    uint8_t *u8 = malloc((size_t)n8 + 1);
    if (!u8) { free(dst); return -(int32_t)U_MEMORY_ALLOCATION_ERROR; }
    e = U_ZERO_ERROR;
    u_strToUTF8((char *)u8, n8 + 1, &n8, dst, n, &e);
    free(dst);
    if (U_FAILURE(e)) { free(u8); return -(int32_t)e; }
    *out = u8;
    *out_len = n8;
    return 1;
}

const char *cicu_error_name(int32_t result) {
    if (result == CICU_ERROR_TOO_LONG) return "text longer than 2^31-1 bytes";
    if (result >= 0) return "U_ZERO_ERROR";
    return u_errorName((UErrorCode)(-result));
}

void cicu_free(void *p) { free(p); }

void cicu_unicode_version(char *buf, int32_t cap) {
    UVersionInfo v;
    u_getUnicodeVersion(v);
    char tmp[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(v, tmp);
    if (cap <= 0) return;
    strncpy(buf, tmp, (size_t)cap - 1);
    buf[cap - 1] = 0;
}
