"""Errors eightk raises on purpose. Each message says what is wrong and, where it can,
what to do; the CLI prefixes it with the file's name."""


class EightKError(Exception):
    """Base class of eightk's own errors."""


class InputError(EightKError):
    """The input cannot be read as an 8-K (empty, binary, not a filing)."""


class ArchiveError(EightKError):
    """An archive member was refused (unsafe path, bomb, corrupt archive)."""


class NotAn8KError(InputError):
    """The input is readable but is not an 8-K (a 10-K, a lone exhibit, an XBRL instance, an
    EDGAR index page, a text about something else). ``form`` is the form type found, if any."""

    def __init__(self, message: str, *, form: str | None = None) -> None:
        super().__init__(message)
        self.form = form


class EdgarError(EightKError):
    """Talking to EDGAR failed or was refused: no User-Agent, a URL that answered an error after
    the bounded retries, or a body that is not what the URL promises. ``url`` names it, if any."""

    def __init__(self, message: str, *, url: str | None = None) -> None:
        super().__init__(message)
        self.url = url
