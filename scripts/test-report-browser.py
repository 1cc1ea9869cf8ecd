#!/usr/bin/python3
"""Opens the report of sample-org in headless Chromium (Debian's chromium and
chromium-driver, driven by Debian's python3-selenium) over file:// and checks what a
reader sees: the validation result on the overview, a known cell of the access matrix,
the filter hiding the other rows, a provenance chain with its file:line on a subject
page, an agency's handshake on a project page, and no error on any page's console.

Usage: test-report-browser.py SITE SCREENSHOTS
SITE is the folder `orgtree report sample-org --out SITE` wrote; screenshots of the
pages go to SCREENSHOTS. Prints what failed and exits 1, or prints "ok"."""

import os
import shutil
import sys
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

site, shots = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
os.makedirs(shots, exist_ok=True)
problems = []


def check(condition, message):
    if not condition:
        problems.append(message)


def url(page):
    return "file://" + os.path.join(site, page)


# Chromium puts sockets in its profile and in TMPDIR; a socket's path must stay under
# 108 bytes, which a test's deep temporary folder exceeds: both go in a short folder.
profile = tempfile.mkdtemp(prefix="orgtree-chromium-", dir="/tmp")
os.environ["TMPDIR"] = profile
options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--user-data-dir=" + profile, "--window-size=1400,1000"]:
    options.add_argument(argument)
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
try:
    def visit(page, shot):
        driver.get(url(page))
        driver.save_screenshot(os.path.join(shots, shot + ".png"))
        for entry in driver.get_log("browser"):
            if entry.get("level") == "SEVERE":
                problems.append(f"{page}: console error: {entry.get('message')}")

    # The overview shows the validation result.
    visit("index.html", "overview")
    result = driver.find_element(By.ID, "validation-result").text
    check(result == "valid with 1 warning", f"overview: validation result is {result!r}")
    check("projects/internal-faq/project.yaml:12:5" in driver.find_element(By.ID, "diagnostics").text,
          "overview: the warning's file:line:col is not shown")

    # The matrix: kai is editor on helpdesk.
    visit("matrix.html", "matrix")
    heads = driver.find_elements(By.CSS_SELECTOR, "#matrix thead th")
    column = [h.get_attribute("data-project") for h in heads].index("helpdesk")
    rows = driver.find_elements(By.CSS_SELECTOR, "#matrix tbody tr")
    kai = [r for r in rows if "kai" in [a.text for a in r.find_elements(By.CSS_SELECTOR, "th a")]]
    check(len(kai) == 1, f"matrix: {len(kai)} rows name kai")
    if kai:
        cell = kai[0].find_elements(By.CSS_SELECTOR, "th, td")[column]
        check(cell.text == "editor", f"matrix: kai on helpdesk shows {cell.text!r}")

    # Typing in the subject filter hides every row but kai's.
    box = driver.find_element(By.ID, "f-subject")
    box.click()
    box.send_keys("kai")
    visible = [r for r in rows if r.is_displayed()]
    check(len(visible) == 1 and len(rows) > 1, f"filter 'kai': {len(visible)} of {len(rows)} rows shown")
    count = driver.find_element(By.ID, "f-count").text
    check(count == f"1 of {len(rows)} rows shown", f"filter: count says {count!r}")
    box.send_keys(Keys.CONTROL, "a", Keys.BACKSPACE)
    check(all(r.is_displayed() for r in rows), "filter cleared: some rows stay hidden")
    driver.save_screenshot(os.path.join(shots, "matrix-filtered.png"))

    # kai's page: the chain of the team grant on helpdesk, step by step with file:line.
    visit("subjects/kai.html", "subject-kai")
    chains = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#projects ol.chain li")]
    for step in ["teams/tier2.yaml:8 includes support", "teams/support.yaml:6 members kai",
                 "projects/helpdesk/project.yaml:19 access.teams.tier2: editor"]:
        check(step in chains, f"kai's page: no step {step!r}")

    # shop's page: pixel's handshake, every step done for gus and ivo, with its line.
    visit("projects/shop.html", "project-shop")
    agency = driver.find_element(By.ID, "agency-pixel").text
    check("Relation: ✓ done active (partners/pixel/partner.yaml:9)" in agency,
          f"shop: pixel's relation is not shown as active: {agency!r}")
    check("Enabled on the project: ✓ done true (projects/shop/project.yaml:36)" in agency,
          "shop: pixel is not shown as enabled")
    people = {r.find_element(By.CSS_SELECTOR, "th").text: r.text
              for r in driver.find_elements(By.CSS_SELECTOR, "#agency-pixel tbody tr")}
    check(sorted(people) == ["pixel/gus", "pixel/ivo"], f"shop: pixel's people are {sorted(people)}")
    check(people.get("pixel/gus") == "pixel/gus ✓ done partners/pixel/partner.yaml:17 ✓ done editor (projects/shop/project.yaml:38) editor",
          f"shop: pixel/gus's row is {people.get('pixel/gus')!r}")

    # hana's page: why she has no access to shop, the missing steps named.
    visit("subjects/pixel.hana.html", "subject-pixel-hana")
    why = driver.find_element(By.ID, "why-not").find_element(By.XPATH, "following-sibling::table").text
    check("the owner of agency pixel has not activated hana on shop" in why, f"hana's page: why not is {why!r}")
finally:
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)

if problems:
    print("\n".join(problems))
    sys.exit(1)
print("ok")
