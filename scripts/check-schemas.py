#!/usr/bin/env python3
"""Check YAML files against orgtree's JSON Schemas, independently of orgtree.

Usage:
    python3 scripts/check-schemas.py --valid sample-org --invalid Tests/Fixtures/schema-invalid

Every YAML file under a --valid tree must pass the schema of its kind; the kind
comes from the file's place in the tree layout (docs/tree-format.md). Every YAML
file in an --invalid directory must FAIL the schema of its kind; there the kind
comes from the file name prefix (`person-bad-mobile.yaml` is a person).
The schemas themselves are checked against the JSON Schema 2020-12 meta-schema.

Prints one line per file, then `N passed, N failed`; exits 1 if anything failed
(2 for usage errors).

Requires: jsonschema (4.x), PyYAML.
"""

import argparse
import json
import os
import re
import sys

try:
    import yaml
    from jsonschema import Draft202012Validator, FormatChecker
    from jsonschema.exceptions import best_match
except ImportError as error:  # pragma: no cover
    sys.stderr.write(f"check-schemas: {error}; run `pip install jsonschema pyyaml`\n")
    sys.exit(2)

KINDS = ("organization", "person", "team", "project", "tokens", "partner", "assertions")
ID = r"[a-z0-9][a-z0-9-]{0,62}"


# ---------------------------------------------------------------------------
# YAML loading by orgtree's scalar rules rather than YAML 1.1 guessing.
#
# PyYAML's SafeLoader resolves plain scalars the YAML 1.1 way: `no`/`on`/`yes`
# become booleans, `012` becomes 10, `1e3` a float, `2028-06-30` a datetime.date.
# orgtree reads scalars by the field's type instead, so here only `true`/`false`
# are booleans, only plain decimal digits without sign or leading zero are
# integers, and the empty scalar, `~` and `null` are null (which no schema
# accepts). Everything else, dates included, stays a string. Quoted scalars are
# always strings.
# ---------------------------------------------------------------------------
class OrgtreeLoader(yaml.SafeLoader):
    """SafeLoader with orgtree's implicit typing and duplicate-key detection."""

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                try:
                    hash(key)
                except TypeError:
                    continue  # SafeConstructor reports unhashable keys itself
                if key in seen:
                    mark = key_node.start_mark
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping", node.start_mark,
                        f"found duplicate key {key!r} (line {mark.line + 1}, column {mark.column + 1})",
                        mark)
                seen[key] = True
        return super().construct_mapping(node, deep=deep)


# Replace (not extend) the inherited resolvers: a fresh dict on this class only.
OrgtreeLoader.yaml_implicit_resolvers = {}
OrgtreeLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
OrgtreeLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:0|[1-9][0-9]*)$"), list("0123456789"))
OrgtreeLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|)$"), ["~", "n", ""])


def load_yaml(path):
    with open(path, "rb") as handle:
        data = handle.read()
    return yaml.load(data.decode("utf-8-sig"), Loader=OrgtreeLoader)


# ---------------------------------------------------------------------------
# Which schema applies to a file
# ---------------------------------------------------------------------------
LAYOUT = [
    (re.compile(r"^organization\.yaml$"), "organization"),
    (re.compile(rf"^people/{ID}\.yaml$"), "person"),
    (re.compile(rf"^teams/{ID}\.yaml$"), "team"),
    (re.compile(rf"^projects/{ID}/project\.yaml$"), "project"),
    (re.compile(rf"^projects/{ID}/tokens\.yaml$"), "tokens"),
    (re.compile(rf"^partners/{ID}/partner\.yaml$"), "partner"),
    (re.compile(rf"^partners/{ID}/people/{ID}\.yaml$"), "person"),
    (re.compile(rf"^assertions/{ID}\.yaml$"), "assertions"),
]


def kind_from_layout(relpath):
    relpath = relpath.replace(os.sep, "/")
    for pattern, kind in LAYOUT:
        if pattern.match(relpath):
            return kind
    return None


def kind_from_prefix(filename):
    for kind in KINDS:
        if filename.startswith(kind + "-"):
            return kind
    return None


def yaml_files(root):
    """YAML files under root, hidden entries skipped, in a stable order."""
    found = []
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            if name.endswith(".yaml") or name.endswith(".yml"):
                found.append(os.path.join(directory, name))
    return found


# ---------------------------------------------------------------------------
# Checking
# ---------------------------------------------------------------------------
def json_path(error):
    path = "$"
    for part in error.absolute_path:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def first_error(validator, document):
    """The most relevant error (jsonschema's best_match), or None."""
    error = best_match(validator.iter_errors(document))
    if error is None:
        return None
    return f"{json_path(error)}: {error.message}"


class Report:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def ok(self, path, note=""):
        self.passed += 1
        print(f"ok    {path}" + (f"  ({note})" if note else ""))

    def fail(self, path, message):
        self.failed += 1
        print(f"FAIL  {path}: {message}")


def load_schemas(schema_dir, report):
    validators = {}
    for kind in KINDS:
        path = os.path.relpath(os.path.join(schema_dir, f"{kind}.schema.json"))
        try:
            with open(path, encoding="utf-8") as handle:
                schema = json.load(handle)
            Draft202012Validator.check_schema(schema)
        except Exception as error:  # missing file, bad JSON or bad schema
            report.fail(path, f"schema unusable: {str(error).splitlines()[0]}")
            continue
        validators[kind] = Draft202012Validator(schema, format_checker=FormatChecker())
        report.ok(path, "valid JSON Schema 2020-12")
    return validators


def check_valid_tree(root, validators, report):
    files = yaml_files(root)
    if not files:
        report.fail(root, "no YAML files found")
    for path in files:
        kind = kind_from_layout(os.path.relpath(path, root))
        if kind is None:
            report.fail(path, "has no place in the tree layout")
            continue
        if kind not in validators:
            report.fail(path, f"no usable {kind} schema")
            continue
        try:
            document = load_yaml(path)
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            report.fail(path, f"not readable as YAML: {' '.join(str(error).split())}")
            continue
        problem = first_error(validators[kind], document)
        if problem is None:
            report.ok(path, kind)
        else:
            report.fail(path, f"[{kind}] {problem}")


def check_invalid_dir(root, validators, report):
    files = yaml_files(root)
    if not files:
        report.fail(root, "no YAML files found")
    for path in files:
        kind = kind_from_prefix(os.path.basename(path))
        if kind is None:
            report.fail(path, f"name must start with one of: {', '.join(k + '-' for k in KINDS)}")
            continue
        if kind not in validators:
            report.fail(path, f"no usable {kind} schema")
            continue
        try:
            document = load_yaml(path)
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            # A fixture must be readable YAML that breaks a schema rule.
            report.fail(path, f"not readable as YAML: {' '.join(str(error).split())}")
            continue
        problem = first_error(validators[kind], document)
        if problem is None:
            report.fail(path, f"[{kind}] expected the schema to reject it, but it passed")
        else:
            report.ok(path, f"rejected as expected: {problem}")


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(
        description="Check orgtree YAML files against the JSON Schemas in schemas/.")
    parser.add_argument("--valid", action="append", default=[], metavar="DIR",
                        help="a tree whose every YAML file must pass (repeatable)")
    parser.add_argument("--invalid", action="append", default=[], metavar="DIR",
                        help="a folder of <kind>-*.yaml files that must each fail (repeatable)")
    parser.add_argument("--schemas", default=os.path.join(here, os.pardir, "schemas"),
                        metavar="DIR", help="folder holding the *.schema.json files (default: ../schemas)")
    args = parser.parse_args(argv)
    if not args.valid and not args.invalid:
        parser.error("give at least one --valid or --invalid directory")
    for directory in args.valid + args.invalid:
        if not os.path.isdir(directory):
            parser.error(f"not a directory: {directory}")

    report = Report()
    validators = load_schemas(os.path.normpath(args.schemas), report)
    for root in args.valid:
        check_valid_tree(root, validators, report)
    for root in args.invalid:
        check_invalid_dir(root, validators, report)
    print(f"{report.passed} passed, {report.failed} failed")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
