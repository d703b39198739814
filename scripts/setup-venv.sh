#!/usr/bin/env bash
# Creates a scratch Python virtual environment and installs the exact pins of one
# requirements file into it. Shared by the peer benchmarks, the extraction evaluation and
# the reference-fixture scripts (scripts/bench/setup-peer-venv.sh,
# scripts/eval/setup-eval-venv.sh, scripts/reference/setup-reference-venv.sh are thin
# callers). These environments are never dependencies of Quarry.
#
# Usage: scripts/setup-venv.sh REQUIREMENTS VENV_DIR [IMPORT_CHECK]
#   REQUIREMENTS   a pip requirements file pinning every package (`pip install -r`)
#   VENV_DIR       where the venv goes (the callers default to <repo>/.venv-*, git-ignored
#                  by the `/.venv*/` rule)
#   IMPORT_CHECK   optional comma-separated Python modules that must import afterwards,
#                  e.g. "datatrove,orjson,zstandard"
#   PYTHON=...     picks the interpreter (default: python3.11, else python3).
#
# Idempotent: after a successful install it writes a stamp, <VENV_DIR>/.<requirements
# file name without .txt>.sha256, holding the sha256 of the requirements file; a later call with the same
# file and a venv where the modules import does nothing. If the requirements file changed,
# it installs again into the same venv.
set -euo pipefail

if [[ $# -lt 2 || $# -gt 3 ]]; then
    echo "usage: $0 REQUIREMENTS VENV_DIR [IMPORT_CHECK]" >&2
    exit 2
fi
reqs="$1"
venv="$2"
modules="${3:-}"
name="$(basename "$reqs")"
stamp="$venv/.${name%.txt}.sha256"
check="pass"
[[ -n "$modules" ]] && check="import ${modules//,/, }"

if [[ ! -f "$reqs" ]]; then
    echo "setup-venv: no such requirements file: $reqs" >&2
    exit 2
fi
if [[ -z "${PYTHON:-}" ]]; then
    if command -v python3.11 >/dev/null 2>&1; then PYTHON=python3.11; else PYTHON=python3; fi
fi

want="$(sha256sum "$reqs" | cut -d' ' -f1)"
if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]] \
    && "$venv/bin/python" -c "$check" >/dev/null 2>&1; then
    echo "setup-venv: $venv already has $name installed; nothing to do" >&2
    exit 0
fi

if [[ ! -x "$venv/bin/python" ]]; then
    echo "setup-venv: creating $venv with $PYTHON ($("$PYTHON" --version 2>&1))" >&2
    "$PYTHON" -m venv "$venv"
fi

echo "setup-venv: installing $reqs into $venv" >&2
"$venv/bin/python" -m pip install --disable-pip-version-check -q -r "$reqs"
"$venv/bin/python" -m pip check --disable-pip-version-check >&2
"$venv/bin/python" -c "$check"
echo "$want" >"$stamp"
echo "setup-venv: done ($name in $venv, $("$venv/bin/python" --version 2>&1))" >&2
