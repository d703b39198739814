#!/usr/bin/env bash
# Creates the scratch Python virtual environment for the extraction-quality evaluation
# (scripts/eval/*.py) and installs the exact pins of scripts/eval/requirements-eval.txt
# (trafilatura 1.11.0, Resiliparse 2.0.1 and everything they pull). These peers are never
# dependencies of Quarry.
#
# Usage: scripts/eval/setup-eval-venv.sh [VENV_DIR]
#   VENV_DIR defaults to <repo>/.venv-eval (git-ignored by the `/.venv*/` rule).
#   PYTHON=... picks the interpreter (default: python3.11, else python3).
#
# Idempotent: after a successful install it writes a stamp holding the sha256 of the
# requirements file; a later call with the same file and a working venv does nothing.
# If the requirements file changed, it installs again into the same venv.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="${1:-$repo/.venv-eval}"
reqs="$here/requirements-eval.txt"
stamp="$venv/.requirements-eval.sha256"
check='import trafilatura, resiliparse.extract.html2text, fastwarc'

if [[ -z "${PYTHON:-}" ]]; then
    if command -v python3.11 >/dev/null 2>&1; then PYTHON=python3.11; else PYTHON=python3; fi
fi

want="$(sha256sum "$reqs" | cut -d' ' -f1)"
if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]] \
    && "$venv/bin/python" -c "$check" >/dev/null 2>&1; then
    echo "setup-eval-venv: $venv already has requirements-eval.txt installed; nothing to do" >&2
    exit 0
fi

if [[ ! -x "$venv/bin/python" ]]; then
    echo "setup-eval-venv: creating $venv with $PYTHON ($("$PYTHON" --version 2>&1))" >&2
    "$PYTHON" -m venv "$venv"
fi

echo "setup-eval-venv: installing $reqs into $venv" >&2
"$venv/bin/python" -m pip install --disable-pip-version-check -q -r "$reqs"
"$venv/bin/python" -m pip check --disable-pip-version-check >&2
"$venv/bin/python" -c "$check"
echo "$want" >"$stamp"
echo "setup-eval-venv: done ($("$venv/bin/python" -c 'from importlib.metadata import version as v; print("trafilatura", v("trafilatura"), "/ Resiliparse", v("Resiliparse"))'))" >&2
