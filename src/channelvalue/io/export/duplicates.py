"""Duplicate accounts in an export: exact rows, repeated ids, one account under several ids.

[`find_duplicates`][channelvalue.io.export.duplicates.find_duplicates] looks for four kinds of
duplicate, each reported as a [`DuplicateGroup`][channelvalue.io.export.duplicates.DuplicateGroup]:

- `"exact-row"`: rows whose cells are all equal (the same row exported twice);
- `"same-id"`: one id on rows that differ (every row with the id is named);
- `"same-name"`: different ids whose names are equal once normalised
  ([`normalise_name`][channelvalue.io.export.duplicates.normalise_name]: case, accents,
  punctuation, legal suffixes such as Ltd, GmbH, Inc., Pty Ltd, S.A.);
- `"similar-name"`: different ids whose normalised names are alike (rapidfuzz's
  `token_sort_ratio` at least `threshold`), joined into connected components.

Similar names are found without comparing every pair: the distinct normalised names are sorted
in several orders (by name within blocks of the same first word, by sorted words within blocks
of the same smallest word, by name, by sorted words and by reversed name), and each name is
compared with its nearest neighbours in each order. The work grows linearly with the number of
names. Numbers in names are exact tokens: "Store 12" and "Store 13" are never similar names
(every order is blocked on the numbers a name holds). Pairs that a cheap bound on the edit
distance (character counts) rules out are not scored. Needs the `import` extra (rapidfuzz,
pandas).

Examples:
    >>> from channelvalue.io.export.duplicates import find_duplicates
    >>> groups = find_duplicates(
    ...     ["a1", "a2", "b1", "c1", "c2"],
    ...     ["Acme Ltd", "ACME Limited", "Borealis GmbH", "Cobalt Systems", "Cobalt Sytems"],
    ... )
    >>> [(g.kind, g.ids) for g in groups]
    [('same-name', ('a1', 'a2')), ('similar-name', ('c1', 'c2'))]
"""

from __future__ import annotations

import math
import numbers
import re
import unicodedata
from collections.abc import Sequence
from typing import Any, Literal

import attrs
import numpy as np
import numpy.typing as npt

from ...errors import MissingDependencyError, ValidationError, WrongTypeError

__all__ = [
    "LEGAL_SUFFIXES",
    "DuplicateGroup",
    "DuplicateKind",
    "duplicates_frame",
    "find_duplicates",
    "normalise_name",
]

DuplicateKind = Literal["exact-row", "same-id", "same-name", "similar-name"]
"""The kinds of duplicate, in the order groups are reported."""

_KIND_ORDER = {"exact-row": 0, "same-id": 1, "same-name": 2, "similar-name": 3}

LEGAL_SUFFIXES = frozenset(
    {
        "ab",
        "ag",
        "aps",
        "as",
        "asa",
        "bv",
        "co",
        "company",
        "corp",
        "corporation",
        "gmbh",
        "inc",
        "incorporated",
        "kg",
        "kk",
        "llc",
        "llp",
        "lp",
        "lda",
        "ltd",
        "ltda",
        "limited",
        "nv",
        "oy",
        "oyj",
        "plc",
        "pte",
        "pty",
        "pvt",
        "sa",
        "sarl",
        "sas",
        "sau",
        "se",
        "sl",
        "spa",
        "srl",
        "ug",
    }
)
"""Legal-form words [`normalise_name`][channelvalue.io.export.duplicates.normalise_name] removes
from the end of a name (after dots are dropped, so `S.p.A.` is `spa`, `B.V.` is `bv`); `& Co`
and `and Co` go too."""

_DROPPED = re.compile(r"[.'\u2019`]")
_SEPARATORS = re.compile(r"[\W_]+")
# the same two steps for ASCII text in one `str.translate`: dropped characters go, every other
# character that is not a letter or digit separates words
_ASCII = {
    c: (None if chr(c) in ".'`" else " ")
    for c in range(128)
    if not (chr(c).isascii() and (chr(c).isalnum()))
}
_ASCII_MANY = {**_ASCII, 0: 0}  # NUL separates the names of a batch


def _normalise_many(texts: list[str]) -> list[str]:
    """[`normalise_name`][channelvalue.io.export.duplicates.normalise_name] of each text; the
    ASCII ones lowered and translated as one string."""
    batch = [t for t in texts if t.isascii() and "\x00" not in t]
    if len(batch) < 2:
        return [normalise_name(t) for t in texts]
    joined = "\x00".join(batch).lower().replace("&", " and ").translate(_ASCII_MANY)
    done = dict(zip(batch, (_without_forms(p.split()) for p in joined.split("\x00")), strict=True))
    return [done[t] if t in done else normalise_name(t) for t in texts]


def normalise_name(text: str) -> str:
    """A name reduced to what identifies the account: lower case, accents stripped, punctuation
    and spacing collapsed, a leading "The" and trailing legal forms removed.

    `&` reads as `and`; dots and apostrophes are dropped (`S.A.` is `sa`, `O'Neil` is `oneil`),
    other punctuation separates words. Legal forms
    ([`LEGAL_SUFFIXES`][channelvalue.io.export.duplicates.LEGAL_SUFFIXES], and `& Co`) are
    removed from the end as long as a word is left, so `"AG"` alone stays `"ag"`.

    Raises:
        WrongTypeError: `text` is not a string.

    Examples:
        >>> normalise_name("ACME Limited"), normalise_name("Acme, Inc."), normalise_name("Acme Ltd")
        ('acme', 'acme', 'acme')
        >>> normalise_name("The Müller & Söhne GmbH & Co. KG")
        'muller and sohne'
        >>> normalise_name("Kangaroo Pty. Ltd."), normalise_name("Società Rossi S.p.A.")
        ('kangaroo', 'societa rossi')
    """
    if not isinstance(text, str):
        raise WrongTypeError("normalise_name", text, "a name (str)")
    if text.isascii():
        words = text.lower().replace("&", " and ").translate(_ASCII).split()
    else:
        plain = unicodedata.normalize("NFKD", text)
        plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
        plain = _SEPARATORS.sub(" ", _DROPPED.sub("", plain.replace("&", " and ")))
        words = plain.split()
    return _without_forms(words)


def _without_forms(words: list[str]) -> str:
    """The words without trailing legal forms and a leading "The", joined by spaces."""
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
        if len(words) > 1 and words[-1] == "and":  # "& Co"
            words.pop()
    if len(words) > 1 and words[0] == "the":
        words.pop(0)
    return " ".join(words)


@attrs.frozen
class DuplicateGroup:
    """Rows of an export that look like one account, and why.

    `positions`, `ids` and `names` are parallel: one entry per row of the group, in order of
    position (0-based positions of the inputs of
    [`find_duplicates`][channelvalue.io.export.duplicates.find_duplicates]).

    Attributes:
        kind: `"exact-row"`, `"same-id"`, `"same-name"` or `"similar-name"`.
        positions: the rows, in order.
        ids: the id on each row.
        names: the name on each row, as written.
        score: 100 for exact kinds; for `"similar-name"`, the lowest similarity (0-100) among
            the pairs of names that joined the group.

    Examples:
        >>> (group,) = find_duplicates(["x", "x"], ["Acme", "Acme Corp"])
        >>> group
        DuplicateGroup(kind='same-id', positions=(0, 1), ids=('x', 'x'), names=('Acme', 'Acme Corp'), score=100.0)
    """  # noqa: E501

    kind: DuplicateKind
    positions: tuple[int, ...]
    ids: tuple[str, ...]
    names: tuple[str, ...]
    score: float = 100.0


def duplicates_frame(groups: Sequence[DuplicateGroup]) -> Any:
    """The groups as a `pandas.DataFrame`, one row per row of each group: `group` (its number
    in `groups`), `kind`, `score`, `position`, `id`, `name`.

    Examples:
        >>> frame = duplicates_frame(find_duplicates(["x", "x"], ["Acme", "Acme Corp"]))
        >>> frame[["group", "kind", "position", "id"]]
           group     kind  position id
        0      0  same-id         0  x
        1      0  same-id         1  x
    """
    try:
        import pandas as pd
    except ImportError:
        raise MissingDependencyError(
            "pandas", extra="import", feature="duplicates_frame()"
        ) from None
    rows = [
        (number, group.kind, group.score, position, id, name)
        for number, group in enumerate(groups)
        for position, id, name in zip(group.positions, group.ids, group.names, strict=True)
    ]
    return pd.DataFrame(rows, columns=["group", "kind", "score", "position", "id", "name"])


WINDOW = 8
"""How many neighbours each distinct name is compared with in each sort order."""
BLOCK_WINDOW = 16
"""... and within its block of names sharing the first word (all pairs of a block this small)."""


def find_duplicates(
    ids: Sequence[str],
    names: Sequence[str],
    *,
    rows: Sequence[Sequence[object]] | None = None,
    threshold: float = 90.0,
) -> tuple[DuplicateGroup, ...]:
    """Groups of rows that look like the same account.

    Row `i` has id `ids[i]`, name `names[i]` and, if given, cells `rows[i]` (the whole row, to
    find exact duplicates). A blank id (`None`, `""`, `NaN`) is no id: such a row is never in
    a `"same-id"` group and counts as an id of its own for names. A blank name is never matched.

    - `"exact-row"` (needs `rows`): rows whose cells are all equal (blank cells equal each
      other).
    - `"same-id"`: an id on two or more rows that are not all exact duplicates of each other;
      the group names every row with the id.
    - `"same-name"` / `"similar-name"`: rows under at least two different ids whose normalised
      names are equal, or linked by a chain of pairs with `token_sort_ratio >= threshold`; the
      group names every row with one of those names. Each row is in at most one name group.

    Groups come in the order of the kinds above, then by first position; the result does not
    depend on the order of the rows (up to positions).

    Args:
        ids: the id of each row.
        names: the name of each row.
        rows: the cells of each row, for exact duplicates.
        threshold: the lowest similarity (0-100) for two names to be alike.

    Raises:
        ValidationError: the inputs differ in length, or `threshold` is not in [0, 100].
        WrongTypeError: a name is not text.
        MissingDependencyError: rapidfuzz is not installed (the `import` extra).

    Examples:
        >>> groups = find_duplicates(
        ...     ["1", "1", "2", "3"],
        ...     ["Acme", "Acme", "Borealis AG", "The Borealis"],
        ...     rows=[("1", "Acme", 5), ("1", "Acme", 5), ("2", "Borealis AG", 1), ("3", "x", 1)],
        ... )
        >>> [(g.kind, g.positions, g.score) for g in groups]
        [('exact-row', (0, 1), 100.0), ('same-name', (2, 3), 100.0)]
    """
    n = len(ids)
    if len(names) != n:
        raise ValidationError(
            "find_duplicates", "names", f"{len(names)} names", f"one name per id ({n})"
        )
    if rows is not None and len(rows) != n:
        raise ValidationError(
            "find_duplicates", "rows", f"{len(rows)} rows", f"one row per id ({n})"
        )
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, numbers.Real)
        or not 0 <= float(threshold) <= 100
    ):
        raise ValidationError("find_duplicates", "threshold", threshold, "a number in [0, 100]")
    keys = [i.strip() if type(i) is str else _id_text(i) for i in ids]
    texts = [name if type(name) is str else _name_text(name, i) for i, name in enumerate(names)]
    groups: list[DuplicateGroup] = []
    row_keys = None if rows is None else [_row_key(row) for row in rows]
    if row_keys is not None:
        groups += _exact_rows(row_keys, keys, texts)
    groups += _same_ids(keys, texts, row_keys)
    groups += _by_name(keys, texts, float(threshold))
    groups.sort(key=lambda g: (_KIND_ORDER[g.kind], g.positions))
    return tuple(groups)


def _id_text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _name_text(value: object, position: int) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if not isinstance(value, str):
        raise WrongTypeError(f"find_duplicates names[{position}]", value, "a name (str)")
    return value


_BLANK = ("<blank>",)


def _row_key(row: Sequence[object]) -> tuple[object, ...]:
    """A hashable key of a row's cells; blank cells (None, NaN, "") equal each other."""
    if type(row) is tuple and len(row) == 1 and type(row[0]) is str and row[0]:
        return row  # one text cell (how read_export passes a row)
    if all(type(cell) is str and cell for cell in row):
        return tuple(row)
    out: list[object] = []
    for cell in row:
        if cell is None or cell == "" or (isinstance(cell, float) and math.isnan(cell)):
            out.append(_BLANK)
        else:
            try:
                hash(cell)
            except TypeError:
                out.append(repr(cell))
            else:
                out.append(cell)
    return tuple(out)


def _group(
    kind: DuplicateKind, positions: Sequence[int], keys: list[str], texts: list[str], score: float
) -> DuplicateGroup:
    ordered = sorted(positions)
    return DuplicateGroup(
        kind,
        tuple(ordered),
        tuple(keys[p] for p in ordered),
        tuple(texts[p] for p in ordered),
        score,
    )


def _exact_rows(
    row_keys: list[tuple[object, ...]], keys: list[str], texts: list[str]
) -> list[DuplicateGroup]:
    return [_group("exact-row", ps, keys, texts, 100.0) for ps in _repeated(row_keys)]


SMALL_GRAPH = 20_000
"""Up to this many similar pairs, components are joined in Python (no scipy import)."""


def _components(
    m: int, left: npt.NDArray[np.int64], right: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    """The connected component (numbered 0, 1, ...) of each of `m` names joined by the pairs."""
    if len(left) > SMALL_GRAPH:
        from scipy.sparse import coo_matrix
        from scipy.sparse.csgraph import connected_components

        graph = coo_matrix((np.ones(len(left)), (left, right)), shape=(m, m))
        return np.asarray(connected_components(graph, directed=False)[1], dtype=np.int64)
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while x != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    for a, b in zip(left.tolist(), right.tolist(), strict=True):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    roots = np.arange(m, dtype=np.int64)
    for x in parent:
        roots[x] = find(x)
    return np.unique(roots, return_inverse=True)[1].astype(np.int64).ravel()


def _pandas() -> Any:
    try:
        import pandas as pd
    except ImportError:
        raise MissingDependencyError(
            "pandas", extra="import", feature="find_duplicates()"
        ) from None
    return pd


def _repeated(values: Sequence[object], skip: object = None) -> list[list[int]]:
    """The positions of each value that occurs more than once (but `skip`), in order of first
    occurrence: one hash per value (pandas' hash table), the rest in numpy."""
    pd = _pandas()

    array = np.fromiter(values, dtype=object, count=len(values))
    found, distinct = pd.factorize(array, use_na_sentinel=False)
    codes = np.asarray(found, dtype=np.int64)
    counts = np.bincount(codes, minlength=len(distinct))
    if skip is not None:
        counts[codes[array == skip]] = 0
    many = counts > 1
    if not many.any():
        return []
    positions = np.flatnonzero(many[codes])
    order = np.argsort(codes[positions], kind="stable")
    positions, group = positions[order], codes[positions][order]
    cuts = np.flatnonzero(np.diff(group)) + 1
    return [part.tolist() for part in np.split(positions, cuts)]


def _same_ids(
    keys: list[str], texts: list[str], row_keys: list[tuple[object, ...]] | None
) -> list[DuplicateGroup]:
    out = []
    for positions in _repeated(keys, skip=""):
        if row_keys is not None and len({row_keys[p] for p in positions}) < 2:
            continue  # exact duplicates only: reported as such
        out.append(_group("same-id", positions, keys, texts, 100.0))
    return out


def _by_name(keys: list[str], texts: list[str], threshold: float) -> list[DuplicateGroup]:
    """Same-name and similar-name groups: components of the graph of distinct normalised names
    joined where similar, kept where they hold at least two different ids."""
    distinct = list(dict.fromkeys(texts))  # each distinct name is normalised once
    normal = dict(zip(distinct, _normalise_many(distinct), strict=True))
    norms = [normal[t] for t in texts]
    unique = sorted(set(normal.values()) - {""})
    if not unique:
        return []
    code = {name: k for k, name in enumerate(unique)}
    code[""] = -1
    m, n = len(unique), len(norms)
    left, right, scores = _similar_pairs(unique, threshold)
    component = _components(m, left, right)
    weakest = np.full(m, 100.0)
    if len(left):
        np.minimum.at(weakest, component[left], scores)
    name_code = np.fromiter((code[name] for name in norms), dtype=np.int64, count=n)
    named = np.flatnonzero(name_code >= 0)
    comp = component[name_code[named]].astype(np.int64)
    # the owner of a row: its id, or the row itself when it has none
    owner_code: dict[str, int] = {}
    owner = np.fromiter(
        (
            owner_code.setdefault(keys[p], len(owner_code)) if keys[p] else -1 - p
            for p in named.tolist()
        ),
        dtype=np.int64,
        count=len(named),
    )
    pairs = np.unique(np.stack([comp, owner], axis=1), axis=0)
    owners = np.bincount(pairs[:, 0], minlength=m)
    keep = owners[comp] >= 2  # components holding two owners or more
    rows, comp = named[keep], comp[keep]
    order = np.argsort(comp, kind="stable")
    rows, comp = rows[order], comp[order]
    cuts = np.flatnonzero(np.diff(comp)) + 1
    sizes = np.bincount(component, minlength=m)
    out = []
    for positions in np.split(rows, cuts) if len(rows) else []:
        c = int(component[name_code[positions[0]]])
        if sizes[c] == 1:
            out.append(_group("same-name", positions.tolist(), keys, texts, 100.0))
        else:
            out.append(_group("similar-name", positions.tolist(), keys, texts, float(weakest[c])))
    return out


def _codes(keys: Sequence[object] | npt.NDArray[Any], *, ordered: bool) -> npt.NDArray[np.int64]:
    """A code per key, equal for equal keys; with `ordered`, the rank of the key in sorted
    order."""
    pd = _pandas()

    if ordered and not isinstance(keys, np.ndarray):
        try:  # numpy's own strings sort in C (UTF-8 bytes: the order of code points)
            text = np.array(keys, dtype=np.dtypes.StringDType())
        except (TypeError, ValueError, UnicodeError):  # e.g. a lone surrogate
            pass
        else:
            order = np.argsort(text, kind="stable")
            ranked = text[order]
            new = np.empty(len(keys), dtype=bool)
            new[:1] = True
            new[1:] = ranked[1:] != ranked[:-1]
            ranks = np.empty(len(keys), dtype=np.int64)
            ranks[order] = np.cumsum(new) - 1
            return ranks
    values = keys if isinstance(keys, np.ndarray) else np.asarray(keys, dtype=object)
    codes, _ = pd.factorize(values, sort=ordered)
    return np.asarray(codes, dtype=np.int64)


def _letter_bits(texts: list[str], size: npt.NDArray[np.int64]) -> npt.NDArray[np.uint64]:
    """For each text, 64 bits: for each of 32 buckets of characters (code point mod 32),
    whether it holds at least one and at least two of the text's characters.

    Each bit two texts differ in is one character that one has and the other lacks, so the
    number of differing bits is at most the Indel distance of the texts (the distance behind
    rapidfuzz's `ratio`): a bound that rules out most candidate pairs without scoring them.
    """
    m = len(texts)
    chars = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    owner = np.repeat(np.arange(m, dtype=np.int64), size)
    counts = np.bincount(owner * 32 + (chars % 32), minlength=m * 32).reshape(m, 32)
    bits = np.packbits(np.hstack([counts >= 1, counts >= 2]), axis=1, bitorder="little")
    return np.ascontiguousarray(bits).view(np.uint64).ravel()


_DIGITS = re.compile(r"\d+")


def _similar_pairs(
    unique: list[str], threshold: float
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """Pairs `(a, b)` of distinct names (indices into the sorted `unique`) with
    `token_sort_ratio >= threshold`, among the candidate pairs of the sort orders.

    Numbers in names are exact tokens: names whose numbers differ ("Store 12", "Store 13")
    are never candidates (every order is blocked on the numbers of the name)."""
    try:
        from rapidfuzz import fuzz, process
    except ImportError:
        raise MissingDependencyError(
            "rapidfuzz", extra="import", feature="find_duplicates()"
        ) from None
    m = len(unique)
    empty = np.zeros(0, dtype=np.int64)
    if m < 2:
        return empty, empty, np.zeros(0)
    words = [name.split() for name in unique]
    sorted_words = [" ".join(sorted(w)) for w in words]
    texts = np.array(sorted_words, dtype=object)
    size = np.fromiter((len(t) for t in sorted_words), dtype=np.int64, count=m)
    letters = _letter_bits(sorted_words, size)
    slack = (100.0 - threshold) / 100.0
    index = np.arange(m)  # `unique` is sorted: the index is the rank of the name
    # the rank of the sorted words, ties by index: distinct ranks, so every sort key below is
    # distinct and any sort gives the order of (block, within, index)
    by_words = np.empty(m, dtype=np.int64)
    by_words[np.lexsort((index, _codes(sorted_words, ordered=True)))] = index
    numbers = _codes([" ".join(sorted(_DIGITS.findall(name))) for name in unique], ordered=False)
    orders = [
        # (block, order within the block, window)
        (_codes([w[0] for w in words], ordered=False), index, BLOCK_WINDOW),
        (_codes([min(w) for w in words], ordered=False), by_words, WINDOW),
        (None, index, WINDOW),
        (None, by_words, WINDOW),
        (None, _codes([name[::-1] for name in unique], ordered=True), WINDOW),
    ]
    found: list[npt.NDArray[np.int64]] = []
    for first, within, window in orders:
        block = numbers if first is None else _codes(first * m + numbers, ordered=False)
        order = np.argsort(block * m + within)
        ranked_block, ranked_size = block[order], size[order]
        for step in range(1, min(window, m - 1) + 1):
            same = ranked_block[:-step] == ranked_block[step:]
            # ratio <= 100 * 2 * min(len) / (sum of len): names too different in length
            # cannot match
            short = np.minimum(ranked_size[:-step], ranked_size[step:])
            total = ranked_size[:-step] + ranked_size[step:]
            same &= 200.0 * short >= threshold * total - 1e-9
            a, b = order[:-step][same], order[step:][same]
            # the distance is at least the number of differing letter-count bits
            differ = np.bitwise_count(letters[a] ^ letters[b])
            close = differ <= slack * (size[a] + size[b]) + 1e-6
            a, b = a[close], b[close]
            found.append(np.minimum(a, b) * m + np.maximum(a, b))
    pairs = np.sort(np.concatenate(found))  # (np.unique hashes ints: slow on these codes)
    if not len(pairs):
        return empty, empty, np.zeros(0)
    pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))]
    left, right = pairs // m, pairs % m
    scores = np.asarray(
        process.cpdist(
            texts[left],
            texts[right],
            scorer=fuzz.ratio,  # on sorted words: token_sort_ratio
            score_cutoff=threshold,
            dtype=np.float64,
        ),
        dtype=np.float64,
    )
    keep = (scores >= threshold) & (scores > 0)
    return left[keep].astype(np.int64), right[keep].astype(np.int64), scores[keep]
