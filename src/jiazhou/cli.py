"""The ``jiazhou`` command: engines on files (CSV, XLSX, Parquet), no database needed.

Each engine package contributes its sub-commands through a ``register(subparsers)`` function in
its own ``cli`` module; this module only assembles them.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

COMMAND_MODULES = ("jiazhou.schemes.cli", "jiazhou.index.cli")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every engine's sub-commands."""
    parser = argparse.ArgumentParser(
        prog="jiazhou", description="嘉州 Jiazhou engines: scoring schemes and composite indices"
    )
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: parse, run the chosen sub-command, return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    code: int = args.handler(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
