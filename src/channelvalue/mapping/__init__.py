"""Discipline 1 — mapping: draw the channel as it is and find its gaps.

Example:
    >>> import channelvalue as cv
    >>> from channelvalue import mapping
    >>> mapping.routes(cv.datasets.example(), "public").count
    1
"""

from __future__ import annotations

from .routes import Route, RouteSet, routes

__all__ = ["Route", "RouteSet", "routes"]
