"""``bench``: the performance suite, with numbers a person can compare with the targets."""

from __future__ import annotations

import argparse
import json

from bgfuture_desk.i18n import _, format_number


def cmd_bench(args: argparse.Namespace) -> int:
    from bgfuture_desk.bench.exchange import run_exchange_benchmark
    from bgfuture_desk.bench.search import run_search_benchmark

    suites = ("search", "exchange") if args.suite == "all" else (args.suite,)
    if "search" in suites:
        result = run_search_benchmark(n_people=args.people)
        if args.json:
            print(json.dumps({"name": "search", **result}, ensure_ascii=False))
        else:
            print(_("Search: {people} people, index built in {build} ms; per keystroke p50 {p50} "
                    "ms, p95 {p95} ms, max {max} ms (target: p95 at most 30 ms)").format(
                people=format_number(result["people"]), build=format_number(result["build_ms"]),
                p50=format_number(result["p50_ms"]), p95=format_number(result["p95_ms"]),
                max=format_number(result["max_ms"])))
    if "exchange" in suites:
        result = run_exchange_benchmark(n_people=args.people)
        if args.json:
            print(json.dumps({"name": "exchange", **result}, ensure_ascii=False))
        else:
            print(_("Export of a ten-year house: {export} s (target at most 3 s); consolidation "
                    "of {houses} houses: {consolidate} s (target at most 30 s), again: {again} s")
                  .format(export=format_number(result["export_s"]), houses=result["houses"],
                          consolidate=format_number(result["consolidate_s"]),
                          again=format_number(result["consolidate_again_s"])))
    return 0
