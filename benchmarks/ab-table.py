#!/usr/bin/env python3
"""Turns JMH JSON result files (-rf json) of two builds of the same benchmarks into one Markdown table comparing
them: a row per benchmark method and parameter set, with each build's score per run, the ratio of the mean scores
(after / before), the heap bytes allocated per operation (gc.alloc.rate.norm from -prof gc, mean over the runs)
and, where a benchmark reports the auxiliary counters `directBytes` and `requests` (ProduceRequestEncodeBenchmark),
the direct bytes per request.

Usage: python3 benchmarks/ab-table.py before1.json [before2.json ...] -- after1.json [after2.json ...]"""
import json
import sys


def secondary(entry, name):
    for key, metric in entry.get("secondaryMetrics", {}).items():
        if key.lstrip("\u00b7:") == name:
            return metric["score"]
    return None


def load(path):
    """{(benchmark, params): (score, unit, heap B/op, direct B/request)} of one result file."""
    with open(path) as f:
        results = json.load(f)
    rows = {}
    for entry in results:
        name = entry["benchmark"].rsplit(".", 2)
        name = name[-2].replace("Benchmark", "") + "." + name[-1]
        params = ", ".join(f"{k}={v}" for k, v in entry.get("params", {}).items())
        metric = entry["primaryMetric"]
        direct, requests = secondary(entry, "directBytes"), secondary(entry, "requests")
        per_request = direct / requests if direct is not None and requests else None
        rows[(name, params)] = (metric["score"], metric["scoreUnit"], secondary(entry, "gc.alloc.rate.norm"),
                                per_request)
    return rows


def mean(values):
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def fmt(value, digits=0):
    return "" if value is None else f"{value:,.{digits}f}"


def main(args):
    split = args.index("--")
    before = [load(p) for p in args[:split]]
    after = [load(p) for p in args[split + 1:]]
    keys = [k for k in before[0] if all(k in r for r in before + after)]
    unit = before[0][keys[0]][1]
    print(f"| benchmark | case | before ({unit}) | after ({unit}) | after / before | before B/op | after B/op "
          f"| after / before B/op | before direct B/req | after direct B/req |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for key in keys:
        b, a = [r[key] for r in before], [r[key] for r in after]
        b_score, a_score = mean([x[0] for x in b]), mean([x[0] for x in a])
        b_heap, a_heap = mean([x[2] for x in b]), mean([x[2] for x in a])
        b_direct, a_direct = mean([x[3] for x in b]), mean([x[3] for x in a])
        heap_ratio = f"{a_heap / b_heap:.2f}" if b_heap and a_heap is not None else ""
        print(f"| {key[0]} | {key[1]} | {' / '.join(fmt(x[0]) for x in b)} | {' / '.join(fmt(x[0]) for x in a)} "
              f"| **{a_score / b_score:.2f}** | {fmt(b_heap)} | {fmt(a_heap)} | {heap_ratio} | {fmt(b_direct)} "
              f"| {fmt(a_direct)} |")


if __name__ == "__main__":
    if "--" not in sys.argv[1:]:
        sys.exit(__doc__)
    main(sys.argv[1:])
