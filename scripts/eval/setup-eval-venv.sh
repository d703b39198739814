#!/usr/bin/env bash
# Creates the scratch Python virtual environment for the extraction-quality evaluation
# (scripts/eval/*.py) with the exact pins of scripts/eval/requirements-eval.txt
# (trafilatura 1.11.0, Resiliparse 2.0.1 and everything they pull). These peers are never
# dependencies of Quarry. The work is done by scripts/setup-venv.sh (idempotent; see there).
#
# Usage: scripts/eval/setup-eval-venv.sh [VENV_DIR]
#   VENV_DIR defaults to <repo>/.venv-eval (git-ignored by the `/.venv*/` rule).
#   PYTHON=... picks the interpreter (default: python3.11, else python3).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
exec "$repo/scripts/setup-venv.sh" "$here/requirements-eval.txt" "${1:-$repo/.venv-eval}" \
    trafilatura,resiliparse.extract.html2text,fastwarc
