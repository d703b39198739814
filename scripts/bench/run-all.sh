#!/usr/bin/env bash
# `make bench`: Quarry's benchmarks side by side with the peers, on this machine, in one run.
# Needs the web-sample corpus beside the repository (../shared/corpora/web-sample, or set
# QUARRY_CORPUS). Results are printed and written to .bench/results/.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec python3 scripts/bench/jsonl_bench.py "$@"
