#!/usr/bin/env python3
"""List findings that a scan reports as present or partial on third-party evidence alone.

A practice of the project must rest on the project's own files. This lists every
finding with status present/partial whose evidence paths all lie in third-party trees:
vendor/, third_party/ (third-party/), node_modules/, depends/, testdata/, and paths the
root .gitattributes marks linguist-vendored or linguist-generated (when the checkout is
given). History findings (no path) are ignored.

Usage:
    check-foreign-evidence.py SCAN.json[=CHECKOUT] ...
    check-foreign-evidence.py --checkouts DIR SCAN.json ...   (CHECKOUT = DIR/<name>,
                                                             name = SCAN minus .scan.json)

Exit 0 when no such finding exists, 1 when some do, 2 on bad input.
"""

import json
import os
import re
import sys

FOREIGN_DIRS = {"vendor", "third_party", "third-party", "node_modules", "depends", "testdata"}
ATTRS = ("linguist-vendored", "linguist-generated")


def glob_to_regex(pattern):
    """A gitattributes pattern (gitignore rules, no negation) as a regex over paths."""
    anchored = "/" in pattern.rstrip("/")
    pattern = pattern.lstrip("/")
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("/**", i) and i + 3 == len(pattern):
            out.append("/.*")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[":
            j = pattern.find("]", i + 1)
            if j < 0:
                out.append(re.escape(c))
                i += 1
            else:
                body = pattern[i + 1 : j].replace("\\", "\\\\")
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append("[" + body + "]")
                i = j + 1
        else:
            out.append(re.escape(c))
            i += 1
    body = "".join(out)
    return re.compile(("^" if anchored else "(?:^|.*/)") + body + "$")


def read_attributes(checkout):
    """Rules (regex, attribute, value) from the root .gitattributes, in file order."""
    rules = []
    if not checkout:
        return rules
    try:
        with open(os.path.join(checkout, ".gitattributes"), encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:
        return rules
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        pattern, attrs = parts[0], parts[1:]
        if pattern.startswith("!") or pattern.endswith("/"):
            continue
        rx = glob_to_regex(pattern)
        for a in attrs:
            value = True
            if a.startswith("-") or a.startswith("!"):
                name, value = a[1:], False
            elif "=" in a:
                name, v = a.split("=", 1)
                value = v.lower() not in ("false", "0", "")
            else:
                name = a
            if name in ATTRS:
                rules.append((rx, name, value))
    return rules


def is_foreign(path, rules):
    if any(c in FOREIGN_DIRS for c in path.split("/")[:-1]):
        return True
    state = {}
    for rx, name, value in rules:
        if rx.match(path):
            state[name] = value
    return any(state.values())


def check(scan_path, checkout):
    with open(scan_path, encoding="utf-8") as f:
        scan = json.load(f)
    rules = read_attributes(checkout)
    bad = []
    for finding in scan.get("findings", []):
        if finding.get("status") not in ("present", "partial"):
            continue
        paths = [e.get("path") for e in finding.get("evidence", []) if e.get("path")]
        if paths and all(is_foreign(p, rules) for p in paths):
            bad.append((finding.get("id"), finding.get("status"), sorted(set(paths))))
    return bad


def main(argv):
    checkouts = None
    args = []
    it = iter(argv)
    for a in it:
        if a == "--checkouts":
            checkouts = next(it, None)
        elif a in ("-h", "--help"):
            print(__doc__)
            return 0
        else:
            args.append(a)
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    total = 0
    for a in args:
        scan_path, _, checkout = a.partition("=")
        if not checkout and checkouts:
            name = os.path.basename(scan_path)
            for suffix in (".scan.json", ".json"):
                if name.endswith(suffix):
                    name = name[: -len(suffix)]
                    break
            checkout = os.path.join(checkouts, name)
        try:
            bad = check(scan_path, checkout or None)
        except (OSError, ValueError) as e:
            print(f"{scan_path}: {e}", file=sys.stderr)
            return 2
        for fid, status, paths in bad:
            shown = ", ".join(paths[:4]) + (" ..." if len(paths) > 4 else "")
            print(f"{scan_path}: {fid} ({status}) rests only on third-party files: {shown}")
        total += len(bad)
    print(f"{total} finding(s) rest only on third-party evidence in {len(args)} scan(s)", file=sys.stderr)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
