"""The bundled example and the seeded synthetic generator."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue import io, mapping

ROOT = Path(__file__).resolve().parents[2]
_PARTNER_ROLES = {
    cv.Role.RESELLER,
    cv.Role.RETAILER,
    cv.Role.MSP,
    cv.Role.SYSTEM_INTEGRATOR,
    cv.Role.AGENT,
    cv.Role.MARKETPLACE,
}


def _build_script() -> ModuleType:
    path = ROOT / "scripts" / "build_example.py"
    spec = importlib.util.spec_from_file_location("build_example", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------------- example
def test_the_shipped_example_equals_what_the_script_builds() -> None:
    built = _build_script().build()
    assert built == cv.datasets.example()
    # and the shipped file is exactly what save() writes for it (run the script to refresh)
    shipped = Path(cv.datasets.example_path()).read_text(encoding="utf-8")
    assert io.loads(shipped) == built


def test_example_facts() -> None:
    net = cv.datasets.example()
    assert net.validate() == ()
    assert net.steward_id == "acme"
    assert net.steward.role is cv.Role.VENDOR
    roles = [o.role for o in net.organizations.values()]
    assert 2 <= roles.count(cv.Role.DISTRIBUTOR) + roles.count(cv.Role.MARKETPLACE) <= 4
    assert 30 <= sum(r in _PARTNER_ROLES for r in roles) <= 80
    assert 4 <= len(net.segments) <= 6
    assert len(net.managers) >= 2
    assert net.count_links("shares_data") > 0
    assert net.propositions
    assert net.levers
    assert net.investments
    assert net.margins
    assert net.flow_tables
    # every segment has different needs
    needs = [dict(s.needs) for s in net.segments.values()]
    assert all(a != b for i, a in enumerate(needs) for b in needs[i + 1 :])


def test_example_is_fresh_on_every_call() -> None:
    first = cv.datasets.example()
    first.remove("sys-gov", cascade=True)
    assert "sys-gov" in cv.datasets.example()
    assert io.load(cv.datasets.example_path()) == cv.datasets.example()


# ---------------------------------------------------------------------- synthetic
@given(st.integers(1, 60), st.integers(0, 2**32), st.booleans())
def test_synthetic_is_deterministic_valid_and_lossless(
    partners: int, seed: int, plan: bool
) -> None:
    net = cv.datasets.synthetic(partners, seed=seed, plan=plan)
    assert net == cv.datasets.synthetic(partners, seed=seed, plan=plan)
    assert net.validate() == ()
    assert io.loads(io.dumps(net)) == net
    roles = [o.role for o in net.organizations.values()]
    assert sum(r in _PARTNER_ROLES for r in roles) == partners
    assert net.steward.role is cv.Role.VENDOR
    if plan:
        # one template per segment that some partner serves, naming members on its routes
        served = {s for s in net.segments if net.partners(s)}
        assert set(net.flow_tables) == served
        assert len(net.margins) == 3 * len(served)
        for segment in served:
            mapping.segment_efficiency(net, segment)  # raises if a member is on no route
    else:
        assert not net.investments
        assert not net.flow_tables
        assert not net.margins


def test_synthetic_sizes_worked_by_hand() -> None:
    net = cv.datasets.synthetic(12, seed=3, segments=2, regions=1, distributors=3, managers=2)
    assert len(net.segments) == 2
    assert len(net.managers) == 2
    roles = [o.role for o in net.organizations.values()]
    assert roles.count(cv.Role.DISTRIBUTOR) == 3
    assert len(net.organizations) == 1 + 3 + 12
    assert len(net.flow_tables) == 2  # one per segment
    # every partner buys from exactly one distributor (large integrators also direct)
    for org in net.organizations.values():
        if org.role in _PARTNER_ROLES:
            assert len([u for u in net.upstream(org.id) if u.startswith("dist-")]) == 1


def test_synthetic_seeds_differ() -> None:
    assert cv.datasets.synthetic(30, seed=1) != cv.datasets.synthetic(30, seed=2)


_BAD_ARGS: list[tuple[dict[str, Any], str, Any]] = [
    ({"partners": 0}, "partners", 0),
    ({"partners": -5}, "partners", -5),
    ({"partners": 2.5}, "partners", 2.5),
    ({"partners": True}, "partners", True),
    ({"partners": "10"}, "partners", "10"),
    ({"partners": 5, "seed": -1}, "seed", -1),
    ({"partners": 5, "seed": 1.0}, "seed", 1.0),
    ({"partners": 5, "segments": 0}, "segments", 0),
    ({"partners": 5, "regions": 0}, "regions", 0),
    ({"partners": 5, "distributors": 0}, "distributors", 0),
    ({"partners": 5, "managers": -1}, "managers", -1),
    ({"partners": 5, "plan": "yes"}, "plan", "yes"),  # found by these tests: was accepted
]


@pytest.mark.parametrize(("kwargs", "field", "value"), _BAD_ARGS)
def test_synthetic_bad_arguments(kwargs: dict[str, Any], field: str, value: Any) -> None:
    with pytest.raises(cv.ValidationError) as info:
        cv.datasets.synthetic(**kwargs)
    assert info.value.field == field
    assert str(info.value).startswith(f"synthetic.{field}: got {value!r} but expected")


def test_results_do_not_depend_on_the_hash_seed() -> None:
    code = (
        "import hashlib, channelvalue as cv\n"
        "net = cv.datasets.synthetic(300, seed=7)\n"
        "text = cv.io.dumps(net) + repr(sorted(net.graph.edges(keys=True)))\n"
        "text += repr([net.upstream(o) for o in sorted(net.organizations)])\n"
        "print(hashlib.sha256(text.encode()).hexdigest())\n"
    )
    digests = set()
    for seed in ("0", "4242"):
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert done.returncode == 0, done.stderr
        digests.add(done.stdout.strip())
    assert len(digests) == 1
