"""The common vocabulary: synonyms, normalisation, closest terms, extension."""

from __future__ import annotations

import json
from enum import StrEnum

import pytest
from hypothesis import given
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.errors import ChannelValueError, DocumentError, ValidationError
from channelvalue.io._terms import DEFAULT_TERMS
from channelvalue.io.vocabulary import (
    CATEGORIES,
    DEFAULT_VOCABULARY,
    UnknownTermError,
    Vocabulary,
    term_key,
)
from channelvalue.model import (
    Band,
    DataKind,
    EngagementModel,
    Flow,
    InvestmentKind,
    Role,
    ServiceOutput,
    Tier,
)

V = DEFAULT_VOCABULARY


@pytest.mark.parametrize(
    ("category", "term", "expected"),
    [
        ("role", "VAR", Role.RESELLER),
        ("role", "value-added reseller", Role.RESELLER),
        ("role", "Solution provider", Role.RESELLER),
        ("role", "MSP", Role.MSP),
        ("role", "managed service provider", Role.MSP),
        ("role", "SI", Role.SYSTEM_INTEGRATOR),
        ("role", "integrator", Role.SYSTEM_INTEGRATOR),
        ("role", "disti", Role.DISTRIBUTOR),
        ("role", "wholesaler", Role.DISTRIBUTOR),
        ("role", "  Value Added  RESELLER ", Role.RESELLER),
        ("role", "V.A.R.", Role.RESELLER),
        ("role", "system integrator", Role.SYSTEM_INTEGRATOR),
        ("role", "System-Integrator", Role.SYSTEM_INTEGRATOR),
        ("tier", "Premier Partner", Tier.PLATINUM),
        ("engagement", "self service", EngagementModel.SELF_SERVICE),
        ("engagement", "High-touch", EngagementModel.DEDICATED),
        ("band", "Mid-Market", Band.MIDMARKET),
        ("band", "SME", Band.SMB),
        ("data_kind", "Sell-Through", DataKind.SELL_THROUGH),
        ("data_kind", "POS data", DataKind.SELL_THROUGH),
        ("service_output", "after-sales service", ServiceOutput.AFTER_SALES_SERVICE),
        ("service_output", "Delivery time", ServiceOutput.AVAILABILITY),
        ("flow", "Title", Flow.OWNERSHIP),
        ("investment_kind", "Co-op", InvestmentKind.COOP),
        ("investment_kind", "Market Development Funds", InvestmentKind.MDF),
    ],
)
def test_synonyms_normalise_to_canonical(category: str, term: str, expected: StrEnum) -> None:
    assert V.normalise(category, term) is expected
    assert V.lookup(category, term) is expected


def test_category_may_be_the_enum_or_a_loose_name() -> None:
    assert V.normalise(Role, "VAR") is Role.RESELLER
    assert V.normalise("Data Kind", "stock") is DataKind.INVENTORY
    assert V.normalise("role", Role.MSP) is Role.MSP


@pytest.mark.parametrize("category", list(CATEGORIES))
def test_every_canonical_value_and_synonym_is_known(category: str) -> None:
    enum = CATEGORIES[category]
    for member in enum:
        assert V.normalise(category, member.value) is member
        assert V.normalise(category, member.value.upper().replace("_", " ")) is member
        for synonym in V.synonyms(category, member):
            assert V.normalise(category, synonym) is member


def test_default_terms_cover_every_canonical_value_with_a_definition() -> None:
    for category, enum in CATEGORIES.items():
        assert set(DEFAULT_TERMS[category]) == {m.value for m in enum}
        for member in enum:
            assert V.definition(category, member)


def test_unknown_term_lists_the_closest_known_terms() -> None:
    with pytest.raises(UnknownTermError) as info:
        V.normalise("role", "resellr")
    err = info.value
    assert isinstance(err, ValidationError)
    assert isinstance(err, ChannelValueError)
    assert err.category == "role"
    assert err.term == "resellr"
    assert err.closest[0] == "reseller"
    assert "'resellr'" in str(err)
    assert "closest: 'reseller'" in str(err)


def test_unknown_term_without_close_match_lists_canonical_values() -> None:
    with pytest.raises(UnknownTermError) as info:
        V.normalise("tier", "zzzzzz")
    assert info.value.closest == ()
    assert "'platinum', 'gold', 'silver', 'registered'" in str(info.value)


@pytest.mark.parametrize("term", ["", "   ", "---"])
def test_empty_terms_are_unknown(term: str) -> None:
    with pytest.raises(UnknownTermError):
        V.normalise("role", term)


def test_non_string_term_is_a_validation_error() -> None:
    with pytest.raises(ValidationError, match="a role term"):
        V.normalise("role", 42)  # type: ignore[call-overload]
    assert V.lookup("role", 42) is None
    assert V.lookup("role", Tier.GOLD) is None


def test_unknown_category_is_a_validation_error() -> None:
    with pytest.raises(ValidationError, match="'role', 'tier'"):
        V.normalise("colour", "red")
    with pytest.raises(ValidationError):
        V.normalise(int, "1")  # type: ignore[call-overload]


def test_extend_returns_a_new_vocabulary() -> None:
    mine = V.extend("role", {"reseller": ["Fachhändler", "revendeur"], "msp": "MSSP partner"})
    assert mine.normalise("role", "fachhandler") is Role.RESELLER
    assert mine.normalise("role", "Revendeur") is Role.RESELLER
    assert mine.normalise("role", "mssp-partner") is Role.MSP
    assert V.lookup("role", "revendeur") is None
    assert mine != V
    assert hash(mine) != hash(V)
    assert "revendeur" in mine.synonyms("role", "reseller")
    assert mine.extend("role", {}) == mine


def test_extend_refuses_a_synonym_meaning_something_else() -> None:
    with pytest.raises(ValidationError, match="does not already mean 'distributor'"):
        V.extend("role", {"reseller": "wholesaler"})
    moved = V.extend("role", {"reseller": "wholesaler"}, override=True)
    assert moved.normalise("role", "Wholesaler") is Role.RESELLER
    assert "wholesaler" not in moved.synonyms("role", "distributor")
    with pytest.raises(ValidationError, match="does not already mean 'distributor'"):
        V.extend("role", {"reseller": "distributor"}, override=True)


@pytest.mark.parametrize(
    ("category", "table"),
    [
        ("role", {"dealer-ish": ["x"]}),
        ("role", {"reseller": ["--"]}),
        ("role", {"reseller": [3]}),
        ("role", ["reseller"]),
        ("nope", {"reseller": ["x"]}),
    ],
)
def test_extend_rejects_bad_input(category: str, table: object) -> None:
    with pytest.raises(ValidationError):
        V.extend(category, table)  # type: ignore[arg-type]


def test_definitions_must_be_text_and_canonical() -> None:
    with pytest.raises(ValidationError):
        Vocabulary(definitions={"role": {"reseller": 3}})  # type: ignore[dict-item]
    with pytest.raises(ValidationError):
        Vocabulary(definitions={"role": {"ghost": "x"}})
    assert Vocabulary(definitions={"role": {"msp": "m"}}).definition("role", "msp") == "m"


def test_to_dict_round_trips_through_json() -> None:
    data = json.loads(json.dumps(V.to_dict()))
    rebuilt = Vocabulary(data)
    for category in V:
        assert rebuilt.terms(category) == V.terms(category)
    assert Vocabulary().to_dict() == {}


def test_repr_and_markdown() -> None:
    assert repr(V).startswith("<Vocabulary: 11 categories, ")
    text = V.to_markdown()
    assert "## role" in text
    assert "| `reseller` |" in text
    assert "VAR" in text


def test_term_key_examples() -> None:
    assert term_key("After-Sales_Service") == "aftersalesservice"
    assert term_key("  ") == ""


@given(st.sampled_from([(c, m) for c, e in CATEGORIES.items() for m in e]), st.data())
def test_case_space_and_punctuation_do_not_matter(
    pair: tuple[str, StrEnum], data: st.DataObject
) -> None:
    category, member = pair
    words = member.value.split("_")
    seps = data.draw(
        st.lists(
            st.sampled_from([" ", "-", "_", ".", "  "]), min_size=len(words), max_size=len(words)
        )
    )
    cased = [w.upper() if data.draw(st.booleans()) else w.title() for w in words]
    term = " " + "".join(w + s for w, s in zip(cased, seps, strict=True))
    assert V.normalise(category, term) is member


@given(st.text(max_size=12))
def test_lookup_and_normalise_agree(term: str) -> None:
    found = V.lookup("role", term)
    if found is None:
        with pytest.raises(UnknownTermError):
            V.normalise("role", term)
    else:
        assert V.normalise("role", term) is found


# ---------------------------------------------------------------------- JSON loader


def _doc(**orgs: object) -> dict[str, object]:
    return {"format": "channelvalue", "format_version": 1, "steward": "v", **orgs}


def test_json_loader_normalises_enumerated_fields() -> None:
    doc = _doc(
        organizations=[
            {"id": "v", "role": "Manufacturer"},
            {"id": "d", "role": "disti", "tier": "Premier", "engagement": "High touch"},
            {"id": "r", "role": "VAR", "capabilities": {"After-sales": 0.5}},
        ],
        segments=[{"id": "s", "band": "SME", "needs": {"Delivery time": {"level": 0.5}}}],
        links=[
            {"kind": "shares_data", "source": "r", "target": "d", "data": ["POS", "Stock"]},
            {"kind": "reports_to", "source": "r", "target": "d", "mode": "Dotted line"},
        ],
        plan={
            "levers": [{"id": "l", "acts_on": "CSAT", "roles": ["VAR", "disti"]}],
            "investments": [{"id": "i", "recipient": "r", "kind": "Co-op"}],
            "flow_tables": [
                {"segment": "s", "weights": {"Title": 1.0}, "shares": {"title": {"d": 1.0}}}
            ],
        },
    )
    net = cv.io.loads(json.dumps(doc))
    assert net.organizations["d"].role is Role.DISTRIBUTOR
    assert net.organizations["d"].tier is Tier.PLATINUM
    assert net.organizations["d"].engagement is EngagementModel.DEDICATED
    assert net.organizations["r"].capabilities == {ServiceOutput.AFTER_SALES_SERVICE: 0.5}
    assert net.segments["s"].band is Band.SMB
    assert list(net.segments["s"].needs) == [ServiceOutput.AVAILABILITY]
    feed = net.link("shares_data", "r", "d")
    assert feed.data == (DataKind.SELL_THROUGH, DataKind.INVENTORY)  # type: ignore[attr-defined]
    assert net.levers["l"].roles == (Role.DISTRIBUTOR, Role.RESELLER)
    assert net.investments["i"].kind is InvestmentKind.COOP
    assert list(net.flow_tables["s"].weights) == [Flow.OWNERSHIP]
    # and it writes canonical terms back out: the round trip is lossless
    assert cv.io.loads(cv.io.dumps(net)) == net


def test_json_loader_uses_a_custom_vocabulary() -> None:
    doc = _doc(organizations=[{"id": "v", "role": "vendor"}, {"id": "r", "role": "Händler"}])
    with pytest.raises(DocumentError, match=r"\$\.organizations\[1\]\.role: got 'Händler'"):
        cv.io.loads(json.dumps(doc))
    mine = V.extend("role", {"reseller": "Händler"})
    assert cv.io.loads(json.dumps(doc), vocabulary=mine).organizations["r"].role is Role.RESELLER


def test_json_loader_reports_every_unknown_term_with_its_path() -> None:
    doc = _doc(
        organizations=[{"id": "v", "role": "vendr", "capabilities": {"speed of light": 1}}],
        links=[{"kind": "shares_data", "source": "v", "target": "v", "data": ["gossip"]}],
        segments=[{"id": "s", "needs": {"support": [0.5, 1], "service": [0.4, 1]}}],
    )
    with pytest.raises(DocumentError) as info:
        cv.io.loads(json.dumps(doc))
    paths = [p.path for p in info.value.problems]
    assert "$.organizations[0].role" in paths
    assert "$.organizations[0].capabilities['speed of light']" in paths
    assert "$.links[0].data[0]" in paths
    assert "$.segments[0].needs['service']" in paths
    messages = " ".join(p.message for p in info.value.problems)
    assert "closest: 'vendor'" in messages
    assert "given twice" in messages


def test_json_loader_leaves_wrong_types_to_the_converters() -> None:
    doc = _doc(organizations=[{"id": "v", "role": 7}])
    with pytest.raises(DocumentError, match=r"\$\.organizations\[0\]\.role: got 7"):
        cv.io.loads(json.dumps(doc))


def test_example_json_loads_unchanged_through_the_vocabulary(tmp_path: object) -> None:
    net = cv.datasets.example()
    assert cv.io.loads(cv.io.dumps(net), vocabulary=Vocabulary()) == net
