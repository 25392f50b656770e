"""Re-test the mutants a run reported as surviving, against the current tests.

    python mutation/run.py --survivors ... > run.log
    python mutation/recheck.py run.log

Each ``survived:`` line of the log names the module, operator and occurrence; the mutant is
applied to a fresh copy of the tree (the module's source must not have changed since the
run) and the module's whole test list is run once with ``cosmic-ray mutate-and-test`` (one
``python -m pytest``, run.py's pytest options; whichever executor made the log). Prints the
mutants that still survive and how many of the rechecked ones are killed now.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import run  # mutation/run.py

_LINE = re.compile(r"^survived: (?P<module>\S+?):(?P<line>\d+) (?P<op>\S+) #(?P<occ>\d+): ")


def main(argv: list[str]) -> int:
    survivors = [m for line in Path(argv[0]).read_text().splitlines() if (m := _LINE.match(line))]
    _, modules = run._config()
    tests = {m.as_posix(): t for m, t in modules}
    run.WORK.mkdir(parents=True, exist_ok=True)
    run._copy_tree()
    still = 0
    try:
        for m in survivors:
            module = m["module"]
            command = (
                f"env PYTHONPATH={run.TREE / 'src'}:{run.HERE} {sys.executable} -m pytest "
                f"{' '.join(run.PYTEST_OPTIONS)} {' '.join(tests[module])}"
            )
            result = subprocess.run(
                [
                    str(Path(sys.executable).parent / "cosmic-ray"),
                    "mutate-and-test",
                    str(run.TREE / module),
                    m["op"],
                    m["occ"],
                    command,
                ],
                cwd=run.TREE,
                capture_output=True,
                text=True,
            )
            alive = '"test_outcome": "survived"' in result.stdout
            still += alive
            print(
                f"{'survives' if alive else 'killed  '} {module}:{m['line']} {m['op']} #{m['occ']}",
                flush=True,
            )
    finally:
        import shutil

        shutil.rmtree(run.WORK, ignore_errors=True)
    print(f"recheck: {still} of {len(survivors)} still survive")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
