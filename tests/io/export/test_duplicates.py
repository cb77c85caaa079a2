"""find_duplicates / normalise_name: exact rows, repeated ids, one account under several ids."""

from __future__ import annotations

import random
from unittest import mock

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

pytest.importorskip("rapidfuzz")

from channelvalue.errors import ValidationError, WrongTypeError
from channelvalue.io.export import duplicates as D
from channelvalue.io.export.duplicates import (
    LEGAL_SUFFIXES,
    DuplicateGroup,
    duplicates_frame,
    find_duplicates,
    normalise_name,
)

ACME = [
    "Acme",
    "ACME",
    "  acme  ",
    "Acme Ltd",
    "Acme Ltd.",
    "ACME Limited",
    "Acme, Inc.",
    "Acme Incorporated",
    "Acme LLC",
    "Acme LLP",
    "Acme Corp.",
    "The Acme Corporation",
    "Acme Co.",
    "Acme Pty Ltd",
    "Acme Pty. Ltd.",
    "Acme S.A.",
    "Acme SA",
    "Acme S.A.S.",
    "Acme SAS",
    "Acme SARL",
    "Acme B.V.",
    "Acme BV",
    "Acme NV",
    "Acme AB",
    "Acme Oy",
    "Acme SpA",
    "Acme S.p.A.",
    "Acme PLC",
    "Acme KK",
    "Acme & Co",
    "Acme and Co.",
    "Acme GmbH",
    "Acme AG",
    "Acme GmbH & Co. KG",
    "Acmé",
    "\uff21\uff23\uff2d\uff25",  # full-width letters (NFKD)
]


@pytest.mark.parametrize("name", ACME)
def test_legal_forms_case_accents_and_the_are_removed(name: str) -> None:
    assert normalise_name(name) == "acme"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("AG", "ag"),  # a name that is only a legal form keeps it
        ("The", "the"),
        ("", ""),
        ("  ", ""),
        ("O'Neil Systems", "oneil systems"),
        ("Müller  &  Söhne", "muller and sohne"),
        ("Acme-Data/Cloud_Ops", "acme data cloud ops"),
        ("Acme Ltd (UK)", "acme ltd uk"),  # only trailing legal forms go
        ("Straße", "strasse"),
        ("Co-op Foods", "co op foods"),
        ("Smith & Co Trading", "smith and co trading"),
    ],
)
def test_normalise_name_examples(name: str, expected: str) -> None:
    assert normalise_name(name) == expected


def test_normalise_name_refuses_non_text() -> None:
    with pytest.raises(WrongTypeError, match="normalise_name"):
        normalise_name(42)  # type: ignore[arg-type]


def test_the_four_kinds_worked_example() -> None:
    ids = ["a1", "a1", "b1", "b1", "c1", "c2", "c3", "d1", "d2", "e1"]
    names = [
        "Acme Ltd",  # 0  exact duplicate of 1
        "Acme Ltd",  # 1
        "Borealis",  # 2  same id as 3, different row
        "Borealis GmbH",  # 3
        "Cobalt Systems",  # 4  same normalised name as 5 and 6
        "COBALT SYSTEMS, Inc.",  # 5
        "The Cobalt Systems",  # 6
        "Delta Networks",  # 7  similar to 8
        "Delta Netwroks",  # 8
        "Echo",  # 9  alone
    ]
    rows = [(i, n, "x") for i, n in zip(ids, names, strict=True)]
    groups = find_duplicates(ids, names, rows=rows)
    assert [(g.kind, g.positions) for g in groups] == [
        ("exact-row", (0, 1)),
        ("same-id", (2, 3)),
        ("same-name", (4, 5, 6)),
        ("similar-name", (7, 8)),
    ]
    similar = groups[-1]
    assert similar.ids == ("d1", "d2")
    assert similar.names == ("Delta Networks", "Delta Netwroks")
    # token_sort_ratio('delta networks', 'delta netwroks'): 12 of 14 letters in order -> 2*13/28
    assert similar.score == pytest.approx(100 * 26 / 28)
    assert all(g.score == 100.0 for g in groups[:3])


def test_same_id_names_every_row_and_exact_copies_are_not_same_id() -> None:
    ids = ["x", "x", "x", "y", "y"]
    names = ["A", "A", "B", "C", "C"]
    rows = [("x", "A"), ("x", "A"), ("x", "B"), ("y", "C"), ("y", "C")]
    groups = find_duplicates(ids, names, rows=rows)
    assert [(g.kind, g.positions) for g in groups] == [
        ("exact-row", (0, 1)),
        ("exact-row", (3, 4)),
        ("same-id", (0, 1, 2)),
    ]
    # without rows, the repeated ids are all that is known
    assert [(g.kind, g.positions) for g in find_duplicates(ids, names)] == [
        ("same-id", (0, 1, 2)),
        ("same-id", (3, 4)),
    ]


def test_blank_cells_are_equal_in_exact_rows() -> None:
    rows = [("1", None, float("nan")), ("1", "", None), ("1", "", 0)]
    groups = find_duplicates(["1", "2", "3"], ["a", "b", "c"], rows=rows)
    assert [(g.kind, g.positions) for g in groups] == [("exact-row", (0, 1))]


def test_blank_ids_and_names() -> None:
    ids = [None, "", float("nan"), "k"]
    names = ["Acme Ltd", "ACME", None, ""]
    (group,) = find_duplicates(ids, names)  # type: ignore[arg-type]
    assert (group.kind, group.positions, group.ids) == ("same-name", (0, 1), ("", ""))


def test_one_id_with_two_spellings_is_not_a_name_group() -> None:
    groups = find_duplicates(["a", "a"], ["Acme Ltd", "Acme Limited"], rows=[(1,), (2,)])
    assert [g.kind for g in groups] == ["same-id"]


def test_threshold() -> None:
    ids, names = ["1", "2"], ["Delta Networks", "Delta Netwroks"]
    assert find_duplicates(ids, names, threshold=95) == ()
    assert [g.kind for g in find_duplicates(ids, names, threshold=90)] == ["similar-name"]
    assert find_duplicates(ids, ["Acme", "Zebra"], threshold=0) == find_duplicates(
        ids, ["Acme", "Zebra"], threshold=0
    )


def test_a_chain_of_similar_names_is_one_group_scored_by_its_weakest_link() -> None:
    names = ["Nordic Data Systems", "Nordic Data Sytems", "Nordik Data Sytems", "Zeta"]
    (group,) = find_duplicates(["1", "2", "3", "4"], names)
    assert group.positions == (0, 1, 2)
    assert 90 <= group.score < 100


def test_similar_names_are_found_inside_a_large_block() -> None:
    names = [f"Global {w} Partners" for w in _words(600, seed=1)]
    names += ["Global Quantumfield Partners", "Global Quantumfeild Partners"]
    ids = [str(i) for i in range(len(names))]
    found = {g.positions for g in find_duplicates(ids, names) if g.kind == "similar-name"}
    assert (600, 601) in found


def test_candidate_pairs_grow_linearly_never_all_pairs() -> None:
    from rapidfuzz import process

    counted: list[int] = []
    original = process.cpdist

    def counting(queries, choices, **kwargs):  # type: ignore[no-untyped-def]
        counted.append(len(queries))
        return original(queries, choices, **kwargs)

    n = 3000
    names = [f"{a} {b}" for a, b in zip(_words(n, seed=2), _words(n, seed=3), strict=True)]
    with mock.patch.object(process, "cpdist", counting):
        find_duplicates([str(i) for i in range(n)], names)
    per_name = D.BLOCK_WINDOW + 4 * D.WINDOW
    assert counted
    assert counted[0] <= per_name * n < n * (n - 1) // 2


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"ids": ["a"], "names": []}, ValidationError),
        ({"ids": ["a"], "names": ["x"], "rows": []}, ValidationError),
        ({"ids": ["a"], "names": ["x"], "threshold": 101}, ValidationError),
        ({"ids": ["a"], "names": ["x"], "threshold": -1}, ValidationError),
        ({"ids": ["a"], "names": ["x"], "threshold": True}, ValidationError),
        ({"ids": ["a"], "names": ["x"], "threshold": "90"}, ValidationError),
        ({"ids": ["a"], "names": [3]}, WrongTypeError),
    ],
)
def test_bad_arguments(kwargs: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        find_duplicates(**kwargs)  # type: ignore[arg-type]


def test_duplicates_frame() -> None:
    pytest.importorskip("pandas")
    groups = find_duplicates(["1", "2", "3"], ["Acme", "ACME Ltd", "x"])
    frame = duplicates_frame(groups)
    assert frame.columns.tolist() == ["group", "kind", "score", "position", "id", "name"]
    assert frame[["group", "position", "id", "name"]].values.tolist() == [
        [0, 0, "1", "Acme"],
        [0, 1, "2", "ACME Ltd"],
    ]


def _words(n: int, *, seed: int) -> list[str]:
    rnd = random.Random(seed)
    letters = "bcdfghjklmnprstvz"
    vowels = "aeiou"
    return [
        "".join(rnd.choice(letters) + rnd.choice(vowels) for _ in range(4)).title()
        for _ in range(n)
    ]


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8).filter(
    lambda w: w not in {"and", "the"}
)
NAME = st.lists(WORD, min_size=1, max_size=3).map(" ".join)
SUFFIX = st.sampled_from(
    ["Ltd", "Limited", "GmbH", "Inc.", "LLC", "Pty Ltd", "S.A.", "S.p.A.", "B.V.", "& Co", "PLC"]
)


@settings(max_examples=100, deadline=None)
@given(NAME, SUFFIX)
def test_a_name_and_its_suffixed_variant_are_grouped(name: str, suffix: str) -> None:
    (group,) = find_duplicates(["1", "2"], [name.title(), f"{name.title()} {suffix}"])
    assert group.kind == "same-name"
    assert group.positions == (0, 1)


@settings(max_examples=100, deadline=None)
@given(NAME)
def test_a_pair_renamed_only_by_case_is_grouped(name: str) -> None:
    (group,) = find_duplicates(["1", "2"], [name.lower(), name.upper()])
    assert (group.kind, group.positions) == ("same-name", (0, 1))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["1", "2", "3", "4", "", "5"]), NAME | SUFFIX),
        min_size=1,
        max_size=25,
    ),
    st.randoms(use_true_random=False),
)
def test_groups_do_not_depend_on_the_order_of_the_rows(
    entries: list[tuple[str, str]], rnd: random.Random
) -> None:
    ids = [i for i, _ in entries]
    names = [n for _, n in entries]
    rows = [(i, n) for i, n in entries]
    order = list(range(len(entries)))
    rnd.shuffle(order)

    def as_set(groups: tuple[DuplicateGroup, ...], back: list[int]) -> set[object]:
        return {(g.kind, g.score, frozenset(back[p] for p in g.positions)) for g in groups}

    plain = find_duplicates(ids, names, rows=rows)
    shuffled = find_duplicates(
        [ids[k] for k in order], [names[k] for k in order], rows=[rows[k] for k in order]
    )
    assert as_set(shuffled, order) == as_set(plain, list(range(len(entries))))
    assert len(shuffled) == len(plain)
    for g in plain:  # each group's rows are listed once, in order
        assert list(g.positions) == sorted(set(g.positions))


@settings(max_examples=60, deadline=None)
@given(st.lists(NAME, min_size=2, max_size=30, unique=True))
def test_each_row_is_in_at_most_one_name_group(names: list[str]) -> None:
    assume(len({normalise_name(n) for n in names}) == len(names))
    groups = find_duplicates([str(i) for i in range(len(names))], names)
    seen = [p for g in groups for p in g.positions]
    assert len(seen) == len(set(seen))
    assert all(g.kind == "similar-name" for g in groups)


def test_legal_suffixes_are_lower_case_words() -> None:
    assert all(s.isalpha() and s == s.lower() for s in LEGAL_SUFFIXES)
