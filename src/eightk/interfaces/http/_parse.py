"""``POST /api/parse``: a filing uploaded as the request body, its Filing model returned; nothing
is stored. The body is read up to a limit (past it: 413, the rest is never read); the parse runs
in a worker process under a time and memory budget (past it: the worker is killed, 422)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Annotated

import anyio
from fastapi import APIRouter, Query, Request, Response

from eightk.digits import ascii_digits
from eightk.interfaces.http._errors import ApiError
from eightk.interfaces.http._models import ErrorOut
from eightk.store.pool import Budgets, WorkerPool
from eightk.store.prepare import Prepared

router = APIRouter(prefix="/api", tags=["parse"])


@dataclass(frozen=True)
class ParseLimits:
    """``max_bytes`` of an upload; ``seconds`` and ``memory_mib`` for one parse."""

    max_bytes: int = 20 << 20
    seconds: float = 30.0
    memory_mib: int = 2048


def parse_work(name: str, data: bytes) -> Prepared:
    """What a parse worker does with one upload: ``eightk parse``'s model of it, or its error."""
    from eightk.core import parse
    from eightk.errors import EightKError, NotAn8KError

    p = Prepared(name=name, size=len(data))
    try:
        p.filing = parse(bytes(data), path=name)
    except NotAn8KError as e:
        p.error, p.not_8k = str(e), True
    except EightKError as e:
        p.error = str(e)
    except Exception as e:  # a parser bug: said, not raised
        p.error = f"internal error while parsing ({type(e).__name__}: {e}); please report it"
    return p


class Parser:
    """One parse worker process for the app, started on first use; one upload at a time. An
    upload waits for its turn without holding a server thread, at most ``QUEUE_SECONDS``."""

    #: How long an upload waits for the parser before the answer is 503 (busy).
    QUEUE_SECONDS = 30.0

    def __init__(self, limits: ParseLimits) -> None:
        self.limits = limits
        self._busy = threading.Lock()
        self._pool: WorkerPool | None = None

    async def parse(self, name: str, data: bytes) -> Prepared:
        """The upload parsed in the worker, when the worker is free (else a 503 after the wait)."""
        waited = 0.0
        while not self._busy.acquire(blocking=False):
            if waited >= self.QUEUE_SECONDS:
                raise ApiError(503, "the parser is busy with other uploads", "try again in a minute")
            await anyio.sleep(0.05)
            waited += 0.05
        try:  # in a thread of its own: the server's threads stay free for the other routes
            return await anyio.to_thread.run_sync(self._run, name, data, limiter=anyio.CapacityLimiter(1))
        finally:
            self._busy.release()

    def _run(self, name: str, data: bytes) -> Prepared:
        from eightk.errors import EightKError

        try:
            if self._pool is None:
                self._pool = WorkerPool(1, parse_work, Budgets(self.limits.seconds, self.limits.memory_mib))
            result = next(iter(self._pool.map([(name, data)])))
        except EightKError as e:  # the worker cannot start: nothing the caller can change
            self.close_pool()
            raise ApiError(503, f"the parser cannot start within this server's memory limit of "
                           f"{self.limits.memory_mib} MiB", "the server's operator must raise the limit") from e
        if result.filing is None and result.error:
            result.error = budget_message(result.error, self.limits)
        return result

    def close_pool(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def close(self) -> None:
        with self._busy:
            self.close_pool()


def budget_message(error: str, limits: ParseLimits) -> str:
    """A parse stopped over a budget said to an API caller: the server's limit, not the command
    line's flag the worker pool names (``--max-seconds``, ``--max-memory``); other errors as they are."""
    if error.startswith("took longer than"):
        return f"the parse took longer than the {limits.seconds:g} s limit of this server and was stopped"
    if "memory budget" in error:
        return f"the parse needed more than the {limits.memory_mib} MiB memory limit of this server and was stopped"
    return error


async def _body(request: Request, limit: int) -> bytes:
    """The request's body, or a 413 as soon as it passes ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if ascii_digits(declared) and int(declared) > limit:
        raise _too_large(limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(limit: int) -> ApiError:
    return ApiError(413, f"the upload is larger than the limit of {limit >> 20} MiB",
                    "parse larger files with `eightk parse`")


@router.post("/parse", responses={200: {"description": "the Filing model"}, 413: {"model": ErrorOut},
                                  422: {"model": ErrorOut}},
             openapi_extra={"requestBody": {"required": True, "description": "the filing's bytes, as they are",
                                            "content": {"application/octet-stream": {
                                                "schema": {"type": "string", "format": "binary"}}}}})
async def parse(
    request: Request,
    name: Annotated[str | None, Query(max_length=255, description="The file's name, recorded as source.path "
                                      "(nothing is read from it).")] = None,
) -> Response:
    """Parse an uploaded filing (the request body: any container ``eightk parse`` reads) and
    return its Filing model; nothing is stored."""
    parser: Parser = request.app.state.parser
    data = await _body(request, parser.limits.max_bytes)
    if not data:
        raise ApiError(422, "the request body is empty", "send the filing's bytes as the body "
                       "(curl --data-binary @filing.txt -H 'Content-Type: application/octet-stream')")
    result = await parser.parse(name or "upload", data)
    if result.filing is None:
        what = "not an 8-K" if result.not_8k else "cannot be parsed"
        raise ApiError(422, f"the upload {what}: {result.error}", None)
    return Response(result.filing.model_dump_json(), media_type="application/json")


__all__ = ["ParseLimits", "Parser", "budget_message", "parse_work", "router"]
