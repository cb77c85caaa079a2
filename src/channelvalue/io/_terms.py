"""The data of the default vocabulary: synonyms and one-line definitions of canonical terms.

Kept apart from `channelvalue.io.vocabulary` so the logic stays short. Every canonical
term of every category is listed; synonyms are compared case-, space- and
punctuation-insensitively, so `"value-added reseller"` also covers
`"Value Added Reseller"` and `"value_added_reseller"`.
"""

from __future__ import annotations

__all__ = ["DEFAULT_TERMS"]

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
