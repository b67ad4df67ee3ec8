#!/usr/bin/env python3
"""MCP test and benchmark driver for Gatehouse, on the official Python `mcp` SDK (2.x).

Run it with the client venv of scripts/mcp-servers.sh:

    eval "$(scripts/mcp-servers.sh install)"
    "$GATEHOUSE_TEST_MCP_CLIENT" "$GATEHOUSE_TEST_MCP_CLIENT_SCRIPT" --stdio list-tools \
        -- "$GATEHOUSE_TEST_MCP_TIME_VENV/bin/mcp-server-time"
    "$GATEHOUSE_TEST_MCP_CLIENT" "$GATEHOUSE_TEST_MCP_CLIENT_SCRIPT" --http http://127.0.0.1:PORT/mcp \
        --token-env TOKEN call get_current_time '{"timezone":"UTC"}'

Command line (transport options first, then the action and its arguments; in stdio mode the server
command comes last, after `--`):

    mcp_client.py (--http URL | --sse URL) [--token-env NAME | --token T] [--header 'K: V']... [common] ACTION [ARGS]

    --token-env NAME reads the bearer token from the environment variable NAME, so it is not on
    the command line (where any user of the machine can read it); --token T is kept for quick use.
    mcp_client.py --stdio [--env K=V]... [--cwd DIR] [common] ACTION [ARGS] -- CMD [ARG...]

    common: [--mode legacy|auto|2026-07-28] [--timeout SECONDS] [--server-stderr PATH] [-v]

    ACTION:
      list-tools | list-prompts | list-resources | ping
      call TOOL [ARGS_JSON]                   ARGS_JSON: a JSON object (default {})
      get-prompt NAME [ARGS_JSON]             ARGS_JSON: a JSON object of strings (default {})
      read-resource URI
      parallel --clients N --calls M TOOL [ARGS_JSON]
      bench --concurrency C --calls M [--warmup W] TOOL [ARGS_JSON]

Output: exactly one JSON object on stdout; diagnostics on stderr. SDK objects are dumped with
model_dump(mode="json", by_alias=True, exclude_none=True), so field names are the wire names
(inputSchema, isError, structuredContent, ...).

Exit codes: 0 success; 3 the server (or the gateway in front of it) answered with an MCP/JSON-RPC
error, or an HTTP error status; 1 transport failure (cannot connect or spawn, the connection
closed, a request timed out); 2 usage error. A tool result with isError=true is a successful
response (exit 0; check result.isError). parallel/bench exit 0 only when no call failed, else 1 when
some failure was a transport failure and 3 when all were MCP errors or isError results.

See scripts/MCP-SERVERS.md for the output shapes and measured numbers.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import sys
import time
from contextlib import AsyncExitStack
from typing import Any, NoReturn

EXIT_OK = 0
EXIT_TRANSPORT = 1
EXIT_USAGE = 2
EXIT_MCP = 3

DEFAULT_STDIO_PATH = "/usr/bin:/bin"
CLIENT_NAME = "gatehouse-mcp-client"
CLIENT_VERSION = "1"

log = logging.getLogger("mcp_client")


# --- output ----------------------------------------------------------------------------------


def emit(obj: dict[str, Any], code: int = EXIT_OK) -> NoReturn:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n")
    sys.stdout.flush()
    sys.exit(code)


def dump(model: Any) -> Any:
    """An SDK (pydantic) object as JSON-ready data, with the wire (camelCase) names."""
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


# --- command line ----------------------------------------------------------------------------


class Parser(argparse.ArgumentParser):
    """argparse with usage errors as a JSON object on stdout (and the usage text on stderr), exit 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        emit({"error": {"kind": "usage", "message": message}}, EXIT_USAGE)


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1: {text!r}")
    return value


def non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0: {text!r}")
    return value


def positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0 or math.isinf(value):
        raise argparse.ArgumentTypeError(f"must be a positive number: {text!r}")
    return value


def build_parser() -> Parser:
    p = Parser(
        prog="mcp_client.py",
        description="MCP test/benchmark driver (official Python mcp SDK). One JSON object on stdout.",
        epilog="In stdio mode the server command follows `--` at the very end: "
        "mcp_client.py --stdio list-tools -- /path/to/venv/bin/mcp-server-time",
    )
    t = p.add_argument_group("transport (exactly one)")
    mx = t.add_mutually_exclusive_group(required=True)
    mx.add_argument("--http", metavar="URL", help="Streamable HTTP endpoint, e.g. http://127.0.0.1:8080/mcp")
    mx.add_argument("--sse", metavar="URL", help="legacy HTTP+SSE endpoint (the GET /sse URL)")
    mx.add_argument(
        "--stdio", action="store_true", help="spawn the server command given after `--` and talk over its stdin/stdout"
    )
    h = p.add_argument_group("HTTP options")
    h.add_argument("--token", metavar="T", help="send Authorization: Bearer T (visible to ps; prefer --token-env)")
    h.add_argument("--token-env", metavar="NAME", help="send Authorization: Bearer $NAME (the token from the environment)")
    h.add_argument(
        "--header", metavar="K:V", action="append", default=[], help="extra request header (repeatable), 'Name: value'"
    )
    s = p.add_argument_group("stdio options")
    s.add_argument(
        "--env",
        metavar="K=V",
        action="append",
        default=[],
        help=f"environment variable for the server (repeatable). The server gets only PATH={DEFAULT_STDIO_PATH} "
        "plus these (a --env PATH=... replaces the PATH)",
    )
    s.add_argument("--cwd", metavar="DIR", help="working directory of the server (default: this one)")
    s.add_argument(
        "--server-stderr", metavar="PATH", help="append the server's stderr to PATH (default: this stderr)"
    )
    c = p.add_argument_group("common options")
    c.add_argument(
        "--mode",
        default="legacy",
        help="protocol negotiation: 'legacy' (initialize handshake, protocol 2025-11-25; default), "
        "'auto' (probe server/discover, fall back to initialize) or a modern version such as 2026-07-28",
    )
    c.add_argument(
        "--timeout",
        type=positive_float,
        default=30.0,
        metavar="SECONDS",
        help="per-request response timeout (default 30)",
    )
    c.add_argument("-v", "--verbose", action="count", default=0, help="SDK logging on stderr (-v info, -vv debug)")

    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=Parser)
    sub.add_parser("list-tools", help="tools/list (all pages): {\"tools\": [...]}")
    a = sub.add_parser("call", help="tools/call: {\"result\": CallToolResult}")
    a.add_argument("tool")
    a.add_argument("args_json", nargs="?", default="{}", metavar="ARGS_JSON")
    sub.add_parser("list-prompts", help="prompts/list (all pages): {\"prompts\": [...]}")
    a = sub.add_parser("get-prompt", help="prompts/get: {\"result\": GetPromptResult}")
    a.add_argument("name")
    a.add_argument("args_json", nargs="?", default="{}", metavar="ARGS_JSON")
    sub.add_parser("list-resources", help="resources/list (all pages): {\"resources\": [...]}")
    a = sub.add_parser("read-resource", help="resources/read: {\"result\": ReadResourceResult}")
    a.add_argument("uri")
    sub.add_parser("ping", help="ping (server/discover on 2026-07-28): {\"ok\": true, \"protocolVersion\": ...}")
    a = sub.add_parser(
        "parallel", help="N concurrent independent sessions, each initializing and calling TOOL M times"
    )
    a.add_argument("--clients", type=positive_int, required=True, metavar="N")
    a.add_argument("--calls", type=positive_int, required=True, metavar="M", help="calls per client")
    a.add_argument("tool")
    a.add_argument("args_json", nargs="?", default="{}", metavar="ARGS_JSON")
    a = sub.add_parser(
        "bench", help="C concurrent sessions calling TOOL sequentially; latency percentiles and throughput"
    )
    a.add_argument("--concurrency", type=positive_int, required=True, metavar="C")
    a.add_argument("--calls", type=positive_int, required=True, metavar="M", help="timed calls in total")
    a.add_argument(
        "--warmup",
        type=non_negative_int,
        default=None,
        metavar="W",
        help="untimed calls in total before the timed part (default: 2 per session)",
    )
    a.add_argument("tool")
    a.add_argument("args_json", nargs="?", default="{}", metavar="ARGS_JSON")
    return p


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    if "--" in argv:
        i = argv.index("--")
        argv, command = argv[:i], argv[i + 1 :]
    else:
        command = []
    parser = build_parser()
    args = parser.parse_args(argv)
    args.command = command
    if args.stdio:
        if not command:
            parser.error("--stdio needs the server command after `--` at the end")
        if args.token or args.token_env or args.header:
            parser.error("--token, --token-env and --header are for --http/--sse")
    else:
        if command:
            parser.error("a server command after `--` is only for --stdio")
        if args.env or args.cwd or args.server_stderr:
            parser.error("--env, --cwd and --server-stderr are for --stdio")
    args.env_map = {}
    for item in args.env:
        k, sep, v = item.partition("=")
        if not sep or not k:
            parser.error(f"--env wants K=V (got {item!r})")
        args.env_map[k] = v
    args.headers = {}
    for item in args.header:
        k, sep, v = item.partition(":")
        if not sep or not k.strip():
            parser.error(f"--header wants 'Name: value' (got {item!r})")
        args.headers[k.strip()] = v.strip()
    if args.token and args.token_env:
        parser.error("give --token or --token-env, not both")
    if args.token_env:
        value = os.environ.get(args.token_env, "")
        if not value:
            parser.error(f"--token-env {args.token_env}: that environment variable is empty or unset")
        args.token = value
    if args.token:
        args.headers["Authorization"] = f"Bearer {args.token}"
    if hasattr(args, "args_json"):
        try:
            args.arguments = json.loads(args.args_json)
        except json.JSONDecodeError as e:
            parser.error(f"ARGS_JSON is not valid JSON: {e}")
        if not isinstance(args.arguments, dict):
            parser.error("ARGS_JSON must be a JSON object")
        if args.action == "get-prompt" and not all(isinstance(v, str) for v in args.arguments.values()):
            parser.error("get-prompt ARGS_JSON must map names to strings")
    from mcp_types.version import MODERN_PROTOCOL_VERSIONS

    if args.mode not in ("legacy", "auto") and args.mode not in MODERN_PROTOCOL_VERSIONS:
        parser.error(f"--mode must be legacy, auto or one of {', '.join(MODERN_PROTOCOL_VERSIONS)} (got {args.mode!r})")
    return args, command


# --- errors ----------------------------------------------------------------------------------


def leaves(exc: BaseException) -> list[BaseException]:
    """The non-group exceptions inside (possibly nested) exception groups."""
    if isinstance(exc, BaseExceptionGroup):
        out: list[BaseException] = []
        for e in exc.exceptions:
            out.extend(leaves(e))
        return out
    return [exc]


class Failure:
    """One failed operation, classified: kind 'mcp' or 'tool' (exit 3), 'transport' or 'timeout' (exit 1)."""

    def __init__(
        self, kind: str, message: str, code: int | None = None, data: Any = None, http_status: int | None = None
    ):
        self.kind = kind
        self.message = message
        self.code = code
        self.data = data
        self.http_status = http_status

    @property
    def exit_code(self) -> int:
        return EXIT_MCP if self.kind in ("mcp", "tool") else EXIT_TRANSPORT

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"kind": self.kind}
        if self.code is not None:
            d["code"] = self.code
        d["message"] = self.message
        if self.data is not None:
            d["data"] = self.data
        if self.http_status is not None:
            d["httpStatus"] = self.http_status
        return d


# CONNECTION_CLOSED (-32000) errors that the SDK makes up itself when the connection ends (a server
# may send -32000 as a real answer too).
_SYNTHESIZED_CLOSED = ("Connection closed", "SSE stream ended without a response")


def classify(exc: BaseException, http_status: int | None = None) -> Failure:
    from mcp.shared.exceptions import MCPError
    from mcp_types import CONNECTION_CLOSED, REQUEST_TIMEOUT

    found = leaves(exc)
    # Prefer an MCP error answer over the teardown noise that may come with it.
    for e in found:
        if isinstance(e, MCPError):
            data = e.data
            try:
                json.dumps(data)
            except (TypeError, ValueError):
                data = repr(data)
            if e.code == REQUEST_TIMEOUT and "timed out" in e.message:
                return Failure("timeout", e.message, e.code, data, http_status)
            if e.code == CONNECTION_CLOSED and e.message in _SYNTHESIZED_CLOSED:
                return Failure("transport", e.message, e.code, data, http_status)
            return Failure("mcp", e.message, e.code, data, http_status)
    e = found[0] if found else exc
    if isinstance(e, TimeoutError):
        return Failure("timeout", f"{type(e).__name__}: {e}".rstrip(": "), http_status=http_status)
    status = getattr(getattr(e, "response", None), "status_code", None)
    if isinstance(status, int):  # httpx2.HTTPStatusError (the SSE GET)
        return Failure("mcp", f"HTTP {status}", http_status=status)
    return Failure("transport", f"{type(e).__name__}: {e}".rstrip(": "), http_status=http_status)


# --- sessions --------------------------------------------------------------------------------


class Session:
    """Opens one independent MCP client session (its own server process or HTTP connection pool)."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.http_status: int | None = None  # the last HTTP error status seen (>= 400)
        self._stack: AsyncExitStack | None = None

    async def _on_response(self, response: Any) -> None:
        if response.status_code >= 400:
            self.http_status = response.status_code

    def _http_client(self, headers: dict[str, str] | None = None, timeout: Any = None, auth: Any = None) -> Any:
        import httpx2

        merged = dict(self.args.headers)
        if headers:
            merged.update(headers)
        if timeout is None:
            timeout = httpx2.Timeout(30.0, read=300.0)
        return httpx2.AsyncClient(
            headers=merged,
            timeout=timeout,
            auth=auth,
            trust_env=False,  # straight to the URL (loopback): no proxy from the environment
            event_hooks={"response": [self._on_response]},
        )

    async def __aenter__(self) -> Any:
        import mcp.client.stdio as sdk_stdio
        from mcp import Client
        from mcp.client.sse import sse_client
        from mcp.client.stdio import StdioServerParameters
        from mcp.client.streamable_http import streamable_http_client
        from mcp_types import Implementation

        a = self.args
        stack = AsyncExitStack()
        await stack.__aenter__()
        self._stack = stack
        try:
            if a.stdio:
                # The server gets exactly PATH plus --env, nothing inherited (the SDK would add
                # HOME, LOGNAME, SHELL, TERM and USER from this process).
                sdk_stdio.get_default_environment = lambda: {}
                env = {"PATH": DEFAULT_STDIO_PATH, **a.env_map}
                errlog = sys.stderr
                if a.server_stderr:
                    errlog = stack.enter_context(open(a.server_stderr, "a", encoding="utf-8"))
                params = StdioServerParameters(command=a.command[0], args=a.command[1:], env=env, cwd=a.cwd)
                server: Any = sdk_stdio.stdio_client(params, errlog=errlog)
            elif a.http:
                hc = await stack.enter_async_context(self._http_client())
                server = streamable_http_client(a.http, http_client=hc)
            else:
                server = sse_client(a.sse, headers=a.headers, httpx_client_factory=self._http_client)
            client = Client(
                server,
                mode=a.mode,
                cache=None,  # every request reaches the server (no SEP-2549 response cache)
                read_timeout_seconds=a.timeout,
                client_info=Implementation(name=CLIENT_NAME, version=CLIENT_VERSION),
            )
            return await stack.enter_async_context(client)
        except BaseException:
            await self.__aexit__(*sys.exc_info())
            raise

    async def __aexit__(self, *exc: Any) -> bool:
        stack, self._stack = self._stack, None
        if stack is not None:
            return bool(await stack.__aexit__(*exc))
        return False


# --- single actions --------------------------------------------------------------------------


async def paginate(fetch: Any, attr: str) -> list[Any]:
    items: list[Any] = []
    cursor = None
    for _ in range(1000):
        page = await fetch(cursor=cursor)
        items.extend(dump(x) for x in getattr(page, attr))
        cursor = page.next_cursor
        if not cursor:
            return items
    raise RuntimeError(f"more than 1000 pages of {attr}")


async def single(args: argparse.Namespace) -> tuple[dict[str, Any], int]:
    session = Session(args)
    try:
        async with session as c:
            act = args.action
            if act == "list-tools":
                return {"tools": await paginate(c.list_tools, "tools")}, EXIT_OK
            if act == "list-prompts":
                return {"prompts": await paginate(c.list_prompts, "prompts")}, EXIT_OK
            if act == "list-resources":
                return {"resources": await paginate(c.list_resources, "resources")}, EXIT_OK
            if act == "call":
                result = await c.call_tool(args.tool, args.arguments)
                if getattr(result, "is_error", False):
                    log.warning("tool %s answered with isError=true", args.tool)
                return {"result": dump(result)}, EXIT_OK
            if act == "get-prompt":
                return {"result": dump(await c.get_prompt(args.name, args.arguments))}, EXIT_OK
            if act == "read-resource":
                return {"result": dump(await c.read_resource(args.uri))}, EXIT_OK
            if act == "ping":
                from mcp_types.version import MODERN_PROTOCOL_VERSIONS

                if c.protocol_version in MODERN_PROTOCOL_VERSIONS:
                    # 2026-07-28 removed ping; a server/discover round trip is the liveness check there.
                    method = "server/discover"
                    await c.session.send_discover(c.protocol_version)
                else:
                    method = "ping"
                    await c.send_ping()
                out: dict[str, Any] = {"ok": True, "method": method, "protocolVersion": c.protocol_version}
                if c.server_info is not None:
                    out["serverInfo"] = dump(c.server_info)
                return out, EXIT_OK
            raise AssertionError(act)
    except Exception as e:  # includes ExceptionGroup from the transports' task groups
        f = classify(e, session.http_status)
        log.debug("failure", exc_info=True)
        sys.stderr.write(f"mcp_client: {args.action} failed: {f.kind}: {f.message}\n")
        return {"error": f.as_dict()}, f.exit_code


# --- parallel and bench ----------------------------------------------------------------------


def percentile(sorted_values: list[float], p: float) -> float | None:
    """Linear interpolation between closest ranks (numpy's default)."""
    if not sorted_values:
        return None
    k = (len(sorted_values) - 1) * p / 100.0
    lo = math.floor(k)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)


def r3(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


class Stats:
    def __init__(self) -> None:
        self.ok = 0
        self.failures = 0  # calls that failed or could not be made
        self.session_failures = 0  # sessions that did not open (connect, spawn or initialize failed)
        self.any_transport = False
        self.errors: list[dict[str, Any]] = []
        self.error_count_by_message: dict[str, int] = {}
        self.sample_result: Any = None

    def record(self, f: Failure, where: dict[str, Any], calls: int = 1, session: bool = False) -> None:
        """Counts `calls` failed calls (0 for a session that failed before its share was known)."""
        self.failures += calls
        if session:
            self.session_failures += 1
        if f.exit_code == EXIT_TRANSPORT:
            self.any_transport = True
        key = f"{f.kind}: {f.message}"
        self.error_count_by_message[key] = self.error_count_by_message.get(key, 0) + 1
        if len(self.errors) < 20:
            self.errors.append({**where, **f.as_dict()})

    def exit_code(self) -> int:
        if self.failures == 0 and self.session_failures == 0:
            return EXIT_OK
        return EXIT_TRANSPORT if self.any_transport else EXIT_MCP


async def one_call(session: Session, c: Any, args: argparse.Namespace) -> tuple[Any, Failure | None]:
    session.http_status = None  # an HTTP status in a failure report belongs to this call
    result = await c.call_tool(args.tool, args.arguments)
    if getattr(result, "is_error", False):
        text = " ".join(getattr(b, "text", "") for b in result.content)[:300]
        return result, Failure("tool", f"isError result: {text}")
    return result, None


async def run_parallel(args: argparse.Namespace) -> tuple[dict[str, Any], int]:
    import anyio

    n, m = args.clients, args.calls
    stats = Stats()
    ready = 0
    all_ready = anyio.Event()
    t_start = time.perf_counter()

    def mark_ready() -> None:
        nonlocal ready
        ready += 1
        if ready == n:
            all_ready.set()

    async def worker(i: int) -> None:
        session = Session(args)
        marked = False
        call_index = -1
        try:
            async with session as c:
                mark_ready()
                marked = True
                await all_ready.wait()  # all sessions are open: the calls overlap
                for call_index in range(m):
                    try:
                        result, failure = await one_call(session, c, args)
                    except Exception as e:
                        failure = classify(e, session.http_status)
                        result = None
                        if failure.kind != "mcp":
                            # The session is unusable: this call and the remaining ones fail.
                            stats.record(failure, {"client": i, "call": call_index}, calls=m - call_index)
                            return
                    if failure is not None:
                        stats.record(failure, {"client": i, "call": call_index})
                    else:
                        stats.ok += 1
                        if stats.sample_result is None:
                            stats.sample_result = dump(result)
        except Exception as e:
            f = classify(e, session.http_status)
            if call_index < 0:
                # The session did not open: all of its calls count as failed.
                stats.record(f, {"client": i, "phase": "open"}, calls=m, session=True)
            else:
                log.warning("client %d: error while closing: %s", i, f.message)
        finally:
            if not marked:
                mark_ready()

    async with anyio.create_task_group() as tg:
        for i in range(n):
            tg.start_soon(worker, i)
    elapsed = time.perf_counter() - t_start
    out: dict[str, Any] = {
        "clients": n,
        "calls_per_client": m,
        "calls": n * m,
        "ok": stats.ok,
        "failures": stats.failures,
        "session_failures": stats.session_failures,
        "elapsed_s": r3(elapsed),
    }
    if stats.errors:
        out["errors"] = stats.errors
        out["error_counts"] = stats.error_count_by_message
    if stats.sample_result is not None:
        out["sample_result"] = stats.sample_result
    if stats.failures:
        sys.stderr.write(f"mcp_client: parallel: {stats.failures} of {n * m} calls failed\n")
    return out, stats.exit_code()


async def run_bench(args: argparse.Namespace) -> tuple[dict[str, Any], int]:
    import anyio

    conc, total = args.concurrency, args.calls
    warmup_total = 2 * conc if args.warmup is None else args.warmup
    stats = Stats()
    latencies: list[float] = []
    warmup_left = warmup_total
    timed_left = total
    attempted = 0
    ready = 0
    all_ready = anyio.Event()
    go = anyio.Event()
    t0 = 0.0
    t_end = 0.0

    def mark_ready() -> None:
        nonlocal ready
        ready += 1
        if ready == conc:
            all_ready.set()

    async def worker(i: int) -> None:
        nonlocal warmup_left, timed_left, attempted, t_end
        session = Session(args)
        marked = False
        try:
            async with session as c:
                # Warm-up (untimed), taken from a shared budget so the total is exactly W.
                while warmup_left > 0:
                    warmup_left -= 1
                    try:
                        await one_call(session, c, args)
                    except Exception as e:
                        f = classify(e, session.http_status)
                        log.warning("session %d: warm-up call failed: %s", i, f.message)
                        if f.kind != "mcp":
                            raise
                mark_ready()
                marked = True
                await go.wait()
                while timed_left > 0:
                    timed_left -= 1
                    attempted += 1
                    start = time.perf_counter()
                    try:
                        _, failure = await one_call(session, c, args)
                    except Exception as e:
                        failure = classify(e, session.http_status)
                        if failure.kind != "mcp":
                            # The session is unusable; the calls it leaves are done by the others.
                            stats.record(failure, {"session": i})
                            t_end = max(t_end, time.perf_counter())
                            return
                    end = time.perf_counter()
                    t_end = max(t_end, end)
                    if failure is not None:
                        stats.record(failure, {"session": i})
                    else:
                        stats.ok += 1
                        latencies.append((end - start) * 1000.0)
        except Exception as e:
            f = classify(e, session.http_status)
            if not marked:
                stats.record(f, {"session": i, "phase": "open"}, calls=0, session=True)
            else:
                log.warning("session %d: error while closing: %s", i, f.message)
        finally:
            if not marked:
                mark_ready()

    async def starter() -> None:
        nonlocal t0
        await all_ready.wait()
        t0 = time.perf_counter()
        go.set()

    async with anyio.create_task_group() as tg:
        tg.start_soon(starter)
        for i in range(conc):
            tg.start_soon(worker, i)
    elapsed = (t_end - t0) if t_end > t0 else 0.0
    latencies.sort()
    # Calls never attempted (every session failed) count as failures too.
    stats.failures += max(0, total - attempted)
    out: dict[str, Any] = {
        "transport": "stdio" if args.stdio else ("http" if args.http else "sse"),
        "tool": args.tool,
        "concurrency": conc,
        "warmup": warmup_total,
        "calls": total,
        "ok": stats.ok,
        "failures": stats.failures,
        "session_failures": stats.session_failures,
        "p50_ms": r3(percentile(latencies, 50)),
        "p95_ms": r3(percentile(latencies, 95)),
        "p99_ms": r3(percentile(latencies, 99)),
        "mean_ms": r3(sum(latencies) / len(latencies)) if latencies else None,
        "min_ms": r3(latencies[0]) if latencies else None,
        "max_ms": r3(latencies[-1]) if latencies else None,
        "elapsed_s": r3(elapsed),
        "calls_per_second": round(stats.ok / elapsed, 1) if elapsed > 0 else None,
    }
    if stats.errors:
        out["errors"] = stats.errors
        out["error_counts"] = stats.error_count_by_message
    if stats.failures:
        sys.stderr.write(f"mcp_client: bench: {stats.failures} of {total} calls failed\n")
    return out, stats.exit_code()


# --- main ------------------------------------------------------------------------------------


def main(argv: list[str]) -> None:
    args, _ = parse_args(argv)
    level = logging.WARNING if args.verbose == 0 else (logging.INFO if args.verbose == 1 else logging.DEBUG)
    logging.basicConfig(level=level, stream=sys.stderr, format="%(name)s: %(levelname)s: %(message)s")
    if args.verbose == 0:
        # The transports log expected teardown noise (e.g. a killed server) at ERROR level.
        logging.getLogger("mcp").setLevel(logging.CRITICAL)
    import warnings

    from mcp.shared.exceptions import MCPDeprecationWarning

    warnings.simplefilter("ignore", MCPDeprecationWarning)  # e.g. ping under the 2025 protocol
    import anyio

    if args.action == "parallel":
        fn = run_parallel
    elif args.action == "bench":
        fn = run_bench
    else:
        fn = single
    try:
        out, code = anyio.run(fn, args)
    except KeyboardInterrupt:
        emit({"error": {"kind": "interrupted", "message": "interrupted"}}, EXIT_TRANSPORT)
    emit(out, code)


if __name__ == "__main__":
    if sys.version_info < (3, 11):
        sys.stderr.write("mcp_client.py needs Python >= 3.11\n")
        sys.exit(EXIT_USAGE)
    main(sys.argv[1:])
