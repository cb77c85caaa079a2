"""ANSI X12 **867** (product transfer and resale report) and **852** (product activity data).

Distributors and large resellers send their point-of-sale and inventory figures as X12
documents. [`read_x12`][channelvalue.transactions.x12.read_x12] reads an interchange and turns
it into rows of the `sell_through` table (867 and 852) and the `inventory` table (852), per
the schema of [`channelvalue.transactions.schema`][channelvalue.transactions.schema].

What is read, from the published segment layouts:

- the envelope `ISA` / `GS` / `ST` ... `SE` / `GE` / `IEA`: the element, sub-element and
  segment separators come from the fixed-width `ISA` (its 4th, 105th and 106th characters);
  the segment counts (`SE01`, `GE01`, `IEA01`) and control numbers (`ST02 = SE02`,
  `GS06 = GE02`, `ISA13 = IEA02`) are checked;
- 867: `BPT` (report reference and date), `DTM` (`090`/`091` report period, `003` invoice,
  `011` shipped, `050` received, `097` created, `193`/`194` period), the header `N1` loop (the
  reporting partner: `FR`, `DS`, `SE`, `RL`, `WH`; the vendor: `SU`, `TO`, `MF`), the `PTD`
  loop (`PTD01` transfer type: sales `SS`, `DS`, `SD`, `CS`, `SU`; returns `BN`, `RU`, `RV`),
  its `N1` loop (the customer: `EN` end user, `ST` ship to, `BY` buyer, `BT` bill to, `OB`
  ordered by; `N4` gives the region), `REF` (document), then per line `QTY` (`39` shipped,
  `32` sold, `38` original), `LIN` (product ids by qualifier: `VN`, `VP`, `MG`, `BP`, `UP`,
  `EN`, `UK`, `SK`, `IN`), `UIT` (unit price), `AMT` (`1`, `N`, `LI`, `TT` line amount);
- 852: `XQ` (reporting date or period and report id), the `N1` loop, and per item `LIN`,
  `CTP` (its unit price: `CTP03`) then `ZA` activities (`QA` available / `OH` on hand /
  `QE` ending balance -> inventory; `QS`, `Q1`, `TS` sold -> sell-through; `QU` returned by
  consumer -> a return; `QP`, `QR`, `QI`, `QO`, `QT`, `QB`, `QC`, `QH`, `DG` are known and
  not used);
- `CTT`: `CTT01` must equal the number of `LIN` segments, `CTT02` (when given) the sum of
  the quantities as written.

Every problem is collected, then all are raised together as one
[`DocumentError`][channelvalue.DocumentError] whose problems carry the file (`table`), the
segment position counted from 1 (`row`), the element (`column`, e.g. `SE01`), the value, a
`kind` (`truncated`, `bad-count`, `control-number`, `bad-date`, `bad-number`,
`unknown-qualifier`, `missing-segment`, `bad-segment`, `bad-envelope`) and a hint.

A line with no price (no `AMT` or `UIT` in an 867, no `CTP` in an 852) has an `amount` of 0:
the units are reported, the money is not. Every row's `source` is the file name and the
control numbers of the interchange and the transaction set: `"feed.x12#ISA000000001/ST0001"`.

Examples:
    >>> from channelvalue.transactions.x12 import parse_x12, example_867
    >>> result = parse_x12(example_867(), name="feed.x12")
    >>> result.sell_through.num_rows, result.sell_through.column("quantity").to_pylist()
    (2, [10.0, -1.0])
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from .._optional import require_pandas
from ..errors import DocumentError, FileError, MissingDependencyError, Problem, ValidationError

__all__ = [
    "LIN_QUALIFIERS",
    "N1_QUALIFIERS",
    "X12Result",
    "example_852",
    "example_867",
    "format_852",
    "format_867",
    "parse_x12",
    "read_x12",
]

# ------------------------------------------------------------------ code lists
N1_QUALIFIERS: Mapping[str, str] = {
    # the reporting partner
    "FR": "reporter",
    "DS": "reporter",
    "SE": "reporter",
    "RL": "reporter",
    "WH": "reporter",
    # the vendor the report is for
    "SU": "vendor",
    "TO": "vendor",
    "MF": "vendor",
    # the customer of a line (867 PTD loop)
    "EN": "customer",
    "ST": "customer",
    "BY": "customer",
    "BT": "customer",
    "OB": "customer",
}
"""`N101` entity identifier codes understood, and what each names."""

_CUSTOMER_RANK = {"EN": 0, "ST": 1, "BY": 2, "BT": 3, "OB": 4}

LIN_QUALIFIERS: Mapping[str, str] = {
    "VN": "vendor's item number",
    "VP": "vendor's part number",
    "MG": "manufacturer's part number",
    "BP": "buyer's part number",
    "UP": "UPC",
    "EN": "EAN",
    "UK": "GTIN-14",
    "SK": "SKU",
    "IN": "buyer's item number",
}
"""`LIN` product id qualifiers understood, in order of preference for the product id."""

_LIN_RANK = {q: i for i, q in enumerate(LIN_QUALIFIERS)}

_PTD_SALE = frozenset({"SS", "DS", "SD", "CS", "SU"})
_PTD_RETURN = frozenset({"BN", "RU", "RV"})
_QTY_CODES = frozenset({"39", "32", "38"})
_AMT_CODES = frozenset({"1", "N", "LI", "TT"})
_DTM_LINE = frozenset({"003", "011", "050"})
_DTM_KNOWN = _DTM_LINE | {"090", "091", "097", "193", "194"}
_ZA_STOCK = ("QA", "OH", "QE")
_ZA_SOLD = ("QS", "Q1", "TS")
_ZA_RETURN = ("QU",)
_ZA_OTHER = frozenset({"QP", "QR", "QI", "QO", "QT", "QB", "QC", "QH", "DG"})
_ZA_KNOWN = frozenset(_ZA_STOCK + _ZA_SOLD + _ZA_RETURN) | _ZA_OTHER

_SEGMENT_ID = re.compile(r"[A-Z][A-Z0-9]{1,2}\Z")
_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)\Z")

ST_COLUMNS = (
    "date",
    "partner",
    "product",
    "quantity",
    "amount",
    "is_return",
    "segment",
    "region",
    "customer",
    "document",
    "source",
)
INV_COLUMNS = ("date", "partner", "product", "on_hand", "source")


# ------------------------------------------------------------------ result
@attrs.frozen(slots=True, repr=False)
class X12Result:
    """The rows read from one X12 interchange (or several in one file).

    Attributes:
        name: the file name (or the `name` given).
        sell_through: rows of the `sell_through` table (`pyarrow.Table`).
        inventory: rows of the `inventory` table (`pyarrow.Table`).
        transaction_sets: `(type, control number, segment count)` of each set read, e.g.
            `("867", "0001", 23)`.

    Examples:
        >>> r = parse_x12(example_852(), name="stock.x12")
        >>> r
        <X12Result stock.x12: 1 transaction sets, 2 sell-through rows, 2 inventory rows>
        >>> r.inventory.column("on_hand").to_pylist()
        [40.0, 7.0]
    """

    name: str
    sell_through: Any
    inventory: Any
    transaction_sets: tuple[tuple[str, str, int], ...] = ()

    @property
    def tables(self) -> dict[str, Any]:
        """`{"sell_through": ..., "inventory": ...}`, ready for `ChannelData.load`.

        Examples:
            >>> sorted(parse_x12(example_867()).tables)
            ['inventory', 'sell_through']
        """
        return {"sell_through": self.sell_through, "inventory": self.inventory}

    def to_frame(self, table: str = "sell_through") -> Any:
        """One table's rows as a `pandas.DataFrame` (needs pandas).

        Examples:
            >>> parse_x12(example_867()).to_frame()["product"].tolist()
            ['SKU-1', 'SKU-2']
        """
        require_pandas("X12Result.to_frame()")
        if table not in ("sell_through", "inventory"):
            raise ValidationError(
                "X12Result.to_frame", "table", table, "'sell_through' or 'inventory'"
            )
        return self.tables[table].to_pandas()

    def __repr__(self) -> str:
        return (
            f"<X12Result {self.name}: {len(self.transaction_sets)} transaction sets, "
            f"{self.sell_through.num_rows} sell-through rows, "
            f"{self.inventory.num_rows} inventory rows>"
        )


# ------------------------------------------------------------------ low level
@attrs.define(slots=True)
class _Seg:
    pos: int  # 1-based position in the file
    id: str
    elements: list[str]

    def get(self, i: int) -> str:
        """Element `i` (1-based, as in `SE01`), or `""` when absent."""
        return self.elements[i] if i < len(self.elements) else ""


class _Problems:
    def __init__(self, name: str) -> None:
        self.name = name
        self.items: list[Problem] = []

    def add(
        self,
        seg: _Seg | None,
        element: str,
        message: str,
        *,
        kind: str,
        value: Any = None,
        hint: str = "",
    ) -> None:
        pos = seg.pos if seg is not None else None
        where = f"{self.name} segment {pos}" if pos is not None else self.name
        if element:
            where += f" ({element})"
        self.items.append(
            Problem(
                where,
                message,
                table=self.name,
                row=pos,
                column=element or None,
                value=value,
                kind=kind,
                hint=hint,
            )
        )


def _split(text: str, problems: _Problems) -> tuple[list[_Seg], str]:
    """The segments of `text` and the sub-element separator, from the separators in `ISA`."""
    body = text.lstrip("\ufeff \t\r\n")
    if not body.startswith("ISA"):
        problems.add(
            None,
            "",
            f"an X12 interchange starts with 'ISA', got {body[:10]!r}",
            kind="bad-envelope",
            value=body[:10],
            hint="is this an X12 file?",
        )
        return [], ":"
    if len(body) < 106:
        problems.add(
            None,
            "ISA",
            f"the ISA segment is {len(body)} characters, an ISA is 106",
            kind="truncated",
            hint="the file is cut short",
        )
        return [], ":"
    element, sub, terminator = body[3], body[104], body[105]
    if len({element, sub, terminator}) < 3 or any(c.isalnum() for c in (element, sub, terminator)):
        problems.add(
            None,
            "ISA",
            f"the separators read from ISA are {element!r}, {sub!r}, {terminator!r}: "
            "they must be three different non-alphanumeric characters",
            kind="bad-envelope",
            hint="the ISA must be exactly 106 characters (fixed-width elements)",
        )
        return [], ":"
    segs: list[_Seg] = []
    for raw in body.split(terminator):
        raw = raw.strip(" \t\r\n")
        if not raw:
            continue
        parts = raw.split(element)
        segs.append(_Seg(len(segs) + 1, parts[0], parts))
    return segs, sub


def _date(seg: _Seg, i: int, problems: _Problems, *, required: bool = True) -> dt.date | None:
    text = seg.get(i).strip()
    element = f"{seg.id}{i:02d}"
    if not text:
        if required:
            problems.add(seg, element, "a date is missing", kind="bad-date", hint="CCYYMMDD")
        return None
    try:
        if len(text) == 8 and text.isdigit():
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        if len(text) == 6 and text.isdigit():
            return dt.date(2000 + int(text[:2]), int(text[2:4]), int(text[4:]))
    except ValueError:
        pass
    problems.add(
        seg,
        element,
        f"got {text!r} but expected a date CCYYMMDD",
        kind="bad-date",
        value=text,
        hint="e.g. 20240131",
    )
    return None


def _number(seg: _Seg, i: int, problems: _Problems, *, required: bool = True) -> float | None:
    text = seg.get(i).strip()
    element = f"{seg.id}{i:02d}"
    if not text:
        if required:
            problems.add(seg, element, "a number is missing", kind="bad-number")
        return None
    if _NUMBER.match(text) is None or len(text) > 30:
        problems.add(
            seg,
            element,
            f"got {text!r} but expected a decimal number",
            kind="bad-number",
            value=text,
            hint="X12 numbers use '.' and no thousands separator",
        )
        return None
    return float(text)


def _count(seg: _Seg, i: int, problems: _Problems) -> int | None:
    text = seg.get(i).strip()
    if text.isdigit() and len(text) <= 12:
        return int(text)
    problems.add(
        seg,
        f"{seg.id}{i:02d}",
        f"got {text!r} but expected a count",
        kind="bad-count",
        value=text,
    )
    return None


def _unknown(seg: _Seg, i: int, known: Iterable[str], problems: _Problems) -> None:
    code = seg.get(i)
    shown = ", ".join(sorted(known))
    problems.add(
        seg,
        f"{seg.id}{i:02d}",
        f"unknown qualifier {code!r}",
        kind="unknown-qualifier",
        value=code,
        hint=f"known: {shown}",
    )


# ------------------------------------------------------------------ transaction sets
class _Rows:
    def __init__(self) -> None:
        self.st: dict[str, list[Any]] = {c: [] for c in ST_COLUMNS}
        self.inv: dict[str, list[Any]] = {c: [] for c in INV_COLUMNS}

    def sale(self, **row: Any) -> None:
        for c in ST_COLUMNS:
            self.st[c].append(row.get(c))

    def stock(self, **row: Any) -> None:
        for c in INV_COLUMNS:
            self.inv[c].append(row.get(c))


def _party(seg: _Seg) -> str:
    """The party an `N1` names: its id (`N104`) when given, else its name (`N102`)."""
    return (seg.get(4) or seg.get(2)).strip()


def _product(seg: _Seg, problems: _Problems) -> str | None:
    """The preferred product id of a `LIN` (pairs of qualifier and id from `LIN02`)."""
    best: tuple[int, str] | None = None
    for k in range(2, len(seg.elements) - 1, 2):
        qual, value = seg.elements[k], seg.elements[k + 1].strip()
        if not qual and not value:
            continue
        if qual not in _LIN_RANK:
            _unknown(seg, k, LIN_QUALIFIERS, problems)
            continue
        if value and (best is None or _LIN_RANK[qual] < best[0]):
            best = (_LIN_RANK[qual], value)
    if best is None:
        problems.add(
            seg, "LIN03", "no product id", kind="missing-segment", hint="LIN*1*VN*<item id>"
        )
        return None
    return best[1]


def _ctt(ctt: _Seg | None, lins: int, total: float, problems: _Problems, *, set_seg: _Seg) -> None:
    if ctt is None:
        return
    n = _count(ctt, 1, problems)
    if n is not None and n != lins:
        problems.add(
            ctt,
            "CTT01",
            f"says {n} line items but the transaction set has {lins} LIN segments",
            kind="bad-count",
            value=ctt.get(1),
            hint="lines are missing or the count is wrong",
        )
    if ctt.get(2):
        hashed = _number(ctt, 2, problems)
        if hashed is not None and abs(hashed - total) > 1e-6 * max(1.0, abs(total)):
            problems.add(
                ctt,
                "CTT02",
                f"hash total {hashed:g} but the quantities add up to {total:g}",
                kind="bad-count",
                value=ctt.get(2),
            )


def _set_867(segs: Sequence[_Seg], source: str, rows: _Rows, problems: _Problems) -> None:
    st = segs[0]
    reporter: str | None = None
    document: str | None = None
    report_date: dt.date | None = None
    ptd: dict[str, Any] | None = None
    line: dict[str, Any] | None = None
    lins = 0
    total = 0.0
    ctt: _Seg | None = None
    seen_bpt = False
    pending: list[dict[str, Any]] = []

    def close_line() -> None:
        nonlocal line
        if line is not None and ptd is not None:
            pending.append({**line, "_ptd": dict(ptd)})
        line = None

    for seg in segs[1:-1]:
        sid = seg.id
        if sid == "BPT":
            seen_bpt = True
            document = seg.get(2).strip() or None
            if seg.get(3):
                report_date = _date(seg, 3, problems) or report_date
        elif sid == "DTM":
            code = seg.get(1)
            if code not in _DTM_KNOWN:
                _unknown(seg, 1, _DTM_KNOWN, problems)
                continue
            day = _date(seg, 2, problems)
            if line is not None:
                if code in _DTM_LINE:
                    line["date"] = day
            elif ptd is not None:
                if code in _DTM_LINE:
                    ptd["date"] = day
            elif code in ("091", "194") or (code in ("090", "193") and report_date is None):
                report_date = day or report_date
        elif sid == "N1":
            code = seg.get(1)
            role = N1_QUALIFIERS.get(code)
            if role is None:
                _unknown(seg, 1, N1_QUALIFIERS, problems)
            elif ptd is None:
                if role == "reporter":
                    reporter = _party(seg)
            elif role == "customer":
                parties = ptd.setdefault("parties", {})
                parties.setdefault(code, [seg.get(2).strip() or _party(seg), None])
                ptd["_last"] = code
        elif sid == "N4" and ptd is not None and line is None and "_last" in ptd:
            region = (seg.get(2) or seg.get(4)).strip()
            party = ptd["parties"][ptd["_last"]]
            if region and party[1] is None:
                party[1] = region
        elif sid == "PTD":
            close_line()
            code = seg.get(1)
            if code not in _PTD_SALE and code not in _PTD_RETURN:
                _unknown(seg, 1, _PTD_SALE | _PTD_RETURN, problems)
                ptd = {"skip": True}
            else:
                ptd = {"is_return": code in _PTD_RETURN}
                if seg.get(5):
                    ptd["document"] = seg.get(5).strip()
        elif sid == "REF" and ptd is not None:
            target = line if line is not None else ptd
            if seg.get(2):
                target["document"] = seg.get(2).strip()
        elif sid == "QTY":
            close_line()
            if ptd is None:
                problems.add(
                    seg, "QTY", "a QTY before any PTD", kind="missing-segment", hint="add a PTD"
                )
                ptd = {"skip": True}
            line = {"pos": seg.pos}
            if seg.get(1) not in _QTY_CODES:
                _unknown(seg, 1, _QTY_CODES, problems)
                line["skip"] = True
            qty = _number(seg, 2, problems)
            line["quantity"] = qty
            if qty is not None:
                total += qty
        elif sid == "LIN":
            lins += 1
            product = _product(seg, problems)
            if line is None:
                problems.add(
                    seg, "LIN", "a LIN outside a QTY loop", kind="missing-segment",
                    hint="each line starts with QTY",
                )  # fmt: skip
            else:
                line["product"] = product
        elif sid == "UIT" and line is not None:
            line["price"] = _number(seg, 2, problems)
        elif sid == "AMT" and line is not None:
            if seg.get(1) not in _AMT_CODES:
                _unknown(seg, 1, _AMT_CODES, problems)
            else:
                line["amount"] = _number(seg, 2, problems)
        elif sid == "CTT":
            close_line()
            ctt = seg
    close_line()
    if not seen_bpt:
        problems.add(st, "BPT", "an 867 needs a BPT segment", kind="missing-segment")
    if reporter is None:
        problems.add(
            st,
            "N1",
            "no reporting partner: an N1 with FR, DS, SE, RL or WH in the heading",
            kind="missing-segment",
        )
    _ctt(ctt, lins, total, problems, set_seg=st)
    for item in pending:
        p = item["_ptd"]
        if item.get("skip") or p.get("skip"):
            continue
        day = item.get("date") or p.get("date") or report_date
        if day is None:
            problems.add(
                _Seg(item["pos"], "QTY", []),
                "DTM",
                "no date for this line (no DTM in the line, its PTD loop or the heading)",
                kind="bad-date",
            )
            continue
        if item.get("quantity") is None or item.get("product") is None:
            if item.get("product") is None and "product" not in item:
                problems.add(
                    _Seg(item["pos"], "QTY", []), "LIN", "a line with no LIN",
                    kind="missing-segment",
                )  # fmt: skip
            continue
        qty = float(item["quantity"])
        parties = p.get("parties", {})
        chosen = parties[min(parties, key=_CUSTOMER_RANK.__getitem__)] if parties else [None, None]
        sign = -1.0 if p.get("is_return") else 1.0
        amount = item.get("amount")
        if amount is None and item.get("price") is not None:
            amount = abs(qty) * float(item["price"])
        rows.sale(
            date=day,
            partner=reporter,
            product=item["product"],
            quantity=sign * abs(qty),
            amount=0.0 if amount is None else sign * abs(float(amount)),
            is_return=bool(p.get("is_return")),
            segment=None,
            region=chosen[1],
            customer=chosen[0],
            document=item.get("document") or p.get("document") or document,
            source=source,
        )


def _set_852(segs: Sequence[_Seg], source: str, rows: _Rows, problems: _Problems) -> None:
    st = segs[0]
    reporter: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    document: str | None = None
    product: str | None = None
    lins = 0
    total = 0.0
    ctt: _Seg | None = None
    seen_xq = False
    in_lin = False
    found: list[tuple[_Seg, str, str | None, float, dt.date | None]] = []
    prices: dict[str | None, float | None] = {}
    for seg in segs[1:-1]:
        sid = seg.id
        if sid == "XQ":
            seen_xq = True
            start = _date(seg, 2, problems)
            end = _date(seg, 3, problems, required=False)
            document = seg.get(4).strip() or None
        elif sid == "N1" and not in_lin:
            code = seg.get(1)
            role = N1_QUALIFIERS.get(code)
            if role is None:
                _unknown(seg, 1, N1_QUALIFIERS, problems)
            elif role == "reporter":
                reporter = _party(seg)
        elif sid == "LIN":
            lins += 1
            in_lin = True
            product = _product(seg, problems)
            prices[product] = None
        elif sid == "CTP" and in_lin and seg.get(3):
            prices[product] = _number(seg, 3, problems)
        elif sid == "ZA":
            code = seg.get(1)
            if not in_lin:
                problems.add(seg, "ZA", "a ZA before any LIN", kind="missing-segment")
                continue
            if code not in _ZA_KNOWN:
                _unknown(seg, 1, _ZA_KNOWN, problems)
                continue
            qty = _number(seg, 2, problems)
            if qty is None:
                continue
            total += qty
            day = _date(seg, 5, problems, required=False) if seg.get(5) else None
            found.append((seg, code, product, qty, day))
        elif sid == "CTT":
            ctt = seg
    if not seen_xq:
        problems.add(st, "XQ", "an 852 needs an XQ segment", kind="missing-segment")
    if reporter is None:
        problems.add(
            st,
            "N1",
            "no reporting partner: an N1 with FR, DS, SE, RL or WH in the heading",
            kind="missing-segment",
        )
    _ctt(ctt, lins, total, problems, set_seg=st)
    default_day = end or start
    for _seg, code, prod, qty, day in found:
        if prod is None or (day or default_day) is None:
            continue
        when = day or default_day
        if code in _ZA_STOCK:
            rows.stock(date=when, partner=reporter, product=prod, on_hand=qty, source=source)
        elif code in _ZA_SOLD or code in _ZA_RETURN:
            ret = code in _ZA_RETURN
            price = prices.get(prod)
            amount = abs(qty) * price if price is not None else 0.0
            rows.sale(
                date=when,
                partner=reporter,
                product=prod,
                quantity=-abs(qty) if ret else qty,
                amount=-amount if ret else amount,
                is_return=ret,
                document=document,
                source=source,
            )


# ------------------------------------------------------------------ envelope
def _walk(
    segs: list[_Seg], name: str, rows: _Rows, problems: _Problems
) -> list[tuple[str, str, int]]:
    sets: list[tuple[str, str, int]] = []
    isa: dict[str, Any] | None = None
    gs: dict[str, Any] | None = None
    st: list[_Seg] | None = None

    def run_set(body: list[_Seg]) -> None:
        assert isa is not None
        kind, ctrl = body[0].get(1), body[0].get(2)
        source = f"{name}#ISA{isa['ctrl']}/ST{ctrl}"
        if kind == "867":
            _set_867(body, source, rows, problems)
        elif kind == "852":
            _set_852(body, source, rows, problems)
        else:
            problems.add(
                body[0],
                "ST01",
                f"transaction set {kind!r} is not read here",
                kind="unknown-qualifier",
                value=kind,
                hint="only 867 and 852 are read",
            )
            return
        sets.append((kind, ctrl, len(body)))

    for seg in segs:
        sid = seg.id
        if _SEGMENT_ID.match(sid) is None:
            problems.add(
                seg, "", f"{sid[:20]!r} is not a segment id", kind="bad-segment", value=sid[:40]
            )
            if st is not None:
                st.append(seg)
            continue
        if sid == "ISA":
            if isa is not None:
                problems.add(
                    seg, "IEA", "a new ISA before the IEA closing the previous interchange",
                    kind="truncated",
                )  # fmt: skip
            if len(seg.elements) != 17:
                problems.add(
                    seg, "ISA", f"an ISA has 16 elements, this one {len(seg.elements) - 1}",
                    kind="bad-envelope",
                )  # fmt: skip
            isa = {"ctrl": seg.get(13).strip(), "groups": 0, "seg": seg}
            gs, st = None, None
        elif sid == "GS":
            if isa is None:
                problems.add(seg, "GS", "a GS outside an interchange", kind="bad-envelope")
                isa = {"ctrl": "", "groups": 0, "seg": seg}
            if gs is not None:
                problems.add(seg, "GE", "a GS before the GE closing the previous group",
                             kind="truncated")  # fmt: skip
            isa["groups"] += 1
            gs = {"ctrl": seg.get(6).strip(), "sets": 0, "seg": seg}
        elif sid == "ST":
            if st is not None:
                problems.add(
                    st[0], "SE", f"transaction set {st[0].get(2)!r} has no SE",
                    kind="truncated",
                )  # fmt: skip
            if gs is None:
                problems.add(seg, "ST", "an ST outside a functional group", kind="bad-envelope")
                gs = {"ctrl": "", "sets": 0, "seg": seg}
                if isa is None:
                    isa = {"ctrl": "", "groups": 0, "seg": seg}
            gs["sets"] += 1
            st = [seg]
        elif sid == "SE":
            if st is None:
                problems.add(seg, "SE", "an SE with no ST", kind="bad-envelope")
                continue
            st.append(seg)
            n = _count(seg, 1, problems)
            if n is not None and n != len(st):
                problems.add(
                    seg,
                    "SE01",
                    f"says {n} segments but the transaction set has {len(st)} (ST to SE)",
                    kind="bad-count",
                    value=seg.get(1),
                    hint="segments are missing or the count is wrong",
                )
            if seg.get(2).strip() != st[0].get(2).strip():
                problems.add(
                    seg,
                    "SE02",
                    f"control number {seg.get(2)!r} does not match ST02 {st[0].get(2)!r}",
                    kind="control-number",
                    value=seg.get(2),
                )
            run_set(st)
            st = None
        elif sid == "GE":
            if gs is None:
                problems.add(seg, "GE", "a GE with no GS", kind="bad-envelope")
                continue
            if st is not None:
                problems.add(st[0], "SE", f"transaction set {st[0].get(2)!r} has no SE",
                             kind="truncated")  # fmt: skip
                run_set(st)
                st = None
            n = _count(seg, 1, problems)
            if n is not None and n != gs["sets"]:
                problems.add(
                    seg, "GE01", f"says {n} transaction sets but the group has {gs['sets']}",
                    kind="bad-count", value=seg.get(1),
                )  # fmt: skip
            if seg.get(2).strip() != gs["ctrl"]:
                problems.add(
                    seg, "GE02",
                    f"control number {seg.get(2)!r} does not match GS06 {gs['ctrl']!r}",
                    kind="control-number", value=seg.get(2),
                )  # fmt: skip
            gs = None
        elif sid == "IEA":
            if isa is None:
                problems.add(seg, "IEA", "an IEA with no ISA", kind="bad-envelope")
                continue
            if gs is not None:
                problems.add(gs["seg"], "GE", "the functional group has no GE", kind="truncated")
                gs = None
            n = _count(seg, 1, problems)
            if n is not None and n != isa["groups"]:
                problems.add(
                    seg, "IEA01", f"says {n} functional groups but the interchange has "
                    f"{isa['groups']}", kind="bad-count", value=seg.get(1),
                )  # fmt: skip
            if seg.get(2).strip() != isa["ctrl"]:
                problems.add(
                    seg, "IEA02",
                    f"control number {seg.get(2)!r} does not match ISA13 {isa['ctrl']!r}",
                    kind="control-number", value=seg.get(2),
                )  # fmt: skip
            isa = None
        elif st is not None:
            st.append(seg)
        else:
            problems.add(seg, "", f"segment {sid} outside a transaction set", kind="bad-envelope")
    last = segs[-1] if segs else None
    if st is not None:
        problems.add(
            last, "SE", f"the file ends inside transaction set {st[0].get(2)!r} (no SE)",
            kind="truncated", hint="the interchange is cut short",
        )  # fmt: skip
        st.append(_Seg(st[-1].pos, "SE", ["SE"]))
        run_set(st)
    if gs is not None:
        problems.add(last, "GE", "the file ends inside a functional group (no GE)",
                     kind="truncated", hint="the interchange is cut short")  # fmt: skip
    if isa is not None:
        problems.add(last, "IEA", "the file ends inside the interchange (no IEA)",
                     kind="truncated", hint="the interchange is cut short")  # fmt: skip
    return sets


def _require_pyarrow(feature: str) -> Any:
    try:
        import pyarrow
    except ImportError:
        raise MissingDependencyError("pyarrow", extra="data", feature=feature) from None
    return pyarrow


def _arrow(table: str, columns: Mapping[str, list[Any]]) -> Any:
    from .schema import SCHEMAS

    pa = _require_pyarrow("read_x12()")
    schema = SCHEMAS[table]
    return pa.Table.from_pydict(
        {f.name: columns.get(f.name, [None] * len(next(iter(columns.values()))))
         for f in schema},
        schema=schema,
    )  # fmt: skip


def parse_x12(text: str | bytes, *, name: str = "<x12>") -> X12Result:
    """Read an X12 867 or 852 document from text (or bytes, decoded as UTF-8 then Latin-1).

    Args:
        text: the document: one or more interchanges.
        name: the file name used in problems and in each row's `source`.

    Raises:
        DocumentError: every problem found (envelope, counts, control numbers, dates,
            numbers, unknown qualifiers), each at its segment position.

    Examples:
        >>> try:
        ...     parse_x12(example_867().replace("SE*21*", "SE*19*"), name="f.x12")
        ... except DocumentError as err:
        ...     print(err.problems[0])
        f.x12 segment 23 (SE01): says 19 segments but the transaction set has 21 (ST to SE) \
(segments are missing or the count is wrong)
    """
    if isinstance(text, bytes):
        try:
            decoded = text.decode("utf-8")
        except UnicodeDecodeError:
            decoded = text.decode("latin-1")
    else:
        decoded = text
    problems = _Problems(name)
    segs, _sub = _split(decoded, problems)
    rows = _Rows()
    sets = _walk(segs, name, rows, problems) if segs else []
    if segs and not sets and not problems.items:
        problems.add(None, "ST", "no transaction set in the file", kind="missing-segment")
    if problems.items:
        raise DocumentError(
            problems.items,
            title=f"{name}: {len(problems.items)} problem"
            f"{'s' if len(problems.items) != 1 else ''} in the X12 document",
        )
    return X12Result(
        name=name,
        sell_through=_arrow("sell_through", rows.st),
        inventory=_arrow("inventory", rows.inv),
        transaction_sets=tuple(sets),
    )


def read_x12(path: str | Path, *, max_bytes: int = 256 << 20) -> X12Result:
    """Read an X12 867 or 852 file; the file name goes into every row's `source`.

    Raises:
        FileError: the file cannot be read or is larger than `max_bytes`.
        DocumentError: every problem in the document (see
            [`parse_x12`][channelvalue.transactions.x12.parse_x12]).

    Examples:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "feed.x12"
        >>> _ = p.write_text(example_867())
        >>> read_x12(p).sell_through.column("source")[0].as_py()
        'feed.x12#ISA000000001/ST0001'
    """
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise FileError(str(p), f"the file is {size:,} bytes, more than {max_bytes:,}",
                            "pass a larger max_bytes")  # fmt: skip
        data = p.read_bytes()
    except OSError as err:
        if isinstance(err, FileError):
            raise
        raise FileError(
            str(p), f"cannot read file: {err.strerror or err}", errno=err.errno
        ) from None
    return parse_x12(data, name=p.name)


# ------------------------------------------------------------------ writing
def _isa(sender: str, receiver: str, control: int, day: dt.date) -> str:
    return (
        f"ISA*00*{'':10}*00*{'':10}*ZZ*{sender[:15]:<15}*ZZ*{receiver[:15]:<15}*"
        f"{day:%y%m%d}*1200*U*00401*{control:09d}*0*P*>~"
    )


def _clean(text: Any) -> str:
    return re.sub(r"[*~>^\r\n]", " ", str(text))


def format_867(
    rows: Any,
    *,
    sender: str,
    receiver: str,
    control: int = 1,
    report_date: dt.date | None = None,
) -> str:
    """An X12 867 interchange of sell-through `rows` (a frame or `pyarrow.Table` of the
    `sell_through` schema) reported by `sender` to `receiver`: one transaction set, one PTD
    loop per row (`SS`, or `BN` for returns).

    Examples:
        >>> import pandas as pd, datetime as dt
        >>> rows = pd.DataFrame({"date": [dt.date(2024, 1, 5)], "product": ["p1"],
        ...     "quantity": [3.0], "amount": [30.0], "is_return": [False],
        ...     "customer": ["Bolt Ltd"], "document": ["INV-1"]})
        >>> doc = format_867(rows, sender="dist", receiver="acme")
        >>> parse_x12(doc).sell_through.column("customer").to_pylist()
        ['Bolt Ltd']
    """
    frame = rows.to_pandas() if hasattr(rows, "to_pandas") and not hasattr(rows, "iloc") else rows
    dates = list(frame["date"])
    day = report_date or (max(dates) if dates else dt.date.today())
    day = day.date() if isinstance(day, dt.datetime) else day
    body = [
        f"ST*867*{control:04d}",
        f"BPT*00*R{control:06d}*{day:%Y%m%d}*01",
        f"DTM*091*{day:%Y%m%d}",
        f"N1*DS*{_clean(sender)}*91*{_clean(sender)}",
        f"N1*SU*{_clean(receiver)}*91*{_clean(receiver)}",
    ]
    total = 0.0
    n = 0
    for rec in frame.to_dict("records"):
        when = rec["date"]
        when = when.date() if isinstance(when, dt.datetime) else when
        ret = bool(rec.get("is_return"))
        qty = abs(float(rec["quantity"]))
        total += qty
        n += 1
        body.append(f"PTD*{'BN' if ret else 'SS'}")
        body.append(f"DTM*003*{when:%Y%m%d}")
        doc = rec.get("document")
        if isinstance(doc, str) and doc:
            body.append(f"REF*IV*{_clean(doc)}")
        cust = rec.get("customer")
        if isinstance(cust, str) and cust:
            body.append(f"N1*BY*{_clean(cust)}")
        body.append(f"QTY*39*{qty:g}*EA")
        body.append(f"LIN**VN*{_clean(rec['product'])}")
        amount = rec.get("amount")
        if amount is not None and amount == amount:
            body.append(f"AMT*1*{abs(float(amount)):.2f}")
    body.append(f"CTT*{n}*{total:g}")
    body.append(f"SE*{len(body) + 1}*{control:04d}")
    return _envelope(body, "PT", sender, receiver, control, day)


def format_852(
    stock: Any,
    sales: Any = None,
    *,
    sender: str,
    receiver: str,
    start: dt.date,
    end: dt.date,
    control: int = 1,
) -> str:
    """An X12 852 interchange: on-hand quantities (`stock`: product, on_hand) and units sold
    (`sales`: product, quantity) over `start`..`end`, reported by `sender`.

    Examples:
        >>> import pandas as pd, datetime as dt
        >>> doc = format_852(pd.DataFrame({"product": ["p1"], "on_hand": [12.0]}),
        ...     pd.DataFrame({"product": ["p1"], "quantity": [4.0]}), sender="r1",
        ...     receiver="acme", start=dt.date(2024, 1, 1), end=dt.date(2024, 1, 31))
        >>> r = parse_x12(doc)
        >>> r.inventory.column("on_hand").to_pylist(), r.sell_through.column("quantity").to_pylist()
        ([12.0], [4.0])
    """
    frames = [f.to_pandas() if hasattr(f, "to_pandas") and not hasattr(f, "iloc") else f
              for f in (stock, sales)]  # fmt: skip
    on_hand = dict(zip(frames[0]["product"], frames[0]["on_hand"], strict=True))
    sold: dict[Any, float] = {}
    money: dict[Any, float] = {}
    if frames[1] is not None:
        amounts = frames[1]["amount"] if "amount" in frames[1] else [0.0] * len(frames[1])
        for p, q, a in zip(frames[1]["product"], frames[1]["quantity"], amounts, strict=True):
            sold[p] = sold.get(p, 0.0) + float(q)
            money[p] = money.get(p, 0.0) + float(a)
    body = [
        f"ST*852*{control:04d}",
        f"XQ*H*{start:%Y%m%d}*{end:%Y%m%d}*R{control:06d}",
        f"N1*RL*{_clean(sender)}*91*{_clean(sender)}",
        f"N1*SU*{_clean(receiver)}*91*{_clean(receiver)}",
    ]
    total = 0.0
    products = sorted(set(on_hand) | set(sold), key=str)
    for p in products:
        body.append(f"LIN**VN*{_clean(p)}")
        if money.get(p) and sold.get(p):
            body.append(f"CTP*RS*RES*{money[p] / sold[p]:.6g}")
        if p in on_hand:
            body.append(f"ZA*QA*{float(on_hand[p]):g}*EA")
            total += float(on_hand[p])
        if p in sold:
            body.append(f"ZA*QS*{sold[p]:g}*EA")
            total += sold[p]
    body.append(f"CTT*{len(products)}*{total:g}")
    body.append(f"SE*{len(body) + 1}*{control:04d}")
    return _envelope(body, "PD", sender, receiver, control, end)


def _envelope(
    body: list[str], group: str, sender: str, receiver: str, control: int, day: dt.date
) -> str:
    head = [
        _isa(_clean(sender), _clean(receiver), control, day),
        f"GS*{group}*{_clean(sender)}*{_clean(receiver)}*{day:%Y%m%d}*1200*{control}*X*004010",
    ]
    tail = [f"GE*1*{control}", f"IEA*1*{control:09d}"]
    return "\n".join([head[0], *(s + "~" for s in [head[1], *body, *tail])]) + "\n"


def example_867() -> str:
    """A small, valid 867: distributor `dist-north` reports a sale of 10 `SKU-1` to Bolt
    Systems and a return of 1 `SKU-2` in January 2024 (the document in the guide and tests).

    Examples:
        >>> example_867().splitlines()[2]
        'ST*867*0001~'
    """
    return "\n".join(
        [
            _isa("DISTNORTH", "ACME", 1, dt.date(2024, 2, 1)),
            "GS*PT*DISTNORTH*ACME*20240201*0930*1*X*004010~",
            "ST*867*0001~",
            "BPT*00*RPT-2024-01*20240131*01~",
            "DTM*090*20240101~",
            "DTM*091*20240131~",
            "N1*DS*North Distribution*91*dist-north~",
            "N1*SU*Acme Networks*91*acme~",
            "PTD*SS~",
            "DTM*003*20240115~",
            "REF*IV*INV-1001~",
            "N1*BY*Bolt Systems~",
            "N4*Leeds*WYK*LS1*GB~",
            "QTY*39*10*EA~",
            "LIN**VN*SKU-1*UP*012345678905~",
            "UIT*EA*12.5*RS~",
            "PTD*BN~",
            "N1*BY*Bolt Systems~",
            "QTY*39*1*EA~",
            "LIN**VN*SKU-2~",
            "AMT*1*40~",
            "CTT*2*11~",
            "SE*21*0001~",
            "GE*1*1~",
            "IEA*1*000000001~",
        ]
    )  # fmt: skip


def example_852() -> str:
    """A small, valid 852: reseller `res-1` reports on-hand and sold units for January 2024.

    Examples:
        >>> example_852().splitlines()[3][:2]
        'XQ'
    """
    return "\n".join(
        [
            _isa("RES1", "ACME", 2, dt.date(2024, 2, 1)),
            "GS*PD*RES1*ACME*20240201*0930*2*X*004010~",
            "ST*852*0001~",
            "XQ*H*20240101*20240131*ACT-01~",
            "N1*RL*Reseller One*91*res-1~",
            "LIN**VN*SKU-1~",
            "ZA*QA*40*EA~",
            "ZA*QS*25*EA~",
            "LIN**VN*SKU-2*UP*012345678912~",
            "ZA*QA*7*EA~",
            "ZA*QS*3*EA~",
            "CTT*2*75~",
            "SE*11*0001~",
            "GE*1*2~",
            "IEA*1*000000002~",
        ]
    )  # fmt: skip
