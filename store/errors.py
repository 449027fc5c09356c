"""Typed errors raised by the store; the CLI turns them into one clear line."""


class StoreError(Exception):
    """Base class for every error the store raises on purpose."""


class SchemaTooNew(StoreError):
    """The database was written by a newer Vigil than this one."""


class NotFound(StoreError):
    """A row the caller named does not exist."""


class InvalidValue(StoreError):
    """A value does not fit the column it is meant for."""
