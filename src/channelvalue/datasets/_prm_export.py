"""A seeded, messy one-table partner export, as a PRM (partner relationship management) system
writes it: [`prm_export`][channelvalue.datasets.prm_export] and its ground truth,
[`prm_export_truth`][channelvalue.datasets.prm_export_truth].

Every cell is text as a CRM's CSV export holds it: numbers with separators, currency symbols
and suffixes, percentages written three ways, partner types and tiers in several spellings,
parent distributors by name, several segments in one cell, blanks. Planted on purpose:
exact duplicate rows, one id on two different rows, one account under several ids with
variants of its name, partner types the default vocabulary does not know, a parent
distributor that is not in the file, a few amounts in euros and a few accounting negatives.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import numpy as np

from ..errors import MissingDependencyError, ValidationError

__all__ = [
    "COLUMNS",
    "EUR_RATE",
    "PrmExportTruth",
    "prm_export",
    "prm_export_truth",
    "to_csv_bytes",
]

COLUMNS = (
    "Account ID",
    "Account Name",
    "Partner Type",
    "Partner Tier",
    "Annual Revenue",
    "Revenue Growth YoY",
    "Parent Distributor",
    "Channel Account Manager",
    "Customer Segments",
    "Region",
    "Sell-Through Reporting",
    "MDF Approved",
    "Deal Registrations",
)
"""The columns of the export, named as a Salesforce PRM export names them."""

EUR_RATE = 1.08
"""The US dollars per euro the truth uses for the few amounts written in euros."""

MISSING_DISTRIBUTOR = "Crestline Distribution"

_DISTRIBUTORS = (
    "Northbridge Distribution",
    "Meridian Supply Group",
    "Apex Channel Distribution",
    "Keystone Technology Distributors",
    "Harbourline Trading",
    "Lumen Distribution",
    "Bluestone Supply",
    "Tessera Distribution",
)
_ROLE_SPELLINGS: dict[str, tuple[tuple[str, float], ...]] = {
    "reseller": (("VAR", 0.45), ("Value Added Reseller", 0.35), ("Reseller", 0.2)),
    "msp": (("MSP", 0.6), ("Managed Service Provider", 0.4)),
    "system_integrator": (("System Integrator", 0.6), ("SI", 0.4)),
    "retailer": (("Retail", 0.8), ("Retailer", 0.2)),
    "agent": (("Agent/Referral", 0.7), ("Referral Partner", 0.3)),
}
_ROLE_SHARES = (
    ("reseller", 0.42),
    ("msp", 0.2),
    ("system_integrator", 0.12),
    ("retailer", 0.14),
    ("agent", 0.12),
)
UNKNOWN_PARTNER_TYPES = ("Consultancy", "Training Partner", "OEM Alliance")
"""Partner types the export uses that the default vocabulary does not know."""

_TIERS = (
    ("platinum", 0.06, ("Platinum", "PLATINUM", "Platinum Partner")),
    ("gold", 0.18, ("Gold", "Gold Partner", "gold")),
    ("silver", 0.32, ("Silver", "Silver Partner", "silver")),
    ("registered", 0.44, ("Registered", "Authorized", "registered")),
)
_REGIONS = (
    ("North America", 0.42, ("North America", "NA", "N. America")),
    ("EMEA", 0.33, ("EMEA", "Emea", "Europe, Middle East & Africa")),
    ("APAC", 0.17, ("APAC", "Asia Pacific")),
    ("LATAM", 0.08, ("LATAM", "Latin America")),
)
_CADENCES = (
    ("weekly", 0.18, ("Weekly", "weekly")),
    ("monthly", 0.34, ("Monthly", "monthly", "MONTHLY")),
    ("quarterly", 0.2, ("Quarterly",)),
    ("none", 0.14, ("None",)),
    ("ad hoc", 0.06, ("Ad hoc", "Ad-hoc")),
    ("", 0.08, ("",)),
)
_SEGMENTS = ("SMB", "Mid-Market", "Enterprise", "Public Sector", "Education")
_MANAGERS = (
    "Priya Raman",
    "Tom Becker",
    "Ana Souza",
    "Lukas Novak",
    "Grace Okafor",
    "Mateo Ruiz",
    "Hannah Schmidt",
    "Kenji Watanabe",
    "Olivia Brennan",
    "Samuel Adeyemi",
    "Chloé Martin",
    "Ravi Iyer",
    "Emma Lindqvist",
    "Daniel Cohen",
    "Fatima Haddad",
    "Jonas Berg",
    "Mei Lin",
    "Owen Price",
    "Sofia Rossi",
    "Marcus Hill",
)
_PLACES = [
    "Northwind",
    "Bluewater",
    "Redstone",
    "Silverline",
    "Oakridge",
    "Westbrook",
    "Eastgate",
    "Highland",
    "Riverside",
    "Lakeshore",
    "Summit",
    "Pinecrest",
    "Harborview",
    "Stonebridge",
    "Fairfield",
    "Greenfield",
    "Brightwater",
    "Clearview",
    "Ironwood",
    "Maplewood",
    "Cedar",
    "Aspen",
    "Granite",
    "Coastal",
    "Prairie",
    "Canyon",
    "Sterling",
    "Meadow",
    "Falcon",
    "Atlas",
    "Polaris",
    "Vertex",
    "Zenith",
    "Horizon",
    "Pacific",
    "Atlantic",
    "Nordic",
    "Alpine",
    "Baltic",
    "Cascade",
    "Everest",
    "Sierra",
    "Tundra",
    "Savanna",
    "Monsoon",
    "Solstice",
    "Equinox",
    "Aurora",
    "Nimbus",
]
_SURNAMES = [
    "Hartley",
    "Okafor",
    "Brennan",
    "Lindqvist",
    "Novak",
    "Adeyemi",
    "Haddad",
    "Watanabe",
    "Ferreira",
    "Kowalski",
    "Dubois",
    "Müller",
    "Rossi",
    "Jensen",
    "Andersson",
    "Castillo",
    "Nakamura",
    "Petrov",
    "Fitzgerald",
    "Morrison",
    "Delacroix",
    "Kaufmann",
    "Moretti",
    "Svensson",
    "Yamamoto",
    "Oyelaran",
    "Mbeki",
    "Salazar",
    "Quinlan",
    "Thornton",
    "Whitaker",
    "Ashford",
    "Blackwood",
    "Carrington",
    "Davenport",
    "Ellsworth",
    "Fairbanks",
    "Gallagher",
    "Hawthorne",
    "Kensington",
    "Lancaster",
    "Montague",
    "Pemberton",
    "Radcliffe",
    "Sinclair",
    "Talbot",
    "Underwood",
    "Vance",
    "Wexford",
]
_TECH = [
    "Data",
    "Cloud",
    "Networks",
    "Systems",
    "Digital",
    "Secure",
    "Logic",
    "Infotech",
    "Cyber",
    "Compute",
    "Telecom",
    "Software",
    "Hosting",
    "Analytics",
    "Automation",
    "Connect",
    "Storage",
    "Mobility",
    "Wireless",
    "Fibre",
    "Edge",
    "Quantum",
    "Signal",
    "Circuit",
    "Matrix",
    "Pixel",
    "Stack",
    "Vector",
]
_KINDS = [
    "Solutions",
    "Partners",
    "Technologies",
    "Services",
    "Consulting",
    "Group",
    "Integration",
    "Labs",
    "Direct",
    "Trading",
]
_LEGAL = (
    ("", 0.42),
    ("Ltd", 0.09),
    ("Limited", 0.04),
    ("Inc.", 0.1),
    ("LLC", 0.08),
    ("GmbH", 0.07),
    ("S.A.", 0.03),
    ("Pty Ltd", 0.04),
    ("B.V.", 0.03),
    ("AB", 0.02),
    ("SAS", 0.03),
    ("Corp.", 0.03),
    ("PLC", 0.02),
)


@attrs.frozen
class PrmExportTruth:
    """What [`prm_export`][channelvalue.datasets.prm_export] planted, by row position in the
    frame (0-based; the CSV line is the position + 2).

    Attributes:
        exact_duplicates: groups of rows that are identical in every cell.
        same_id: groups of rows that share an Account ID but differ in other cells.
        same_account: groups of rows that are one account under different Account IDs, its
            name spelt differently (case, punctuation, legal form, or a typo).
        unknown_partner_types: the partner types the default vocabulary does not know.
        unknown_partner_type_rows: the rows that use one of them.
        missing_distributor: the parent distributor named in the file but not in it.
        missing_distributor_rows: the rows that name it.
        negative_revenue_rows: rows whose annual revenue is an accounting negative such as
            `"(12,345)"` (an annual revenue cannot be negative: an import must report them).
        distributors: each distributor in the file, name -> Account ID.
        rates: the currency rates into US dollars that convert the euro amounts.
        reference: one row per export row: `id`, `name`, `role` (canonical term, `None` for an
            unknown type), `tier`, `revenue` (US dollars, as written, NaN when blank),
            `currency`, `growth` (a fraction, NaN when blank), `parent` (the parent's Account
            ID, the missing distributor's name, or `None`), `manager`, `segments` (a tuple),
            `region`, `cadence` (`"weekly"`, ..., `"none"`, `"ad hoc"` or `""` when blank),
            `mdf` (NaN when blank), `deals` (NaN when blank).

    Examples:
        >>> truth = prm_export_truth(n=400, seed=1)
        >>> len(truth.reference), truth.missing_distributor
        (400, 'Crestline Distribution')
    """

    exact_duplicates: tuple[tuple[int, ...], ...]
    same_id: tuple[tuple[int, ...], ...]
    same_account: tuple[tuple[int, ...], ...]
    unknown_partner_types: tuple[str, ...]
    unknown_partner_type_rows: tuple[int, ...]
    missing_distributor: str
    missing_distributor_rows: tuple[int, ...]
    negative_revenue_rows: tuple[int, ...]
    distributors: Mapping[str, str]
    rates: Mapping[str, float]
    reference: Any = attrs.field(eq=False, repr=False)


def _check(n: object, seed: object) -> tuple[int, int]:
    if isinstance(n, bool) or not isinstance(n, int) or not 200 <= n <= MAX_ROWS:
        raise ValidationError(
            "prm_export", "n", n, f"a whole number of rows in [200, {MAX_ROWS:,}]"
        )
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ValidationError("prm_export", "seed", seed, "a whole number >= 0")
    return n, seed


def prm_export(*, n: int = 3000, seed: int = 0) -> Any:
    """A seeded, messy one-table partner export of `n` rows as a `pandas.DataFrame` of text.

    The frame has the columns [`COLUMNS`][channelvalue.datasets._prm_export.COLUMNS] (a
    Salesforce PRM export's headers) and every cell is a string, exactly as the CSV file of a
    CRM holds it (`""` for a blank cell). See
    [`prm_export_truth`][channelvalue.datasets.prm_export_truth] for what is planted in it.

    Raises:
        ValidationError: `n` is below 200 or `seed` is negative.

    Examples:
        >>> frame = prm_export(n=300, seed=2)
        >>> frame.shape, frame.columns[:3].tolist()
        ((300, 13), ['Account ID', 'Account Name', 'Partner Type'])
    """
    return _generate(*_check(n, seed))[0]


def prm_export_truth(*, n: int = 3000, seed: int = 0) -> PrmExportTruth:
    """The ground truth of [`prm_export`][channelvalue.datasets.prm_export] for the same `n`
    and `seed`: the planted duplicates, unknown partner types, missing distributor, and the
    value every cell means.

    Examples:
        >>> truth = prm_export_truth()
        >>> len(truth.exact_duplicates), len(truth.same_id), len(truth.same_account)
        (10, 5, 15)
        >>> len(truth.missing_distributor_rows)
        60
    """
    return _generate(*_check(n, seed))[1]


def to_csv_bytes(frame: Any) -> bytes:
    """The frame as a CRM writes its CSV export: UTF-8 with a byte-order mark, CRLF line ends.

    Examples:
        >>> to_csv_bytes(prm_export(n=200))[:13]
        b'\\xef\\xbb\\xbfAccount ID'
    """
    text: str = frame.to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def _one(rng: np.random.Generator, items: Sequence[Any]) -> Any:
    """One item of `items`, uniformly."""
    return items[int(rng.integers(len(items)))]


def _pick(rng: np.random.Generator, choices: tuple[tuple[Any, float], ...], size: int) -> Any:
    weights = np.array([w for _, w in choices], dtype=float)
    return rng.choice(len(choices), size=size, p=weights / weights.sum())


def _money(rng: np.random.Generator, amount: float, style: int) -> tuple[str, float]:
    """An amount in US dollars written in `style`; returns the text and the value it means."""
    if style == 0:
        return f"{round(amount):,}", float(round(amount))
    if style == 1:
        cents = round(amount, 2)
        return f"${cents:,.2f}", cents
    if style == 2:
        millions = round(amount / 1e6, 1) * 1e6
        return f"USD {millions / 1e6:.1f}M", millions
    if style == 3:
        thousands = round(amount / 1e3) * 1e3
        return f"{thousands / 1e3:.0f}K", thousands
    return f"{round(amount)}", float(round(amount))


def _euros(amount_usd: float, style: int) -> tuple[str, float]:
    euros = round(amount_usd / EUR_RATE / 100) * 100
    text = f"€{euros:,.0f}" if style == 0 else f"{euros:,.0f} EUR"
    return text, euros * EUR_RATE


MAX_ROWS = 500_000
"""The largest export generated (the names would run out beyond)."""
ALIKE = 85.0
"""Below `SIMILARITY_CHECKED` accounts, no two account names are this alike
(`token_sort_ratio`), so name matching at the usual threshold of 90 finds exactly the planted
duplicates."""
SIMILARITY_CHECKED = 20_000


def _names(rng: np.random.Generator, count: int) -> list[str]:
    """Distinct company names: no two with the same words once normalised and, for up to
    `SIMILARITY_CHECKED` names, none as alike as `ALIKE` (compared with every name that shares
    a word with it)."""
    from ..io.export.duplicates import normalise_name

    try:
        from rapidfuzz import fuzz, process
    except ImportError:
        raise MissingDependencyError("rapidfuzz", extra="import", feature="prm_export()") from None
    check = count <= SIMILARITY_CHECKED
    names: list[str] = []
    taken: set[tuple[str, ...]] = set()
    by_word: dict[str, list[str]] = {}

    def keep(words: tuple[str, ...]) -> None:
        taken.add(words)
        key = " ".join(words)
        for word in set(words) - {"and"}:
            by_word.setdefault(word, []).append(key)

    for fixed in (*_DISTRIBUTORS, MISSING_DISTRIBUTOR):
        keep(tuple(sorted(normalise_name(fixed).split())))
    legal = [s for s, _ in _LEGAL]
    legal_pick = _pick(rng, _LEGAL, count)
    patterns = 5 if check else 6  # the four-word names give room for large exports
    while len(names) < count:
        pattern = int(rng.integers(0, patterns))
        place, surname = _one(rng, _PLACES), _one(rng, _SURNAMES)
        tech, kind = _one(rng, _TECH), _one(rng, _KINDS)
        other = _one(rng, _SURNAMES)
        core = (
            f"{place} {tech}",
            f"{surname} {tech} {kind}",
            f"{place} {kind}",
            f"{surname} & {other}" if other != surname else f"{surname} {kind}",
            f"{place} {surname} {tech}",
            f"{place} {surname} {tech} {kind}",
        )[pattern]
        words = tuple(sorted(normalise_name(core).split()))
        if words in taken:
            continue
        if check:
            key = " ".join(words)
            if any(
                process.extractOne(key, by_word[w], scorer=fuzz.ratio, score_cutoff=ALIKE)
                for w in set(words) - {"and"}
                if w in by_word
            ):
                continue
        keep(words)
        names.append(f"{core} {legal[int(legal_pick[len(names)])]}".strip())
    return names


def _variant(rng: np.random.Generator, name: str, typo: bool) -> str:
    """Another spelling of `name`: its legal form, case and punctuation changed, or a typo."""
    base = name
    for suffix, _ in _LEGAL:
        if suffix and base.endswith(" " + suffix):
            base = base[: -len(suffix) - 1]
            break
    if typo:
        words = base.split()
        longest = max(range(len(words)), key=lambda i: len(words[i]))
        word = words[longest]
        if len(word) >= 6:
            j = len(word) // 2
            words[longest] = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
        return " ".join(words) + " Ltd"
    style = int(rng.integers(0, 4))
    if style == 0:
        return f"{base.upper()} Limited"
    if style == 1:
        return f"{base}, Inc."
    if style == 2:
        return f"The {base} Corporation"
    return f"{base.lower()} gmbh"


def _generate(n: int, seed: int) -> tuple[Any, PrmExportTruth]:
    from .._optional import require_pandas

    pd = require_pandas("prm_export()")
    rng = np.random.default_rng(seed)
    scale = n / 3000
    n_exact = max(1, round(10 * scale))
    n_same_id = max(1, round(5 * scale))
    n_renamed = max(1, round(15 * scale))
    n_missing = max(3, round(60 * scale))
    n_unknown = max(2, round(12 * scale))
    n_negative = max(1, round(3 * scale))
    n_dist = len(_DISTRIBUTORS)
    # accounts: the distinct accounts (a renamed account adds one or two rows)
    extra_renamed = [1 + int(rng.random() < 0.3) for _ in range(n_renamed)]
    n_accounts = n - n_exact - n_same_id - sum(extra_renamed)
    partner_names = _names(rng, n_accounts - n_dist)
    names = [*_DISTRIBUTORS, *partner_names]
    ids = _ids(rng, n)
    roles: list[str | None] = ["distributor"] * n_dist
    role_pick = _pick(rng, tuple((r, w) for r, w in _ROLE_SHARES), n_accounts - n_dist)
    roles += [_ROLE_SHARES[int(i)][0] for i in role_pick]
    role_text = ["Distributor"] * n_dist
    for role in roles[n_dist:]:
        spellings = _ROLE_SPELLINGS[str(role)]
        role_text.append(spellings[int(_pick(rng, spellings, 1)[0])][0])
    unknown_at = rng.choice(np.arange(n_dist, n_accounts), size=n_unknown, replace=False)
    for k in unknown_at.tolist():
        roles[k] = None
        role_text[k] = UNKNOWN_PARTNER_TYPES[k % len(UNKNOWN_PARTNER_TYPES)]
    tier_pick = _pick(rng, tuple((t, w) for t, w, _ in _TIERS), n_accounts)
    tiers = [_TIERS[int(i)][0] for i in tier_pick]
    tier_text = [(_one(rng, _TIERS[int(i)][2])) for i in tier_pick]
    for k in range(n_dist):
        tiers[k], tier_text[k] = "platinum", "Platinum"
    blank_tier = rng.random(n_accounts) < 0.03
    for k in np.flatnonzero(blank_tier).tolist():
        tiers[k], tier_text[k] = "", ""
    region_pick = _pick(rng, tuple((r, w) for r, w, _ in _REGIONS), n_accounts)
    regions = [_REGIONS[int(i)][0] for i in region_pick]
    region_text = [(_one(rng, _REGIONS[int(i)][2])) for i in region_pick]
    # money
    sizes = np.where(
        np.arange(n_accounts) < n_dist,
        rng.lognormal(math.log(8e8), 0.6, n_accounts),
        rng.lognormal(math.log(2.5e6), 1.1, n_accounts),
    )
    revenue_style = rng.choice(5, size=n_accounts, p=[0.35, 0.22, 0.12, 0.13, 0.18])
    revenue_text, revenue, currency = [], [], []
    for k in range(n_accounts):
        if k >= n_dist and rng.random() < 0.07:
            revenue_text.append("")
            revenue.append(math.nan)
            currency.append("")
        elif regions[k] == "EMEA" and k >= n_dist and rng.random() < 0.15:
            text, value = _euros(float(sizes[k]), int(rng.integers(0, 2)))
            revenue_text.append(text)
            revenue.append(value)
            currency.append("EUR")
        else:
            style = int(revenue_style[k])
            text, value = _money(rng, float(sizes[k]), style)
            revenue_text.append(text)
            revenue.append(float(value))
            currency.append("USD" if style in (1, 2) else "")
    negative_at = rng.choice(np.arange(n_dist, n_accounts), size=n_negative, replace=False)
    for k in negative_at.tolist():
        value = float(round(sizes[k] / 100))
        revenue_text[k] = f"({value:,.0f})"
        revenue[k] = -value
        currency[k] = ""
    growth_raw = np.clip(rng.normal(0.08, 0.14, n_accounts), -0.6, 0.95).round(2)
    growth_style = rng.choice(4, size=n_accounts, p=[0.5, 0.12, 0.28, 0.1])
    growth_text, growth = [], []
    for g, style in zip(growth_raw.tolist(), growth_style.tolist(), strict=True):
        percent = round(g * 100)
        if style == 0:
            growth_text.append(f"{percent}%")
        elif style == 1:
            growth_text.append(f"{percent} %")
        elif style == 2:
            growth_text.append(f"{g:.2f}")
        else:
            growth_text.append("")
        growth.append(math.nan if style == 3 else percent / 100)
    # parents: a distributor by name (its name as in the file, sometimes respelt)
    dist_ids = ids[:n_dist]
    parent_text: list[str] = [""] * n_dist
    parent: list[str | None] = [None] * n_dist
    missing_at = set(
        rng.choice(np.arange(n_dist, n_accounts), size=n_missing, replace=False).tolist()
    )
    for k in range(n_dist, n_accounts):
        if k in missing_at:
            parent_text.append(MISSING_DISTRIBUTOR)
            parent.append(MISSING_DISTRIBUTOR)
        elif rng.random() < 0.1:
            parent_text.append("")
            parent.append(None)
        else:
            d = int(rng.integers(0, n_dist))
            written = _DISTRIBUTORS[d]
            if rng.random() < 0.05:
                written = written.upper() if rng.random() < 0.5 else f"{written} Ltd"
            parent_text.append(written)
            parent.append(dist_ids[d])
    manager_text = [
        "" if rng.random() < 0.05 else (_one(rng, _MANAGERS)) for _ in range(n_accounts)
    ]
    segment_text: list[str] = []
    segments: list[tuple[str, ...]] = []
    segment_counts = rng.choice(4, size=n_accounts, p=[0.06, 0.44, 0.34, 0.16])
    for _ in range(n_accounts):
        count = int(segment_counts[len(segment_text)])
        chosen = sorted(rng.permutation(len(_SEGMENTS))[:count].tolist())
        picked = tuple(_SEGMENTS[i] for i in chosen)
        text = picked[0] if picked else ""
        for segment in picked[1:]:
            text += (_one(rng, [";", "; ", " ;", ";  "])) + segment
        segment_text.append(text)
        segments.append(picked)
    cadence_pick = _pick(rng, tuple((c, w) for c, w, _ in _CADENCES), n_accounts)
    cadences = [_CADENCES[int(i)][0] for i in cadence_pick]
    cadence_text = [(_one(rng, _CADENCES[int(i)][2])) for i in cadence_pick]
    mdf_text, mdf = [], []
    for _ in range(n_accounts):
        if rng.random() < 0.6:
            mdf_text.append("")
            mdf.append(math.nan)
        else:
            amount = _one(rng, [5e3, 1e4, 15e3, 25e3, 5e4, 75e3, 1e5])
            style = _one(rng, [0, 1, 3, 4])
            text, value = _money(rng, amount, style)
            mdf_text.append(text)
            mdf.append(float(value))
    deals_raw = rng.poisson(6, n_accounts)
    deals_blank = rng.random(n_accounts) < 0.08
    deals_text = ["" if b else str(int(d)) for d, b in zip(deals_raw, deals_blank, strict=True)]
    deals = [math.nan if b else float(d) for d, b in zip(deals_raw, deals_blank, strict=True)]
    rows: list[list[str]] = []
    ref: list[dict[str, Any]] = []
    for k in range(n_accounts):
        rows.append(
            [
                ids[k],
                names[k],
                role_text[k],
                tier_text[k],
                revenue_text[k],
                growth_text[k],
                parent_text[k],
                manager_text[k],
                segment_text[k],
                region_text[k],
                cadence_text[k],
                mdf_text[k],
                deals_text[k],
            ]
        )
        ref.append(
            {
                "id": ids[k],
                "name": names[k],
                "role": roles[k],
                "tier": tiers[k],
                "revenue": revenue[k],
                "currency": currency[k],
                "growth": growth[k],
                "parent": parent[k],
                "manager": manager_text[k],
                "segments": segments[k],
                "region": regions[k],
                "cadence": cadences[k],
                "mdf": mdf[k],
                "deals": deals[k],
            }
        )
    next_id = n_accounts
    partners = np.arange(n_dist, n_accounts)
    special = set(unknown_at.tolist()) | set(negative_at.tolist()) | missing_at
    pool = [int(k) for k in rng.permutation(partners) if int(k) not in special]
    groups: dict[str, list[list[int]]] = {"exact": [], "same_id": [], "renamed": []}
    for extra in extra_renamed:  # one account under another id, its name respelt
        k = pool.pop()
        members = [k]
        for j in range(extra):
            row = list(rows[k])
            row[0] = ids[next_id]
            row[1] = _variant(rng, names[k], typo=j == 1 or (extra == 1 and rng.random() < 0.25))
            if rng.random() < 0.5:
                row[7] = _one(rng, _MANAGERS)  # a second record drifts
            rows.append(row)
            item = dict(ref[k], id=ids[next_id], name=row[1], manager=row[7])
            ref.append(item)
            members.append(len(rows) - 1)
            next_id += 1
        groups["renamed"].append(members)
    for _ in range(n_same_id):  # one id on two rows that differ (a record edited twice)
        k = pool.pop()
        row = list(rows[k])
        tier = _one(rng, ("Gold", "Silver", "Registered"))
        row[3] = tier if tier != row[3] else "Platinum"
        row[12] = str(int(rng.integers(0, 30)))
        rows.append(row)
        ref.append(dict(ref[k], tier=_tier_of(row[3]), deals=float(row[12])))
        groups["same_id"].append([k, len(rows) - 1])
    for _ in range(n_exact):  # the same row exported twice
        k = pool.pop()
        rows.append(list(rows[k]))
        ref.append(dict(ref[k]))
        groups["exact"].append([k, len(rows) - 1])
    assert len(rows) == n, (len(rows), n)
    order = rng.permutation(n)
    where = np.empty(n, dtype=np.int64)
    where[order] = np.arange(n)
    frame = pd.DataFrame([rows[i] for i in order], columns=list(COLUMNS), dtype=object)
    numeric = ("revenue", "growth", "mdf", "deals")
    reference = pd.DataFrame(
        {
            key: pd.Series([ref[i][key] for i in order], dtype=float if key in numeric else object)
            for key in ref[0]
        }
    )

    def moved(members: list[list[int]]) -> tuple[tuple[int, ...], ...]:
        return tuple(sorted(tuple(sorted(int(where[m]) for m in g)) for g in members))

    missing_rows = tuple(sorted(int(where[k]) for k in missing_at))
    truth = PrmExportTruth(
        exact_duplicates=moved(groups["exact"]),
        same_id=moved(groups["same_id"]),
        same_account=moved(groups["renamed"]),
        unknown_partner_types=UNKNOWN_PARTNER_TYPES,
        unknown_partner_type_rows=tuple(sorted(int(where[k]) for k in unknown_at.tolist())),
        missing_distributor=MISSING_DISTRIBUTOR,
        missing_distributor_rows=missing_rows,
        negative_revenue_rows=tuple(sorted(int(where[k]) for k in negative_at.tolist())),
        distributors=dict(zip(_DISTRIBUTORS, dist_ids, strict=True)),
        rates={"USD": 1.0, "EUR": EUR_RATE},
        reference=reference,
    )
    return frame, truth


def _tier_of(text: str) -> str:
    key = unicodedata.normalize("NFKC", text).lower()
    return key if key in ("platinum", "gold", "silver", "registered") else ""


_ID_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _ids(rng: np.random.Generator, n: int) -> list[str]:
    """Distinct Salesforce-like 18-character account ids (`0015g00000...`)."""
    numbers = rng.choice(62**8, size=n, replace=False) if n < 62**8 else np.arange(n)
    out = []
    for number in numbers.tolist():
        chars = []
        for _ in range(8):
            number, digit = divmod(number, 62)
            chars.append(_ID_CHARS[digit])
        out.append("0015g00000" + "".join(reversed(chars)))
    return out
