#!/usr/bin/env bash
# The pre-commit hook (.pre-commit-hooks.yaml) run by the real pre-commit from PyPI, as a
# tree's repository would run it: `pre-commit try-repo` on a Git repository holding
# sample-org passes, and fails, showing the diagnostic, once a file has an error.
# Usage: scripts/test-pre-commit.sh [DIR]  (DIR holds the orgtree to use; default: the
# debug build). pre-commit goes into a virtual environment under a temporary folder,
# never into the system Python; everything made here is removed on exit.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$(swift build --package-path "$repo" --show-bin-path)}
[ -x "$bin/orgtree" ] || { echo "no orgtree in $bin (swift build first)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/orgtree-pre-commit.XXXXXX")
trap 'rm -rf "$work"' EXIT
"${ORGTREE_TEST_PYTHON:-python3}" -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check pre-commit
export PATH="$bin:$work/venv/bin:$PATH" PRE_COMMIT_HOME="$work/cache"
export GIT_AUTHOR_NAME=orgtree GIT_AUTHOR_EMAIL=orgtree@example.com
export GIT_COMMITTER_NAME=orgtree GIT_COMMITTER_EMAIL=orgtree@example.com
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1

cp -R "$repo/sample-org" "$work/org"
cd "$work/org"
git init --quiet
git add -A
git commit --quiet -m "sample-org"

echo "pre-commit try-repo on sample-org (valid):"
pre-commit try-repo "$repo" orgtree-validate --all-files --verbose | tee "$work/valid.log"
grep -q 'sample-org\|is valid' "$work/valid.log" || { echo "FAIL: no validate output" >&2; exit 1; }

echo "pre-commit try-repo with a broken e-mail (must fail):"
sed -i 's/^email: .*/email: ann(at)lumen.example/' people/ann.yaml
git add -A
code=0
pre-commit try-repo "$repo" orgtree-validate --all-files > "$work/broken.log" 2>&1 || code=$?
cat "$work/broken.log"
[ "$code" -ne 0 ] || { echo "FAIL: the hook passed a tree with an error" >&2; exit 1; }
grep -q "people/ann.yaml:4:8: error: 'ann(at)lumen.example' is not a valid e-mail address \[invalid-email\]" "$work/broken.log" \
  || { echo "FAIL: the diagnostic is not shown" >&2; exit 1; }
echo "pre-commit hook: ok"
