"""The split of aligning: the user API in cv.aligning, check authoring in .authoring."""

from __future__ import annotations

import pytest

import channelvalue as cv
from channelvalue import aligning
from channelvalue.aligning import authoring

USER = {
    "DEFAULT_CUSTOMERS_PER_PARTNER",
    "DEFAULT_TIER_WEIGHTS",
    "AuditConfig",
    "AuditDiff",
    "AuditReport",
    "PartnerReview",
    "Scorecard",
    "audit",
    "authoring",
    "checks",
    "compare",
    "partner_scorecard",
    "registered",
}


def test_aligning_exports_the_user_api_only() -> None:
    assert set(aligning.__all__) == USER
    for name in ("register", "check", "REGISTRY", "capped", "run_check", "Check"):
        assert name not in aligning.__all__
    assert not hasattr(aligning, "check")  # the decorator is authoring.register


def test_authoring_names_resolve() -> None:
    for name in authoring.__all__:
        assert getattr(authoring, name) is not None
    assert authoring.registered is aligning.registered


def test_register_as_decorator_and_as_call() -> None:
    reg = authoring.CheckRegistry()

    @authoring.register("demo.deco", registry=reg)
    def deco(net: cv.ChannelNetwork, config: aligning.AuditConfig) -> list[cv.Finding]:
        """Decorated."""
        return []

    assert deco.__name__ == "deco"  # returned unchanged
    called = authoring.register("demo.call", deco, registry=reg, title="Called")
    assert isinstance(called, authoring.Check)
    assert [(c.id, c.title) for c in reg] == [("demo.call", "Called"), ("demo.deco", "Decorated.")]
    with pytest.raises(cv.ValidationError, match="dotted id"):
        authoring.register("nodots")
    assert "demo.deco" not in authoring.REGISTRY
