"""hect-automation: HECT's support articles as runbooks a person and CI can run.

The public face is small: the command ``hect-runbook``, the settings, the runbook loader and
the error tree. Everything else (engine internals, the sandbox's pages) sits behind it.
"""

from hect_automation.errors import HectError

__version__ = "0.2.0"

__all__ = ["HectError", "__version__"]
