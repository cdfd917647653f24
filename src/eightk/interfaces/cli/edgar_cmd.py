"""``eightk fetch``, ``sync`` and ``watch``: EDGAR as a source, straight into the store.

Only typer and the standard library are imported here; the client, the store and the parser
load when a command runs (``eightk --help`` stays fast). The run itself (sinks, counts, the
progress bar, the summary) is :mod:`eightk.interfaces.cli.edgar_run`.
"""

from __future__ import annotations

import datetime as dt
import json
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from eightk.interfaces.cli.app import app, err, fail, warn_file

UserAgentOpt = Annotated[str | None, typer.Option(
    "--user-agent", help='Who you are, for the SEC: "Name email@example.com" (else $EIGHTK_USER_AGENT or the config file).')]
EdgarUrlOpt = Annotated[str | None, typer.Option(
    "--edgar-url", help="EDGAR's base URL (default https://www.sec.gov, or $EIGHTK_EDGAR_URL).")]
OfflineOpt = Annotated[bool, typer.Option("--offline", help="Answer from the on-disk cache only; no request.")]
RateOpt = Annotated[float | None, typer.Option(
    "--rate", help="Requests per second across all eightk processes on this machine (at most 10, the SEC's limit).")]
ConfigOpt = Annotated[Path | None, typer.Option(
    "--config", help="Config file (TOML, an [edgar] table; default $EIGHTK_CONFIG or ~/.config/eightk/config.toml).")]
DbOpt = Annotated[str | None, typer.Option(
    "--db", help="Database URL: sqlite:///path.db (default ./eightk.db, or $EIGHTK_DB) or postgresql://…")]
FormsOpt = Annotated[str, typer.Option("--forms", help="Form types, comma-separated.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the summary as JSON on stdout.")]

UA_HOWTO = ('Set one with --user-agent "Jane Doe jane@example.com", the environment variable '
            'EIGHTK_USER_AGENT, or user_agent = "Jane Doe jane@example.com" under [edgar] in {config}.')


def _day(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2024-01-08", param_hint=option) from None


def _forms(value: str) -> frozenset[str]:
    forms = frozenset(f.strip().upper() for f in value.split(",") if f.strip())
    if not forms:
        raise typer.BadParameter("give at least one form type, e.g. 8-K,8-K/A", param_hint="--forms")
    return forms


def _client(user_agent: str | None, edgar_url: str | None, rate: float | None, config: Path | None,
            offline: bool) -> Any:
    """The EDGAR client from options, environment and config file; a missing User-Agent or a
    bad setting is a clear refusal (exit 2), never a traceback."""
    import os

    from eightk.edgar import EdgarClient, EdgarSettings, config_path, load_config
    from eightk.errors import EdgarError

    env = dict(os.environ)
    if config is not None:
        env["EIGHTK_CONFIG"] = str(config)
    try:
        conf = load_config(env)
        extra: dict[str, float] = {"max_rate": rate} if rate is not None else {}
        settings = EdgarSettings.from_env(user_agent=user_agent, edgar_url=edgar_url, env=env, config=conf,
                                          **extra)  # type: ignore[arg-type]
    except EdgarError as e:
        msg = str(e)
        if "User-Agent" in msg:
            msg = msg.split(" Set it with")[0] + " " + UA_HOWTO.format(config=config_path(env))
        fail(msg, code=2)
    return EdgarClient(settings, offline=offline)


@contextmanager
def _sink(db: str | None, out: Path | None, counts: Any, items: set[str] | None) -> Iterator[Any]:
    from eightk.interfaces.cli.edgar_run import FolderSink, StoreSink

    if out is not None:
        yield FolderSink(out, counts, items=items)
        return
    from eightk.interfaces.cli.store_cmd import _store

    with _store(db) as store:
        yield StoreSink(store, counts, items=items)


def _finish(verb: str, client: Any, counts: Any, bar: Any, as_json: bool, *, interrupted: bool = False,
            interrupt_code: int = 130) -> None:
    """The summary, the failures, and the exit status: 1 when anything failed."""
    from eightk.interfaces.cli.edgar_run import as_dict, summary_line

    bar.stop()
    client.close()
    if as_json:
        sys.stdout.write(json.dumps({**as_dict(counts, client, bar.seconds), "interrupted": interrupted}) + "\n")
    err.print(("interrupted: " if interrupted else "") + summary_line(verb, counts, client, bar.seconds),
              highlight=False, soft_wrap=True)
    if counts.failed:
        err.print(f"eightk: {len(counts.failed)} filing(s) failed (kept in the ingest log: `eightk stats`):",
                  highlight=False)
        for name, reason in counts.failed:
            warn_file(name, reason)
    if interrupted:
        raise typer.Exit(interrupt_code)
    if counts.failed:
        raise typer.Exit(1)


def _terminate(_signum: int, _frame: Any) -> None:
    raise KeyboardInterrupt  # SIGTERM stops like Ctrl-C: the batch in flight rolled back, the rest kept


@contextmanager
def _run(verb: str, user_agent, edgar_url, rate, config, offline, db, out, items, as_json, *,
         interrupt_code: int = 130) -> Iterator[tuple[Any, Any, Any]]:
    """Client, sink and progress bar for one command; the summary and exit status at the end
    (Ctrl-C included: what was committed stays, a rerun goes on from there)."""
    from eightk.edgar import wanted_items
    from eightk.interfaces.cli.edgar_run import Bar, Counts

    client = _client(user_agent, edgar_url, rate, config, offline)
    counts = Counts()
    wanted = wanted_items(items.split(",")) if items else None
    bar = Bar(client, counts, verb, enabled=sys.stderr.isatty())
    interrupted = False
    old_term = signal.signal(signal.SIGTERM, _terminate)
    try:
        with _sink(db, out, counts, wanted) as sink:
            try:
                yield client, sink, bar
                sink.flush()
            except KeyboardInterrupt:
                interrupted = True  # the batch in flight is rolled back; what was committed stays
    except KeyboardInterrupt:
        interrupted = True
    except BaseException:
        bar.stop()
        client.close()
        raise
    finally:
        signal.signal(signal.SIGTERM, old_term)
    _finish(verb, client, counts, bar, as_json, interrupted=interrupted, interrupt_code=interrupt_code)


@app.command("fetch")
def fetch_command(
    ticker: Annotated[str | None, typer.Option("--ticker", help="A company by ticker (EDGAR's company_tickers.json).")] = None,
    cik: Annotated[int | None, typer.Option("--cik", help="A company by CIK.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="Every 8-K filed on this day (YYYY-MM-DD), up to --until.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="With --ticker/--cik: filed on or after this day.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Filed on or before this day.")] = None,
    forms: FormsOpt = "8-K,8-K/A",
    items: Annotated[str | None, typer.Option(
        "--items", help="Only filings with one of these items, e.g. 2.02,5.02 (legacy equivalents match too).")] = None,
    via: Annotated[str, typer.Option("--via", help="With --date: index (daily index + one request per filing) "
                                                   "or feed (the day's whole feed archive, streamed).")] = "index",
    db: DbOpt = None,
    out: Annotated[Path | None, typer.Option("--out", help="Write the filings as files to this folder instead of a database.")] = None,
    as_json: JsonOpt = False,
    user_agent: UserAgentOpt = None, edgar_url: EdgarUrlOpt = None, offline: OfflineOpt = False,
    rate: RateOpt = None, config: ConfigOpt = None,
) -> None:
    """Download 8-Ks from EDGAR into the store: a company's (--ticker/--cik) or a day's (--date).

    Filings already stored are not fetched again; failures are listed, kept in the ingest log,
    and make the exit status 1.
    """
    if sum(x is not None for x in (ticker, cik, date)) != 1:
        fail("give one of --ticker, --cik or --date", code=2)
    if db is not None and out is not None:
        fail("give --db or --out, not both", code=2)
    if date is not None and since is not None:
        fail("--since goes with --ticker or --cik; with --date, give the last day with --until", code=2)
    if via not in ("index", "feed") or (via == "feed" and date is None):
        fail("--via is index or feed, and feed goes with --date", code=2)
    start, end = _day(since, "--since"), _day(until, "--until")
    day = _day(date, "--date")
    form_set = _forms(forms)
    with _run("fetch", user_agent, edgar_url, rate, config, offline, db, out, items, as_json) as (client, sink, bar):
        if day is not None:
            _fetch_days(client, sink, bar, day, end or day, form_set, via)
        else:
            _fetch_company(client, sink, bar, ticker, cik, start, end, form_set)


def _fetch_company(client, sink, bar, ticker, cik, since, until, forms) -> None:
    from eightk.edgar import company_refs
    from eightk.errors import EdgarError
    from eightk.interfaces.cli.edgar_run import fetch_refs

    try:
        number = cik if cik is not None else client.cik_for(ticker)
        refs = company_refs(client, number, since=since, until=until, forms=forms, items=sink.items)
    except EdgarError as e:
        fail(str(e))
    bar.add(len(refs))
    fetch_refs(client, sink, refs, bar)


def _fetch_days(client, sink, bar, since: dt.date, until: dt.date, forms, via: str) -> None:
    """Every filing of ``forms`` filed in [since, until]: by the quarter's full index for a
    whole past quarter, else day by day (daily index, or the feed archive with ``via='feed'``)."""
    from eightk.edgar import days, spans

    if until < since:
        fail(f"--until {until} is before {since}", code=2)
    for span in spans(since, until) if via == "index" else days(since, until):
        if via == "feed":
            assert isinstance(span, dt.date)
            _fetch_feed(client, sink, bar, span, forms)
        else:
            _fetch_index(client, sink, bar, span, forms)
        sink.flush()  # a span at a time, oldest first: sync resumes from the newest stored day


def _fetch_index(client, sink, bar, span: tuple[int, int] | dt.date, forms) -> None:
    from eightk.edgar import day_refs, quarter_refs
    from eightk.errors import EdgarError
    from eightk.interfaces.cli.edgar_run import fetch_refs

    try:
        refs = day_refs(client, span, forms=forms) if isinstance(span, dt.date) else quarter_refs(client, *span, forms=forms)
    except EdgarError as e:
        sink.fail(str(e.url or span), f"index: {e}")
        return
    if refs:
        bar.add(len(refs))
        fetch_refs(client, sink, refs, bar)


def _fetch_feed(client, sink, bar, day: dt.date, forms) -> None:
    import tempfile

    from eightk.edgar import NotFound, feed_url, iter_feed
    from eightk.errors import EdgarError

    url = feed_url(client.settings.edgar_url, day)

    def skip(accession: str) -> bool:
        if sink.known(accession):
            bar.add(1)
            sink.counts.already += 1
            bar.tick()
            return True
        return False

    client.settings.cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="eightk-feed-", dir=client.settings.cache_dir) as tmp:
        try:
            client.download(url, Path(tmp) / "feed.nc.tar.gz")  # streamed to disk, checked
            for name, data in iter_feed(Path(tmp) / "feed.nc.tar.gz", set(forms), skip=skip, name=url):
                bar.add(1)
                sink.put(name, data)
                bar.tick()
        except NotFound:
            return  # no feed that day (a holiday)
        except EdgarError as e:
            sink.fail(url, f"feed archive: {e}")
    sink.flush()


@app.command("sync")
def sync_command(
    db: DbOpt = None,
    since: Annotated[str | None, typer.Option(
        "--since", help="First day when the store holds no filing yet (else: the newest filing's day).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Last day (default today).")] = None,
    forms: FormsOpt = "8-K,8-K/A",
    as_json: JsonOpt = False,
    user_agent: UserAgentOpt = None, edgar_url: EdgarUrlOpt = None, offline: OfflineOpt = False,
    rate: RateOpt = None, config: ConfigOpt = None,
) -> None:
    """Bring the store up to date: every 8-K filed since its newest filing, by EDGAR's daily
    indexes. Idempotent (a second run stores nothing new) and resumable after an interruption."""
    end = _day(until, "--until") or dt.date.today()
    first = _day(since, "--since")
    form_set = _forms(forms)
    with _run("sync", user_agent, edgar_url, rate, config, offline, db, None, None, as_json) as (client, sink, bar):
        row = sink.store.one("SELECT max(filed) FROM filings")
        newest = dt.date.fromisoformat(str(row[0])[:10]) if row and row[0] else None
        start = newest or first
        if start is None:
            fail("the store holds no filing yet: give --since YYYY-MM-DD for the first sync", code=2)
        err.print(f"sync: {start} to {end}" + (f" (the newest stored filing is of {newest})" if newest else ""),
                  highlight=False)
        _retry_gave_up(client, sink, bar)
        if start <= end:
            _fetch_days(client, sink, bar, start, end, form_set, "index")


def _retry_gave_up(client, sink, bar) -> None:
    """Filings of earlier runs whose download gave up after the retries (EDGAR overloaded, the
    network down) and that are still not stored: fetched again first, so a sync that starts at
    the newest stored day loses none of them. Other failures (404, not an 8-K) are not retried."""
    import re

    from eightk.edgar import FilingRef
    from eightk.interfaces.cli.edgar_run import fetch_refs

    prefix = f"{client.settings.edgar_url}/Archives/edgar/data/"
    pattern = re.compile(r"/data/(\d+)/\d{18}/(\d{10}-\d{2}-\d{6})\.txt$")
    rows = sink.store.rows("SELECT DISTINCT path FROM ingest_log WHERE status = 'error' AND error LIKE ?",
                           ("download failed: gave up on%",))
    refs = {}
    for (path,) in rows:
        m = pattern.search(path or "")
        if m and path.startswith(prefix):
            refs[m.group(2)] = FilingRef(int(m.group(1)), m.group(2), "8-K", None)
    todo = [r for r in refs.values() if not sink.known(r.accession)]
    if todo:
        err.print(f"sync: retrying {len(todo)} filing(s) an earlier run gave up on", highlight=False)
        bar.add(len(todo))
        fetch_refs(client, sink, todo, bar)


@app.command("watch")
def watch_command(
    interval: Annotated[float, typer.Option("--interval", min=0.0, help="Seconds between polls of the feed.")] = 60.0,
    max_polls: Annotated[int, typer.Option("--max-polls", min=0, help="Stop after this many polls (0: run until interrupted).")] = 0,
    forms: FormsOpt = "8-K,8-K/A",
    db: DbOpt = None,
    user_agent: UserAgentOpt = None, edgar_url: EdgarUrlOpt = None,
    rate: RateOpt = None, config: ConfigOpt = None,
) -> None:
    """Poll EDGAR's latest-filings feed and store each new 8-K as it appears, one line per
    filing on stdout, until interrupted (Ctrl-C ends it cleanly)."""
    form_set = _forms(forms)
    with _run("watch", user_agent, edgar_url, rate, config, False, db, None, None, False,
              interrupt_code=0) as (client, sink, bar):
        polls = 0
        while True:
            _poll(client, sink, form_set)
            polls += 1
            if max_polls and polls >= max_polls:
                break
            _sleep(interval)


def _poll(client, sink, forms) -> None:
    import time

    from eightk.edgar import FilingRef, current_feed_url, parse_current_feed
    from eightk.errors import EdgarError

    url = current_feed_url(client.settings.edgar_url)
    try:
        entries = parse_current_feed(client.get(url, max_age=0))
    except EdgarError as x:
        warn_file(url, f"{x} (trying again at the next poll)", style="yellow")
        return
    for e in reversed(entries):  # oldest first
        if e.form.upper() not in forms or sink.known(e.accession):
            continue
        ref = FilingRef(e.cik, e.accession, e.form, e.filed, company=e.company)
        sink.counts.listed += 1
        c = sink.counts
        before = (c.stored, c.duplicates, c.filtered, len(c.failed))
        try:
            data = client.get(ref.url(client.settings.edgar_url))
        except EdgarError as x:
            sink.fail(ref.url(client.settings.edgar_url), f"download failed: {x}")
        else:
            sink.put(ref.url(client.settings.edgar_url), data, accession=e.accession)
        sink.flush()
        what = next((w for w, b, a in zip(("stored", "already stored", "without the --items asked for", "failed"),
                                          before, (c.stored, c.duplicates, c.filtered, len(c.failed)), strict=True)
                     if a > b), "not an 8-K")
        if what == "failed":
            what += ": " + c.failed[-1][1]
        sys.stdout.write(f"{time.strftime('%H:%M:%S')} {e.filed or ''} {e.form} {e.accession} {e.company}: {what}\n")
        sys.stdout.flush()


def _sleep(seconds: float) -> None:
    import time

    time.sleep(seconds)
