"""Customer-account lists: which accounts each partner (or the steward's direct sales) holds.

An [`AccountList`][channelvalue.AccountList] holds *normalised keys*, not raw names: build it
from ids, company names or web domains with
[`account_list`][channelvalue.mapping.overlap.account_list], which normalises them (and hashes
them with a shared secret when asked). The network holds at most one list per owner.

Examples:
    >>> from channelvalue.model import AccountList
    >>> AccountList("r1", ["globex", "acme", "acme"]).accounts
    ('acme', 'globex')
"""

from __future__ import annotations

import re

import attrs

from ..errors import ValidationError
from ._fields import name_fields, to_bool, to_id, to_ids

__all__ = ["HASH_KEY", "AccountList"]

HASH_KEY = re.compile(r"[0-9a-f]{64}")
"""What a hashed key looks like: the 64 lowercase hex digits of an HMAC-SHA256."""


@attrs.frozen(slots=True, field_transformer=name_fields)
class AccountList:
    """The customer accounts one owner holds: a partner, or the steward (its direct sales).

    Attributes:
        owner: the organization id of the partner, or the steward's id for direct sales.
        accounts: the normalised account keys (stored sorted and without repeats; may be
            empty: the owner is known to hold none).
        hashed: whether the keys are keyed hashes (HMAC-SHA256 hex digests, see
            [`hash_accounts`][channelvalue.mapping.overlap.hash_accounts]) rather than
            readable keys; every key must then be 64 lowercase hex digits.

    Examples:
        >>> AccountList("r1", ["acme"], hashed=True)
        Traceback (most recent call last):
        ...
        channelvalue.errors.ValidationError: AccountList.accounts: got 'acme' but expected ...
    """

    owner: str = attrs.field(converter=to_id)
    accounts: tuple[str, ...] = attrs.field(default=(), converter=to_ids)
    hashed: bool = attrs.field(default=False, converter=to_bool, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.hashed:
            bad = next((a for a in self.accounts if not HASH_KEY.fullmatch(a)), None)
            if bad is not None:
                raise ValidationError(
                    "AccountList",
                    "accounts",
                    bad,
                    "64 lowercase hex digits (an HMAC-SHA256) in a list with hashed=True",
                )
