"""Compare two runs' sessions mutant by mutant (e.g. the fork and the cosmic-ray executor).

    python mutation/run.py src/jiazhou/uscc.py --keep                       # run-<A>
    python mutation/run.py src/jiazhou/uscc.py --keep --executor cosmic-ray # run-<B>
    python mutation/compare.py var/mutation/run-<A> var/mutation/run-<B>

A mutant is named by its module, operator and occurrence (the job ids differ between
sessions). Prints, per module of both runs, how many mutants agree (killed/killed, survived/survived,
skipped on both sides) and every disagreement with the line and both outputs' last lines.
Exit status 1 when any counted mutant disagrees.
"""

from __future__ import annotations

import sys
from pathlib import Path

from cosmic_ray.work_db import WorkDB, use_db
from cosmic_ray.work_item import TestOutcome, WorkerOutcome


def _outcomes(run: Path) -> dict[tuple[str, str, int], tuple[str, str, int]]:
    """(module, operator, occurrence) → (outcome, output, line) of every session in ``run``."""
    found = {}
    for session in sorted(run.glob("*.sqlite")):
        with use_db(str(session), WorkDB.Mode.open) as db:
            results = dict(db.results)
            for item in db.work_items:
                m = item.mutations[0]
                module = m.module_path.as_posix().split("/tree/", 1)[-1]
                result = results.get(item.job_id)
                if result is None:
                    outcome, output = "pending", ""
                elif result.worker_outcome == WorkerOutcome.SKIPPED:
                    outcome, output = f"skipped {result.output or 'equivalent'}", ""
                elif result.test_outcome == TestOutcome.SURVIVED:
                    outcome, output = "survived", result.output or ""
                elif result.output == "timeout":
                    outcome, output = "killed (timeout)", "timeout"
                else:
                    outcome, output = "killed", result.output or ""
                found[(module, m.operator_name, m.occurrence)] = (outcome, output, m.start_pos[0])
    return found


def _last(output: str) -> str:
    lines = [line for line in output.strip().splitlines() if line.strip()]
    return lines[-1][:160] if lines else ""


def main(argv: list[str]) -> int:
    first, second = (_outcomes(Path(a)) for a in argv[:2])
    modules = sorted({key[0] for key in first} & {key[0] for key in second})
    for module in sorted({key[0] for key in first} ^ {key[0] for key in second}):
        print(f"compare: {module} is in one run only")
    disagreed = 0
    print(f"{'module':<40}{'both killed':>12}{'both surv.':>11}{'both skip':>10}{'differ':>8}")
    for module in modules:
        keys = sorted(k for k in set(first) | set(second) if k[0] == module)
        killed = survived = skipped = 0
        differ = []
        for key in keys:
            a = first.get(key, ("absent", "", 0))
            b = second.get(key, ("absent", "", 0))
            kind_a, kind_b = a[0].split(" ")[0], b[0].split(" ")[0]
            if kind_a == kind_b == "killed":
                killed += 1
            elif kind_a == kind_b == "survived":
                survived += 1
            elif a[0] == b[0] and kind_a == "skipped":
                skipped += 1
            else:
                differ.append((key, a, b))
        disagreed += len(differ)
        print(f"{module:<40}{killed:>12}{survived:>11}{skipped:>10}{len(differ):>8}")
        for (_, operator, occurrence), a, b in differ:
            print(f"  differ: line {a[2] or b[2]} {operator} #{occurrence}: {a[0]} vs {b[0]}")
            print(f"    first:  {_last(a[1])}")
            print(f"    second: {_last(b[1])}")
    return 1 if disagreed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
