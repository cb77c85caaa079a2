"""Partner account overlap: which customer accounts partners (and direct sales) share.

Each owner's [`AccountList`][channelvalue.AccountList] becomes one row of a sparse owner x
account incidence matrix `M` (accounts numbered with `np.unique(..., return_inverse=True)`);
the overlap matrix is `M @ M.T`: entry `(i, j)` counts the accounts owners `i` and `j` share,
the diagonal the size of each list. The steward's direct sales are one row: the lists of the
steward and of its owned units (`owned=True`) merged, labelled with the steward's id. No Python
loop runs over owners or pairs.

**Normalisation** ([`normalise_account`][channelvalue.mapping.overlap.normalise_account]) turns
an id, a company name or a web address into a key, so that `"ACME Ltd."`, `"Acme Limited"`
and `"acme"` match and `"https://www.acme.com/about"` becomes `acme.com`:

1. Unicode NFKC, then `str.casefold`, then surrounding white space is stripped.
2. A *web address* — text with `://`, or starting with `www.`, or a single word of
   dot-separated labels ending in a label of two or more letters (`acme.co.uk`) — keeps only
   its host: the scheme, user, port, path, query and fragment are dropped, and so are a
   leading `www.` and a trailing dot.
3. Anything else is a *name or id*: dots and apostrophes are deleted (`S.A.` → `sa`,
   `O'Neil` → `oneil`), `&` becomes `and`, every other run of characters that are not letters
   or digits becomes one space; then legal-form words at the end
   ([`LEGAL_SUFFIXES`][channelvalue.mapping.overlap.LEGAL_SUFFIXES]: `ltd`, `limited`, `gmbh`,
   `inc`, `llc`, `pty`, `sa`, `ag`, `bv`, ...) are removed one by one while another word
   remains, with an `and` they leave behind (`Acme Pty Ltd` → `acme`, `Müller GmbH & Co. KG`
   → `müller`, but `AG` alone stays `ag`).

Accents are kept (`Müller` and `Mueller` are two keys), and nothing fuzzy is done: two
spellings of one company that differ after these rules stay two accounts.

**Keyed hashes** ([`hash_accounts`][channelvalue.mapping.overlap.hash_accounts]): partners who
agree on a secret can exchange `HMAC-SHA256(secret, key)` instead of account names; equal keys
give equal hashes, so the overlap is computed exactly, and an account only one side holds is
not shown to the other in readable form. This is **pseudonymisation, not anonymity**: anyone
holding the secret can hash a list of candidate names (a company register, a CRM export) and
recognise every account in a hashed list (a dictionary attack), and account keys are low in
entropy (a few hundred thousand plausible company names), so the secret is the only
protection: share it only with the parties meant to compare lists, never with a list, and
change it when a party leaves. Hashed lists are still personal or confidential data where
the names were.

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.mapping import account_list, account_overlap
    >>> net = cv.ChannelNetwork(steward="v")
    >>> net.add_all([cv.Organization("v", role="vendor"),
    ...     cv.Organization("r1", role="reseller"), cv.Organization("m1", role="msp"),
    ...     account_list("v", ["Acme Ltd", "Globex"]),
    ...     account_list("r1", ["ACME", "Initech Inc."]),
    ...     account_list("m1", ["initech", "www.umbrella.com"])])
    >>> ov = account_overlap(net)
    >>> ov.owners, ov.matrix.toarray().tolist()
    (('v', 'm1', 'r1'), [[2, 0, 1], [0, 2, 1], [1, 1, 2]])
"""

from __future__ import annotations

import hashlib
import hmac
import html
import re
import unicodedata
from collections.abc import Iterable
from itertools import chain
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import scipy.sparse as sp

from ..core.cache import cached
from ..core.network import ChannelNetwork
from ..errors import ChannelValueError, ValidationError, WrongTypeError
from ..model import AccountList
from ._core import ARRAY_EQ, SPARSE_EQ, IntArray, make_frame

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DIRECT",
    "LEGAL_SUFFIXES",
    "AccountOverlap",
    "account_list",
    "account_overlap",
    "hash_accounts",
    "normalise_account",
]

DIRECT = "direct"
"""The role label of the direct-sales row."""

LEGAL_SUFFIXES: frozenset[str] = frozenset(
    {
        "ab", "ag", "as", "asa", "bv", "bhd", "co", "company", "corp", "corporation", "cv",
        "gbr", "gmbh", "inc", "incorporated", "kg", "kgaa", "kk", "limited", "llc", "llp",
        "lp", "ltd", "ltda", "nv", "oy", "oyj", "plc", "pte", "pty", "sa", "sab", "sae",
        "sarl", "sas", "sdn", "se", "spa", "sl", "srl", "ug",
    }
)  # fmt: skip
"""The legal-form words removed from the end of a name (after normalisation: `S.A.` is `sa`,
`Pty Ltd` is the two words `pty ltd`)."""

_DOMAIN = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\.?(?:[:/?#].*)?", re.ASCII)
_NOT_WORD = re.compile(r"[\W_]+")


def _host(text: str) -> str:
    rest = text.split("://", 1)[1] if "://" in text else text
    rest = re.split(r"[/?#]", rest, maxsplit=1)[0]
    rest = rest.rsplit("@", 1)[-1].split(":", 1)[0].rstrip(".")
    return rest[4:] if rest.startswith("www.") else rest


def normalise_account(value: str) -> str:
    """The key of one account id, company name or web address (the rules are in the module
    docs); `""` when nothing is left.

    Raises:
        WrongTypeError: `value` is not a string.

    Examples:
        >>> [normalise_account(x) for x in ["ACME Ltd.", "Acme Pty Ltd", "Müller GmbH & Co. KG",
        ...                                  "https://www.Acme.com/about", "S.A.", " CRM-0042 "]]
        ['acme', 'acme', 'müller', 'acme.com', 'sa', 'crm 0042']
    """
    if type(value) is not str:
        raise WrongTypeError("normalise_account", value, "a string")
    text = unicodedata.normalize("NFKC", value).casefold().strip()
    if "://" in text or text.startswith("www.") or _DOMAIN.fullmatch(text):
        return _host(text)
    text = text.replace(".", "").replace("'", "").replace("\u2019", "").replace("&", " and ")
    words = _NOT_WORD.sub(" ", text).split()
    removed = False
    while len(words) > 1 and (words[-1] in LEGAL_SUFFIXES or (removed and words[-1] == "and")):
        words.pop()
        removed = True
    return " ".join(words)


def _secret(secret: str | bytes) -> bytes:
    if isinstance(secret, str):
        secret = secret.encode("utf-8")
    if not isinstance(secret, bytes) or not secret:
        raise ValidationError("hash_accounts", "secret", secret, "a non-empty str or bytes")
    return secret


def hash_accounts(accounts: Iterable[str], secret: str | bytes) -> tuple[str, ...]:
    """The keyed hashes of accounts: `HMAC-SHA256(secret, normalise_account(a))` as 64 hex
    digits, distinct and sorted (names that normalise to `""` are dropped).

    Pseudonymisation, not anonymity: whoever holds `secret` can hash candidate names and
    recognise them (see the module docs).

    Raises:
        ValidationError: `secret` is empty or not str/bytes.
        WrongTypeError: an account is not a string.

    Examples:
        >>> a = hash_accounts(["Acme Ltd"], "s3cret")
        >>> a == hash_accounts(["ACME"], b"s3cret"), len(a[0]), a == hash_accounts(["acme"], "x")
        (True, 64, False)
    """
    key = _secret(secret)
    keys = {normalise_account(a) for a in _strings(accounts)} - {""}
    return tuple(sorted(hmac.new(key, k.encode("utf-8"), hashlib.sha256).hexdigest() for k in keys))


def _strings(accounts: Iterable[str]) -> Iterable[str]:
    if isinstance(accounts, str | bytes) or not isinstance(accounts, Iterable):
        raise WrongTypeError("accounts", accounts, "a list of strings")
    return accounts


def account_list(
    owner: str, accounts: Iterable[str], *, secret: str | bytes | None = None
) -> AccountList:
    """An [`AccountList`][channelvalue.AccountList] of raw ids, names or web addresses,
    normalised (and hashed with `secret` when one is given).

    Examples:
        >>> account_list("r1", ["Acme Ltd", "acme", "www.globex.com/"]).accounts
        ('acme', 'globex.com')
        >>> account_list("r1", ["Acme Ltd"], secret="s").hashed
        True
    """
    if secret is not None:
        return AccountList(owner, hash_accounts(accounts, secret), hashed=True)
    keys = {normalise_account(a) for a in _strings(accounts)} - {""}
    return AccountList(owner, keys)


def _names(net: ChannelNetwork, ids: tuple[str, ...]) -> tuple[str, ...]:
    orgs = net.organizations
    return tuple(orgs[i].name or i for i in ids)


@attrs.frozen(repr=False)
class AccountOverlap:
    """The account overlap between owners (partners, and direct sales as one row).

    Attributes:
        steward: the steward's id (the label of the direct row), or None.
        owners: the row labels: the direct row first (when the steward or an owned unit has
            a list), then the partners by id.
        names: each owner's name (its id when it has none).
        roles: each owner's role value; `"direct"` for the direct row.
        sizes: each owner's number of accounts.
        incidence: the owner x account 0/1 matrix (CSR).
        accounts: the account keys, the columns of `incidence` (sorted).
        matrix: the symmetric owner x owner overlap (CSR): shared accounts per pair, list
            sizes on the diagonal.

    Examples:
        >>> import channelvalue as cv
        >>> account_overlap(cv.ChannelNetwork())
        AccountOverlap(owners=0, accounts=0, overlapping_pairs=0, shared_with_direct=0)
    """

    steward: str | None
    owners: tuple[str, ...]
    names: tuple[str, ...]
    roles: tuple[str, ...]
    sizes: IntArray = attrs.field(eq=ARRAY_EQ, hash=False)
    incidence: Any = attrs.field(eq=SPARSE_EQ, hash=False)
    accounts: np.ndarray[Any, Any] = attrs.field(eq=ARRAY_EQ, hash=False)
    matrix: Any = attrs.field(eq=SPARSE_EQ, hash=False)

    @property
    def has_direct(self) -> bool:
        """Whether the first row is direct sales."""
        return bool(self.roles) and self.roles[0] == DIRECT

    def _upper(self) -> tuple[IntArray, IntArray, IntArray]:
        """The pairs `i < j` that share accounts and their counts."""
        m = self.matrix
        rows = np.repeat(np.arange(m.shape[0], dtype=np.int64), np.diff(m.indptr))
        keep = m.indices > rows
        return rows[keep], m.indices[keep].astype(np.int64), m.data[keep].astype(np.int64)

    def __repr__(self) -> str:
        i, _, _ = self._upper()
        direct = int((i == 0).sum()) if self.has_direct else 0
        return (
            f"AccountOverlap(owners={len(self.owners)}, accounts={len(self.accounts)}, "
            f"overlapping_pairs={len(i)}, shared_with_direct={direct})"
        )

    def shared(self, a: str, b: str) -> tuple[str, ...]:
        """The accounts owners `a` and `b` share (keys, sorted).

        Raises:
            ValidationError: `a` or `b` is not an owner.

        Examples:
            >>> import channelvalue as cv
            >>> net = cv.ChannelNetwork()
            >>> net.add_all([cv.Organization("a", role="reseller"),
            ...              cv.Organization("b", role="reseller"),
            ...              cv.AccountList("a", ["x", "y"]), cv.AccountList("b", ["y"])])
            >>> account_overlap(net).shared("a", "b")
            ('y',)
        """
        rows = [self._row(x) for x in (a, b)]
        both = self.incidence[[rows[0]], :].multiply(self.incidence[[rows[1]], :])
        cols = np.sort(sp.csr_array(both).indices)
        return tuple(self.accounts[cols].tolist())

    def _row(self, owner: str) -> int:
        try:
            return self.owners.index(owner)
        except ValueError:
            valid = ", ".join(map(repr, self.owners[:10])) or "none"
            raise ValidationError("AccountOverlap", "owner", owner, f"one of {valid}") from None

    def to_frame(self) -> pd.DataFrame:
        """The overlapping pairs in long form, most shared accounts first.

        Columns: `owner_a`, `name_a`, `role_a`, `owner_b`, `name_b`, `role_b`, `shared`,
        `share_a` (shared / size of a's list), `share_b`, `jaccard`
        (shared / size of the union), `relation` (`"direct"` when one side is direct sales,
        `"same_role"`, or `"complementary"` for partners of different roles).

        Examples:
            >>> import channelvalue as cv
            >>> net = cv.ChannelNetwork()
            >>> net.add_all([cv.Organization("a", role="reseller"),
            ...              cv.Organization("b", role="reseller"),
            ...              cv.AccountList("a", ["x", "y"]), cv.AccountList("b", ["y"])])
            >>> account_overlap(net).to_frame()[["owner_a", "owner_b", "shared", "jaccard"]]
              owner_a owner_b  shared  jaccard
            0       a       b       1      0.5
        """
        i, j, n = self._upper()
        order = np.lexsort((j, i, -n))
        i, j, n = i[order], j[order], n[order]
        owners = np.array(self.owners, dtype=object)
        names = np.array(self.names, dtype=object)
        roles = np.array(self.roles, dtype=object)
        sa, sb = self.sizes[i], self.sizes[j]
        with np.errstate(divide="ignore", invalid="ignore"):
            return make_frame(
                "AccountOverlap.to_frame()",
                {
                    "owner_a": owners[i],
                    "name_a": names[i],
                    "role_a": roles[i],
                    "owner_b": owners[j],
                    "name_b": names[j],
                    "role_b": roles[j],
                    "shared": n,
                    "share_a": n / sa,
                    "share_b": n / sb,
                    "jaccard": n / (sa + sb - n),
                    "relation": _relation(roles[i], roles[j]),
                },
            )

    def with_direct(self) -> pd.DataFrame:
        """Co-selling with direct sales: per partner holding accounts the steward also sells
        to directly, `partner`, `name`, `role`, `shared`, `share` (of the partner's list),
        most shared first.

        Examples:
            >>> import channelvalue as cv
            >>> net = cv.ChannelNetwork(steward="v")
            >>> net.add_all([cv.Organization("v", role="vendor"),
            ...              cv.Organization("r", role="reseller"),
            ...              cv.AccountList("v", ["x"]), cv.AccountList("r", ["x", "y"])])
            >>> account_overlap(net).with_direct()[["partner", "shared", "share"]]
              partner  shared  share
            0       r       1    0.5
        """
        frame = self.to_frame()
        frame = frame[frame["relation"] == DIRECT].reset_index(drop=True)
        return make_frame(
            "AccountOverlap.with_direct()",
            {
                "partner": frame["owner_b"],
                "name": frame["name_b"],
                "role": frame["role_b"],
                "shared": frame["shared"],
                "share": frame["share_b"],
            },
        )

    def co_selling(self) -> pd.DataFrame:
        """Co-selling opportunities: the pairs of
        [`to_frame`][channelvalue.mapping.overlap.AccountOverlap.to_frame] whose relation is
        `"direct"` (a partner holds accounts the steward sells to directly) or
        `"complementary"` (partners of different roles, e.g. an MSP and a reseller, share
        accounts), most shared first.

        Examples:
            >>> import channelvalue as cv
            >>> net = cv.ChannelNetwork()
            >>> net.add_all([cv.Organization("m", role="msp"),
            ...              cv.Organization("r", role="reseller"),
            ...              cv.AccountList("m", ["x"]), cv.AccountList("r", ["x"])])
            >>> account_overlap(net).co_selling()[["owner_a", "owner_b", "relation"]]
              owner_a owner_b       relation
            0       m       r  complementary
        """
        frame = self.to_frame()
        keep = frame["relation"].isin([DIRECT, "complementary"])
        return frame[keep].reset_index(drop=True)

    def totals(self) -> IntArray:
        """Per owner, the accounts it shares with anybody else (counted per pair).

        Examples:
            >>> import channelvalue as cv
            >>> account_overlap(cv.ChannelNetwork()).totals().tolist()
            []
        """
        m = self.matrix
        out: IntArray = np.asarray(m.sum(axis=1)).ravel().astype(np.int64) - m.diagonal()
        return out

    def _repr_html_(self, max_rows: int = 10) -> str:
        i, j, n = self._upper()
        order = np.lexsort((j, i, -n))[:max_rows]
        rows = "".join(
            f"<tr><td>{html.escape(self.names[a])}</td><td>{html.escape(self.names[b])}</td>"
            f"<td>{c}</td></tr>"
            for a, b, c in zip(i[order].tolist(), j[order].tolist(), n[order].tolist(), strict=True)
        )
        more = len(i) - len(order)
        tail = f"<p>... and {more:,} more pairs</p>" if more > 0 else ""
        return (
            f"<p>{html.escape(repr(self))}</p><table><tr><th>owner</th><th>owner</th>"
            f"<th>shared accounts</th></tr>{rows}</table>{tail}"
        )


def _relation(a: np.ndarray[Any, Any], b: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    out = np.where(a == b, "same_role", "complementary").astype(object)
    out[(a == DIRECT) | (b == DIRECT)] = DIRECT
    return out


def _build(net: ChannelNetwork) -> AccountOverlap:
    lists: list[AccountList] = sorted(
        net.registry("account_list").values(), key=lambda al: al.owner
    )
    if len({al.hashed for al in lists}) > 1:
        hashed = sorted(al.owner for al in lists if al.hashed)
        raise ChannelValueError(
            "account lists mix hashed and readable keys, which never match: hash every list "
            f"with the same secret (hashed: {', '.join(hashed[:5])}"
            f"{', ...' if len(hashed) > 5 else ''})"
        )
    orgs = net.organizations
    steward = net.steward_id
    direct = [al.owner == steward or orgs[al.owner].owned for al in lists]
    partners = tuple(al.owner for al, d in zip(lists, direct, strict=True) if not d)
    has_direct = any(direct)
    owners = ((steward or DIRECT,) if has_direct else ()) + partners
    names = (("direct sales",) if has_direct else ()) + _names(net, partners)
    roles = ((DIRECT,) if has_direct else ()) + tuple(orgs[p].role.value for p in partners)
    # list k -> owner row: direct lists to row 0, partners in order after it
    row_of = np.cumsum(~np.array(direct, dtype=bool)) - (0 if has_direct else 1)
    row_of[np.array(direct, dtype=bool)] = 0
    lengths = np.fromiter((len(al.accounts) for al in lists), dtype=np.int64, count=len(lists))
    total = int(lengths.sum())
    keys = np.array(list(chain.from_iterable(al.accounts for al in lists)), dtype=str)
    accounts, codes = np.unique(keys, return_inverse=True)
    rows = np.repeat(row_of.astype(np.int64), lengths)
    incidence = sp.csr_array(
        (np.ones(total, dtype=np.int32), (rows, codes.ravel())),
        shape=(len(owners), len(accounts)),
    )
    incidence.sum_duplicates()
    incidence.data[:] = 1  # an account in two direct lists counts once
    matrix = sp.csr_array(incidence @ incidence.T)
    matrix.sort_indices()
    sizes = np.diff(incidence.indptr).astype(np.int64)
    return AccountOverlap(
        steward=steward,
        owners=owners,
        names=names,
        roles=roles,
        sizes=sizes,
        incidence=incidence,
        accounts=accounts,
        matrix=matrix,
    )


def account_overlap(net: ChannelNetwork) -> AccountOverlap:
    """The account overlap of the network's [`AccountList`][channelvalue.AccountList]s.

    The lists of the steward and of its owned units form one direct-sales row; every other
    list is a partner row. The overlap is one sparse product `M @ M.T` of the owner x account
    incidence matrix (memory grows with the pairs that share accounts, not with owners²).
    The result is cached on the network until it changes.

    Raises:
        ChannelValueError: some lists are hashed and others are not.
        WrongTypeError: `net` is not a network.

    Examples:
        >>> import channelvalue as cv
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor"),
        ...              cv.Organization("r", role="msp", name="R&Co"),
        ...              account_list("v", ["Acme"]), account_list("r", ["acme", "globex"])])
        >>> ov = account_overlap(net)
        >>> ov.names, ov.sizes.tolist(), ov.shared("v", "r")
        (('direct sales', 'R&Co'), [1, 2], ('acme',))
    """
    if not isinstance(net, ChannelNetwork):
        raise WrongTypeError("account_overlap", net, "a ChannelNetwork")
    result: AccountOverlap = cached(net, _build)
    return result
