#!/usr/bin/env bash
# A Python venv with junitparser (PyPI), the independent JUnit reader that
# scripts/check-junit.py uses to check `orgtree validate --format junit`.
# Usage: scripts/junit-venv.sh DIR — makes the venv in DIR (Debian needs python3-venv)
# and prints the path of its python, for ORGTREE_TEST_JUNIT_PYTHON.
set -euo pipefail
dir=${1:?usage: scripts/junit-venv.sh DIR}
/usr/bin/python3 -m venv "$dir" >&2
"$dir/bin/python" -m pip install --quiet --disable-pip-version-check 'junitparser==5.0.3' >&2
echo "$dir/bin/python"
