#!/usr/bin/env python3
"""Print each cited statement of an assay draft next to the lines it cites, for a hand check.

usage: scripts/cited-lines.py DRAFT.md CHECKOUT [--section NAME] [--sample N --seed S]

A statement is a draft line with at least one `[path:line](...)` citation. For each, the
section it sits in, the statement (citations removed), and every cited line as the
checkout has it. Reads only the files named by the draft, inside CHECKOUT.
"""
import argparse
import os
import random
import re
import sys

CITE = re.compile(r"\[([^\]\s]+?):(\d+)\]\([^)]*\)")
CITE_FILE = re.compile(r"\[([^\]\s:]+\.[A-Za-z0-9]+)\]\([^)]*\)")


def cited_line(root, path, line):
    full = os.path.realpath(os.path.join(root, path))
    if not full.startswith(os.path.realpath(root) + os.sep):
        return "<outside the checkout>"
    try:
        with open(full, "rb") as f:
            for i, raw in enumerate(f, 1):
                if i == line:
                    return raw.decode("utf-8", "replace").rstrip()
                if i > line:
                    break
    except OSError as e:
        return f"<unreadable: {e.strerror}>"
    return "<no such line>"


def statements(draft):
    section = ""
    for n, text in enumerate(open(draft, encoding="utf-8"), 1):
        if text.startswith("#"):
            section = text.strip("# \n")
            continue
        cites = CITE.findall(text)
        if not cites or text.lstrip().startswith(">"):
            continue
        stmt = CITE.sub("", text).replace("()", "").replace("(, )", "").strip()
        yield n, section, stmt, [(p.replace("\\_", "_").replace("\\*", "*"), int(l)) for p, l in cites]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("draft")
    ap.add_argument("checkout")
    ap.add_argument("--section")
    ap.add_argument("--sample", type=int)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    items = [s for s in statements(a.draft) if not a.section or a.section.lower() in s[1].lower()]
    if a.sample and a.sample < len(items):
        items = sorted(random.Random(a.seed).sample(items, a.sample))
    for n, section, stmt, cites in items:
        print(f"--- {os.path.basename(a.draft)}:{n} [{section}]")
        print(f"    {stmt[:400]}")
        for p, l in cites:
            print(f"    {p}:{l}: {cited_line(a.checkout, p, l)[:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
