#pragma once
// A small C wrapper over the system ICU (libicu-dev). Its header uses only <stdint.h> types:
// ICU's own headers clash with Foundation's bundled ICU in any Swift file that imports both,
// and ICU renames its functions by version macro (unorm2_normalize -> unorm2_normalize_72),
// which Swift cannot import. Owner: Sources/QuarryText/UnicodeNormalization.swift.
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
