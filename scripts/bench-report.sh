#!/usr/bin/env bash
# Benchmark of `orgtree report` in release mode on a generated tree (default 20,000
# people, 2,000 projects): wall time and peak memory of report against validate of the
# same tree in the same run, the site's size and file count, its largest page and the
# time headless Chromium takes to load that page and the first matrix page.
# Usage: scripts/bench-report.sh [PEOPLE] [PROJECTS]
# Needs chromium, chromium-driver and python3-selenium (Debian) for the load times.
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-20000}
projects=${2:-2000}
day=2026-11-23

swift build -c release --build-path .build-release --product orgtree >/dev/null
bin=$(swift build -c release --build-path .build-release --show-bin-path)/orgtree

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" generate --people "$people" --projects "$projects" --seed 7 --today "$day" --out "$work/tree" --quiet >/dev/null

measure() { # LABEL COMMAND...: prints LABEL, wall seconds and peak KiB
  local label=$1; shift
  /usr/bin/time -o "$work/time" -f "%e %M" "$@" >/dev/null 2>&1 || test $? -eq 1
  read -r seconds kib < "$work/time"
  printf '%-9s %8.2f s  %8d KiB\n' "$label" "$seconds" "$kib"
  echo "$seconds" > "$work/$label.seconds"
}

echo "== $people people, $projects projects: wall time and peak memory"
measure validate "$bin" validate "$work/tree" --at "$day"
measure report "$bin" report "$work/tree" --out "$work/site" --at "$day" --quiet
awk -v r="$(cat "$work/report.seconds")" -v v="$(cat "$work/validate.seconds")" \
  'BEGIN { printf "report / validate: %.1f\n", (v > 0 ? r / v : 0) }'

echo "== the site"
printf 'size:  %d bytes\n' "$(du -sb "$work/site" | cut -f1)"
printf 'files: %d\n' "$(find "$work/site" -type f | wc -l)"
largest=$(find "$work/site" -type f -name '*.html' -printf '%s %P\n' | sort -n | tail -1)
echo "largest page: ${largest#* } (${largest%% *} bytes)"
printf 'matrix pages: %d\n' "$(find "$work/site" -maxdepth 1 -name 'matrix*.html' | wc -l)"

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && /usr/bin/python3 -c 'import selenium' 2>/dev/null; then
  echo "== load time in headless Chromium (navigationStart to loadEventEnd, best of 3)"
  /usr/bin/python3 - "$work/site" "${largest#* }" matrix.html <<'EOF'
import os, shutil, sys, tempfile
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

site = sys.argv[1]
profile = tempfile.mkdtemp(prefix="orgtree-chromium-")
options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--user-data-dir=" + profile]:
    options.add_argument(a)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
try:
    for page in dict.fromkeys(sys.argv[2:]):
        times = []
        for _ in range(3):
            driver.get("file://" + os.path.join(site, page))
            times.append(driver.execute_script(
                "var t = performance.timing; return t.loadEventEnd - t.navigationStart;"))
        print(f"{page}: {min(times)} ms")
finally:
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)
EOF
else
  echo "(no chromium, chromedriver or python3-selenium: no load times)"
fi
