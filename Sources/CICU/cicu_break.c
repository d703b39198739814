// ICU wrapper for Sources/QuarryText/ICUWordTokenizer.swift: word and sentence segmentation of
// UTF-8 text through ICU's break iterators (ubrk). Word boundaries follow UAX #29 with ICU's
// dictionary segmentation for Chinese, Japanese, Thai, Lao, Khmer and Burmese (ICU User Guide,
// "Boundary Analysis": the word iterator hands runs of those scripts to a dictionary engine);
// sentence boundaries follow UAX #29 sentence rules, with ICU's abbreviation suppressions
// ("Mr.", "e.g.") when the locale asks for them (`@ss=standard`).
//
// The text is read in place through a UText over UTF-8 (utext_openUTF8), so ICU's boundaries
// are UTF-8 byte offsets and no UTF-16 copy is made. ICU reads ill-formed UTF-8 as U+FFFD
// (one per maximal ill-formed subsequence) and still returns offsets inside the text.
//
// Text is handed to ICU in chunks of at most `max_chunk` bytes (1 MiB by default, at most
// 2^31-1 since ICU's offsets are int32_t), each segmented on its own. ICU's dictionary engine
// copies a whole run of Han or Thai into UTF-16 with several int32 arrays per character (about
// 200 MB for a 20 MB line of Han alone), so chunks bound its memory as well. A cut goes after
// the chunk's last LF (UAX #29 breaks words and sentences after every LF, so such a cut changes
// nothing), else after its last ASCII space or tab (still a word boundary unless a combining
// mark follows; one extra sentence break), else at a code point start (one word split in two).
// Only lines longer than a chunk can see the last two.

// Break iterators are not thread-safe. Opening one costs about 8 µs once ICU has loaded its data
// (2 ms the first time in a process; 0.5 ms for a sentence iterator with suppressions), so
// each thread keeps the few it uses, keyed by kind and locale, and closes them through a
// pthread key destructor when it exits. A call never hands its iterator to another thread.
#define _GNU_SOURCE  // memrchr
#include "cicu.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>  // U8_FWD_1

/// Iterators each thread keeps (kinds x locales in use; a pipeline uses a handful).
#define SLOT_COUNT 8
/// Longest locale id kept in the cache, NUL included; longer ids segment with the root locale.
#define LOCALE_CAP 64
/// Ranges handed to the callback per call.
#define BATCH 256

struct slot {
    int32_t kind;
    char locale[LOCALE_CAP];
    UBreakIterator *iterator;
    uint64_t last_used;
};

struct break_cache {
    struct slot slots[SLOT_COUNT];
    uint64_t clock;
};

static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;
static int cache_key_ok = 0;

static void cache_free(void *p) {
    struct break_cache *cache = p;
    for (int i = 0; i < SLOT_COUNT; i++) {
        if (cache->slots[i].iterator) ubrk_close(cache->slots[i].iterator);
    }
    free(cache);
}

static void cache_init(void) { cache_key_ok = pthread_key_create(&cache_key, cache_free) == 0; }

static struct break_cache *thread_cache(void) {
    pthread_once(&cache_once, cache_init);
    if (!cache_key_ok) return NULL;
    struct break_cache *cache = pthread_getspecific(cache_key);
    if (cache) return cache;
    cache = calloc(1, sizeof *cache);
    if (!cache) return NULL;
    if (pthread_setspecific(cache_key, cache) != 0) { free(cache); return NULL; }
    return cache;
}

static UBreakIterator *open_iterator(int32_t kind, const char *locale, UErrorCode *e) {
    return ubrk_open(kind == CICU_BREAK_SENTENCES ? UBRK_SENTENCE : UBRK_WORD, locale, NULL, 0, e);
}

/// This thread's iterator for (kind, locale), opened on first use; `*owned` is set when the
/// caller must close it (no cache could be had).
static UBreakIterator *iterator_for(int32_t kind, const char *locale, int *owned, UErrorCode *e) {
    if (strlen(locale) >= LOCALE_CAP) locale = "";
    struct break_cache *cache = thread_cache();
    *owned = cache == NULL;
    if (!cache) return open_iterator(kind, locale, e);
    struct slot *victim = &cache->slots[0];
    for (int i = 0; i < SLOT_COUNT; i++) {
        struct slot *s = &cache->slots[i];
        if (s->iterator && s->kind == kind && strcmp(s->locale, locale) == 0) {
            s->last_used = ++cache->clock;
            return s->iterator;
        }
        if (!s->iterator || (victim->iterator && s->last_used < victim->last_used)) victim = s;
    }
    UBreakIterator *bi = open_iterator(kind, locale, e);
    if (U_FAILURE(*e)) return NULL;
    if (victim->iterator) ubrk_close(victim->iterator);
    victim->kind = kind;
    strcpy(victim->locale, locale);
    victim->iterator = bi;
    victim->last_used = ++cache->clock;
    return bi;
}

// MARK: - Blanks

/// Blanks: Unicode White_Space (U+0009-000D, 0020, 0085, 00A0, 1680, 2000-200A, 2028, 2029,
/// 202F, 205F, 3000; unchanged since Unicode 6) plus the invisible U+200B ZERO WIDTH SPACE,
/// U+2060 WORD JOINER and U+FEFF (BOM). UAX #29 makes spaces and U+200B segments of their own,
/// which are no words; U+2060 and U+FEFF are Format characters that stick to the character
/// before them, so a leading BOM or a trailing joiner would otherwise be a word or part of one.
/// Matched on the UTF-8 bytes: the length of the blank starting at p[i] (before `end`), or 0.
static int32_t blank_at(const uint8_t *p, int32_t i, int32_t end) {
    uint8_t b = p[i];
    if (b < 0x80) return (b == 0x20 || (b >= 0x09 && b <= 0x0D)) ? 1 : 0;
    if (b == 0xC2) return (i + 1 < end && (p[i + 1] == 0x85 || p[i + 1] == 0xA0)) ? 2 : 0;
    if (b < 0xE1 || b > 0xEF || end - i < 3) return 0;
    uint8_t b1 = p[i + 1], b2 = p[i + 2];
    if ((b2 & 0xC0) != 0x80) return 0;
    switch (b) {
    case 0xE1: return (b1 == 0x9A && b2 == 0x80) ? 3 : 0;                          // U+1680
    case 0xE2:
        if (b1 == 0x80) return (b2 <= 0x8B || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF) ? 3 : 0;  // U+2000-200B, 2028, 2029, 202F
        if (b1 == 0x81) return (b2 == 0x9F || b2 == 0xA0) ? 3 : 0;                // U+205F, 2060
        return 0;
    case 0xE3: return (b1 == 0x80 && b2 == 0x80) ? 3 : 0;                          // U+3000
    case 0xEF: return (b1 == 0xBB && b2 == 0xBF) ? 3 : 0;                          // U+FEFF
    default: return 0;
    }
}

/// The first offset in [i, end) of `p` that does not start a blank, or `end`.
static int32_t skip_blanks(const uint8_t *p, int32_t i, int32_t end) {
    int32_t n;
    while (i < end && (n = blank_at(p, i, end)) > 0) i += n;
    return i;
}

/// The offset after the last non-blank code point in [start, i) of `p`, or `start`.
static int32_t skip_blanks_back(const uint8_t *p, int32_t start, int32_t i) {
    while (i > start) {
        // The start of the last code point: back over at most 3 continuation bytes.
        int32_t j = i - 1;
        while (j > start && i - j < 3 && (p[j] & 0xC0) == 0x80) j--;
        if (blank_at(p, j, i) != i - j) return i;
        i = j;
    }
    return start;
}

// MARK: - Output batches

struct out {
    cicu_ranges_fn emit;
    void *context;
    int32_t count;
    int64_t ranges[2 * BATCH];
};

static void flush(struct out *o) {
    if (o->count > 0) o->emit(o->context, o->ranges, o->count);
    o->count = 0;
}

static void push(struct out *o, int64_t start, int64_t end) {
    o->ranges[2 * o->count] = start;
    o->ranges[2 * o->count + 1] = end;
    if (++o->count == BATCH) flush(o);
}

/// Pushes [s, t) of `p` (offset by `base`) with its blanks trimmed, unless nothing is left.
static void push_trimmed(struct out *o, const uint8_t *p, int32_t s, int32_t t, int64_t base) {
    // Most segments start and end with a visible ASCII byte: nothing to trim.
    if (p[s] > 0x20 && p[s] < 0x80 && p[t - 1] > 0x20 && p[t - 1] < 0x80) {
        push(o, base + s, base + t);
        return;
    }
    s = skip_blanks(p, s, t);
    if (s == t) return;
    t = skip_blanks_back(p, s, t);
    push(o, base + s, base + t);
}

// MARK: - Segmentation

/// The fallback when ICU cannot segment: words are maximal non-blank runs, sentences are
/// lines (split at LF), trimmed.
static void split_at_blanks(int32_t kind, const uint8_t *p, int32_t n, int64_t base, struct out *o) {
    int32_t i = 0;
    while (i < n) {
        int32_t s = skip_blanks(p, i, n);
        if (s == n) return;
        int32_t t = s;
        if (kind == CICU_BREAK_SENTENCES) {
            const uint8_t *lf = memchr(p + s, '\n', (size_t)(n - s));
            t = lf ? (int32_t)(lf - p) : n;
            push_trimmed(o, p, s, t, base);
        } else {
            while (t < n && skip_blanks(p, t, n) == t) {
                U8_FWD_1(p, t, n);
            }
            push(o, base + s, base + t);
        }
        i = t;
    }
}

/// Segments one chunk of at most 2^31-1 bytes with `bi`. Returns 0, or a negated ICU error code
/// when ICU could not take the text (the chunk is then split at blanks).
static int32_t segment_chunk(UBreakIterator *bi, int32_t kind, const uint8_t *p, int32_t n,
                             int64_t base, struct out *o) {
    UErrorCode e = U_ZERO_ERROR;
    UText text = UTEXT_INITIALIZER;
    utext_openUTF8(&text, (const char *)p, n, &e);
    if (U_SUCCESS(e)) ubrk_setUText(bi, &text, &e);
    if (U_FAILURE(e)) {
        utext_close(&text);
        split_at_blanks(kind, p, n, base, o);
        return -(int32_t)e;
    }
    int32_t start = ubrk_first(bi);
    for (int32_t end = ubrk_next(bi); end != UBRK_DONE; start = end, end = ubrk_next(bi)) {
        push_trimmed(o, p, start, end, base);
    }
    // The iterator keeps a shallow clone of the UText, which points at the caller's bytes after
    // this call; nothing reads it before the next call sets new text (resetting it here would
    // cost a third of a short text's time).
    utext_close(&text);
    return 0;
}

/// Where to cut a chunk of the `limit` bytes at `p` (the text goes on after them): after the
/// last LF, else after the last ASCII space or tab, else at the last code point start.
static int64_t cut_point(const uint8_t *p, int64_t limit) {
    const uint8_t *lf = memrchr(p, '\n', (size_t)limit);
    if (lf) return lf - p + 1;
    for (int64_t i = limit - 1; i >= 0; i--) {
        if (p[i] == ' ' || p[i] == '\t') return i + 1;
    }
    int64_t i = limit;
    while (i > 1 && (p[i] & 0xC0) == 0x80 && limit - i < 4) i--;
    return i;
}

int32_t cicu_break_utf8(int32_t kind, const char *locale, const uint8_t *src, int64_t len,
                        int64_t max_chunk, cicu_ranges_fn emit, void *context) {
    if (len <= 0 || src == NULL) return 0;
    if (kind != CICU_BREAK_WORDS && kind != CICU_BREAK_SENTENCES) return CICU_ERROR_BAD_BREAK_KIND;
    if (max_chunk > INT32_MAX || max_chunk < 16) max_chunk = CICU_BREAK_DEFAULT_CHUNK;  // 0: the default
    struct out o = {.emit = emit, .context = context, .count = 0};
    UErrorCode e = U_ZERO_ERROR;
    int owned = 0;
    UBreakIterator *bi = iterator_for(kind, locale ? locale : "", &owned, &e);
    int32_t result = U_FAILURE(e) ? -(int32_t)e : 0;
    for (int64_t base = 0; base < len;) {
        int64_t n = len - base;
        if (n > max_chunk) n = cut_point(src + base, max_chunk);
        if (bi) {
            int32_t r = segment_chunk(bi, kind, src + base, (int32_t)n, base, &o);
            if (r < 0) result = r;
        } else {
            split_at_blanks(kind, src + base, (int32_t)n, base, &o);
        }
        base += n;
    }
    flush(&o);
    if (owned && bi) ubrk_close(bi);
    return result;
}
