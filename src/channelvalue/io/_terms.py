"""The data of the default vocabulary: synonyms and one-line definitions of canonical terms.

Kept apart from `channelvalue.io.vocabulary` so the logic stays short. Every canonical
term of every category is listed; synonyms are compared case-, space- and
punctuation-insensitively, so `"value-added reseller"` also covers
`"Value Added Reseller"` and `"value_added_reseller"`.
"""

from __future__ import annotations

__all__ = ["CADENCE_TERMS", "DEFAULT_TERMS", "EXPORT_COLUMNS", "REGION_TERMS"]

# category -> canonical value -> (definition, synonyms)
DEFAULT_TERMS: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {
    "role": {
        "vendor": (
            "makes or owns the product; usually the steward of the channel",
            ("manufacturer", "OEM", "brand owner", "principal", "producer"),
        ),
        "distributor": (
            "buys from the vendor in bulk, holds stock and credit, sells on to partners",
            (
                "disti",
                "distie",
                "dist",
                "wholesaler",
                "wholesale",
                "broadline distributor",
                "VAD",
                "value-added distributor",
                "master distributor",
                "two-tier distributor",
                "aggregator",
                "cloud aggregator",
            ),
        ),
        "reseller": (
            "buys and resells to end customers, adding advice, bundling and service",
            (
                "VAR",
                "value-added reseller",
                "solution provider",
                "dealer",
                "DMR",
                "direct market reseller",
                "LAR",
                "large account reseller",
                "corporate reseller",
            ),
        ),
        "msp": (
            "managed service provider: runs the customer's systems as a recurring service",
            (
                "managed service provider",
                "managed services provider",
                "MSSP",
                "managed security service provider",
                "managed services",
            ),
        ),
        "system_integrator": (
            "designs and builds solutions from several vendors' products, project by project",
            (
                "SI",
                "integrator",
                "systems integrator",
                "GSI",
                "global system integrator",
                "solution integrator",
            ),
        ),
        "retailer": (
            "sells from stores or web shops to consumers and small businesses",
            (
                "retail",
                "store",
                "shop",
                "e-tailer",
                "online retailer",
                "retail chain",
                "mass merchant",
                "big box",
            ),
        ),
        "agent": (
            "sells or refers on commission without taking ownership of the goods",
            (
                "sales agent",
                "referral partner",
                "referral agent",
                "broker",
                "manufacturer's representative",
                "manufacturers rep",
                "sales rep",
                "rep",
                "affiliate",
                "commission agent",
                "influencer",
            ),
        ),
        "marketplace": (
            "an online platform where others' offers are listed and bought",
            ("online marketplace", "cloud marketplace", "app store", "e-marketplace", "platform"),
        ),
        "logistics": (
            "moves and stores goods for others without buying them",
            (
                "3PL",
                "third-party logistics",
                "logistics provider",
                "fulfilment",
                "fulfillment",
                "carrier",
                "freight forwarder",
            ),
        ),
        "other": ("any other member of the channel", ("misc", "miscellaneous")),
    },
    "tier": {
        "platinum": (
            "the highest partner-program tier",
            ("platinum partner", "premier", "premier partner", "elite", "diamond"),
        ),
        "gold": ("the second tier", ("gold partner", "advanced", "advanced partner")),
        "silver": ("the third tier", ("silver partner", "select", "select partner")),
        "registered": (
            "the entry tier: a partner that has signed up",
            (
                "registered partner",
                "authorized",
                "authorised",
                "authorized partner",
                "member",
                "entry",
                "basic",
            ),
        ),
    },
    "engagement": {
        "dedicated": (
            "a named channel account manager looks after the partner",
            (
                "named",
                "named account",
                "high touch",
                "CAM",
                "channel account manager",
                "one to one",
                "1:1",
            ),
        ),
        "pooled": (
            "a shared team of partner managers looks after the partner",
            ("pool", "shared", "team", "territory", "mid touch", "partner team"),
        ),
        "self_service": (
            "portal, programs and automation only",
            (
                "self serve",
                "unmanaged",
                "portal",
                "digital",
                "low touch",
                "tech touch",
                "no touch",
                "automated",
            ),
        ),
    },
    "band": {
        "consumer": (
            "households and individuals",
            ("B2C", "home", "residential", "individual", "personal", "prosumer"),
        ),
        "smb": (
            "small and medium businesses",
            (
                "SME",
                "small business",
                "small and medium business",
                "small and medium-sized enterprises",
                "small",
                "SOHO",
                "small office",
            ),
        ),
        "midmarket": (
            "organizations between SMB and enterprise size",
            ("mid-market", "midsize", "mid-size", "medium", "commercial"),
        ),
        "enterprise": (
            "large organizations",
            ("large enterprise", "large", "corporate", "global accounts", "strategic accounts"),
        ),
    },
    "data_kind": {
        "sell_through": (
            "what the partner sold to end customers",
            ("POS", "point of sale", "POS data", "sales out", "sell-out", "sellout"),
        ),
        "inventory": (
            "what the partner holds in stock",
            ("stock", "stock levels", "on hand", "channel inventory"),
        ),
        "pipeline": (
            "the partner's open deals",
            ("deals", "opportunities", "deal registration", "deal reg", "funnel"),
        ),
        "forecast": (
            "what the partner expects to buy or sell",
            ("forecasts", "demand forecast", "projection", "outlook"),
        ),
    },
    "service_output": {
        "product_information": (
            "advice and education about the product before the sale",
            ("information", "product info", "pre-sales", "advice", "education", "consultation"),
        ),
        "customization": (
            "adapting the product to the customer",
            ("customisation", "configuration", "tailoring"),
        ),
        "quality_assurance": (
            "confidence that the product works as promised",
            ("QA", "quality", "assurance"),
        ),
        "lot_size": (
            "buying in the small quantities the customer needs",
            ("bulk breaking", "small lots", "lot", "order size", "minimum order"),
        ),
        "assortment": (
            "breadth and depth of choice in one place",
            ("variety", "assortment and variety", "range", "product range", "breadth"),
        ),
        "availability": (
            "short waiting and delivery time",
            ("delivery time", "waiting time", "lead time", "delivery", "in stock"),
        ),
        "spatial_convenience": (
            "being close to the customer",
            ("location", "market decentralization", "proximity", "local presence", "spatial"),
        ),
        "after_sales_service": (
            "installation, support, maintenance and repair after the sale",
            ("after sales", "support", "service", "post-sales", "customer service", "maintenance"),
        ),
        "logistics": (
            "shipping and warehousing on the customer's behalf",
            ("shipping", "freight", "transport", "warehousing"),
        ),
    },
    "flow": {
        "physical_possession": (
            "storing and moving the goods",
            ("physical", "possession", "physical distribution", "storage"),
        ),
        "ownership": ("holding title to the goods", ("title", "title transfer")),
        "promotion": (
            "marketing and selling to create demand",
            ("marketing", "advertising", "demand generation", "demand gen"),
        ),
        "negotiation": ("agreeing prices and terms", ("negotiating", "bargaining")),
        "financing": ("funding stock and receivables", ("finance", "credit", "funding")),
        "risking": (
            "bearing the risks of stock, credit and obsolescence",
            ("risk", "risk bearing"),
        ),
        "ordering": ("placing and processing orders", ("orders", "order", "order processing")),
        "payment": ("collecting and paying money", ("payments", "billing", "invoicing")),
    },
    "investment_kind": {
        "mdf": (
            "market development funds for the partner's own marketing",
            ("market development funds", "market development fund", "marketing development funds"),
        ),
        "coop": (
            "co-operative advertising paid in proportion to the partner's purchases",
            ("co-op", "cooperative advertising", "co-op marketing", "co-marketing"),
        ),
        "training": ("courses and certification for partner staff", ("enablement",)),
        "headcount": ("people paid for or placed at the partner", ("staffing", "FTE", "people")),
        "tooling": ("software, portals and systems", ("tools", "software", "systems")),
        "incentive": (
            "rebates, bonuses and SPIFFs",
            ("incentives", "rebate", "rebates", "SPIFF", "bonus"),
        ),
    },
    "lever_focus": {
        "satisfaction": (
            "acts on customer satisfaction (the demand side)",
            ("customer satisfaction", "CSAT", "effectiveness", "demand side"),
        ),
        "efficiency": (
            "acts on process efficiency (the supply side)",
            ("process efficiency", "cost", "productivity", "supply side"),
        ),
        "both": ("acts on satisfaction and efficiency", ("satisfaction and efficiency", "all")),
    },
    "reporting_mode": {
        "indirect": (
            "an independent partner answering to an upstream member",
            ("independent", "dotted line"),
        ),
        "direct": ("an owned unit reporting directly", ("owned", "solid line", "internal")),
    },
    "severity": {
        "info": ("worth knowing", ("information", "informational", "note")),
        "warning": ("should be fixed", ("warn",)),
        "error": ("must be fixed", ("err", "critical")),
    },
}


# The columns of a one-table export (`channelvalue.io.read_export`): target -> (meaning, headers).
# Headers are compared like terms (case, spaces, underscores and punctuation ignored), after a
# unit in brackets ("Revenue (USD)") or a trailing "%" is set aside.
EXPORT_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "id": (
        "the account's id in the CRM (unique per row)",
        (
            "account id", "acct id", "account number", "account no", "acct no", "acct number",
            "partner id", "company id", "customer id", "org id", "organization id",
            "organisation id", "record id", "crm id", "salesforce id", "sfdc id", "account code",
            "partner number", "partner code", "key", "uid",
        ),
    ),
    "name": (
        "the account's name, shown everywhere",
        (
            "account name", "acct name", "account", "acct", "company name", "company",
            "partner name", "partner", "organization", "organisation", "organization name",
            "organisation name", "org name", "customer name", "legal name", "business name",
            "account title", "reseller name", "name",
        ),
    ),
    "role": (
        "the partner type (a Role through the vocabulary)",
        (
            "partner type", "account type", "type", "role", "partner role", "channel role",
            "partner category", "business type", "company type", "partner classification",
            "channel type", "reseller type",
        ),
    ),
    "tier": (
        "the partner-program tier (a Tier through the vocabulary)",
        (
            "partner tier", "tier", "program tier", "partner level", "level", "program level",
            "partner status", "membership level", "partnership level", "status level",
        ),
    ),
    "engagement": (
        "how the partner is engaged (an EngagementModel through the vocabulary)",
        ("engagement", "engagement model", "coverage model", "coverage", "touch model"),
    ),
    "revenue": (
        "annual channel revenue (a number in any common format)",
        (
            "annual revenue", "revenue", "revenue usd", "yearly revenue", "total revenue",
            "sales", "annual sales", "bookings", "annual bookings", "revenue ltm",
            "ltm revenue", "ttm revenue", "revenue ttm", "fy revenue", "revenue fy",
            "channel revenue", "partner revenue", "sell through revenue", "arr",
        ),
    ),
    "velocity": (
        "revenue growth per year, as a share (19% or 0.19)",
        (
            "revenue growth yoy", "revenue growth", "growth", "yoy growth", "growth yoy",
            "yoy", "growth rate", "annual growth", "yoy revenue growth", "revenue yoy",
            "year over year growth", "yoy change", "revenue change yoy", "growth pct",
            "growth percent", "velocity",
        ),
    ),
    "volume": (
        "annual unit volume",
        ("units", "unit volume", "volume", "annual units", "units sold", "quantity"),
    ),
    "parent": (
        "the distributor (or other member) that supplies the account, by name or id",
        (
            "parent distributor", "distributor", "parent", "parent account", "parent name",
            "parent account name", "parent id", "parent account id", "supplier",
            "sourced from", "buys from", "distributor name", "disti", "primary distributor",
            "upstream", "supplied by",
        ),
    ),
    "manager": (
        "the vendor's person who looks after the account (a Manager, created from the names)",
        (
            "channel account manager", "cam", "account manager", "partner manager",
            "partner account manager", "pam", "manager", "owner", "account owner",
            "partner owner", "channel manager", "pdm", "partner development manager",
            "assigned cam", "cam name",
        ),
    ),
    "segments": (
        "end-customer segments served, several per cell (Segments and Serves links)",
        (
            "customer segments", "segments", "segment", "customer segment", "target segments",
            "target segment", "markets", "market segments", "served segments",
            "customer size", "customer types", "target market", "target markets",
        ),
    ),
    "regions": (
        "regions served, several per cell",
        ("region", "regions", "territory", "territories", "geo", "geography", "area", "theater"),
    ),
    "verticals": (
        "industry verticals served, several per cell",
        ("industry", "industries", "vertical", "verticals", "sector", "sectors"),
    ),
    "cadence": (
        "how often the partner reports sell-through (a SharesData feed to the steward)",
        (
            "sell through reporting", "sell-through reporting", "pos reporting",
            "reporting cadence", "reporting frequency", "data sharing", "sell out reporting",
            "sales reporting", "pos data", "reporting", "shares data", "data feed",
            "sell through data", "report frequency", "pos frequency",
        ),
    ),
    "mdf": (
        "market development funds approved (an Investment of kind mdf)",
        (
            "mdf approved", "mdf", "mdf amount", "mdf budget", "mdf funds", "approved mdf",
            "market development funds", "market development fund", "mdf allocated",
            "mdf allocation",
        ),
    ),
    "coop": (
        "co-op funds (an Investment of kind coop)",
        ("co-op", "coop", "co-op funds", "coop funds", "co-op amount", "co-op approved"),
    ),
    "steward_share": (
        "the share of the account's business that is the steward's lines (0..1)",
        ("share of wallet", "wallet share", "vendor share", "our share", "steward share"),
    ),
    "attribute.deal_registrations": (
        "deal registrations (kept in Organization.attributes)",
        (
            "deal registrations", "deal regs", "deal registration", "registered deals",
            "deal reg count", "deals registered", "number of deal registrations",
        ),
    ),
    "attribute.certifications": (
        "certifications (kept in Organization.attributes)",
        (
            "certifications", "certified staff", "certified engineers", "certs",
            "certification count", "number of certifications",
        ),
    ),
    "attribute.employees": (
        "head count (kept in Organization.attributes)",
        ("employees", "employee count", "headcount", "head count", "number of employees", "staff"),
    ),
    "attribute.opportunities": (
        "open opportunities (kept in Organization.attributes)",
        ("opportunities", "open opportunities", "pipeline deals", "opportunity count"),
    ),
    "attribute.pipeline": (
        "open pipeline value (kept in Organization.attributes)",
        ("pipeline", "pipeline value", "open pipeline", "pipeline amount"),
    ),
}  # fmt: skip

# Sell-through reporting cadence (`read_export`): interval in days, or 0 for "no feed" and -1
# for an irregular feed.
CADENCE_TERMS: dict[float, tuple[str, ...]] = {
    1.0: ("daily", "every day", "day", "real time", "realtime", "real-time", "edi daily"),
    7.0: ("weekly", "every week", "week", "wk", "wkly", "1w"),
    14.0: ("biweekly", "bi-weekly", "fortnightly", "every two weeks", "every 2 weeks", "2w"),
    30.0: ("monthly", "every month", "month", "mthly", "mo", "1m", "yes", "y", "true", "active"),
    91.0: ("quarterly", "every quarter", "quarter", "qtr", "q", "3m"),
    182.0: ("semiannual", "semi-annual", "half yearly", "biannual", "twice a year", "6m"),
    365.0: ("annual", "annually", "yearly", "every year", "year", "12m"),
    0.0: (
        "none", "no", "n", "false", "never", "not reporting", "no reporting", "inactive",
        "n/a", "na", "-", "not applicable",
    ),
    -1.0: ("ad hoc", "adhoc", "ad-hoc", "irregular", "as needed", "on request", "sporadic",
           "occasional", "occasionally", "sometimes", "varies", "when requested"),
}  # fmt: skip

# Regions: canonical spelling -> synonyms (other regions are kept as written).
REGION_TERMS: dict[str, tuple[str, ...]] = {
    "NA": ("north america", "namer", "n america", "us and canada", "us & canada", "noram"),
    "LATAM": ("latin america", "south america", "lat am", "latin am", "sa", "cala"),
    "EMEA": ("europe middle east and africa", "europe, middle east & africa", "emear"),
    "APAC": ("asia pacific", "asia-pacific", "asia", "apj", "asia pacific japan", "ap"),
    "Europe": ("eu", "europe", "european union"),
    "DACH": ("germany austria switzerland",),
    "UK&I": ("uk and ireland", "uki", "uk&i", "uk & ireland"),
    "ANZ": ("australia and new zealand", "australia new zealand", "oceania"),
    "MEA": ("middle east and africa", "middle east & africa"),
}  # fmt: skip
