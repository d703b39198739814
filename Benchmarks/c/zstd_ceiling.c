/* zstd_ceiling: what zstd alone costs on the benchmark files, in C with the same libzstd
 * Quarry links: streaming decompression of each .zst file, then streaming compression of the
 * decompressed bytes at level 3 (checksums on), 1 MiB at a time. Prints MB of uncompressed
 * data per CPU-second for each and for both, the ceiling for a read + write at level 3. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zstd.h>

static double cpu(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    double decompress = 0, compress = 0, megabytes = 0;
    size_t chunk = 1 << 20;
    char *out = malloc(chunk), *zout = malloc(ZSTD_CStreamOutSize());
    for (int f = 1; f < argc; f++) {
        FILE *file = fopen(argv[f], "rb");
        if (!file) { perror(argv[f]); return 1; }
        fseek(file, 0, SEEK_END);
        long n = ftell(file);
        fseek(file, 0, SEEK_SET);
        char *in = malloc(n);
        if (fread(in, 1, n, file) != (size_t)n) { perror("read"); return 1; }
        fclose(file);
        /* Decompress into a growing buffer (kept to compress next), timing only the decoder. */
        size_t size = 0, cap = (size_t)n * 8;
        char *plain = malloc(cap);
        ZSTD_DCtx *d = ZSTD_createDCtx();
        ZSTD_inBuffer ib = {in, (size_t)n, 0};
        double t = cpu();
        while (ib.pos < ib.size) {
            ZSTD_outBuffer ob = {out, chunk, 0};
            size_t r = ZSTD_decompressStream(d, &ob, &ib);
            if (ZSTD_isError(r)) { fprintf(stderr, "%s\n", ZSTD_getErrorName(r)); return 1; }
            double pause = cpu();
            if (size + ob.pos > cap) { cap = (size + ob.pos) * 2; plain = realloc(plain, cap); }
            memcpy(plain + size, out, ob.pos);
            size += ob.pos;
            t += cpu() - pause;
        }
        decompress += cpu() - t;
        ZSTD_freeDCtx(d);
        ZSTD_CCtx *c = ZSTD_createCCtx();
        ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, 3);
        ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 1);
        t = cpu();
        for (size_t off = 0; off < size; off += chunk) {
            ZSTD_inBuffer cb = {plain + off, size - off < chunk ? size - off : chunk, 0};
            while (cb.pos < cb.size) {
                ZSTD_outBuffer ob = {zout, ZSTD_CStreamOutSize(), 0};
                ZSTD_compressStream2(c, &ob, &cb, ZSTD_e_continue);
            }
        }
        size_t remaining;
        do {
            ZSTD_inBuffer empty = {NULL, 0, 0};
            ZSTD_outBuffer ob = {zout, ZSTD_CStreamOutSize(), 0};
            remaining = ZSTD_compressStream2(c, &ob, &empty, ZSTD_e_end);
        } while (remaining);
        compress += cpu() - t;
        ZSTD_freeCCtx(c);
        megabytes += size / 1e6;
        free(plain);
        free(in);
    }
    printf("{\"megabytes\": %.1f, \"decompress_mb_s\": %.1f, \"compress_mb_s\": %.1f, \"both_mb_s\": %.1f}\n",
           megabytes, megabytes / decompress, megabytes / compress, megabytes / (decompress + compress));
    return 0;
}
