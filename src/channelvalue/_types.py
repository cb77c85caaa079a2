"""The numpy array type aliases, defined once for every layer.

Examples:
    >>> import numpy as np
    >>> from channelvalue._types import FloatArray
    >>> x: FloatArray = np.zeros(3)
    >>> x.dtype
    dtype('float64')
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["BoolArray", "FloatArray", "IntArray"]

FloatArray = np.ndarray[Any, np.dtype[np.float64]]
"""A float64 array."""
IntArray = np.ndarray[Any, np.dtype[np.int64]]
"""An int64 array."""
BoolArray = np.ndarray[Any, np.dtype[np.bool_]]
"""A boolean array."""
