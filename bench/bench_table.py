#!/usr/bin/env python3
"""Turns Google Benchmark JSON output into the Markdown table of PERFORMANCE.md.

    build/bench/assay_bench --benchmark_filter='Analysis|Experiment' \\
        --benchmark_repetitions=5 --benchmark_out=/tmp/b.json --benchmark_out_format=json
    bench/bench_table.py /tmp/b.json

Per benchmark, the best repetition counts (lowest CPU time, as the machine may
be shared); the table gives its wall and CPU time per iteration, the CPU time
per document, MB/s of CPU time (10^6 bytes) and the spread of the repetitions.
Benchmarks timed by hand (".../manual_time") count only their timed region.
"""

import json
import sys


def main():
    data = json.load(open(sys.argv[1]))
    runs = {}
    for b in data["benchmarks"]:
        if b.get("run_type") == "aggregate":
            continue
        runs.setdefault(b["run_name"], []).append(b)
    print("| benchmark | wall per iteration | CPU per iteration | CPU per document | MB/s (CPU) | MB/s range |")
    print("|---|---|---|---|---|---|")
    for name, rs in runs.items():
        # Rates are per CPU second, except for benchmarks timed by hand
        # (UseManualTime: the timed region only), whose rates use that time.
        key = "real_time" if name.endswith("manual_time") else "cpu_time"
        best = min(rs, key=lambda r: r[key])
        rates = [r["bytes_per_second"] / 1e6 for r in rs if "bytes_per_second" in r]
        unit = best["time_unit"]
        scale = {"ns": 1e-3, "us": 1.0, "ms": 1e3}[unit]
        docs = best.get("docs/s")
        per_doc = f"{1e6 / docs:.1f} µs" if docs else "-"
        rate = f"{max(rates):.1f}" if rates else "-"
        spread = f"{min(rates):.1f}–{max(rates):.1f}" if rates else "-"
        cpu = "–" if key == "real_time" else f"{best['cpu_time'] * scale:,.0f} µs"
        print(f"| {name.replace('BM_', '')} | {best['real_time'] * scale:,.0f} µs | {cpu} "
              f"| {per_doc} | {rate} | {spread} |")


if __name__ == "__main__":
    main()
