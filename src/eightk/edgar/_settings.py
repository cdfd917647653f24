"""Settings of the EDGAR client: the two base URLs, the User-Agent, the rate, the cache folder.

Hand-written because the rules are the SEC's, not a library's: a User-Agent with a name and an
e-mail is mandatory (fair access), and the rate may only go *down* from 10 requests/s. Reading
the environment happens in :meth:`EdgarSettings.from_env`, never at import.

The config file (TOML, read with the standard library's ``tomllib``) is ``$EIGHTK_CONFIG``, else
``$XDG_CONFIG_HOME/eightk/config.toml`` (``~/.config/eightk/config.toml``); its ``[edgar]`` table
takes the keys of :data:`CONFIG_KEYS`, e.g.::

    [edgar]
    user_agent = "Jane Doe jane@example.com"
    rate = 5            # requests per second, at most 10
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from eightk.errors import EdgarError

DEFAULT_EDGAR_URL = "https://www.sec.gov"
DEFAULT_DATA_URL = "https://data.sec.gov"
MAX_RATE = 10.0

_EMAIL = re.compile(r"[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+")

_UA_HELP = (
    "EDGAR requires a User-Agent naming you and a contact e-mail (SEC fair-access rule; requests "
    "without one are blocked). Set it with EIGHTK_USER_AGENT=\"Jane Doe jane@example.com\" or pass "
    "user_agent=\"Jane Doe jane@example.com\"."
)


def check_user_agent(user_agent: str | None) -> str:
    """The User-Agent, stripped, if it holds a name and an e-mail; else :class:`EdgarError`."""
    ua = " ".join((user_agent or "").split())
    if not ua:
        raise EdgarError(f"no User-Agent set. {_UA_HELP}")
    email = _EMAIL.search(ua)
    if email is None:
        raise EdgarError(f"User-Agent {ua!r} has no contact e-mail. {_UA_HELP}")
    name = (ua[: email.start()] + ua[email.end() :]).strip(" <>()")
    if not re.search(r"[A-Za-z]", name):
        raise EdgarError(f"User-Agent {ua!r} has no name besides the e-mail. {_UA_HELP}")
    return ua


#: config file key -> EdgarSettings field
CONFIG_KEYS = {
    "user_agent": "user_agent", "edgar_url": "edgar_url", "data_url": "data_url", "cache_dir": "cache_dir",
    "rate": "max_rate", "timeout": "timeout", "max_attempts": "max_attempts", "backoff": "backoff",
    "max_backoff": "max_backoff", "index_ttl": "index_ttl",
}


def config_path(env: Mapping[str, str]) -> Path:
    if env.get("EIGHTK_CONFIG"):
        return Path(env["EIGHTK_CONFIG"]).expanduser()
    base = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "eightk" / "config.toml"


def load_config(env: Mapping[str, str] | None = None) -> dict[str, object]:
    """The ``[edgar]`` table of the config file as EdgarSettings fields ({} when there is no
    file); a file that is not TOML, or an unknown key, is an :class:`EdgarError` naming it."""
    env = os.environ if env is None else env
    path = config_path(env)
    if not path.is_file():
        if env.get("EIGHTK_CONFIG"):
            raise EdgarError(f"config file {path} (EIGHTK_CONFIG) does not exist")
        return {}
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise EdgarError(f"config file {path}: cannot be read as TOML ({e})") from e
    table = doc.get("edgar", {})
    if not isinstance(table, dict):
        raise EdgarError(f"config file {path}: [edgar] must be a table")
    unknown = sorted(set(table) - set(CONFIG_KEYS))
    if unknown:
        raise EdgarError(f"config file {path}: unknown key(s) in [edgar]: {', '.join(unknown)} "
                         f"(known: {', '.join(CONFIG_KEYS)})")
    return {CONFIG_KEYS[k]: v for k, v in table.items()}


def default_cache_dir(env: Mapping[str, str]) -> Path:
    if env.get("EIGHTK_CACHE_DIR"):
        return Path(env["EIGHTK_CACHE_DIR"]) / "edgar"
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eightk" / "edgar"


@dataclass(frozen=True)
class EdgarSettings:
    """Everything the client needs. Build it with :meth:`from_env` (environment + arguments) or
    directly; construction validates, it does no I/O."""

    user_agent: str
    cache_dir: Path
    edgar_url: str = DEFAULT_EDGAR_URL
    data_url: str = DEFAULT_DATA_URL
    max_rate: float = MAX_RATE           # requests per second, across threads and processes
    timeout: float = 30.0                # seconds, per connect/read
    max_attempts: int = 6                # tries per URL before giving up
    backoff: float = 0.5                 # first backoff, doubled per attempt (with jitter)
    max_backoff: float = 60.0            # cap on one wait, Retry-After included
    index_ttl: float = 3600.0            # seconds an index / JSON answer counts as fresh

    def __post_init__(self) -> None:
        object.__setattr__(self, "user_agent", check_user_agent(self.user_agent))
        object.__setattr__(self, "edgar_url", self.edgar_url.rstrip("/"))
        object.__setattr__(self, "data_url", self.data_url.rstrip("/"))
        object.__setattr__(self, "cache_dir", Path(self.cache_dir))
        if not 0 < self.max_rate <= MAX_RATE:
            raise EdgarError(
                f"max_rate {self.max_rate} is out of range: EDGAR allows at most {MAX_RATE:g} requests/s; "
                "it can only be lowered (a value above 0 and at most 10)"
            )
        if self.max_attempts < 1:
            raise EdgarError("max_attempts must be at least 1")

    @classmethod
    def from_env(
        cls,
        *,
        user_agent: str | None = None,
        edgar_url: str | None = None,
        data_url: str | None = None,
        cache_dir: str | Path | None = None,
        env: Mapping[str, str] | None = None,
        config: Mapping[str, object] | None = None,
        **kwargs: float | int,
    ) -> EdgarSettings:
        """Arguments win over ``EIGHTK_USER_AGENT``, ``EIGHTK_EDGAR_URL``,
        ``EIGHTK_EDGAR_DATA_URL``, ``EIGHTK_CACHE_DIR``; then ``config`` (:func:`load_config`);
        then the defaults."""
        env = os.environ if env is None else env
        conf = dict(config or {})
        conf_cache = conf.pop("cache_dir", None)
        cache = cache_dir if cache_dir is not None else (None if env.get("EIGHTK_CACHE_DIR") else conf_cache)
        numbers = {k: v for k, v in conf.items() if k not in ("user_agent", "edgar_url", "data_url")}
        for k, v in numbers.items():
            if not isinstance(v, int | float) or isinstance(v, bool):
                raise EdgarError(f"config: {k} must be a number (got {v!r})")
        return cls(
            user_agent=user_agent or env.get("EIGHTK_USER_AGENT") or str(conf.get("user_agent") or ""),
            edgar_url=edgar_url or env.get("EIGHTK_EDGAR_URL") or str(conf.get("edgar_url") or DEFAULT_EDGAR_URL),
            data_url=data_url or env.get("EIGHTK_EDGAR_DATA_URL") or str(conf.get("data_url") or DEFAULT_DATA_URL),
            cache_dir=Path(str(cache)).expanduser() if cache is not None else default_cache_dir(env),
            **{**numbers, **kwargs},  # type: ignore[arg-type]
        )
