#!/usr/bin/env bash
# Creates the scratch Python virtual environment for the datatrove peer benchmark
# (scripts/bench/datatrove_jsonl.py) and installs the exact pins of
# scripts/bench/requirements-datatrove.txt into it.
#
# Usage: scripts/bench/setup-peer-venv.sh [VENV_DIR]
#   VENV_DIR defaults to <repo>/.venv-peers (git-ignored by the `/.venv*/` rule).
#   PYTHON=... picks the interpreter (default: python3.11, else python3).
#
# Idempotent: after a successful install it writes a stamp holding the sha256 of the
# requirements file; a later call with the same file and a working venv does nothing.
# If the requirements file changed, it installs again into the same venv.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="${1:-$repo/.venv-peers}"
reqs="$here/requirements-datatrove.txt"
stamp="$venv/.requirements-datatrove.sha256"

if [[ -z "${PYTHON:-}" ]]; then
    if command -v python3.11 >/dev/null 2>&1; then PYTHON=python3.11; else PYTHON=python3; fi
fi

want="$(sha256sum "$reqs" | cut -d' ' -f1)"
if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]] \
    && "$venv/bin/python" -c 'import datatrove, orjson, zstandard' >/dev/null 2>&1; then
    echo "setup-peer-venv: $venv already has requirements-datatrove.txt installed; nothing to do" >&2
    exit 0
fi

if [[ ! -x "$venv/bin/python" ]]; then
    echo "setup-peer-venv: creating $venv with $PYTHON ($("$PYTHON" --version 2>&1))" >&2
    "$PYTHON" -m venv "$venv"
fi

echo "setup-peer-venv: installing $reqs into $venv" >&2
"$venv/bin/python" -m pip install --disable-pip-version-check -q -r "$reqs"
"$venv/bin/python" -m pip check --disable-pip-version-check >&2
echo "$want" >"$stamp"
echo "setup-peer-venv: done ($("$venv/bin/python" -c 'from importlib.metadata import version; print("datatrove", version("datatrove"))'))" >&2
