"""The check registry: defaults, replace=, titles, and error messages in full."""

from __future__ import annotations

from typing import Any

import pytest

import channelvalue as cv
from channelvalue.aligning import AuditConfig, audit
from channelvalue.aligning.authoring import REGISTRY, Check, CheckRegistry, register


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
