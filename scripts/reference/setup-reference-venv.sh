#!/usr/bin/env bash
# Creates the scratch Python virtual environment for the reference fixtures and the filter
# benchmark's datatrove side (scripts/reference/*.py, scripts/bench/filters_peer.py) with the
# exact pins of scripts/reference/requirements-reference.txt (datatrove 0.10.1, spaCy 3.8.18).
# The work is done by scripts/setup-venv.sh (idempotent; see there).
#
# Usage: scripts/reference/setup-reference-venv.sh [VENV_DIR]
#   VENV_DIR defaults to <repo>/.venv-ref (git-ignored by the `/.venv*/` rule).
#   PYTHON=... picks the interpreter (default: python3.11, else python3).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
exec "$repo/scripts/setup-venv.sh" "$here/requirements-reference.txt" "${1:-$repo/.venv-ref}" \
    datatrove.pipeline.filters,datatrove.utils.text,spacy,xxhash,orjson,zstandard
