#!/usr/bin/env bash
# Creates (or refreshes) the Python virtual environment of the validating
# test server and installs its pinned requirements quietly.
#
#   bash Tests/Server/setup-venv.sh [VENV_DIR]
#
# VENV_DIR defaults to .venv in the package root. Idempotent: when the venv
# already holds the current requirements (their hash is stored in the venv),
# nothing is installed again. Needs python3 with the venv module; on Debian
# and Ubuntu that is the python3-venv package.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${1:-$root/.venv}"
python="${PYTHON:-python3}"
requirements=("$here/requirements.txt" "$here/requirements-dev.txt")
stamp="$venv/.validating-server-requirements.sha256"

if ! command -v "$python" >/dev/null 2>&1; then
    echo "setup-venv: $python not found; install Python 3 (on Debian: apt-get install python3 python3-venv)" >&2
    exit 1
fi

# The stamp covers the requirement files and the interpreter's version.
wanted="$({ cat "${requirements[@]}"; "$python" -c 'import sys; print(sys.version)'; } | sha256sum | cut -d' ' -f1)"

if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] \
    && "$venv/bin/python" -c 'import openapi_core, pytest' >/dev/null 2>&1; then
    echo "setup-venv: $venv is up to date"
    exit 0
fi

# A venv whose interpreter no longer runs (e.g. Python was upgraded) is rebuilt.
if [ -d "$venv" ] && [ -f "$venv/pyvenv.cfg" ] && ! "$venv/bin/python" -c '' >/dev/null 2>&1; then
    echo "setup-venv: $venv is broken; recreating it"
    rm -rf -- "$venv"
fi

if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
    if ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
        echo "setup-venv: '$python -m venv' cannot work: the venv/ensurepip modules are missing." >&2
        echo "setup-venv: on Debian or Ubuntu run: apt-get install python3-venv" >&2
        exit 1
    fi
    created_now=0
    [ -e "$venv" ] || created_now=1
    if ! "$python" -m venv "$venv"; then
        echo "setup-venv: '$python -m venv $venv' failed." >&2
        echo "setup-venv: if ensurepip is missing, on Debian or Ubuntu run: apt-get install python3-venv" >&2
        if [ "$created_now" = 1 ] && [ -f "$venv/pyvenv.cfg" ]; then rm -rf -- "$venv"; fi
        exit 1
    fi
fi

echo "setup-venv: installing requirements into $venv"
PIP_DISABLE_PIP_VERSION_CHECK=1 "$venv/bin/python" -m pip install --quiet --requirement "$here/requirements-dev.txt"
printf '%s\n' "$wanted" > "$stamp"
echo "setup-venv: $venv is ready"
