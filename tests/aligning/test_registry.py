"""The check registry, the decorator, subsets, and how the audit treats failing checks;
defaults, replace=, titles, and error messages in full."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import channelvalue as cv
from channelvalue.aligning import AuditConfig, audit, registered
from channelvalue.aligning.authoring import (
    REGISTRY,
    Check,
    CheckRegistry,
    get_check,
    register,
    unregister,
)

BUILTIN = (
    "compensation.equity",
    "conflict.overlap",
    "coverage.segments",
    "engagement.fit",
    "priorities.alignment",
    "propositions.integrity",
    "reporting.coverage",
    "reporting.manager_load",
    "resources.alignment",
    "transparency.sell_through",
)


def test_builtin_ids_are_registered() -> None:
    assert set(BUILTIN) <= set(registered())
    assert all(get_check(i).title for i in BUILTIN)


def test_decorator_registers_and_audit_runs_user_checks(network, reseller) -> None:
    @register("acme.big_partners", title="Big partners")
    def big(net: cv.ChannelNetwork, config: AuditConfig) -> Iterator[cv.Finding]:
        for org in net.organizations.values():
            if org.revenue > config.options.get("big", 50):
                yield cv.Finding("acme.big_partners", "info", subjects=[org.id], message="big")

    try:
        net = network(reseller("a", 100), reseller("b", 10))
        report = audit(net, checks=["acme"])
        assert report.checks == ("acme.big_partners",)
        assert [f.subjects for f in report] == [("a",)]
        report = audit(net, checks=["acme.big_partners"], config=AuditConfig(options={"big": 5}))
        assert [f.subjects for f in report] == [("a",), ("b",)]
        assert "acme.big_partners" in audit(net).checks  # and in every full audit
    finally:
        unregister("acme.big_partners")
    assert "acme.big_partners" not in registered()


def test_own_registry_and_check_objects(network) -> None:
    reg = CheckRegistry()
    reg.register("x.one", lambda net, config: [cv.Finding("x.one", "warning", message="m")])
    net = network()
    assert audit(net, registry=reg).checks == ("x.one",)
    two = Check("x.two", lambda net, config: [])
    assert audit(net, checks=[two], registry=reg).checks == ("x.two",)
    assert reg.copy().ids == ("x.one",)
    assert len(reg) == 1
    assert "x.one" in reg
    assert repr(reg) == "<CheckRegistry: 1 checks>"


def test_registry_errors() -> None:
    reg = CheckRegistry()
    with pytest.raises(cv.ValidationError, match=r"Check.id"):
        reg.register("nodots", lambda net, config: [])
    with pytest.raises(cv.ValidationError, match=r"Check.id"):
        reg.register("a..b", lambda net, config: [])
    with pytest.raises(cv.ValidationError, match=r"Check.weight"):
        reg.register("a.b", lambda net, config: [], weight=0)
    with pytest.raises(cv.ValidationError, match=r"Check.title"):
        Check("a.b", lambda net, config: [], title=5)  # type: ignore[arg-type]
    with pytest.raises(cv.WrongTypeError, match=r"a callable"):
        Check("a.b", "not callable")  # type: ignore[arg-type]
    reg.register("a.b", lambda net, config: [])
    with pytest.raises(cv.DuplicateIdError, match=r"'a.b'"):
        reg.register("a.b", lambda net, config: [])
    reg.register("a.b", lambda net, config: [], replace=True)
    with pytest.raises(cv.UnknownIdError, match=r"unknown check id 'zz.top'"):
        reg.unregister("zz.top")
    with pytest.raises(cv.UnknownIdError, match=r"known checks: a.b"):
        reg.select(["nope"])
    with pytest.raises(cv.WrongTypeError, match=r"a list of check ids"):
        reg.select("a.b")  # type: ignore[arg-type]
    with pytest.raises(cv.WrongTypeError, match=r"a check id, a family or a Check"):
        reg.select([3])  # type: ignore[list-item]
    with pytest.raises(cv.WrongTypeError):
        CheckRegistry([object()])  # type: ignore[list-item]
    with pytest.raises(cv.WrongTypeError):
        reg.add(object())  # type: ignore[arg-type]


def test_audit_argument_errors(network) -> None:
    with pytest.raises(cv.WrongTypeError, match=r"a ChannelNetwork"):
        audit("net")  # type: ignore[arg-type]
    with pytest.raises(cv.WrongTypeError, match=r"an AuditConfig"):
        audit(network(), config={"x": 1})  # type: ignore[arg-type]
    with pytest.raises(cv.WrongTypeError, match=r"a CheckRegistry"):
        audit(network(), registry=[])  # type: ignore[arg-type]
    with pytest.raises(cv.UnknownIdError, match=r"unknown check id 'reporting.nope'"):
        audit(network(), checks=["reporting.nope"])


def test_a_check_that_raises_becomes_an_error_finding(network) -> None:
    def broken(net: cv.ChannelNetwork, config: AuditConfig) -> Iterator[cv.Finding]:
        yield cv.Finding("x.broken", "info", subjects=["v"], message="before the crash")
        raise KeyError("boom")

    def wrong(net: cv.ChannelNetwork, config: AuditConfig) -> list[object]:
        return ["not a finding", cv.Finding("other.id", "warning", message="relabelled")]

    report = audit(network(), checks=[Check("x.broken", broken), Check("x.wrong", wrong)])
    got = [(f.check, f.severity.value, f.message) for f in report]
    assert got == [
        ("x.broken", "error", "the check failed with KeyError: 'boom'"),
        ("x.wrong", "error", "the check yielded a str, not a Finding: fix the check"),
        ("x.wrong", "warning", "relabelled"),
        ("x.broken", "info", "before the crash"),
    ]  # most severe first, then by check
    # a broken check's error has share 1: the check scores 0
    assert all(f.share == 1.0 for f in report if f.severity is cv.Severity.ERROR)
    assert report.scores == {"x.broken": 0.0, "x.wrong": 0.0}


def test_failure_messages_are_one_line_and_bounded(network) -> None:
    def noisy(net: cv.ChannelNetwork, config: AuditConfig) -> list[cv.Finding]:
        raise RuntimeError("line one\nline two " + "x" * 1000)

    [f] = audit(network(), checks=[Check("x.noisy", noisy)]).findings
    assert "\n" not in f.message
    assert f.message.startswith("the check failed with RuntimeError: line one line two")
    assert f.message.endswith("...")
    assert len(f.message) < 400


def test_subset_by_family_and_weights(network) -> None:
    report = audit(cv.datasets.example(), checks=["reporting", "conflict.overlap"])
    assert report.checks == ("conflict.overlap", "reporting.coverage", "reporting.manager_load")
    reg = CheckRegistry()
    reg.register(
        "w.heavy",
        lambda net, config: [cv.Finding("w.heavy", "error", message="m", share=0.05)] * 10,
        weight=3,
    )
    reg.register("w.light", lambda net, config: [], weight=1)
    r = audit(network(), registry=reg)
    # heavy: 10 errors of share .05 -> 100 * (1 - 0.5) = 50; overall (3 x 50 + 100) / 4
    assert r.scores["w.heavy"] == 50.0
    assert r.score == 62.5


def test_default_registry_is_the_module_one() -> None:
    assert get_check("reporting.coverage") is REGISTRY["reporting.coverage"]
    c = register("tmp.x", lambda net, config: [])
    assert unregister("tmp.x") is c


def documented(net: cv.ChannelNetwork, config: AuditConfig) -> list[cv.Finding]:
    """Finds nothing, documented.

    More lines that are not the title.
    """
    return []


def undocumented(net: cv.ChannelNetwork, config: AuditConfig) -> list[cv.Finding]:
    return []


class Rule:
    """A callable object with neither a docstring of its own nor a __name__."""

    __doc__ = None

    def __call__(self, net: cv.ChannelNetwork, config: AuditConfig) -> list[cv.Finding]:
        return []


def test_defaults_of_the_module_functions() -> None:
    # not empty: an empty registry is falsy (see test_an_empty_registry_is_used below)
    reg = CheckRegistry([Check("z.keep", documented)])
    added = register("a.reg", documented, registry=reg)
    assert (added.title, added.weight) == ("Finds nothing, documented.", 1.0)
    register("a.deco", registry=reg)(documented)
    assert (reg["a.deco"].title, reg["a.deco"].weight) == ("Finds nothing, documented.", 1.0)
    # the id is taken: refused unless replace=True is given
    with pytest.raises(cv.DuplicateIdError):
        register("a.deco", registry=reg)(undocumented)
    register("a.deco", replace=True, registry=reg, title="New")(undocumented)
    assert reg["a.deco"].title == "New"


def test_defaults_of_the_registry_methods() -> None:
    reg = CheckRegistry()
    c = reg.register("a.one", documented)
    assert (c.title, c.weight) == ("Finds nothing, documented.", 1.0)
    assert reg.register("a.two", documented, title="Explicit").title == "Explicit"
    with pytest.raises(cv.DuplicateIdError) as info:
        reg.add(Check("a.one", undocumented))  # add() refuses a taken id by default
    assert str(info.value) == (
        "id 'a.one' is already used by a registered check (pass replace=True)"
    )
    reg.register("a.one", replace=True)(undocumented)
    assert reg["a.one"].function is undocumented


def test_title_falls_back_to_the_name_then_to_nothing() -> None:
    assert Check("a.b", undocumented).title == "undocumented"
    assert Check("a.b", Rule()).title == ""


def test_check_errors_in_full() -> None:
    def message(**kw: Any) -> str:
        with pytest.raises(cv.ChannelValueError) as info:
            Check("a.b", **kw)
        return str(info.value)

    assert message(function="not callable") == (
        "Check 'a.b': got 'not callable' (str) but expected a callable (net, config)"
    )
    assert message(function=documented, title=5) == "Check.title: got 5 but expected a string"
    assert message(function=documented, weight=0) == (
        "Check.weight: got 0 but expected a finite number > 0"
    )


def test_registry_type_errors_in_full() -> None:
    with pytest.raises(cv.WrongTypeError) as init:
        CheckRegistry([42])  # type: ignore[list-item]
    assert str(init.value) == "CheckRegistry: got 42 (int) but expected Check objects"
    reg = CheckRegistry()
    with pytest.raises(cv.WrongTypeError) as add:
        reg.add(42)  # type: ignore[arg-type]
    assert str(add.value) == "CheckRegistry.add: got 42 (int) but expected a Check"
    with pytest.raises(cv.WrongTypeError) as sel:
        reg.select("a.b")  # type: ignore[arg-type]
    assert str(sel.value) == (
        "checks: got 'a.b' (str) but expected a list of check ids, families or Check objects"
    )


def test_unknown_ids_list_at_most_12_known_checks() -> None:
    reg = CheckRegistry([Check("a.b", documented)])
    with pytest.raises(cv.UnknownIdError) as one:
        reg.select(["nope"])
    assert str(one.value) == "checks: unknown check id 'nope' (known checks: a.b)"
    reg = CheckRegistry([Check(f"a.c{i:02d}", documented) for i in range(13)])
    with pytest.raises(cv.UnknownIdError) as many:
        reg["nope"]
    shown = ", ".join(f"a.c{i:02d}" for i in range(12))
    assert str(many.value) == f"unknown check id 'nope' (known checks: {shown}, ...)"


def test_an_empty_registry_is_used() -> None:
    # an empty CheckRegistry has len 0: it once counted as "no registry given" and the
    # built-in one was used instead
    empty = CheckRegistry()
    register("tmp.empty_registry", documented, registry=empty)
    assert "tmp.empty_registry" in empty
    assert "tmp.empty_registry" not in REGISTRY
    assert audit(cv.ChannelNetwork(), registry=CheckRegistry()).checks == ()
