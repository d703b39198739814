#!/bin/sh
# The domain-classification example of the README ("Domain classification"), on the web-sample
# corpus: extract the pages' main text, label a few hundred of them (scripts/examples/
# label_domains.py), train a fastText-compatible classifier with `quarry classify train`, measure
# it on the pages not used for training, quantize it, then run pipelines/domain-route.yaml, which
# identifies each page's language, applies the classifier, keeps confident pages and writes one
# dataset per domain: out/domain-route/<domain>/.
#
#   scripts/examples/domain_example.sh            (QUARRY=path/to/quarry, QUARRY_CORPUS=web-sample dir)
set -eu
cd "$(dirname "$0")/../.."
CORPUS=${QUARRY_CORPUS:-../shared/corpora/web-sample}
QUARRY=${QUARRY:-.build/release/quarry}
OUT=out/domain

"$QUARRY" extract --input "$CORPUS"/web-sample-*.jsonl.gz --text-key html --output "$OUT/pages.jsonl" --fresh -q
python3 scripts/examples/label_domains.py "$OUT/pages.jsonl" "$OUT" --per-label 120
"$QUARRY" classify train --input "$OUT/labeled.jsonl" --label-key domain --output "$OUT/domain.bin" \
    --dim 32 --word-ngrams 2 --epoch 25 --lr 0.5 --bucket 200000 --threads 1 --seed 1
"$QUARRY" classify test --model "$OUT/domain.bin" --input "$OUT/heldout.jsonl" --label-key domain
"$QUARRY" classify quantize --input "$OUT/domain.bin" --output "$OUT/domain.ftz" --cutoff 50000 --qnorm --threads 1
"$QUARRY" classify test --model "$OUT/domain.ftz" --input "$OUT/heldout.jsonl" --label-key domain
"$QUARRY" run pipelines/domain-route.yaml --fresh -q
"$QUARRY" stats out/domain-route
