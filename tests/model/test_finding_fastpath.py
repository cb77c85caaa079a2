"""`Finding`'s initialiser: the fast path for plain valid values gives exactly what the
field converters give, and everything else still goes through the converters."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from channelvalue.errors import ValidationError
from channelvalue.model import Finding, Severity
from channelvalue.model._frozen import FrozenMap
from channelvalue.testing import strategies as cvst


def _slow(check: Any, severity: Any, **kw: Any) -> Finding:
    """A finding built by the attrs initialiser and its converters only."""
    out: Finding = object.__new__(Finding)
    kw.setdefault("subjects", ())
    kw.setdefault("evidence", FrozenMap())
    out.__attrs_init__(check, severity, **kw)  # type: ignore[attr-defined]
    return out


def _same(a: Finding, b: Finding) -> None:
    assert a == b
    assert hash(a) == hash(b)
    for name in ("check", "severity", "subjects", "message", "evidence", "share"):
        x, y = getattr(a, name), getattr(b, name)
        assert type(x) is type(y), name
    assert list(a.evidence.items()) == list(b.evidence.items())  # same (sorted) key order
    assert a.sort_key == b.sort_key
    assert repr(a) == repr(b)


def _build(make: Any, args: tuple[Any, ...], kw: dict[str, Any]) -> Finding | str:
    try:
        return make(*args, **kw)  # type: ignore[no-any-return]
    except ValidationError as err:
        return f"error: {err}"


_NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**400), 10**400),
    st.booleans(),
    st.floats(-1e6, 1e6).map(np.float64),
    st.just("1.5"),
)
_KEYS = st.one_of(st.text(max_size=3), st.integers(0, 3))
_SUBJECTS = st.one_of(
    st.lists(st.text(max_size=3), max_size=3),
    st.lists(st.text(max_size=3), max_size=3).map(tuple),
    st.lists(st.text(min_size=1, max_size=3), max_size=3).map(iter),
    st.text(max_size=3),
    st.just(None),
)


@settings(max_examples=400, deadline=None, database=None)
@given(
    check=st.one_of(st.text(max_size=4), st.none(), st.integers()),
    severity=st.one_of(st.sampled_from(Severity), st.sampled_from(["error", "info", "fatal"])),
    subjects=_SUBJECTS,
    message=st.one_of(st.text(max_size=4), st.none()),
    evidence=st.one_of(
        st.dictionaries(_KEYS, _NUMBERS, max_size=4),
        st.dictionaries(st.text(min_size=1, max_size=3), st.floats(-1e300, 1e300), max_size=4),
        st.dictionaries(st.text(min_size=1, max_size=3), st.floats(-1e9, 1e9), max_size=4).map(
            FrozenMap
        ),
        st.just([("a", 1.0)]),
    ),
    share=st.one_of(st.none(), _NUMBERS, st.floats(0, 1)),
)
def test_fast_path_is_the_converters_result(
    check: Any, severity: Any, subjects: Any, message: Any, evidence: Any, share: Any
) -> None:
    # one-shot iterators are drawn twice: give each constructor its own copy
    def kw() -> dict[str, Any]:
        subs = subjects
        if not isinstance(subs, list | tuple | str) and subs is not None:
            subs = iter(list(subs_copy))
        return {"subjects": subs, "message": message, "evidence": evidence, "share": share}

    subs_copy = list(subjects) if not isinstance(subjects, list | tuple | str | None) else []
    fast = _build(Finding, (check, severity), kw())
    slow = _build(_slow, (check, severity), kw())
    if isinstance(fast, str) or isinstance(slow, str):
        assert fast == slow
    else:
        _same(fast, slow)


@settings(max_examples=200, deadline=None, database=None)
@given(cvst.findings(), st.one_of(st.none(), st.floats(0, 1)))
def test_findings_of_the_strategies_equal_the_converters(f: Finding, share: float | None) -> None:
    kw = {"subjects": f.subjects, "message": f.message, "share": share}
    _same(
        Finding(f.check, f.severity, evidence=dict(f.evidence), **kw),
        _slow(f.check, f.severity, evidence=dict(f.evidence), **kw),
    )
    # a FrozenMap of valid numbers is shared, not copied; equal either way
    g = Finding(f.check, f.severity, evidence=f.evidence, **kw)
    assert g.evidence is f.evidence
    _same(g, _slow(f.check, f.severity, evidence=f.evidence, **kw))


def test_worked_examples() -> None:
    f = Finding(
        "a.b",
        Severity.WARNING,
        subjects=["r1", "r2"],
        message="m",
        evidence={"z": 1.0, "a": 2.0},
        share=0.5,
    )
    assert f.subjects == ("r1", "r2")
    assert list(f.evidence) == ["a", "z"]
    _same(
        f,
        _slow(
            "a.b",
            "warning",
            subjects=("r1", "r2"),
            message="m",
            evidence={"a": 2, "z": 1},
            share=0.5,
        ),
    )
    assert Finding("a.b", "info", message="m").evidence == {}


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"evidence": {"x": math.nan}}, "evidence"),
        ({"evidence": {"x": math.inf}}, "evidence"),
        ({"evidence": {"": 1.0}}, "evidence"),
        ({"evidence": None}, "evidence"),
        ({"share": 1.5}, "share"),
        ({"share": math.nan}, "share"),
        ({"subjects": ("",)}, "subjects"),
        ({"subjects": "r1"}, "subjects"),
        ({"message": ""}, "message"),
    ],
)
def test_bad_values_are_still_refused(kw: dict[str, Any], field: str) -> None:
    args: dict[str, Any] = {"message": "m", **kw}
    with pytest.raises(ValidationError, match=f"Finding.{field}"):
        Finding("a.b", Severity.ERROR, **args)


def test_overflowing_evidence_sum_takes_the_slow_path() -> None:
    # finite values whose sum overflows: still accepted, as the converters accept them
    f = Finding("a.b", Severity.INFO, message="m", evidence={"a": 1e308, "b": 1e308})
    _same(f, _slow("a.b", Severity.INFO, message="m", evidence={"a": 1e308, "b": 1e308}))


def test_frozen_map_views_and_get() -> None:
    m = FrozenMap({"b": 2.0, "a": 1.0})
    assert list(m.keys()) == ["a", "b"]
    assert list(m.values()) == [1.0, 2.0]
    assert list(m.items()) == [("a", 1.0), ("b", 2.0)]
    assert m.get("a") == 1.0
    assert m.get("c") is None
    assert m.get("c", 3.0) == 3.0
    assert FrozenMap._of_str_keys({"b": 2.0, "a": 1.0}) == m
    assert list(FrozenMap._of_str_keys({"b": 2.0, "a": 1.0})) == ["a", "b"]
    assert list(FrozenMap({2: "x", "a": "y"})) == [2, "a"]  # unorderable keys: order kept
