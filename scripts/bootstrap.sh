#!/usr/bin/env bash
# Make .venv ready for letdown: create it with Python 3.11+ and install the package
# (editable) with pinned versions from constraints.txt. Re-installs only when
# pyproject.toml or constraints.txt changed. Usage: scripts/bootstrap.sh [runtime|dev]
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-runtime}"

pick_python() {
  for candidate in python3.11 python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "letdown needs Python 3.11 or newer on PATH" >&2
  return 1
}

if [ ! -x .venv/bin/python ]; then
  py="$(pick_python)"
  if ! "$py" -m venv .venv 2>/dev/null; then
    echo "bootstrap: installing python3-venv with apt" >&2
    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
    "$py" -m venv .venv
  fi
fi

extras=""
[ "$mode" = "dev" ] && extras="[dev]"
stamp=".venv/.letdown-stamp-$mode"
want="$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "bootstrap: installing letdown$extras into .venv (first run takes a minute)" >&2
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip 2>/dev/null || true
  .venv/bin/python -m pip install -q --disable-pip-version-check \
      -c constraints.txt -e ".$extras" 2>&1 | grep -v '^WARNING: Location' >&2 || true
  .venv/bin/python -c 'import letdown' || { echo "bootstrap: install failed" >&2; exit 1; }
  echo "$want" > "$stamp"
fi
# Byte-compile letdown's own modules (pip does this for installed packages, not for the
# editable source), so start-up stays fast even where PYTHONDONTWRITEBYTECODE is set.
.venv/bin/python -m compileall -q src >/dev/null 2>&1 || true
