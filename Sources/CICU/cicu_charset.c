// ICU wrapper for Sources/QuarryText/Charset*.swift: conversion of the multi-byte legacy
// encodings of the WHATWG Encoding Standard (https://encoding.spec.whatwg.org/: gbk/gb18030,
// big5, shift_jis, euc-jp, iso-2022-jp, euc-kr) to UTF-8 through ucnv, and charset detection
// through ucsdet (libicui18n).
//
// Conversion runs ICU's to-Unicode converter into a small UTF-16 buffer and encodes each chunk
// to UTF-8 here, which is where the WHATWG fix-ups of cicu_charset_fixups.h apply. A custom
// to-Unicode callback writes U+FFFD for every undecodable sequence and counts it (ICU's default
// callback writes U+001A for some single bytes and counts nothing).
//
// ICU converters and detectors are not thread-safe, and opening one costs a lookup under ICU's
// global cache mutex: each thread keeps its own, opened on first use and closed by a pthread
// key destructor when the thread exits. A call never hands its objects to another thread.
#include "cicu.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>
#include "cicu_charset_fixups.h"

/// ICU converter names for CICU_CHARSET_* (the ICU tables closest to the WHATWG indexes:
/// Big5-HKSCS is WHATWG big5's superset, windows-31j and windows-949 are WHATWG's shift_jis
/// and euc-kr, gb18030 is WHATWG's decoder for both gbk and gb18030).
static const char *const icu_names[CICU_CHARSET_COUNT] = {
    "gb18030", "Big5-HKSCS", "windows-31j", "EUC-JP", "ISO-2022-JP", "windows-949",
};

struct to_u_state {
    int32_t charset;
    int64_t replacements;
};

struct thread_cache {
    UConverter *converters[CICU_CHARSET_COUNT];
    struct to_u_state states[CICU_CHARSET_COUNT];
    UCharsetDetector *detector;
};

static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;
static int cache_key_ok = 0;

static void cache_free(void *p) {
    struct thread_cache *cache = p;
    for (int i = 0; i < CICU_CHARSET_COUNT; i++) {
        if (cache->converters[i]) ucnv_close(cache->converters[i]);
    }
    if (cache->detector) ucsdet_close(cache->detector);
    free(cache);
}

static void cache_init(void) { cache_key_ok = pthread_key_create(&cache_key, cache_free) == 0; }

static struct thread_cache *thread_cache(void) {
    pthread_once(&cache_once, cache_init);
    if (!cache_key_ok) return NULL;
    struct thread_cache *cache = pthread_getspecific(cache_key);
    if (cache) return cache;
    cache = calloc(1, sizeof *cache);
    if (!cache) return NULL;
    if (pthread_setspecific(cache_key, cache) != 0) { free(cache); return NULL; }
    return cache;
}

// MARK: - WHATWG fix-ups

static const struct big5_extra *find_big5_extra(uint16_t bytes) {
    size_t lo = 0, hi = sizeof big5_extras / sizeof big5_extras[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (big5_extras[mid].bytes == bytes) return &big5_extras[mid];
        if (big5_extras[mid].bytes < bytes) lo = mid + 1; else hi = mid;
    }
    return NULL;
}

static const struct pua_fix *find_pua_fix(const struct pua_fix *table, size_t count, uint16_t pua) {
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (table[mid].pua == pua) return &table[mid];
        if (table[mid].pua < pua) lo = mid + 1; else hi = mid;
    }
    return NULL;
}

/// The to-Unicode callback: U+FFFD (counted) for each undecodable sequence, except where the
/// WHATWG decoder maps it: a lone 0x80 is U+20AC in gb18030 and U+0080 in shift_jis, and
/// big5_extras fills Big5 sequences ICU leaves unassigned. An unmapped pair whose trail byte
/// is ASCII keeps that character after the U+FFFD, as in the WHATWG decoders.
static void to_u_callback(const void *context, UConverterToUnicodeArgs *args, const char *units,
                          int32_t length, UConverterCallbackReason reason, UErrorCode *err) {
    if (reason != UCNV_UNASSIGNED && reason != UCNV_ILLEGAL && reason != UCNV_IRREGULAR) return;
    struct to_u_state *state = (struct to_u_state *)context;
    UChar out[2] = {0xFFFD, 0};
    int32_t n = 1;
    const struct big5_extra *extra = NULL;
    if (length == 1 && (uint8_t)units[0] == 0x80 && state->charset == CICU_CHARSET_GB18030) {
        out[0] = 0x20AC;
    } else if (length == 1 && (uint8_t)units[0] == 0x80 && state->charset == CICU_CHARSET_SHIFT_JIS) {
        out[0] = 0x0080;
    } else if (length == 2 && state->charset == CICU_CHARSET_BIG5
               && (extra = find_big5_extra((uint16_t)(((uint8_t)units[0] << 8) | (uint8_t)units[1])))) {
        out[0] = extra->cp[0];
        out[1] = extra->cp[1];
        n = out[1] ? 2 : 1;
    } else {
        state->replacements++;
        // ICU takes a lead byte and an ASCII trail byte of an unmapped pair as one sequence;
        // the WHATWG decoders give U+FFFD and decode the ASCII byte again, as itself.
        // A GB18030 lead byte and a digit start a four-byte sequence: cut off by the end of
        // the input, WHATWG drops the digit too.
        int cut_off = state->charset == CICU_CHARSET_GB18030 && args->source == args->sourceLimit
                      && (uint8_t)units[1] >= 0x30 && (uint8_t)units[1] <= 0x39;
        if (length == 2 && (uint8_t)units[1] < 0x80 && state->charset != CICU_CHARSET_ISO_2022_JP && !cut_off) {
            out[1] = (UChar)(uint8_t)units[1];
            n = 2;
        }
    }
    *err = U_ZERO_ERROR;
    ucnv_cbToUWriteUChars(args, out, n, 0, err);
}

static UConverter *converter(struct thread_cache *cache, int32_t charset, UErrorCode *err) {
    if (cache->converters[charset]) return cache->converters[charset];
    UConverter *cnv = ucnv_open(icu_names[charset], err);
    if (U_FAILURE(*err)) return NULL;
    struct to_u_state *state = &cache->states[charset];
    state->charset = charset;
    ucnv_setToUCallBack(cnv, to_u_callback, state, NULL, NULL, err);
    if (U_FAILURE(*err)) { ucnv_close(cnv); return NULL; }
    cache->converters[charset] = cnv;
    return cnv;
}

// MARK: - UTF-16 chunks to UTF-8

struct sink {
    uint8_t *buf;
    size_t len, cap;
    int64_t replacements;  // U+FFFD written here (unpaired surrogates, PUA without a WHATWG mapping)
    uint32_t high;         // a high surrogate waiting for the next chunk, or 0
};

static int reserve(struct sink *s, size_t extra) {
    if (s->cap - s->len >= extra) return 1;
    size_t cap = s->cap * 2;
    if (cap < s->len + extra) cap = s->len + extra;
    uint8_t *buf = realloc(s->buf, cap);
    if (!buf) return 0;
    s->buf = buf;
    s->cap = cap;
    return 1;
}

static inline void put(struct sink *s, uint32_t c) {
    uint8_t *p = s->buf + s->len;
    if (c < 0x80) {
        p[0] = (uint8_t)c;
        s->len += 1;
    } else if (c < 0x800) {
        p[0] = (uint8_t)(0xC0 | (c >> 6));
        p[1] = (uint8_t)(0x80 | (c & 0x3F));
        s->len += 2;
    } else if (c < 0x10000) {
        p[0] = (uint8_t)(0xE0 | (c >> 12));
        p[1] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
        p[2] = (uint8_t)(0x80 | (c & 0x3F));
        s->len += 3;
    } else {
        p[0] = (uint8_t)(0xF0 | (c >> 18));
        p[1] = (uint8_t)(0x80 | ((c >> 12) & 0x3F));
        p[2] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
        p[3] = (uint8_t)(0x80 | (c & 0x3F));
        s->len += 4;
    }
}

static inline void put_replacement(struct sink *s) {
    put(s, 0xFFFD);
    s->replacements++;
}

/// Appends `n` UTF-16 units as UTF-8 (the caller reserved 4 bytes per unit plus 4), applying the
/// PUA fix-ups of `charset`. Unpaired surrogates (ICU never produces them) become U+FFFD.
/// `offsets` (Big5 only, else NULL) gives each unit's source byte in `source[0..<source_len]`:
/// a PUA pair of ICU's user-defined area with an ASCII trail byte is U+FFFD and that ASCII
/// character, as the WHATWG decoder gives for an unmapped pair.
static void emit(struct sink *s, int32_t charset, const UChar *units, int32_t n,
                 const int32_t *offsets, const uint8_t *source, size_t source_len) {
    for (int32_t i = 0; i < n; i++) {
        uint32_t u = units[i];
        if (s->high) {
            if (u >= 0xDC00 && u <= 0xDFFF) {
                put(s, 0x10000 + ((s->high - 0xD800) << 10) + (u - 0xDC00));
                s->high = 0;
                continue;
            }
            s->high = 0;
            put_replacement(s);
        }
        if (u < 0xD800) {
            put(s, u);
        } else if (u <= 0xDBFF) {
            s->high = u;
        } else if (u <= 0xDFFF) {
            put_replacement(s);
        } else if (u >= 0xE000 && u <= 0xF8FF && charset != CICU_CHARSET_SHIFT_JIS
                   && charset != CICU_CHARSET_EUC_JP && charset != CICU_CHARSET_ISO_2022_JP) {
            const struct pua_fix *fix = NULL;
            if (charset == CICU_CHARSET_GB18030) {
                fix = find_pua_fix(gb18030_pua_fixes, sizeof gb18030_pua_fixes / sizeof gb18030_pua_fixes[0],
                                   (uint16_t)u);
                if (!fix) { put(s, u); continue; }
            } else if (charset == CICU_CHARSET_BIG5) {
                fix = find_pua_fix(big5_pua_fixes, sizeof big5_pua_fixes / sizeof big5_pua_fixes[0], (uint16_t)u);
            }
            if (fix) {
                put(s, fix->cp[0]);
                if (fix->cp[1]) put(s, fix->cp[1]);
            } else {
                put_replacement(s);  // big5, euc-kr: the WHATWG index maps nothing to PUA
                if (offsets && offsets[i] >= 0 && (size_t)offsets[i] + 1 < source_len
                    && source[offsets[i] + 1] < 0x80) {
                    put(s, source[offsets[i] + 1]);
                }
            }
        } else {
            put(s, u);
        }
    }
}

int64_t cicu_convert_to_utf8(int32_t charset, const uint8_t *src, int64_t len,
                             uint8_t **out, int64_t *out_len) {
    *out = NULL;
    *out_len = 0;
    if (charset < 0 || charset >= CICU_CHARSET_COUNT) return CICU_ERROR_BAD_CHARSET;
    if (len <= 0) return 0;
    struct thread_cache *cache = thread_cache();
    if (!cache) return -(int64_t)U_MEMORY_ALLOCATION_ERROR;
    UErrorCode err = U_ZERO_ERROR;
    UConverter *cnv = converter(cache, charset, &err);
    if (!cnv) return -(int64_t)err;
    ucnv_reset(cnv);
    struct to_u_state *state = &cache->states[charset];
    state->replacements = 0;

    // CJK text grows from 2 bytes to 3; reserve() doubles when a chunk needs more.
    struct sink s = {0};
    s.cap = (size_t)len + (size_t)len / 2 + 64;
    s.buf = malloc(s.cap);
    if (!s.buf) return -(int64_t)U_MEMORY_ALLOCATION_ERROR;

    enum { CHUNK = 8192 };
    UChar chunk[CHUNK];
    int32_t offsets[CHUNK];
    int32_t *want_offsets = charset == CICU_CHARSET_BIG5 ? offsets : NULL;
    const char *source = (const char *)src;
    const char *limit = source + len;
    for (;;) {
        UChar *target = chunk;
        const uint8_t *start = (const uint8_t *)source;
        err = U_ZERO_ERROR;
        ucnv_toUnicode(cnv, &target, chunk + CHUNK, &source, limit, want_offsets, 1, &err);
        int32_t n = (int32_t)(target - chunk);
        if (!reserve(&s, 4 * (size_t)n + 8)) { err = U_MEMORY_ALLOCATION_ERROR; break; }
        emit(&s, charset, chunk, n, want_offsets, start, (size_t)((const uint8_t *)limit - start));
        if (err != U_BUFFER_OVERFLOW_ERROR) break;
    }
    if (U_FAILURE(err)) {
        free(s.buf);
        ucnv_reset(cnv);
        return -(int64_t)err;
    }
    if (s.high) put_replacement(&s);  // reserve() left 4 spare bytes
    if (s.len == 0) {
        free(s.buf);
        s.buf = NULL;
    }
    *out = s.buf;
    *out_len = (int64_t)s.len;
    return state->replacements + s.replacements;
}

// MARK: - Detection

int32_t cicu_detect_charsets(const uint8_t *src, int64_t len, int32_t strip_tags,
                             char *names, int32_t *confidences, int32_t max_matches) {
    if (len <= 0 || max_matches <= 0) return 0;
    if (len > INT32_MAX) len = INT32_MAX;
    struct thread_cache *cache = thread_cache();
    if (!cache) return -(int32_t)U_MEMORY_ALLOCATION_ERROR;
    UErrorCode err = U_ZERO_ERROR;
    if (!cache->detector) {
        cache->detector = ucsdet_open(&err);
        if (U_FAILURE(err)) { cache->detector = NULL; return -(int32_t)err; }
    }
    UCharsetDetector *det = cache->detector;
    ucsdet_enableInputFilter(det, strip_tags != 0);
    ucsdet_setText(det, (const char *)src, (int32_t)len, &err);
    int32_t found = 0;
    const UCharsetMatch **matches = U_SUCCESS(err) ? ucsdet_detectAll(det, &found, &err) : NULL;
    int32_t written = 0;
    for (int32_t i = 0; U_SUCCESS(err) && matches && i < found && written < max_matches; i++) {
        const char *name = ucsdet_getName(matches[i], &err);
        int32_t confidence = ucsdet_getConfidence(matches[i], &err);
        if (U_FAILURE(err) || !name) break;
        char *slot = names + (size_t)written * CICU_CHARSET_NAME_CAP;
        strncpy(slot, name, CICU_CHARSET_NAME_CAP - 1);
        slot[CICU_CHARSET_NAME_CAP - 1] = 0;
        confidences[written++] = confidence;
    }
    // Drop the detector's pointer to the caller's bytes.
    UErrorCode ignored = U_ZERO_ERROR;
    ucsdet_setText(det, "", 0, &ignored);
    if (U_FAILURE(err) && err != U_INVALID_CHAR_FOUND) return written > 0 ? written : -(int32_t)err;
    return written;
}
