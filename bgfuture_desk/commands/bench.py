"""``bench``: the performance suite, with numbers a person can compare with the targets."""

from __future__ import annotations

import argparse
import json
import os
import sys

from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _, format_number


def cmd_bench(args: argparse.Namespace) -> int:
    from bgfuture_desk.bench import suite, ten_years

    only = list(args.only or [])
    unknown = suite.unknown(only)
    if unknown:
        raise UserError(
            _("Unknown figure or measurement: {names}. Known: {known}.").format(
                names=", ".join(unknown), known=", ".join([*suite.groups_for([]), *suite.KEYS])
            )
        )
    size = ten_years.SMALL if args.small else ten_years.TEN_YEARS

    def progress(name: str) -> None:
        if not args.json:
            print(_("Measuring: {name} …").format(name=name), file=sys.stderr, flush=True)

    results = suite.run_suite(
        only,
        size=size,
        repeat=args.repeat,
        pg_url=args.pg or os.environ.get("BGF_TEST_PG_URL"),
        progress=progress,
    )
    if args.json:
        print(json.dumps({k: _rounded(v) for k, v in results.items()}))
        return 0
    _print_table(suite, results)
    return 0


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _print_table(suite, results: dict[str, float | None]) -> None:
    rows = []
    for figure in suite.FIGURES:
        if figure.key not in results:
            continue
        value = results[figure.key]
        target = suite.target(figure, results)
        shown = (
            _("not measured")
            if value is None
            else f"{format_number(round(value, 2))} {figure.unit}"
        )
        goal = "" if target is None else f"{format_number(round(target, 2))} {figure.unit}"
        verdict = "" if value is None or target is None else ("✓" if value <= target else "✗")
        rows.append((_(figure.label), shown, goal, verdict))
    width = max(len(r[0]) for r in rows)
    print(f"{_('Measured figure'):<{width}}  {_('Measured value'):>14}  {_('Target, at most'):>14}")
    for label, shown, goal, verdict in rows:
        print(f"{label:<{width}}  {shown:>14}  {goal:>14}  {verdict}")
