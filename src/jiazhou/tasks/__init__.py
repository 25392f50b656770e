"""The 督办 task engine: lifecycle stages and steps as data, status lights, one palette.

No Django here: the web layer (``jiazhou_web.supervision``) turns its rows into
:class:`TaskFacts`, asks :func:`task_lights` for a list's lights in one call, and asks
:func:`available_steps` which buttons to show and which actions to allow.
"""

from jiazhou.tasks.lights import PROVISIONAL_NOTE, Reading, TaskFacts, task_light, task_lights
from jiazhou.tasks.palette import PALETTE, Light, Swatch
from jiazhou.tasks.stages import (
    AWAITING_CHECK,
    OPEN_STAGES,
    STEPS,
    Stage,
    Step,
    TransitionError,
    available_steps,
    check_step,
    step,
)

__all__ = [
    "AWAITING_CHECK",
    "OPEN_STAGES",
    "PALETTE",
    "PROVISIONAL_NOTE",
    "STEPS",
    "Light",
    "Reading",
    "Stage",
    "Step",
    "Swatch",
    "TaskFacts",
    "TransitionError",
    "available_steps",
    "check_step",
    "step",
    "task_light",
    "task_lights",
]
