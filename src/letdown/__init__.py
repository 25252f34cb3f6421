"""letdown: help for a milk let-down that is slow to come, or won't.

The package is a modular monolith with a pure core and thin edges: ``reflex``
(the milk ejection reflex model), ``evidence`` and ``advisor`` (what is in the
way and what to try), ``journal`` (the record), ``interop`` (files in and out),
and the interfaces ``cli`` and ``web``. Nothing heavy is imported here, so that
``letdown --help`` starts instantly.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
