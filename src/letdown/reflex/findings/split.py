"""Draw the train/test split of the catalogue, stratified by area, from a seed.

Why stratified: each area (pump, drugs, stress, ...) tests a different mechanism, so
each must keep findings in the held-out part; a plain random third could leave one
area untested. Why a seed: anyone can re-draw the split and get the same result, which
is what shows it was not chosen after seeing how the model fares.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterable

from letdown.reflex.findings.catalogue import AREAS, Finding, Split

TEST_SHARE = 1 / 3


def assign(findings: Iterable[Finding], seed: int) -> dict[str, Split]:
    """Per area, put round(n/3) findings (chosen by ``seed``) in ``test``."""
    rng = random.Random(seed)
    items = list(findings)
    out: dict[str, Split] = {}
    for area in AREAS:
        ids = sorted(f.id for f in items if f.area == area)
        held = set(rng.sample(ids, round(len(ids) * TEST_SHARE)))
        for fid in ids:
            out[fid] = "test" if fid in held else "train"
    return out


_ID_LINE = re.compile(r'^id = "([^"]+)"\s*$')
_SPLIT_LINE = re.compile(r'^split = "(train|test)"\s*$')


def write_split(text: str, assignment: dict[str, Split]) -> str:
    """Return catalogue ``text`` with a ``split = ...`` line after every id line.

    A line edit rather than a TOML re-dump keeps the file's comments and layout, so
    the commit that records the split shows only the split.
    """
    out: list[str] = []
    for line in text.splitlines():
        if _SPLIT_LINE.match(line):
            continue
        out.append(line)
        m = _ID_LINE.match(line)
        if m:
            if m.group(1) not in assignment:
                raise KeyError(f"finding {m.group(1)!r} has no assignment")
            out.append(f'split = "{assignment[m.group(1)]}"')
    return "\n".join(out) + "\n"


def counts(findings: Iterable[Finding]) -> dict[str, Counter[str]]:
    """Findings per area and split (``"all"`` for the totals)."""
    table: dict[str, Counter[str]] = {"all": Counter()}
    for f in findings:
        key = f.split or "unassigned"
        table.setdefault(f.area, Counter())[key] += 1
        table["all"][key] += 1
    return table
