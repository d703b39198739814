#!/usr/bin/env bash
# `make bench`: Quarry's benchmarks side by side with the peers, on this machine, in one run.
# Needs the web-sample corpus beside the repository (../shared/corpora/web-sample, or set
# QUARRY_CORPUS). Results are printed and written to .bench/results/.
#   scripts/bench/run-all.sh            every benchmark
#   scripts/bench/run-all.sh extract    one of them: jsonl (issue #2), extract, wikipedia (issue #3),
#                                       filters (issue #4), dedup (issue #5), pii (issue #6),
#                                       classify (issue #7), tokenize (issue #8)
set -euo pipefail
cd "$(dirname "$0")/../.."
which="${1:-all}"
[[ $# -gt 0 ]] && shift
case "$which" in
    jsonl) exec python3 scripts/bench/jsonl_bench.py "$@" ;;
    extract) exec python3 scripts/bench/extract_bench.py "$@" ;;
    wikipedia) exec python3 scripts/bench/wikipedia_bench.py "$@" ;;
    filters) exec python3 scripts/bench/filters_bench.py "$@" ;;
    dedup) exec python3 scripts/bench/dedup_bench.py "$@" ;;
    pii) exec python3 scripts/bench/pii_bench.py "$@" ;;
    classify) exec python3 scripts/bench/classify_bench.py "$@" ;;
    tokenize) exec python3 scripts/bench/tokenize_bench.py "$@" ;;
    all)
        python3 scripts/bench/jsonl_bench.py "$@"
        python3 scripts/bench/extract_bench.py "$@"
        python3 scripts/bench/wikipedia_bench.py "$@"
        python3 scripts/bench/filters_bench.py "$@"
        python3 scripts/bench/dedup_bench.py "$@"
        python3 scripts/bench/pii_bench.py "$@"
        python3 scripts/bench/classify_bench.py "$@"
        python3 scripts/bench/tokenize_bench.py "$@"
        ;;
    *) echo "run-all.sh: unknown benchmark '$which' (jsonl, extract, wikipedia, filters, dedup, pii, classify, tokenize, all)" >&2; exit 2 ;;
esac
