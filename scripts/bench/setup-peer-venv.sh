#!/usr/bin/env bash
# Creates the scratch Python virtual environment for the datatrove peer benchmark
# (scripts/bench/datatrove_jsonl.py) with the exact pins of
# scripts/bench/requirements-datatrove.txt. The work is done by scripts/setup-venv.sh
# (idempotent; see there).
#
# Usage: scripts/bench/setup-peer-venv.sh [VENV_DIR]
#   VENV_DIR defaults to <repo>/.venv-peers (git-ignored by the `/.venv*/` rule).
#   PYTHON=... picks the interpreter (default: python3.11, else python3).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
exec "$repo/scripts/setup-venv.sh" "$here/requirements-datatrove.txt" "${1:-$repo/.venv-peers}" datatrove,orjson,zstandard
