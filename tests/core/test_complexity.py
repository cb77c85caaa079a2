"""Growth of the reporting-cycle check: adding a chain one link at a time is linear.

Work is counted as the reporting neighbourhoods the check expands (calls of the network's
private ``_reporting_up`` / ``_reporting_down``), never as wall time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

import channelvalue as cv
from channelvalue.core.network import ChannelNetwork


@pytest.fixture
def expansions(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    count = [0]
    for name in ("_reporting_up", "_reporting_down"):
        original = getattr(ChannelNetwork, name, None)
        if original is None:  # older code walked upward only
            continue

        def counting(
            self: ChannelNetwork, node: str, _f: Callable[..., Iterator[str]] = original
        ) -> Iterator[str]:
            count[0] += 1
            return _f(self, node)

        monkeypatch.setattr(ChannelNetwork, name, counting)
    return count


def grow_chain(n: int, *, downward: bool) -> int:
    """Build a reporting chain of ``n`` links one :meth:`add` at a time; return the links.
    ``downward``: each new partner reports to the last one
    (the chain grows at its bottom); else the last one reports to each new partner."""
    net = cv.ChannelNetwork(steward="o0")
    net.add(cv.Organization("o0", role="vendor"))
    for k in range(1, n + 1):
        net.add(cv.Organization(f"o{k}", role="reseller"))
        if downward:
            net.add(cv.ReportsTo(f"o{k}", f"o{k - 1}"))
        else:
            net.add(cv.ReportsTo(f"o{k - 1}", f"o{k}"))
    return net.count_links()


@pytest.mark.parametrize("downward", [True, False])
def test_adding_a_chain_link_by_link_is_linear(expansions: list[int], downward: bool) -> None:
    n = 500
    counts: list[int] = []
    for size in (n, 4 * n):
        expansions[0] = 0
        assert grow_chain(size, downward=downward) == size
        counts.append(expansions[0])
    # walking the whole chain on every add: 16 x the work for a chain 4 x longer
    assert counts[1] <= 5 * max(counts[0], 1)


def test_a_cycle_is_still_refused_with_its_path() -> None:
    net = cv.ChannelNetwork(steward="o0")
    net.add_all([cv.Organization(f"o{k}", role="reseller") for k in range(4)])
    for k in range(3):
        net.add(cv.ReportsTo(f"o{k + 1}", f"o{k}"))
    with pytest.raises(cv.errors.CycleError) as err:
        net.add(cv.ReportsTo("o0", "o3"))
    assert "o0" in str(err.value)
    assert "o3" in str(err.value)
    assert net.count_links() == 3


def test_a_batch_closing_a_cycle_through_two_new_links_is_refused() -> None:
    net = cv.ChannelNetwork(steward="a")
    net.add_all([cv.Organization(x, role="reseller") for x in "abcd"])
    net.add_all([cv.ReportsTo("a", "b"), cv.ReportsTo("c", "d")])
    with pytest.raises(cv.errors.CycleError):
        net.add_all([cv.ReportsTo("b", "c"), cv.ReportsTo("d", "a")])
    net.add_all([cv.ReportsTo("b", "c"), cv.ReportsTo("a", "d")])  # a diamond, no cycle
    assert net.count_links() == 4
