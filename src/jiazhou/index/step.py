"""The base of every pipeline step: scikit-learn conventions.

The constructor only stores its parameters; ``fit`` learns from a data set and returns ``self``;
learned state ends in ``_``; ``transform`` applies what was learned. Parameters are read back
from the constructor signature, so ``repr`` and ``get_params`` need no code in the steps.
"""

from __future__ import annotations

import inspect
from functools import cache
from typing import Any, Self

from jiazhou.index.dataset import Dataset
from jiazhou.index.framework import Framework

__all__ = ["Step"]


@cache
def _param_names(name: str, init: Any) -> tuple[str, ...]:
    return tuple(p for p in inspect.signature(init).parameters if p != "self")


class Step:
    """A pipeline step; subclasses implement ``fit`` and ``transform``."""

    name = "step"

    def get_params(self) -> dict[str, Any]:
        """Constructor parameters, by name."""
        cls = type(self)
        return {p: getattr(self, p) for p in _param_names(cls.__qualname__, cls.__init__)}

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({args})"

    def fit(self, data: Dataset, framework: Framework) -> Self:
        """Learn from ``data``; return ``self``."""
        raise NotImplementedError

    def transform(self, data: Dataset) -> Dataset:
        """Apply what ``fit`` learned."""
        raise NotImplementedError

    def fit_transform(self, data: Dataset, framework: Framework) -> Dataset:
        """``fit`` then ``transform`` on the same data."""
        return self.fit(data, framework).transform(data)
