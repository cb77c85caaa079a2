"""Suite-wide test settings: the hypothesis profiles.

- ``ci`` (the default): few examples per property and no deadline, so the whole suite
  stays fast on a 2-core machine and never fails on a slow draw.
- ``fuzz``: many more examples, for long runs that hunt for rare inputs.
- ``dev``: a handful of examples, for a quick loop while editing.

Pick one with the environment variable ``HYPOTHESIS_PROFILE``, e.g.
``HYPOTHESIS_PROFILE=fuzz pytest tests/io/test_json.py``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large]

settings.register_profile(
    "ci", max_examples=25, deadline=None, suppress_health_check=_SLOW_OK, print_blob=True
)
settings.register_profile(
    "fuzz", max_examples=5_000, deadline=None, suppress_health_check=_SLOW_OK, print_blob=True
)
settings.register_profile("dev", max_examples=5, deadline=None, suppress_health_check=_SLOW_OK)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
