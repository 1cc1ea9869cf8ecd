#!/usr/bin/env python3
"""Reads JUnit XML written by `orgtree validate --format junit` with junitparser (PyPI), a
reader independent of orgtree, checks that every count attribute matches the test cases,
and prints what it read as one JSON document for the tests to compare with the tree:

  {"suites": [{"name", "tests", "failures", "errors", "skipped",
               "cases": [{"name", "classname", "file", "line", "result", "type",
                          "message", "text", "system_out"}]}],
   "problems": ["..."]}

`result` is passed, failure, error or skipped. Exit 0 when the document parses and its
counts add up, 1 otherwise (the problems say why). Usage: check-junit.py FILE
"""
import json
import sys

from junitparser import Error, Failure, JUnitXml, Skipped


def result_of(case):
    for result in case.result:
        kind = {Failure: "failure", Error: "error", Skipped: "skipped"}.get(type(result))
        if kind:
            return kind, result
    return "passed", None


def main(path):
    xml = JUnitXml.fromfile(path)
    problems = []
    suites = []
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for suite in xml:
        cases = []
        for case in suite:
            kind, result = result_of(case)
            line = case._elem.get("line")
            cases.append({
                "name": case.name,
                "classname": case.classname,
                "file": case._elem.get("file"),
                "line": int(line) if line is not None else None,
                "result": kind,
                "type": result.type if result is not None else None,
                "message": result.message if result is not None else None,
                "text": result.text if result is not None else None,
                "system_out": case.system_out,
            })
        counted = {k: sum(1 for c in cases if c["result"] == k) for k in ("failure", "error", "skipped")}
        for attribute, actual in (("tests", len(cases)), ("failures", counted["failure"]),
                                  ("errors", counted["error"]), ("skipped", counted["skipped"])):
            if getattr(suite, attribute) != actual:
                problems.append(f"suite {suite.name}: {attribute}={getattr(suite, attribute)}, but {actual} such test cases")
        totals["tests"] += len(cases)
        totals["failures"] += counted["failure"]
        totals["errors"] += counted["error"]
        suites.append({"name": suite.name, "tests": suite.tests, "failures": suite.failures,
                       "errors": suite.errors, "skipped": suite.skipped, "cases": cases})
    for attribute, actual in totals.items():
        written = xml._elem.get(attribute)
        if written is None or int(written) != actual:
            problems.append(f"testsuites: {attribute}={written}, but {actual} in its suites")
    print(json.dumps({"suites": suites, "problems": problems}, indent=1, sort_keys=True))
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
