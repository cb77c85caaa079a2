"""`structure.steward`: is there a steward to align the channel to?

Every other check measures the channel against its steward (the organization that leads
it, usually the vendor). Without one they cannot be assessed, and a network without a
steward is not a healthy one that scores 100: this check makes it an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...model import Finding, Role, Severity
from ..registry import register

if TYPE_CHECKING:
    from ...core.network import ChannelNetwork
    from ..config import AuditConfig

__all__ = ["steward_check"]

CHECK = "structure.steward"


@register(CHECK, title="A steward (and a vendor) the channel is aligned to")
def steward_check(net: ChannelNetwork, config: AuditConfig) -> Iterator[Finding]:
    """An error when the network has no steward, or names one that is not in it; an info
    when no organization of the network is a vendor (the steward then leads the channel
    without the vendor in the model).

    The error's share is 1: the check scores 0, and the checks that need a steward are not
    assessed (their reason says so).

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.aligning import AuditConfig
        >>> net = cv.ChannelNetwork()
        >>> net.add(cv.Organization("r", role="reseller"))
        >>> [(f.severity.value, f.share) for f in steward_check(net, AuditConfig())]
        [('error', 1.0), ('info', 0.0)]
    """
    sid = net.steward_id
    if sid is None:
        yield Finding(
            CHECK,
            Severity.ERROR,
            message=(
                "no steward is set, so the channel cannot be measured against the vendor's "
                "goals: set ChannelNetwork(steward=...) to the vendor (or the organization "
                "that leads the channel)"
            ),
            share=1.0,
        )
    elif sid not in net.organizations:
        yield Finding(
            CHECK,
            Severity.ERROR,
            subjects=(sid,),
            message=(
                f"the steward {sid!r} is not in the network: add the organization or name "
                "another steward"
            ),
            share=1.0,
        )
    if not any(o.role is Role.VENDOR for o in net.organizations.values()):
        yield Finding(
            CHECK,
            Severity.INFO,
            message=(
                "no organization is a vendor: add the vendor whose products flow through the "
                "channel (role 'vendor') if it belongs in the model"
            ),
            share=0.0,
        )
