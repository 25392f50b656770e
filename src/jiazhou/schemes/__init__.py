"""The scoring engine: versioned scheme files (TOML) → Polars results with explanations.

Public API: :func:`load_scheme`, :func:`list_schemes`, :func:`score`, :func:`score_many`,
:class:`Scheme`, :class:`ScoreResult`, :func:`prepare_units`, :func:`to_sql`. See design.md §4.
"""

from jiazhou.schemes.engine import (
    MissingColumnsError,
    ScoreResult,
    data_hash,
    list_schemes,
    load_scheme,
    scheme_units,
    score,
    score_many,
)
from jiazhou.schemes.model import Scheme, SchemeError, parse_scheme
from jiazhou.schemes.panel import prepare_units
from jiazhou.schemes.sqlgen import CRITERION_STATES, UNIT_STATES, input_columns, to_sql

__all__ = [
    "CRITERION_STATES",
    "UNIT_STATES",
    "MissingColumnsError",
    "Scheme",
    "SchemeError",
    "ScoreResult",
    "data_hash",
    "input_columns",
    "list_schemes",
    "load_scheme",
    "parse_scheme",
    "prepare_units",
    "scheme_units",
    "score",
    "score_many",
    "to_sql",
]
