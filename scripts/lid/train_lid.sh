#!/bin/sh
# Trains and quantizes Quarry's shipped language-ID model (issue 7 item 3) with Quarry's own
# fastText-compatible trainer, from the data of scripts/lid/build_data.py.
# Hyperparameters were chosen with scripts/lid/fasttext_design.py (reference fastText 0.9.x);
# results in scripts/lid/README.md. Adjust them here.
#
#   scripts/lid/train_lid.sh [DATA_DIR] [OUT_DIR]      (defaults: /work/lid-data and .)
#   QUARRY=/path/to/quarry THREADS=1 scripts/lid/train_lid.sh
set -eu
DATA=${1:-/work/lid-data}
OUT=${2:-.}
QUARRY=${QUARRY:-quarry}
THREADS=${THREADS:-1}     # 1 thread + fixed seed = bit-for-bit reproducible model

# --- training hyperparameters (supervised, softmax) ---
DIM=16
EPOCH=5
LR=0.5
WORD_NGRAMS=1
MINN=1
MAXN=4
BUCKET=2000000
LOSS=softmax
SEED=0           # fastText default seed
# --- quantization (product quantization of the input matrix, like `fasttext quantize`) ---
CUTOFF=200000   # rows (words + n-gram buckets) kept, by norm
DSUB=2

"$QUARRY" classify train --input "$DATA/train.jsonl" --label-key label --output "$OUT/lid.bin" \
    --dim "$DIM" --epoch "$EPOCH" --lr "$LR" --word-ngrams "$WORD_NGRAMS" --minn "$MINN" --maxn "$MAXN" \
    --bucket "$BUCKET" --loss "$LOSS" --threads "$THREADS" --seed "$SEED"
"$QUARRY" classify quantize --input "$OUT/lid.bin" --output "$OUT/lid.ftz" --cutoff "$CUTOFF" --dsub "$DSUB" --qnorm
ls -l "$OUT/lid.ftz"
