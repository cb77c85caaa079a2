"""Shared pieces of the fuzz suite: the tally of inputs per target, base documents, mutations.

Every fuzz test sends its input through :func:`attempt`, which counts the input under its
target (``io.loads``, ``io.load``, ``from_networkx``, ``from_frames``, ``read_csv``,
``cli validate``, ...) and sorts the outcome: *accepted*, *refused* with the documented
error, or an *escape* (any other
exception), which is counted and re-raised so hypothesis shrinks it and the test fails.
``conftest.py`` prints the tally at the end of the run.

The number of examples per test comes from :func:`examples`: small by default, large
under ``HYPOTHESIS_PROFILE=fuzz`` (``make fuzz``).
"""

from __future__ import annotations

import copy
import functools
import json
import os
from collections import Counter
from collections.abc import Callable
from typing import Any, TypeVar

import attrs
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue import io
from channelvalue.testing import strategies as cvst

T = TypeVar("T")

FUZZ = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"
"""True under ``make fuzz``: every test runs its long campaign."""


def examples(default: int, fuzz: int) -> settings:
    """Settings of a fuzz test: ``default`` examples normally, ``fuzz`` under ``make fuzz``."""
    return settings(
        max_examples=fuzz if FUZZ else default,
        deadline=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
            HealthCheck.large_base_example,
        ],
    )


# ---------------------------------------------------------------- the tally
@attrs.define
class Tally:
    """Inputs tried per target, and how each ended."""

    inputs: Counter[str] = attrs.field(factory=Counter)
    accepted: Counter[str] = attrs.field(factory=Counter)
    refused: Counter[str] = attrs.field(factory=Counter)
    escapes: Counter[str] = attrs.field(factory=Counter)

    def table(self) -> list[str]:
        """The tally as lines of a table, one per target and a total."""
        head = f"{'target':<22} {'inputs':>9} {'accepted':>9} {'refused':>9} {'escapes':>8}"
        lines = [head, "-" * len(head)]
        for target in sorted(self.inputs):
            lines.append(
                f"{target:<22} {self.inputs[target]:>9,} {self.accepted[target]:>9,} "
                f"{self.refused[target]:>9,} {self.escapes[target]:>8,}"
            )
        lines.append("-" * len(head))
        lines.append(
            f"{'total':<22} {self.inputs.total():>9,} {self.accepted.total():>9,} "
            f"{self.refused.total():>9,} {self.escapes.total():>8,}"
        )
        return lines


TALLY = Tally()

NOTHING: tuple[type[BaseException], ...] = ()
"""``refuse=NOTHING``: no exception at all is allowed (the command line)."""


def attempt(
    target: str,
    call: Callable[[], T],
    *,
    refuse: type[BaseException] | tuple[type[BaseException], ...] = cv.DocumentError,
    refused_if: Callable[[T], bool] | None = None,
) -> T | None:
    """Run ``call`` on one fuzz input; None when it was refused with ``refuse``.

    A refusal must carry a message; any other exception is an escape: counted and re-raised.
    ``refused_if`` counts some results as refusals too (the command line's exit code 2).
    """
    TALLY.inputs[target] += 1
    refusal: BaseException | None = None
    try:
        result = call()
    except refuse as err:
        refusal = err
    except Exception:
        TALLY.escapes[target] += 1
        raise
    if refusal is None:
        if refused_if is not None and refused_if(result):
            TALLY.refused[target] += 1
        else:
            TALLY.accepted[target] += 1
        return result
    TALLY.refused[target] += 1
    assert str(refusal).strip(), f"{type(refusal).__name__} without a message"
    if isinstance(refusal, cv.DocumentError):
        assert refusal.problems
        assert all(p.path and p.message for p in refusal.problems)
    return None


# ---------------------------------------------------------------- base documents
@functools.cache
def _example_text() -> str:
    return io.dumps(cv.datasets.example())


def everything_network() -> cv.ChannelNetwork:
    """A small network holding one object of every kind, each field set off its default."""
    net = cv.ChannelNetwork(steward="v", name="all kinds")
    net.add_all(
        [
            cv.Organization(
                "v",
                role="vendor",
                revenue=9e6,
                volume=10,
                velocity=0.1,
                owned=True,
                priorities={"cloud": 1.0},
                regions=["eu"],
                verticals=["health"],
            ),
            cv.Organization("d", role="distributor", tier="gold", engagement="dedicated"),
            cv.Organization(
                "r", role="reseller", revenue=2e5, capabilities={"lot_size": 0.5}, owned=True
            ),
            cv.Segment(
                "s",
                name="SMB",
                size=100,
                band="smb",
                regions=["eu"],
                verticals=["health"],
                needs={"lot_size": cv.Need(level=0.8, importance=2)},
            ),
            cv.Manager("m", name="Ana", capacity=5),
            cv.Supplies("v", "d"),
            cv.Supplies("d", "r"),
            cv.Serves("r", "s", revenue=1e5),
            cv.ReportsTo("r", "v", manager="m", mode="direct"),
            cv.SharesData("r", "d", data=["sell_through", "inventory"], interval_days=7),
            cv.Lever(
                "l",
                change="stock",
                acts_on="efficiency",
                roles=["distributor"],
                members=["d"],
                owners=["v"],
                impact=0.2,
            ),
            cv.ValueProposition(
                "p",
                segment="s",
                claim="fast",
                levers=["l"],
                owners=["r"],
                evidence=[cv.Evidence("on time", 0.9, source="wms", unit="share")],
            ),
            cv.Investment("i", recipient="r", kind="training", amount=1e3, period="FY"),
            cv.Margin("s", "r", share=0.3),
            cv.FlowTable(
                "s",
                weights={"promotion": 0.5, "ordering": 0.5},
                shares={"promotion": {"v": 1.0}, "ordering": {"d": 0.5, "r": 0.5}},
                costs={"ordering": {"d": 1.0, "r": 2.0}},
            ),
            cv.RoutePricing(
                "price-r",
                steward="v",
                segment="s",
                list_price=100,
                target_price=90,
                levels=[
                    cv.PriceLevel("d", buy=60, sell=66, back_end=1.5),
                    cv.PriceLevel("r", buy=66, sell=85, rebate=2),
                ],
            ),
            cv.AccountList("d", ["0" * 64, "f" * 64], hashed=True),
        ]
    )
    return net


@functools.cache
def _everything_text() -> str:
    return io.dumps(everything_network())


def example_document() -> dict[str, Any]:
    """A fresh copy of the bundled example's document."""
    doc: dict[str, Any] = json.loads(_example_text())
    return doc


def everything_document() -> dict[str, Any]:
    """A fresh copy of :func:`everything_network`'s document."""
    doc: dict[str, Any] = json.loads(_everything_text())
    return doc


def small_networks() -> st.SearchStrategy[cv.ChannelNetwork]:
    """Valid small networks (the public strategies)."""
    return cvst.networks(max_organizations=5, max_segments=2)


def base_documents(*, example: bool = True) -> st.SearchStrategy[dict[str, Any]]:
    """Valid documents to mutate: one of every kind, small networks, the bundled example."""
    options = [st.builds(everything_document), small_networks().map(io.document)]
    if example:
        options.append(st.builds(example_document))
    return st.one_of(options).map(copy.deepcopy)


# ---------------------------------------------------------------- values and text
@attrs.frozen
class Raw:
    """A JSON literal written as is (``NaN``, ``1e400``, a 5000-digit integer, ...)."""

    text: str


RAW_NUMBERS = [
    "NaN",
    "Infinity",
    "-Infinity",
    "1e400",
    "-1e400",
    "1e-400",
    "-0",
    "-0.0",
    "0e0",
    "1E+2",
    "5e-324",
    "1.7976931348623157e308",
    "1" + "0" * 400,
    "-" + "9" * 400,
    "1" + "0" * 4400,
    "18446744073709551617",
    "0.1e1",
    "1.0",
]
"""Number literals at and beyond the edges of a float, and ones the parser refuses."""

NUMBERS = st.one_of(
    st.integers(-3, 3),
    st.integers(),
    st.sampled_from([10**400, -(10**400), 2**63, 2**64 + 1, 10**20]),
    st.floats(),
    st.sampled_from([0.5, 1.0, 1e308, -1e308, 5e-324, -0.0, 1 - 1e-16, 1 + 1e-6]),
)
"""Numbers of every kind, non-finite floats included."""

WEIRD_TEXT = st.one_of(
    st.text(max_size=6),
    st.sampled_from(["", " ", "\x00", "\ud800", "a\udfff", "\U0001f600", "x" * 300, "\n"]),
    st.sampled_from(["vendor", "reseller", "VAR", "gold", "smb", "indirect", "direct"]),
    st.sampled_from(["sell_through", "lot_size", "promotion", "mdf", "both", "channelvalue"]),
)
"""Strings: empty, control, lone surrogates, long, and vocabulary terms that may be valid."""


def json_values(ids: list[str] | None = None) -> st.SearchStrategy[Any]:
    """Values of every JSON type (and raw literals), nested a little; ``ids`` mixed in."""
    leaves = st.one_of(
        st.none(),
        st.booleans(),
        NUMBERS,
        WEIRD_TEXT,
        st.sampled_from(RAW_NUMBERS).map(Raw),
        *([st.sampled_from(ids)] if ids else []),
    )
    return st.recursive(
        leaves,
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(WEIRD_TEXT | st.sampled_from(ids or ["id"]), inner, max_size=3)
        ),
        max_leaves=5,
    )


def encode(doc: Any, *, indent: int | None = None, ascii: bool = False) -> str:
    """JSON text of ``doc``; :class:`Raw` values and NaN/infinities are written as literals."""
    raws: list[str] = []

    def default(value: Any) -> Any:
        if isinstance(value, Raw):
            raws.append(value.text)
            return f"\x00raw{len(raws) - 1}\x00"
        raise TypeError(type(value).__name__)

    text = json.dumps(doc, indent=indent, ensure_ascii=ascii, allow_nan=True, default=default)
    for i, raw in enumerate(raws):
        text = text.replace(json.dumps(f"\x00raw{i}\x00", ensure_ascii=ascii), raw, 1)
    return text


@st.composite
def encodings(draw: st.DrawFn, doc: Any) -> str | bytes:
    """``doc`` as text or bytes, in one of the encodings the loader accepts."""
    text = encode(doc, indent=draw(st.sampled_from([None, 1])), ascii=draw(st.booleans()))
    form = draw(st.sampled_from(["str", "utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-32-be"]))
    return text if form == "str" else text.encode(form, "surrogatepass")


# ---------------------------------------------------------------- places in a document
def slots(node: Any, out: list[tuple[Any, Any]] | None = None) -> list[tuple[Any, Any]]:
    """Every ``(container, key or index)`` in a parsed document, depth first."""
    out = [] if out is None else out
    if isinstance(node, dict):
        for key, value in node.items():
            out.append((node, key))
            slots(value, out)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out.append((node, i))
            slots(value, out)
    return out


def ids_in(doc: dict[str, Any]) -> list[str]:
    """Every id a document defines (organizations, segments, managers, plan items)."""
    found = []
    for section in (doc, doc.get("plan") or {}):
        if not isinstance(section, dict):
            continue
        for items in section.values():
            if isinstance(items, list):
                found += [i["id"] for i in items if isinstance(i, dict) and "id" in i]
    return [i for i in found if isinstance(i, str)]


def mutate(doc: Any, draw: st.DrawFn) -> Any:
    """One random structural mutation of a parsed document (returns the new root)."""
    places = slots(doc)
    if not places:
        return draw(json_values())
    container, key = draw(st.sampled_from(places))
    action = draw(
        st.sampled_from(["replace", "replace", "delete", "add", "duplicate", "swap", "rename"])
    )
    ids = ids_in(doc) if isinstance(doc, dict) else []
    if action == "replace":
        container[key] = draw(json_values(ids))
    elif action == "delete":
        del container[key]
    elif action == "add":
        if isinstance(container, dict):
            container[draw(WEIRD_TEXT)] = draw(json_values(ids))
        else:
            container.insert(draw(st.integers(0, len(container))), draw(json_values(ids)))
    elif action == "duplicate":
        value = copy.deepcopy(container[key])
        if isinstance(container, list):
            container.insert(draw(st.integers(0, len(container))), value)
        else:
            other_container, other_key = draw(st.sampled_from(places))
            if other_container is not container or other_key != key:
                other_container[other_key] = value
    elif action == "swap":
        other_container, other_key = draw(st.sampled_from(places))
        a, b = container[key], other_container[other_key]
        if a is not other_container and b is not container:  # no value inside itself
            container[key], other_container[other_key] = copy.deepcopy(b), copy.deepcopy(a)
    elif isinstance(container, dict):  # rename a key
        container[draw(WEIRD_TEXT)] = container.pop(key)
    return doc


def deep(depth: int, leaf: Any, *, objects: bool) -> Any:
    """``leaf`` wrapped in ``depth`` arrays (or objects), built without recursion."""
    value = leaf
    for _ in range(depth):
        value = {"a": value} if objects else [value]
    return value


def json_depth(value: Any) -> int:
    """How deeply arrays and objects nest in a parsed value (0 for a scalar), level by level."""
    depth, level = 0, [value]
    while containers := [n for n in level if isinstance(n, dict | list)]:
        depth += 1
        level = [c for n in containers for c in (n.values() if isinstance(n, dict) else n)]
    return depth


def check_accepted(net: cv.ChannelNetwork) -> None:
    """What every accepted network satisfies: a lossless, savable round trip."""
    text = io.dumps(net)
    text.encode("utf-8")  # every accepted string can be written
    assert io.loads(text) == net
