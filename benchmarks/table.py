"""``python -m benchmarks.table [results/full.json]``: the results of a run as the README's Markdown table,
so the figures there are copied by a program, never typed."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _seconds(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def table(results: dict[str, Any]) -> str:
    machine = results["machine"]
    lines = [
        f"Last `--size {results['size']}` run: {results['seconds']:.0f} s on {machine['cpus']} cores, "
        f"{machine['machine']}, Python {machine['python']} ({machine['system']}).",
        "",
        "| id | workload | ours | floor (same run) | ratio | peak memory | target | met |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for f in results["figures"]:
        ratio = f"{f['ratio']:.2f}" if f["ratio"] is not None else "—"
        met = {True: "yes", False: "**no**", None: "—"}[f["met"]]
        lines.append(
            f"| {f['id']} | {f['workload']} | {f['statistic']} {_seconds(f['ours'])} | {_seconds(f['floor'])} | "
            f"{ratio} | {f['peak_mb']:.0f} MB | {f['target']} | {met} |"
        )
    return "\n".join(lines)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "results" / "full.json"
    print(table(json.loads(path.read_text(encoding="utf-8"))))


if __name__ == "__main__":
    main()
