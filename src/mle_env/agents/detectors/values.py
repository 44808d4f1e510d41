"""The abstract values and events of the flow analysis (see ``flow``)."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field, replace

from .base import Loc

DATA_ROLES = frozenset({"full", "param", "train", "test", "each"})


@dataclass(eq=False)
class Obj:
    """An estimator instance (scaler, model, pipeline, CV splitter, …)."""

    cls: str
    kind: str
    loc: Loc
    node: ast.Call
    steps: tuple[Obj, ...] = ()
    fits: list[Event] = field(default_factory=list)
    attrs: dict[str, Val] = field(default_factory=dict)  # ``self.x`` of an instance of a project class

    def effective_kind(self) -> str | None:
        """A pipeline/composite acts as its strongest step: a model, or the leakiest transform."""
        if self.kind not in ("pipeline", "composite"):
            return self.kind
        from .catalog import LEAK_KINDS

        kinds = {s.effective_kind() for s in self.steps} - {None}
        if "model" in kinds or "search" in kinds:
            return "model"
        leaky = [k for k in kinds if k in LEAK_KINDS]
        if leaky:
            return max(leaky, key=LEAK_KINDS.__getitem__)
        return "encoder" if kinds & {"encoder", "vectorizer"} else None

    def all_classes(self) -> set[str]:
        out = {self.cls}
        for s in self.steps:
            out |= s.all_classes()
        return out


@dataclass(frozen=True, eq=False)
class Val:
    roles: frozenset[str] = frozenset()
    roots: frozenset[str] = frozenset()
    fits: frozenset[Event] = frozenset()
    kinds: frozenset[str] = frozenset()
    obj: Obj | None = None
    members: tuple[Obj, ...] = ()
    parts: tuple[Val, ...] | None = None
    fresh: bool = False
    scalar: bool = False
    part: str | None = None  # the row selection (slice, mask, index array, sample) it holds, if any

    @property
    def is_data(self) -> bool:
        return not self.roles.isdisjoint(DATA_ROLES)

    def data_roles(self) -> frozenset[str]:
        return self.roles & DATA_ROLES


EMPTY = Val()


def copy_val(v: Val, **changes) -> Val:
    """``dataclasses.replace(v, **changes)`` without its per-call checks (every field of ``Val``
    is an init field and it has no ``__post_init__``); the flow analysis copies values a lot."""
    new = object.__new__(Val)
    new.__dict__.update(v.__dict__, **changes)
    return new


def join(*vals: Val) -> Val:
    vals = tuple(v for v in vals if v is not None)
    if not vals:
        return EMPTY
    if len(vals) == 1:
        return copy_val(vals[0], fresh=False, parts=None) if vals[0].parts is None else vals[0]
    known = tuple(v for v in vals if v is not EMPTY)
    if not known:
        return EMPTY
    if len(known) > 1:  # EMPTY adds nothing to a join of two or more values
        vals = known
    members = tuple({id(m): m for v in vals for m in ((v.obj,) if v.obj else ()) + v.members}.values())
    # Whose rows these are: the row-carrying values'. An aggregate (``X_train.median()``) joined in
    # (``X_test.fillna(medians)``, ``X_test - mu``) brings its fits, not its rows' role.
    rows = [v for v in vals if v.is_data and not v.scalar]
    roles = frozenset().union(*(v.roles for v in vals))
    if rows and len(rows) < len(vals):
        roles = (roles - DATA_ROLES) | frozenset().union(*(v.roles & DATA_ROLES for v in rows))
    return Val(
        roles=roles,
        roots=frozenset().union(*(v.roots for v in vals)),
        fits=frozenset().union(*(v.fits for v in vals)),
        kinds=frozenset().union(*(v.kinds for v in vals)),
        members=members,
        scalar=all(v.scalar for v in vals if v.is_data) if any(v.is_data for v in vals) else False,
        part=common_part(vals),
    )


def common_part(vals: tuple[Val, ...]) -> str | None:
    """The row selection shared by every data value joined (``X[tr]`` with ``y[tr]``), else None."""
    parts = {v.part for v in vals if v.is_data}
    return parts.pop() if len(parts) == 1 else None


def tuple_val(parts) -> Val:
    """A tuple of values: unpacks into ``parts``, and used whole it is their join."""
    parts = tuple(parts)
    return replace(join(*parts), parts=parts)


def with_role(v: Val, role: str) -> Val:
    return replace(v, roles=(v.roles - DATA_ROLES) | {role}, fresh=False, parts=None, obj=None)


@dataclass(eq=False)
class Event:
    """Something the program does to data: kind is fit, split, transform, predict, metric,
    filter, clip, dummies, fit_model."""

    kind: str
    name: str
    loc: Loc
    order: int
    via: tuple[Loc, ...]
    data: Val
    node: ast.AST
    extra: Val = EMPTY
    obj: Obj | None = None
    method: str = ""
    target_like: bool = False
    est_kind: str | None = None  # for fits: scaler, selector, model, stat, …

    @property
    def roles(self) -> frozenset[str]:
        return self.data.data_roles()

    def __hash__(self) -> int:
        # Equal only to itself, as before; hashed by its place in the run rather than by its
        # address, so a set of events (``Val.fits``) iterates in the same order on every run.
        return self.order


@dataclass
class Trace:
    entry: str
    events: list[Event] = field(default_factory=list)

    def of(self, *kinds: str) -> list[Event]:
        return [e for e in self.events if e.kind in kinds]


def is_mask(node: ast.expr) -> bool:
    if isinstance(node, (ast.Compare, ast.BoolOp)):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.Invert)):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.BitAnd, ast.BitOr)):
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("between", "isin", "notna", "isna", "notnull", "isnull", "all", "any")
    )


def each_join(vals: list[Val]) -> Val:
    """Join the values of a loop over a literal list; ``[train, test]`` gives role ``each``."""
    v = join(*vals)
    single = [val.data_roles() for val in vals]
    if len(vals) > 1 and all(len(r) == 1 for r in single) and {"train", "test"} <= v.roles:
        return replace(v, roles=(v.roles - DATA_ROLES) | {"each"})
    return v
