"""Clauses over a population: eligibility (scheme engine), amounts, stacking, caps, budget, split.

:func:`evaluate` scores every clause's eligibility with :func:`jiazhou.schemes.score_many` — the
engine and explanation rows of the qualification schemes — and prices the firms with the
clause's formula (:mod:`jiazhou.policies.amounts`). The result is one long row per firm × clause:
``status`` (``pass``/``review``/``unknown``/``fail``) and ``computed`` (分).

:func:`allocate` then applies, in this declared order, each step recording its cut (spec §1.5):

1. stacking ``exclusive`` within a stacking group: the lowest ``priority`` (then the larger
   amount) is kept, the others cut to 0 (「同一企业不得重复享受」);
2. the policy's per-firm-per-year cap, filled in priority order (the lower-priority clause is cut);
3. the bureau's per-firm-per-year cap across policies, in the same order;
4. each clause's budget line: ``prorata`` scales every award by budget / Σ (floored to 分),
   ``rank`` pays in descending amount while the running total fits, ``none`` records the excess;
5. the city/county split: ``city = floor(amount × r_city)``, county the rest (r_city unknown →
   no split).

Only firms with every gate ``met`` (``pass``) and a positive amount are candidates: an
``unknown`` keeps a firm off the 免申即享 list until the data arrive (§1.6, test 1.9.7).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from jiazhou.policies.amounts import clause_expr
from jiazhou.policies.model import Clause, Policy
from jiazhou.schemes import ScoreResult, score_many

LONG_SCHEMA = {
    "uscc": pl.String,
    "clause": pl.String,
    "policy": pl.String,
    "status": pl.String,
    "computed": pl.Int64,
}
CUT_SCHEMA = {
    "uscc": pl.String,
    "policy": pl.String,
    "clause": pl.String,
    "step": pl.String,
    "before": pl.Int64,
    "after": pl.Int64,
}
STEP_ZH = {
    "exclusive": "同组不得重复享受（择优）",
    "policy_cap": "同一政策每企业每年上限",
    "firm_year_cap": "每企业每年奖补总额上限",
    "prorata": "预算不足，按比例核减",
    "rank": "预算不足，按排序截止",
    "over_budget": "超出预算（未定核减规则，须决定）",
}


@dataclass
class Evaluation:
    """Per clause: the scheme result; ``long``: one row per firm × clause."""

    clauses: tuple[Clause, ...]
    results: dict[str, ScoreResult]
    long: pl.DataFrame
    region: pl.DataFrame  # uscc, region_code

    def candidates(self) -> pl.DataFrame:
        """Firms with every condition met and a positive amount (免申即享 list)."""
        return self.long.filter((pl.col("status") == "pass") & (pl.col("computed") > 0))

    def result(self, clause: str) -> ScoreResult:
        """The scheme result of a clause by key (``policy/code``) or by a code used once."""
        if clause in self.results:
            return self.results[clause]
        found = [r for k, r in self.results.items() if k.split("/", 1)[1] == clause]
        if len(found) != 1:
            raise KeyError(f"条款 {clause} 不存在或不唯一 / unknown or ambiguous clause {clause!r}")
        return found[0]

    def explain(self, uscc: str, clause_code: str) -> dict[str, Any]:
        """Every condition with value, requirement, gap (the 'why not eligible' page)."""
        return self.result(clause_code).explain(uscc)


def _clauses(items: Iterable[Policy | Clause]) -> tuple[Clause, ...]:
    out: list[Clause] = []
    for x in items:
        out.extend(x.clauses if isinstance(x, Policy) else (x,))
    return tuple(out)


def evaluate(
    items: Iterable[Policy | Clause],
    panel: pl.DataFrame,
    year: int,
    identity: pl.DataFrame | None = None,
) -> Evaluation:
    """Evaluate clauses over a panel (``uscc`` × ``fiscal_year``) for application year ``year``."""
    clauses = _clauses(items)
    results = score_many(panel, [c.scheme for c in clauses], year, identity=identity)
    frames = []
    region = pl.DataFrame(schema={"uscc": pl.String, "region_code": pl.String})
    for clause, result in zip(clauses, results, strict=True):
        wide = result.wide
        if "region_code" in wide.columns and region.height == 0:
            region = wide.select("uscc", pl.col("region_code").cast(pl.String))
        frames.append(
            wide.select(
                "uscc",
                pl.lit(clause.code).alias("clause"),
                pl.lit(clause.policy_code).alias("policy"),
                pl.col("status").cast(pl.String),
                clause_expr(clause).alias("computed"),
            )
        )
    long = pl.concat(frames) if frames else pl.DataFrame(schema=LONG_SCHEMA)
    return Evaluation(
        clauses, {_key(c): r for c, r in zip(clauses, results, strict=True)}, long, region
    )


def _key(c: Clause) -> str:
    """A clause's key across policies (clause codes repeat between policies)."""
    return f"{c.policy_code}/{c.code}"


def _with_policy(awards: pl.DataFrame, clauses: Sequence[Clause]) -> pl.DataFrame:
    """Awards carry their policy; without the column, clause codes must name one clause each."""
    if "policy" in awards.columns:
        return awards
    owners: dict[str, set[str]] = {}
    for c in clauses:
        owners.setdefault(c.code, set()).add(c.policy_code)
    ambiguous = sorted(k for k, v in owners.items() if len(v) > 1)
    if ambiguous:
        raise ValueError(
            f"条款编号在多项政策中重复，须给出 policy 列 / ambiguous clause codes: {ambiguous}"
        )
    mapping = {k: next(iter(v)) for k, v in owners.items()}
    return awards.with_columns(
        pl.col("clause")
        .replace_strict(mapping, default=None, return_dtype=pl.String)
        .alias("policy")
    )


def _capped(by: Sequence[str | pl.Expr], cap: pl.Expr) -> pl.Expr:
    """The amount left once earlier rows (in frame order) of the same ``by`` used the cap."""
    before = pl.col("amount").cum_sum().over(by) - pl.col("amount")
    return pl.min_horizontal(pl.col("amount"), (cap - before).clip(lower_bound=0))


def allocate(
    awards: pl.DataFrame,
    clauses: Sequence[Clause],
    policies: Sequence[Policy] = (),
    firm_year_cap: int | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Awards (``uscc``, ``clause``, ``computed`` 分) → (final awards, cuts). See the module doc.

    The final frame has ``amount`` (分), ``city`` and ``county`` shares; ``cuts`` one row per
    change with ``step``, ``before`` and ``after``.
    """
    meta = pl.DataFrame(
        {
            "clause": [c.code for c in clauses],
            "policy": [c.policy_code for c in clauses],
            "_k": [_key(c) for c in clauses],
            "priority": [c.priority for c in clauses],
            "stacking": [c.stacking for c in clauses],
            "group": [c.stacking_group for c in clauses],
            "r_num": [None if c.r_city is None else c.r_city.numerator for c in clauses],
            "r_den": [None if c.r_city is None else c.r_city.denominator for c in clauses],
        },
        schema={
            "clause": pl.String,
            "policy": pl.String,
            "_k": pl.String,
            "priority": pl.Int64,
            "stacking": pl.String,
            "group": pl.String,
            "r_num": pl.Int64,
            "r_den": pl.Int64,
        },
    )
    caps = {p.code: p.firm_year_cap for p in policies if p.firm_year_cap is not None}
    # integer keys for the sort and the windows (much faster than strings on 100,000 firms):
    # a firm id in first-seen order, and policy / group / clause numbers
    policy_ids = {code: n for n, code in enumerate(sorted({c.policy_code for c in clauses}))}
    group_ids = {g: n for n, g in enumerate(sorted({c.stacking_group for c in clauses}))}
    clause_ids = {_key(c): n for n, c in enumerate(sorted(clauses, key=_key))}
    firms = awards.select(pl.col("uscc").unique(maintain_order=True)).with_row_index("_fid")
    f = (
        _with_policy(awards, clauses)
        .select("uscc", "policy", "clause", pl.col("computed").alias("amount"))
        .join(meta, on=["policy", "clause"], how="left")
        .join(firms, on="uscc", how="left")
        .with_columns(
            pl.col("_k")
            .replace_strict(clause_ids, default=-1, return_dtype=pl.Int32)
            .alias("_cid"),
            pl.col("policy")
            .replace_strict(policy_ids, default=-1, return_dtype=pl.Int32)
            .alias("_pid"),
            pl.col("group")
            .replace_strict(group_ids, default=-1, return_dtype=pl.Int32)
            .alias("_gid"),
        )
        .sort("_fid", "priority", "_cid")
    )
    cuts: list[pl.DataFrame] = []

    def step(frame: pl.DataFrame, name: str, new: pl.Expr) -> pl.DataFrame:
        out = frame.with_columns(new.alias("_new"))
        changed = out.filter(pl.col("_new") != pl.col("amount"))
        if changed.height:
            cuts.append(
                changed.select(
                    "uscc",
                    "policy",
                    "clause",
                    pl.lit(name).alias("step"),
                    pl.col("amount").alias("before"),
                    pl.col("_new").alias("after"),
                )
            )
        return out.with_columns(pl.col("_new").alias("amount")).drop("_new")

    # 1. exclusive groups: keep the first by priority, then the larger amount (then clause order)
    if any(c.stacking == "exclusive" and c.stacking_group for c in clauses):
        excl = (pl.col("stacking") == "exclusive") & (pl.col("group") != "")
        key = pl.col("priority") * (1 << 40) - pl.col("amount")
        f = f.with_columns(
            pl.when(excl)
            .then(key.rank("ordinal").over("_fid", "_gid", excl))
            .otherwise(1)
            .alias("_pick")
        )
        f = step(f, "exclusive", pl.when(pl.col("_pick") > 1).then(0).otherwise(pl.col("amount")))
        f = f.drop("_pick")
    # 2. policy cap per firm-year
    if caps:
        by_id = {policy_ids[k]: v for k, v in caps.items() if k in policy_ids}
        cap = pl.col("_pid").replace_strict(by_id, default=None, return_dtype=pl.Int64)
        f = step(
            f,
            "policy_cap",
            pl.when(cap.is_null()).then(pl.col("amount")).otherwise(_capped(("_fid", "_pid"), cap)),
        )
    # 3. bureau cap per firm-year
    if firm_year_cap is not None:
        f = step(f, "firm_year_cap", _capped(("_fid",), pl.lit(firm_year_cap, dtype=pl.Int64)))
    # 4. budget lines: totals per clause once, then one pass per rule
    budgets = {_key(c): c for c in clauses if c.budget is not None}
    if budgets:
        totals = dict(
            f.filter(pl.col("_k").is_in(list(budgets)))
            .group_by("_k")
            .agg(pl.col("amount").sum())
            .iter_rows()
        )
        over = {k: c for k, c in budgets.items() if totals.get(k, 0) > (c.budget or 0)}
        prorata = {k: c for k, c in over.items() if c.over_budget_rule == "prorata"}
        if prorata:
            bud = {k: c.budget for k, c in prorata.items()}
            tot = {k: totals[k] for k in prorata}
            mine = pl.col("_k").is_in(list(prorata))
            scaled = (
                pl.col("amount")
                * pl.col("_k").replace_strict(bud, default=1, return_dtype=pl.Int64)
                // pl.col("_k").replace_strict(tot, default=1, return_dtype=pl.Int64)
            )
            f = step(f, "prorata", pl.when(mine).then(scaled).otherwise(pl.col("amount")))
        for c in (c for c in over.values() if c.over_budget_rule == "rank"):
            mine = pl.col("_k") == _key(c)
            order = (
                f.with_row_index("_i")
                .sort(pl.col("_k") != _key(c), -pl.col("amount"), "uscc")
                .with_columns(
                    (pl.when(mine).then(pl.col("amount")).otherwise(0).cum_sum() <= c.budget).alias(
                        "_fits"
                    )
                )
                .sort("_i")
            )
            f = f.with_columns(order["_fits"])
            f = step(
                f, "rank", pl.when(mine & ~pl.col("_fits")).then(0).otherwise(pl.col("amount"))
            )
            f = f.drop("_fits")
        unruled = [k for k, c in over.items() if c.over_budget_rule == "none"]
        if unruled:
            cuts.append(
                f.filter(pl.col("_k").is_in(unruled)).select(
                    "uscc",
                    "policy",
                    "clause",
                    pl.lit("over_budget").alias("step"),
                    pl.col("amount").alias("before"),
                    pl.col("amount").alias("after"),
                )
            )
    # 5. split
    f = f.with_columns(
        (pl.col("amount") * pl.col("r_num") // pl.col("r_den")).alias("city"),
    ).with_columns((pl.col("amount") - pl.col("city")).alias("county"))
    final = f.select("uscc", "clause", "policy", "priority", "amount", "city", "county")
    cut = pl.concat(cuts) if cuts else pl.DataFrame(schema=CUT_SCHEMA)
    return final, cut


@dataclass
class Simulation:
    """What a draft costs: firms, money, by county and clause, and what caps and budget cut."""

    awards: pl.DataFrame
    cuts: pl.DataFrame
    evaluation: Evaluation

    @property
    def firms(self) -> int:
        return int(self.awards.filter(pl.col("amount") > 0)["uscc"].n_unique())

    @property
    def total(self) -> int:
        return int(self.awards["amount"].sum() or 0)

    def by_county(self) -> pl.DataFrame:
        """County (region code) → firms and amount, 分."""
        return (
            self.awards.filter(pl.col("amount") > 0)
            .join(self.evaluation.region, on="uscc", how="left")
            .group_by(pl.col("region_code").fill_null(""))
            .agg(pl.col("uscc").n_unique().alias("firms"), pl.col("amount").sum())
            .sort("region_code")
        )

    def by_clause(self) -> pl.DataFrame:
        status = self.evaluation.long.group_by("policy", "clause").agg(
            (pl.col("status") == "unknown").sum().alias("unknown"),
            (pl.col("status") == "review").sum().alias("review"),
        )
        return (
            self.awards.group_by("policy", "clause")
            .agg(
                (pl.col("amount") > 0).sum().alias("firms"),
                pl.col("amount").sum(),
                pl.col("city").sum(),
                pl.col("county").sum(),
            )
            .join(status, on=["policy", "clause"], how="full", coalesce=True)
            .with_columns(pl.col("firms", "amount").fill_null(0))
            .sort("policy", "clause")
        )

    def cut_totals(self) -> pl.DataFrame:
        return (
            self.cuts.group_by("step")
            .agg(pl.len().alias("rows"), (pl.col("before") - pl.col("after")).sum().alias("cut"))
            .sort("step")
        )

    def distribution(
        self, edges: Sequence[int] = (1_000_000, 5_000_000, 10_000_000, 50_000_000)
    ) -> list[tuple[str, int]]:
        """How many firms receive amounts in each range (分 edges; labels in 万元)."""
        totals = (
            self.awards.group_by("uscc").agg(pl.col("amount").sum()).filter(pl.col("amount") > 0)
        )
        out = []
        lo = 0
        for hi in (*edges, None):
            sel = (
                totals.filter(pl.col("amount") > lo)
                if hi is None
                else totals.filter((pl.col("amount") > lo) & (pl.col("amount") <= hi))
            )
            label = (
                f"{lo // 1_000_000}万元以上"
                if hi is None
                else f"{lo // 1_000_000}–{hi // 1_000_000}万元"
            )
            out.append((label, sel.height))
            if hi is not None:
                lo = hi
        return out


def simulate(
    items: Iterable[Policy | Clause],
    panel: pl.DataFrame,
    year: int,
    identity: pl.DataFrame | None = None,
    firm_year_cap: int | None = None,
) -> Simulation:
    """Run draft clauses over the population: candidates priced, stacked, capped and prorated."""
    items = list(items)
    policies = [x for x in items if isinstance(x, Policy)]
    ev = evaluate(items, panel, year, identity)
    awards, cuts = allocate(ev.candidates(), ev.clauses, policies, firm_year_cap)
    return Simulation(awards, cuts, ev)


def explanations(
    ev: Evaluation, clause_code: str, usccs: Sequence[str]
) -> dict[str, list[dict[str, Any]]]:
    """Compact condition rows (id, label, status, value, requirement, gap) for many firms at once
    — what a stored offer keeps, from the scheme engine's long explanation table."""
    result = ev.result(clause_code)
    gates = {g.id: g for g in result.scheme.gates}
    wanted = list(usccs)
    if not wanted:
        return {}
    table = result.details(pl.col("uscc").is_in(wanted)).select(
        "uscc", "criterion", pl.col("status").cast(pl.String), "value", "requirement", "gap"
    )
    out: dict[str, list[dict[str, Any]]] = {u: [] for u in wanted}
    for uscc, crit, status, value, req, gap in table.iter_rows():
        g = gates.get(crit)
        out.setdefault(uscc, []).append(
            {
                "id": crit,
                "label": g.label_zh if g else crit,
                "status": status,
                "value": value,
                "requirement": req,
                "gap": gap,
                "cite": g.cite if g else "",
            }
        )
    return out
