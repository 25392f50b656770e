"""Jiazhou (嘉州) engines: framework-free computation for innovation governance.

Sub-packages:

- ``jiazhou.schemes``   — the scoring engine (schemes as data: 高企, 科小, 专精特新, 瞪羚 ...)
- ``jiazhou.index``     — composite-indicator toolkit (COINr-complete, vectorised)
- ``jiazhou.targets``   — target attainment, 序时进度, projections, status lights
- ``jiazhou.worktime``  — working-day calendar with 调休, deadlines and SLA clocks
- ``jiazhou.synthetic`` — synthetic enterprise populations (模拟数据) for demos and benchmarks

Nothing here imports Django (an import-linter contract enforces it).
"""

__version__ = "0.1.0"
