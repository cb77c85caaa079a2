"""The thread-safety contract of :class:`~channelvalue.ChannelNetwork`, under stress.

Writers add organizations and links while readers audit, dump and reload, build frames
and the array view. Bounded by iterations (no wall-time assertion): no reader raises,
every ``dumps`` snapshot loads, and afterwards the audit of the network equals the audit
of a fresh copy (no stale cached value survives the race).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import channelvalue as cv
from channelvalue.core.arrays import arrays

pytest.importorskip("pandas")

ROUNDS = 8  # reader iterations
BATCHES = 30  # writer batches per writer


@pytest.fixture(autouse=True)
def _switch_often() -> Iterator[None]:
    """Switch threads every few microseconds so that races show in a few iterations."""
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    yield
    sys.setswitchinterval(old)


def _writer(net: cv.ChannelNetwork, tag: str, start: threading.Barrier) -> None:
    start.wait()
    for k in range(BATCHES):
        org = f"{tag}-{k}"
        net.add_all(
            [
                cv.Organization(org, role="reseller", revenue=1e9 + k),
                cv.Supplies("acme", org),
                cv.Serves(org, "smb"),
            ]
        )
        net.add(cv.Organization(f"{org}-x", role="agent"))  # single adds too


def _reader(net: cv.ChannelNetwork, work: Callable[[], Any], start: threading.Barrier) -> None:
    start.wait()
    for _ in range(ROUNDS):
        work()


def _dump_and_load(net: cv.ChannelNetwork) -> None:
    text = cv.io.dumps(net)
    back = cv.io.loads(text)  # every snapshot is a whole network
    assert back.count_links() >= 0


def test_readers_and_writers_race_without_errors() -> None:
    net = cv.datasets.example()
    readers: list[Callable[[], Any]] = [
        lambda: cv.audit(net),
        lambda: _dump_and_load(net),
        lambda: cv.io.to_frames(net),
        lambda: arrays(net),
        lambda: net.copy(),
    ]
    start = threading.Barrier(2 + len(readers))
    errors: list[BaseException] = []

    def guarded(fn: Callable[..., None], *args: Any) -> Callable[[], None]:
        def run() -> None:
            try:
                fn(*args)
            except BaseException as err:  # reported below, with the thread's traceback lost
                errors.append(err)

        return run

    threads = [threading.Thread(target=guarded(_writer, net, t, start)) for t in ("w1", "w2")]
    threads += [threading.Thread(target=guarded(_reader, net, r, start)) for r in readers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(net.organizations) == len(cv.datasets.example().organizations) + 4 * BATCHES
    # no stale cached value: the raced network audits as a fresh copy of it does
    report, fresh = cv.audit(net), cv.audit(net.copy())
    assert report.to_dict() == fresh.to_dict()
    assert report.to_markdown() == fresh.to_markdown()
    assert cv.io.dumps(net) == cv.io.dumps(net.copy())


def test_audit_findings_carry_no_error_from_a_race() -> None:
    net = cv.datasets.example()
    start = threading.Barrier(2)
    reports: list[Any] = []

    def audit() -> None:
        start.wait()
        reports.extend(cv.audit(net) for _ in range(ROUNDS))

    w = threading.Thread(target=_writer, args=(net, "w", start))
    r = threading.Thread(target=audit)
    w.start()
    r.start()
    w.join()
    r.join()
    for report in reports:  # a check that raised would show as an error finding
        assert all(f.severity.value != "error" or "Error" not in f.message for f in report)


def test_reading_holds_off_changes() -> None:
    net = cv.datasets.example()
    entered = threading.Event()
    done = threading.Event()

    def change() -> None:
        if entered.wait(10):
            net.add(cv.Organization("late", role="agent"))
            done.set()

    t = threading.Thread(target=change, daemon=True)
    t.start()
    with net.reading():
        before = len(net.organizations)
        entered.set()
        assert not done.wait(0.05)  # the change waits for the reader
        assert len(net.organizations) == before
    t.join(10)
    assert "late" in net
