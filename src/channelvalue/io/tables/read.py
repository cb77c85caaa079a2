"""Reading a network from pandas frames: [`from_frames`][channelvalue.io.from_frames].

Each frame is read column by column (`Table`), every
bad cell is reported at once, then the objects are built in bulk and added with one
[`add_all`][channelvalue.core.network.ChannelNetwork.add_all].
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from ...core._gc import paused_gc
from ...core.network import ChannelNetwork
from ...errors import (
    ChannelValueError,
    DocumentError,
    DuplicateIdError,
    Problem,
    ValidationError,
    WrongTypeError,
)
from ...model import Organization
from ...model._bulk import build_many
from ..vocabulary import DEFAULT_VOCABULARY, Vocabulary
from .columns import Table
from .read_plan import (
    read_accounts,
    read_evidence,
    read_flow_tables,
    read_route_pricing,
    read_segments,
)
from .schema import COLUMNS, FRAME_NAMES, PLAN_FRAMES, PREFIXES, SIMPLE, read_links

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FRAME_NAMES", "from_frames", "network_from_tables"]


def _check_frame(where: str, frame: Any) -> None:
    from ..._optional import require_pandas

    pd = require_pandas("from_frames()")
    if not isinstance(frame, pd.DataFrame):
        raise WrongTypeError(where, frame, "a pandas DataFrame")


def from_frames(
    organizations: pd.DataFrame,
    links: pd.DataFrame | None = None,
    *,
    segments: pd.DataFrame | None = None,
    managers: pd.DataFrame | None = None,
    plan: Mapping[str, pd.DataFrame] | None = None,
    levers: pd.DataFrame | None = None,
    propositions: pd.DataFrame | None = None,
    evidence: pd.DataFrame | None = None,
    investments: pd.DataFrame | None = None,
    margins: pd.DataFrame | None = None,
    flow_tables: pd.DataFrame | None = None,
    route_pricing: pd.DataFrame | None = None,
    accounts: pd.DataFrame | None = None,
    network: pd.DataFrame | None = None,
    vocabulary: Vocabulary | None = None,
    steward: str | None = None,
    name: str = "",
    extra_columns: Literal["error", "ignore"] = "error",
) -> ChannelNetwork:
    """Build a network from pandas frames, one per kind of object (the frames and columns
    of [`to_frames`][channelvalue.io.to_frames]); `from_frames(**to_frames(net)) == net`.

    Headers match case-, space- and punctuation-insensitively; terms (role, tier, ...)
    go through `vocabulary` (default [`DEFAULT_VOCABULARY`][channelvalue.io.DEFAULT_VOCABULARY]);
    empty cells take the field's default. Plan frames may be passed one by one or as
    `plan={"levers": ..., ...}`.

    Args:
        steward: the steward's id; default: the `network` frame's, else the only vendor.
        name: the network's name; default: the `network` frame's.
        extra_columns: `"error"` (default) or `"ignore"` for columns no field reads.

    Raises:
        DocumentError: every bad cell (row, column, value, what is valid; closest known
            terms for a misspelt term), then every bad reference, at once.
        WrongTypeError: a table is not a DataFrame, `plan` is not a mapping, or
            `vocabulary`, `steward` or `name` has the wrong type.
        ValidationError: an unknown plan frame, one given twice, or a bad `extra_columns`.

    Examples:
        >>> import pandas as pd
        >>> orgs = pd.DataFrame({"id": ["acme", "r1"], "Role": ["Vendor", " VAR "]})
        >>> links = pd.DataFrame({"kind": ["supplies"], "source": ["acme"], "target": ["r1"]})
        >>> net = from_frames(orgs, links)
        >>> net.steward_id, net.organizations["r1"].role.value
        ('acme', 'reseller')
        >>> from_frames(pd.DataFrame({"id": ["x"], "role": ["resellr"]}), None)
        Traceback (most recent call last):
        ...
        channelvalue.errors.DocumentError: 1 problem:
          organizations row 0, column 'role': got 'resellr' but expected a known role; ...
    """
    frames: dict[str, Any] = {"organizations": organizations, "links": links}
    given = {
        "segments": segments,
        "managers": managers,
        "levers": levers,
        "propositions": propositions,
        "evidence": evidence,
        "investments": investments,
        "margins": margins,
        "flow_tables": flow_tables,
        "route_pricing": route_pricing,
        "accounts": accounts,
        "network": network,
    }
    frames.update(given)
    if plan is not None and not isinstance(plan, Mapping):
        raise WrongTypeError("from_frames(plan=...)", plan, "a mapping of plan frames or None")
    for key, frame in (plan or {}).items():
        if key not in PLAN_FRAMES:
            raise ValidationError("from_frames", "plan", key, f"one of {', '.join(PLAN_FRAMES)}")
        if frames.get(key) is not None:
            raise ValidationError("from_frames", key, "given twice", f"{key}= or plan[{key!r}]")
        frames[key] = frame
    return network_from_tables(
        {k: f for k, f in frames.items() if f is not None},
        vocabulary=vocabulary,
        steward=steward,
        name=name,
        extra_columns=extra_columns,
    )


def network_from_tables(
    frames: Mapping[str, Any],
    *,
    vocabulary: Vocabulary | None = None,
    steward: str | None = None,
    name: str = "",
    extra_columns: str = "error",
    labels: Mapping[str, str] | None = None,
) -> ChannelNetwork:
    """The worker behind [`from_frames`][channelvalue.io.from_frames] and `read_csv`: `labels`
    renames tables in messages (`"organizations.csv"`)."""
    vocab = DEFAULT_VOCABULARY if vocabulary is None else vocabulary
    if not isinstance(vocab, Vocabulary):
        raise WrongTypeError("vocabulary", vocabulary, "a Vocabulary or None")
    if type(extra_columns) is not str or extra_columns not in ("error", "ignore"):
        raise ValidationError("from_frames", "extra_columns", extra_columns, "'error' or 'ignore'")
    if name is not None and type(name) is not str:
        raise WrongTypeError("from_frames(name=...)", name, "a string")
    for key, frame in frames.items():
        _check_frame(f"from_frames({key}=...)", frame)
    problems: list[Problem] = []
    tables = {
        key: Table(
            (labels or {}).get(key, key),
            frames[key],
            COLUMNS[key],
            PREFIXES.get(key, ()),
            problems,
            extra_columns,
        )
        for key in FRAME_NAMES
        if key in frames
    }
    with paused_gc(promote=True):
        items: list[Any] = []
        spans: list[tuple[int, Table, list[int] | None]] = []

        def add(t: Table, objs: list[Any], rows: list[int] | None = None) -> None:
            spans.append((len(items), t, rows))
            items.extend(objs)

        stew, net_name = _network_row(tables.get("network"), steward, name)
        for key in FRAME_NAMES:
            t = tables.get(key)
            if t is None or key == "network":
                continue
            before = len(problems)
            if key == "links":
                link_objs, link_rows = read_links(t, vocab)
                if len(problems) == before:
                    add(t, link_objs, link_rows)
            elif key == "segments":
                add(t, *read_segments(t, vocab))
            elif key == "evidence":
                if "propositions" not in tables and t.n:
                    t.table_problem(None, "has rows but there is no propositions table")
            elif key == "flow_tables":
                add(t, *read_flow_tables(t, vocab))
            elif key == "route_pricing":
                add(t, *read_route_pricing(t, vocab))
            elif key == "accounts":
                add(t, *read_accounts(t))
            else:
                cls, reader = SIMPLE[key]
                cols = reader(t, vocab)
                if key == "propositions":
                    cols["evidence"] = read_evidence(tables.get("evidence"), t, cols["id"])
                if len(problems) == before:
                    add(t, build_many(cls, t.n, cols))
        if problems:
            raise DocumentError(problems)
        if stew is None and "network" not in tables:
            vendors = [o.id for o in items if type(o) is Organization and o.role.value == "vendor"]
            stew = vendors[0] if len(vendors) == 1 else None
        net = ChannelNetwork(steward=stew, name=net_name)
        try:
            net.add_all(items)
        except DocumentError as err:
            indexed = [(_index(p.path), e) for p, e in zip(err.problems, err.errors, strict=False)]
            raise DocumentError(_locate(indexed, spans)) from None
        except ChannelValueError as err:
            raise DocumentError(_locate([(getattr(err, "index", None), err)], spans)) from None
    return net


def _network_row(t: Table | None, steward: str | None, name: str) -> tuple[str | None, str]:
    if t is None:
        return steward, name
    if t.n > 1:
        t.table_problem(None, f"has {t.n} rows but expected at most one")
    stew = t.text("steward", default=None)[:1]
    names = t.text("name")[:1]
    return (steward if steward is not None else (stew[0] if stew else None)), (
        name or (names[0] if names else "")
    )


def _index(path: str) -> int | None:
    """The batch index in a staging problem's path (`"[12] Serves a->b"`)."""
    head = path[1 : path.find("]")] if path.startswith("[") else ""
    return int(head) if head.isdigit() else None


def _locate(
    errors: list[tuple[int | None, BaseException]],
    spans: list[tuple[int, Table, list[int] | None]],
) -> list[Problem]:
    """Problems naming the table row (and column, when known) of each staging error."""
    starts = [s for s, _, _ in spans]
    out = []
    for index, err in errors:
        if index is None:
            out.append(Problem("network", str(err)))
            continue
        k = int(np.searchsorted(starts, index, side="right")) - 1
        start, t, rows = spans[k]
        pos = index - start if rows is None else rows[index - start]
        field = getattr(err, "field", None) or str(getattr(err, "where", "")).rpartition(".")[2]
        if isinstance(err, DuplicateIdError):
            field = "id" if "id" in t.columns else "segment"
        out.append(Problem(t.where(pos, t.columns.get(field)), str(err)))
    return out
