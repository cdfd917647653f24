"""Errors eightk raises on purpose. Each message says what is wrong and, where it can,
what to do; the CLI prefixes it with the file's name."""


class EightKError(Exception):
    """Base class of eightk's own errors."""


class InputError(EightKError):
    """The input cannot be read as an 8-K (empty, binary, not a filing)."""


class ArchiveError(EightKError):
    """An archive member was refused (unsafe path, bomb, corrupt archive)."""
