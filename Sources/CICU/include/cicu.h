#pragma once
// A small C wrapper over the system ICU (libicu-dev). Its header uses only <stdint.h> types:
// ICU's own headers clash with Foundation's bundled ICU in any Swift file that imports both,
// and ICU renames its functions by version macro (unorm2_normalize -> unorm2_normalize_72),
// which Swift cannot import. Owners: Sources/QuarryText/UnicodeNormalization.swift
// (normalization, cicu.c) and Sources/QuarryText/CharsetICU.swift (charset conversion and
// detection, cicu_charset.c). The charset part needs libicui18n (ucsdet); include/module.modulemap
// links it, since Package.swift links only icuuc and icudata.
#include <stdint.h>

enum {
    CICU_NFC = 0,
    CICU_NFKC = 1,
    CICU_NFD = 2,
    CICU_NFKD = 3,
};

/// Returned (negated ICU codes aside) for text longer than 2^31-1 bytes, which ICU's 32-bit
/// lengths cannot hold. Far below any negated ICU error code, so the two never collide.
#define CICU_ERROR_TOO_LONG (-1000000)

/// Normalizes valid UTF-8 text to the given form (CICU_NFC ...).
/// Returns 0 when the text is already normalized (nothing is written), 1 when `*out` holds
/// a malloc'ed UTF-8 buffer of `*out_len` bytes (release it with cicu_free), or a negative
/// value on failure (the negated ICU error code, or CICU_ERROR_TOO_LONG).
/// A result of 1 can still equal the input: ICU's quick check answers "maybe" for some
/// normalized text (NFC/NFKC combining marks), and the full normalization then changes nothing.
int32_t cicu_normalize_utf8(int32_t form, const uint8_t *src, int64_t len,
                            uint8_t **out, int64_t *out_len);

/// The name of an error returned by cicu_normalize_utf8 ("U_MEMORY_ALLOCATION_ERROR" ...);
/// a static string, never freed.
const char *cicu_error_name(int32_t result);

/// Releases a buffer returned by this wrapper.
void cicu_free(void *p);

/// The Unicode version of the linked ICU data, as "major.minor" in a caller buffer.
void cicu_unicode_version(char *buf, int32_t cap);

// MARK: - Charsets (cicu_charset.c)

/// The multi-byte legacy encodings converted through ICU (WHATWG Encoding Standard names).
/// Single-byte encodings and UTF-16 are decoded in Swift from the WHATWG index tables.
enum {
    CICU_CHARSET_GB18030 = 0,     // WHATWG "gbk" and "gb18030" (one decoder), ICU "gb18030"
    CICU_CHARSET_BIG5 = 1,        // WHATWG "big5" (Big5-HKSCS), ICU "Big5-HKSCS"
    CICU_CHARSET_SHIFT_JIS = 2,   // WHATWG "shift_jis" (windows-31j), ICU "windows-31j"
    CICU_CHARSET_EUC_JP = 3,      // WHATWG "euc-jp", ICU "EUC-JP"
    CICU_CHARSET_ISO_2022_JP = 4, // WHATWG "iso-2022-jp", ICU "ISO-2022-JP"
    CICU_CHARSET_EUC_KR = 5,      // WHATWG "euc-kr" (windows-949), ICU "windows-949"
    CICU_CHARSET_COUNT = 6,
};

/// Returned for a charset id outside 0..<CICU_CHARSET_COUNT.
#define CICU_ERROR_BAD_CHARSET (-1000001)

/// Converts `len` bytes in charset `charset` (CICU_CHARSET_...) to UTF-8. Undecodable bytes
/// become U+FFFD; the result follows the WHATWG decoders where ICU's tables differ from the
/// WHATWG indexes (see cicu_charset.c). Returns the number of U+FFFD inserted (>= 0) and sets
/// `*out` to a malloc'ed buffer of `*out_len` bytes of valid UTF-8 (release it with cicu_free;
/// NULL when `*out_len` is 0), or returns a negative value on failure (the negated ICU error
/// code, CICU_ERROR_BAD_CHARSET). Thread-safe: each thread uses its own cached converters.
int64_t cicu_convert_to_utf8(int32_t charset, const uint8_t *src, int64_t len,
                             uint8_t **out, int64_t *out_len);

/// Length of each name slot filled by cicu_detect_charsets (NUL-terminated, truncated).
#define CICU_CHARSET_NAME_CAP 32

/// ICU's charset detector (ucsdet) over at most the first 2^31-1 bytes of `src`: writes up to
/// `max_matches` candidates, best first, as ICU charset names ("Shift_JIS", "ISO-8859-1" ...)
/// into `names` (`max_matches` slots of CICU_CHARSET_NAME_CAP bytes) with ICU's confidence
/// (0...100) in `confidences`. `strip_tags` != 0 turns on ICU's markup filter. Returns the
/// number of candidates written (0 when ICU has none), or a negated ICU error code.
/// Thread-safe: each thread uses its own cached detector.
int32_t cicu_detect_charsets(const uint8_t *src, int64_t len, int32_t strip_tags,
                             char *names, int32_t *confidences, int32_t max_matches);

// MARK: - Word and sentence segmentation (cicu_break.c; owner Sources/QuarryText/ICUWordTokenizer.swift)

enum {
    CICU_BREAK_WORDS = 0,     // UAX #29 word segments (dictionary for CJK, Thai ...) that are not blank
    CICU_BREAK_SENTENCES = 1, // UAX #29 sentence segments, blanks trimmed, blank ones left out
};

/// Returned for a kind other than CICU_BREAK_WORDS and CICU_BREAK_SENTENCES.
#define CICU_ERROR_BAD_BREAK_KIND (-1000002)

/// The default longest piece of text handed to ICU at once, in bytes (see cicu_break.c).
#define CICU_BREAK_DEFAULT_CHUNK (1 << 20)

/// Receives `count` segments as (start, end) UTF-8 byte offset pairs, `ranges[2k]` and
/// `ranges[2k+1]`, valid only during the call.
typedef void (*cicu_ranges_fn)(void *context, const int64_t *ranges, int32_t count);

/// Segments `len` bytes of UTF-8 at `src` with ICU's break iterator of `kind` for `locale` (an
/// ICU locale id such as "zh", "ja", "en@ss=standard"; "" is the root locale) and hands the
/// segments to `emit` in text order, in batches. Blanks (White_Space, U+200B, U+2060, U+FEFF)
/// are trimmed from both ends of each segment and blank segments are left out; U+2060 and
/// U+FEFF are Format characters, which UAX #29 keeps inside a word ("a" U+2060 "b" is one).
/// Text longer than `max_chunk` bytes (16 to 2^31-1; 0 or out of range: the default,
/// CICU_BREAK_DEFAULT_CHUNK) is segmented in chunks cut after a line feed where possible. Ill-formed UTF-8 reads as
/// U+FFFD and never crashes. Returns 0, or a negated ICU error code when ICU could not segment
/// (the text, or the part ICU refused, is then split at blanks: words are non-blank runs,
/// sentences are lines), or CICU_ERROR_BAD_BREAK_KIND. Thread-safe: each thread uses its own
/// cached iterators.
int32_t cicu_break_utf8(int32_t kind, const char *locale, const uint8_t *src, int64_t len,
                        int64_t max_chunk, cicu_ranges_fn emit, void *context);
