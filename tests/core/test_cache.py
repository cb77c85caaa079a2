"""The version-keyed derived-data cache (channelvalue.core.cache)."""

from __future__ import annotations

import contextlib
import threading
import time
from typing import Any

import pytest

import channelvalue as cv
from channelvalue.core import cache
from channelvalue.core.arrays import arrays


def _n_role(net: cv.ChannelNetwork, role: str) -> int:
    return sum(o.role.value == role for o in net.organizations.values())


def test_values_are_kept_per_key_until_a_change() -> None:
    net = cv.datasets.example()
    calls: list[str] = []

    def build(net: cv.ChannelNetwork, role: str) -> int:
        calls.append(role)
        return _n_role(net, role)

    first = cache.cached(net, build, "reseller")
    assert cache.cached(net, build, "reseller") == first
    cache.cached(net, build, "distributor")
    assert calls == ["reseller", "distributor"]
    assert cache.CacheKey(build, ("reseller",)) in cache.keys(net)
    v = net.version
    net.add(cv.Organization("new-r", role="reseller"))
    assert net.version > v
    assert cache.keys(net) == ()
    assert cache.cached(net, build, "reseller") == first + 1
    assert calls == ["reseller", "distributor", "reseller"]


def test_a_failed_change_keeps_the_cache() -> None:
    net = cv.datasets.example()
    view = arrays(net)
    version = net.version
    with contextlib.suppress(cv.ChannelValueError):
        net.add(cv.Supplies("ghost", "acme"))
    assert net.version == version
    assert arrays(net) is view


def test_clear_drops_values_but_keeps_the_version() -> None:
    net = cv.datasets.example()
    view = arrays(net)
    version = net.version
    cache.clear(net)
    assert cache.keys(net) == ()
    assert net.version == version
    assert arrays(net) is not view


def test_a_value_whose_build_overlapped_a_change_is_neither_stored_nor_returned() -> None:
    net = cv.datasets.example()
    before = _n_role(net, "reseller")
    builds: list[int] = []

    def racy(net: cv.ChannelNetwork) -> int:
        value = _n_role(net, "reseller")
        builds.append(value)
        if len(builds) == 1:  # another writer changes the network during the first build
            net.add(cv.Organization("late-r", role="reseller"))
        return value

    assert cache.cached(net, racy) == before + 1
    assert builds == [before, before + 1]
    assert cache.cached(net, racy) == before + 1  # now stored
    assert len(builds) == 2


def test_the_cache_entries_are_typed_keys() -> None:
    net = cv.datasets.example()
    cv.audit(net)
    keys = cache.keys(net)
    assert keys
    assert all(isinstance(k, cache.CacheKey) and callable(k.builder) for k in keys)


def _report(net: cv.ChannelNetwork) -> Any:
    return cv.audit(net).to_dict()


@pytest.mark.parametrize("round_", range(3))
def test_auditing_while_another_thread_adds_organizations(round_: int) -> None:
    """Issue 14: a value built while another thread changed the network must not be
    stored after the change cleared the cache (the deterministic version of this race is
    the test above; this one runs it for real)."""
    net = cv.datasets.example()
    stop = threading.Event()
    failures: list[BaseException] = []

    def writer() -> None:
        try:
            for i in range(100):
                net.add(cv.Organization(f"t-{i}", role="reseller", revenue=1000.0 + i))
                net.add(cv.Supplies("acme", f"t-{i}"))
                time.sleep(0.001 * (i % 3))
        finally:
            stop.set()

    def auditor() -> None:
        while not stop.is_set():
            try:
                cv.audit(net)
            except (RuntimeError, KeyError, IndexError, ValueError, cv.ChannelValueError):
                pass  # reading while another thread writes may fail; it must not poison
            except BaseException as err:  # pragma: no cover - reported below
                failures.append(err)
                return

    threads = [threading.Thread(target=writer), threading.Thread(target=auditor)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not failures
    assert len(net.organizations) == len(cv.datasets.example().organizations) + 100
    assert _report(net) == _report(net.copy())
