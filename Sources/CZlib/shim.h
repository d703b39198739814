#pragma once
// zlib (gzip members). Owner: Sources/QuarryIO/Compression/Gzip.swift.
#include <zlib.h>
// inflateInit2 / deflateInit2 are macros (they pass the library version and struct size):
// Swift cannot import them, so they are wrapped here.
static inline int czlib_inflate_init2(z_streamp s, int windowBits) {
    return inflateInit2(s, windowBits);
}
static inline int czlib_deflate_init2(z_streamp s, int level, int windowBits) {
    return deflateInit2(s, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
}
