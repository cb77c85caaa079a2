"""account_overlap: normalisation, keyed hashes, the sparse overlap checked by hand and by brute
force, co-selling, the model's JSON and frames round trips."""

from __future__ import annotations

import hashlib
import hmac
import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.mapping import (
    AccountOverlap,
    account_list,
    account_overlap,
    hash_accounts,
    normalise_account,
)
from channelvalue.mapping.overlap import LEGAL_SUFFIXES
from channelvalue.testing.strategies import account_lists

# the worked example of docs/guides/overlap.md: direct sales and four partners, 12 accounts
LISTS = {
    "acme": ["Globex Corp.", "Initech", "Umbrella"],
    "r1": ["Initech Inc", "Hooli", "Stark Industries Ltd", "Wayne Enterprises"],
    "r2": ["HOOLI", "Stark Industries", "Wonka GmbH", "Tyrell"],
    "m1": ["stark industries", "Tyrell Corporation", "Cyberdyne", "Soylent"],
    "s1": ["Oscorp", "Aperture", "umbrella"],
}
ROLES = {"acme": "vendor", "r1": "reseller", "r2": "reseller", "m1": "msp",
         "s1": "system_integrator"}  # fmt: skip


def worked(secret: str | None = None) -> cv.ChannelNetwork:
    net = cv.ChannelNetwork(steward="acme")
    net.add_all(
        [cv.Organization(o, role=r, name=o.upper()) for o, r in ROLES.items()]
        + [account_list(o, accounts, secret=secret) for o, accounts in LISTS.items()]
    )
    return net


def example_without_lists() -> cv.ChannelNetwork:
    """The bundled example minus its account lists: a network where none is held."""
    net = cv.datasets.example()
    for al in list(net.registry("account_list").values()):
        net.remove(al)  # type: ignore[arg-type]
    assert not net.registry("account_list")
    return net


def test_the_worked_example_by_hand() -> None:
    ov = account_overlap(worked())
    assert ov.owners == ("acme", "m1", "r1", "r2", "s1")
    assert ov.names == ("direct sales", "M1", "R1", "R2", "S1")
    assert ov.roles == ("direct", "msp", "reseller", "reseller", "system_integrator")
    assert len(ov.accounts) == 12
    assert ov.sizes.tolist() == [3, 4, 4, 4, 3]
    assert ov.matrix.toarray().tolist() == [
        [3, 0, 1, 0, 1],
        [0, 4, 1, 2, 0],
        [1, 1, 4, 2, 0],
        [0, 2, 2, 4, 0],
        [1, 0, 0, 0, 3],
    ]
    assert ov.shared("r1", "r2") == ("hooli", "stark industries")
    assert ov.shared("m1", "r2") == ("stark industries", "tyrell")
    assert ov.shared("acme", "s1") == ("umbrella",)
    assert ov.totals().tolist() == [2, 3, 4, 4, 1]


def test_the_worked_example_frames() -> None:
    ov = account_overlap(worked())
    frame = ov.to_frame()
    got = list(zip(frame.owner_a, frame.owner_b, frame.shared, frame.relation, strict=True))
    assert got == [
        ("m1", "r2", 2, "complementary"),
        ("r1", "r2", 2, "same_role"),
        ("acme", "r1", 1, "direct"),
        ("acme", "s1", 1, "direct"),
        ("m1", "r1", 1, "complementary"),
    ]
    assert frame.jaccard.tolist()[:2] == [pytest.approx(2 / 6), pytest.approx(2 / 6)]
    assert frame.share_b.tolist()[2:4] == [0.25, pytest.approx(1 / 3)]
    direct = ov.with_direct()
    assert direct.partner.tolist() == ["r1", "s1"]
    assert direct.name.tolist() == ["R1", "S1"]
    co = ov.co_selling()
    assert set(co.relation) == {"direct", "complementary"}
    assert len(co) == 4


def test_hashed_lists_give_the_same_overlap() -> None:
    plain = account_overlap(worked())
    hashed = account_overlap(worked(secret="shared secret"))
    assert (hashed.matrix != plain.matrix).nnz == 0
    assert all(len(a) == 64 for a in hashed.accounts)
    assert not set(hashed.accounts) & set(plain.accounts)
    other = account_overlap(worked(secret="another secret"))
    assert set(other.accounts).isdisjoint(hashed.accounts)


def test_hash_is_hmac_sha256_of_the_normalised_key() -> None:
    expected = hmac.new(b"k", b"acme", hashlib.sha256).hexdigest()
    assert hash_accounts(["ACME Ltd.", "acme", "https://"], "k") == (expected,)
    with pytest.raises(cv.ValidationError, match="secret"):
        hash_accounts(["a"], "")
    with pytest.raises(cv.WrongTypeError):
        hash_accounts("acme", "k")


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("ACME Ltd.", "acme"),
        ("Acme Limited", "acme"),
        ("Acme Pty Ltd", "acme"),
        ("Acme, Inc.", "acme"),
        ("ACME LLC", "acme"),
        ("Siemens AG", "siemens"),
        ("Philips B.V.", "philips"),
        ("Nestlé S.A.", "nestlé"),
        ("Müller GmbH & Co. KG", "müller"),
        ("Johnson & Johnson", "johnson and johnson"),
        ("O'Neil Bros", "oneil bros"),
        ("AG", "ag"),
        ("https://www.Acme.com/about?x=1", "acme.com"),
        ("http://user@shop.acme.co.uk:8080/", "shop.acme.co.uk"),
        ("www.acme.com", "acme.com"),
        ("acme.com.", "acme.com"),
        ("CRM-00042", "crm 00042"),
        ("  ", ""),
        ("\uff21\uff23\uff2d\uff25", "acme"),  # full-width letters: NFKC
    ],
)
def test_normalisation(raw: str, key: str) -> None:
    assert normalise_account(raw) == key


def test_normalisation_is_idempotent_and_suffixes_are_lowercase() -> None:
    for raw in ["ACME Ltd.", "www.acme.com/x", "Müller GmbH & Co. KG", "S.A."]:
        key = normalise_account(raw)
        assert normalise_account(key) == key
    assert all(s == s.casefold() and s.isalnum() for s in LEGAL_SUFFIXES)
    with pytest.raises(cv.WrongTypeError):
        normalise_account(3)  # type: ignore[arg-type]


def test_owned_units_join_the_direct_row_and_count_an_account_once() -> None:
    net = worked()
    net.add_all(
        [
            cv.Organization("acme-direct", role="agent", owned=True),
            cv.AccountList("acme-direct", ["initech", "hooli"]),
        ]
    )
    ov = account_overlap(net)
    assert ov.owners[0] == "acme"
    assert "acme-direct" not in ov.owners
    assert ov.sizes[0] == 4  # globex, initech, umbrella + hooli
    assert ov.matrix[0, ov.owners.index("r1")] == 2


def test_no_direct_row_without_a_steward_list() -> None:
    net = cv.ChannelNetwork()
    net.add_all(
        [
            cv.Organization("a", role="reseller"),
            cv.Organization("b", role="reseller"),
            cv.AccountList("a", ["x"]),
            cv.AccountList("b", ["x", "y"]),
        ]
    )
    ov = account_overlap(net)
    assert not ov.has_direct
    assert ov.owners == ("a", "b")
    assert ov.with_direct().empty
    assert (
        repr(ov)
        == "AccountOverlap(owners=2, accounts=2, overlapping_pairs=1, shared_with_direct=0)"
    )


def test_mixed_hashed_and_readable_lists_are_refused() -> None:
    net = cv.ChannelNetwork()
    net.add_all(
        [
            cv.Organization("a", role="reseller"),
            cv.Organization("b", role="reseller"),
            account_list("a", ["x"], secret="s"),
            cv.AccountList("b", ["x"]),
        ]
    )
    with pytest.raises(cv.ChannelValueError, match="mix hashed and readable"):
        account_overlap(net)
    with pytest.raises(cv.WrongTypeError):
        account_overlap("net")  # type: ignore[arg-type]


def test_unknown_owner_in_shared() -> None:
    with pytest.raises(cv.ValidationError, match=r"AccountOverlap\.owner"):
        account_overlap(worked()).shared("r1", "zz")


def test_repr_and_bounded_html() -> None:
    net = cv.ChannelNetwork()
    orgs = [cv.Organization(f"p{i:02d}", role="reseller", name=f"<P{i}>") for i in range(30)]
    lists = [cv.AccountList(f"p{i:02d}", ["common", f"own{i}"]) for i in range(30)]
    net.add_all(orgs + lists)
    ov = account_overlap(net)
    text = ov._repr_html_()
    assert text.count("<tr>") == 11  # header + 10 pairs
    assert "&lt;P0&gt;" in text
    assert "<P0>" not in text
    assert "and 425 more pairs" in text
    assert "overlapping_pairs=435" in repr(ov)


def test_the_result_is_cached_until_the_network_changes() -> None:
    net = worked()
    assert account_overlap(net) is account_overlap(net)
    before = account_overlap(net)
    net.add(cv.Organization("r3", role="reseller"))
    assert account_overlap(net) is not before
    assert account_overlap(net) == before


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from("abcdefgh"), max_size=6),
        min_size=1,
        max_size=7,
    ),
    st.booleans(),
)
def test_matches_brute_force(lists: list[list[str]], direct: bool) -> None:
    net = cv.ChannelNetwork(steward="v")
    items: list[object] = [cv.Organization("v", role="vendor")]
    for k, accounts in enumerate(lists):
        items += [cv.Organization(f"p{k}", role="reseller" if k % 2 else "msp")]
        items += [cv.AccountList(f"p{k}", accounts)]
    if direct:
        items.append(cv.AccountList("v", ["a", "b"]))
    net.add_all(items)
    ov = account_overlap(net)
    sets = {al.owner: set(al.accounts) for al in net.registry("account_list").values()}
    m = ov.matrix.toarray()
    for (i, a), (j, b) in itertools.product(enumerate(ov.owners), repeat=2):
        assert m[i, j] == len(sets[a] & sets[b])
    assert isinstance(ov, AccountOverlap)
    assert np.array_equal(m, m.T)


@settings(max_examples=30, deadline=None)
@given(account_lists())
def test_lists_round_trip_through_json_and_frames(al: cv.AccountList) -> None:
    net = cv.ChannelNetwork()
    net.add_all([cv.Organization(al.owner, role="reseller"), al])
    assert cv.io.loads(cv.io.dumps(net)) == net
    assert cv.io.from_frames(**cv.io.to_frames(net)) == net


def test_model_validation_and_network_rules() -> None:
    assert cv.AccountList("r1", ["b", "a", "a"]).accounts == ("a", "b")
    with pytest.raises(cv.ValidationError, match="64 lowercase hex"):
        cv.AccountList("r1", ["A" * 64], hashed=True)
    with pytest.raises(cv.ValidationError, match=r"AccountList\.accounts"):
        cv.AccountList("r1", "acme")  # type: ignore[arg-type]
    net = worked()
    with pytest.raises(cv.DuplicateIdError):
        net.add(cv.AccountList("r1", ["x"]))
    with pytest.raises(cv.UnknownIdError, match=r"AccountList\.owner"):
        net.add(cv.AccountList("nobody", ["x"]))
    with pytest.raises(cv.InUseError):
        net.remove("r1")
    net.remove("r1", cascade=True)
    assert "r1" not in net.registry("account_list")


def test_json_section_only_when_there_are_lists() -> None:
    assert "account_lists" not in cv.io.document(example_without_lists())["plan"]
    assert "account_lists" in cv.io.document(cv.datasets.example())["plan"]
    doc = cv.io.document(worked())
    assert doc["plan"]["account_lists"][0] == {
        "owner": "acme",
        "accounts": ["globex", "initech", "umbrella"],
    }


def test_frames_and_csv_of_account_lists(tmp_path) -> None:  # type: ignore[no-untyped-def]
    net = worked()
    net.add_all([cv.Organization("e", role="reseller"), cv.AccountList("e", [])])
    frames = cv.io.to_frames(net)
    acc = frames["accounts"]
    assert list(acc.columns) == ["owner", "account", "hashed"]
    assert len(acc) == 3 + 4 + 4 + 4 + 3 + 1
    assert cv.io.from_frames(**frames) == net
    cv.io.write_csv(net, tmp_path)
    assert cv.io.read_csv(tmp_path) == net
    empty = tmp_path / "empty"
    cv.io.write_csv(example_without_lists(), empty)
    # every table is written, an empty one as its header row: a stale file never survives
    assert (empty / "accounts.csv").read_bytes() == b"owner,account,hashed\r\n"
    bad = acc.copy()
    bad.loc[1, "hashed"] = True
    with pytest.raises(cv.DocumentError, match="as in the first row of 'acme'"):
        cv.io.from_frames(**{**frames, "accounts": bad})
    worse = acc.copy()
    worse["hashed"] = True
    with pytest.raises(cv.DocumentError, match="64 lowercase hex"):
        cv.io.from_frames(**{**frames, "accounts": worse})


def test_the_guide_runs(run_doc_examples, docs_dir) -> None:  # type: ignore[no-untyped-def]
    import matplotlib

    matplotlib.use("Agg")
    run_doc_examples(docs_dir / "guides" / "overlap.md", at_least=15)
