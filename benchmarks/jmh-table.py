#!/usr/bin/env python3
"""Turns JMH JSON result files (-rf json) of the Brook benchmarks into one Markdown table: a row per case with
Brook's and kafka-clients' mean time, the Brook/Kafka time ratio and, when -prof gc was on, heap bytes allocated
per operation. Given several files (repeated runs), each time and ratio cell lists the runs' values separated by
" / ", in the order of the files; allocation is taken from the first file.

Usage: python3 benchmarks/jmh-table.py run1.json [run2.json ...]

A benchmark method named `brook`/`kafka` or `brookX`/`kafkaX` is one side of a case; the case is the class, the
operation X and the JMH parameters."""
import json
import sys


def alloc_norm(entry):
    for name, metric in entry.get("secondaryMetrics", {}).items():
        if name.lstrip("\u00b7") == "gc.alloc.rate.norm":
            return metric["score"]
    return None


def split(benchmark):
    cls, method = benchmark.rsplit(".", 1)
    cls = cls.rsplit(".", 1)[1].replace("Benchmark", "")
    for side in ("brook", "kafka"):
        if method.startswith(side):
            return cls, method[len(side):].lower(), side
    raise ValueError("not a brook/kafka benchmark: " + benchmark)


def load(path):
    """{(class, operation, params): {side: (score, unit, bytes per op)}} of one result file."""
    with open(path) as f:
        results = json.load(f)
    cases = {}
    for entry in results:
        cls, op, side = split(entry["benchmark"])
        params = ", ".join(f"{k}={v}" for k, v in entry.get("params", {}).items())
        metric = entry["primaryMetric"]
        cases.setdefault((cls, op, params), {})[side] = (metric["score"], metric["scoreUnit"], alloc_norm(entry))
    return cases


def main(paths):
    runs = [load(p) for p in paths]
    unit = next(iter(next(iter(runs[0].values())).values()))[1]
    print(f"| benchmark | case | Brook ({unit}) | kafka-clients ({unit}) | Brook / Kafka | Brook B/op | Kafka B/op |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for key, sides in runs[0].items():
        per_run = [r[key] for r in runs if key in r and "brook" in r[key] and "kafka" in r[key]]
        if not per_run:
            continue
        cls, op, params = key
        brook = " / ".join(f"{s['brook'][0]:.2f}" for s in per_run)
        kafka = " / ".join(f"{s['kafka'][0]:.2f}" for s in per_run)
        ratio = " / ".join(f"{s['brook'][0] / s['kafka'][0]:.2f}" for s in per_run)
        alloc = lambda a: "" if a is None else f"{a:,.0f}"
        name = cls + (" " + op if op else "")
        print(f"| {name} | {params} | {brook} | {kafka} | **{ratio}** | {alloc(sides['brook'][2])} "
              f"| {alloc(sides['kafka'][2])} |")


if __name__ == "__main__":
    main(sys.argv[1:])
