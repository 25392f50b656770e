"""A step's parameters are every argument of its constructor, by name (issue 23; the
scikit-learn convention of ``step.py``): ``get_params`` and ``repr`` read them back, the pipeline
clones a step from them, and the uncertainty analysis keys its cache on the ``repr`` — so a
parameter left out would make two different steps look the same.
"""

from __future__ import annotations

from jiazhou.index.impute import Impute
from jiazhou.index.pipeline import clone_step


def test_get_params_lists_every_constructor_argument() -> None:
    step = Impute("regression", group="grp", max_iter=7, tol=0.5, ridge=2.0)
    # names before and after "self" in the alphabet, in the signature's order, "self" left out
    assert step.get_params() == {
        "method": "regression",
        "group": "grp",
        "max_iter": 7,
        "tol": 0.5,
        "ridge": 2.0,
    }
    assert repr(step) == (
        "Impute(method='regression', group='grp', max_iter=7, tol=0.5, ridge=2.0)"
    )


def test_a_clone_keeps_every_parameter() -> None:
    step = Impute("em", max_iter=3, tol=0.25, ridge=0.5)
    clone = clone_step(step)
    assert clone is not step and clone.get_params() == step.get_params()
    assert repr(clone_step(step, {"tol": 0.125})) == (
        "Impute(method='em', group=None, max_iter=3, tol=0.125, ridge=0.5)"
    )
