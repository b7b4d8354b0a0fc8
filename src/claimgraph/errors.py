"""One error tree. Every error names the offending input and says what to do about it.

The CLI prints `str(error)` as one line and exits non-zero; nothing shows a user a traceback.
"""

from __future__ import annotations

__all__ = [
    "ClaimgraphError",
    "ConfigError",
    "InputError",
    "ModelNotFoundError",
    "StoreError",
]


class ClaimgraphError(Exception):
    """Base of every error claimgraph raises on purpose."""

    def __init__(self, message: str, *, input: str | None = None, hint: str | None = None) -> None:
        self.message = message
        self.input = input
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.input}: " if self.input else ""
        hint = f" (hint: {self.hint})" if self.hint else ""
        return f"{where}{self.message}{hint}"


class InputError(ClaimgraphError):
    """An input file, line or value cannot be read as an article."""


class ModelNotFoundError(ClaimgraphError):
    """No spaCy English pipeline is installed."""


class StoreError(ClaimgraphError):
    """The store cannot be opened, migrated or written."""


class ConfigError(ClaimgraphError):
    """A setting has a value claimgraph cannot use."""
