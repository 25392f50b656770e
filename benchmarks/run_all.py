"""Run every benchmark script in this folder, one after another, and print their output.

Each ``bench_*.py`` measures its own baseline in the same run and prints the ratio, so the
figures are comparable on whatever machine runs them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Scripts whose full size takes many minutes run at a smaller size here (their own flag).
ARGS: dict[str, list[str]] = {
    "bench_scoring_store.py": ["--quick"],  # 10,000 firms; the issue-21 goal is 100,000
}


def main() -> int:
    failures = 0
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"\n=== {script.name} ===", flush=True)
        command = [sys.executable, str(script), *ARGS.get(script.name, [])]
        failures += subprocess.call(command) != 0  # noqa: S603
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
