#!/usr/bin/env python3
"""A small MCP server on the official Python SDK (mcp 2.x), for Gatehouse's gateway tests: tools
that report progress, ask the client for a model answer (sampling), return a credential-shaped
value, and take their time; a prompt and resources (one fixed, one templated) for the pass-through
rules. Run with the client venv of scripts/mcp-servers.sh over stdio:

    "$GATEHOUSE_TEST_MCP_CLIENT" scripts/mcp/fixture_server.py
"""

import asyncio

from mcp import types
from mcp.server.mcpserver import Context, MCPServer

server = MCPServer("gatehouse-fixture")


@server.tool()
async def count(n: int, ctx: Context) -> str:
    """Counts to n, reporting progress at each step."""
    for i in range(1, n + 1):
        await ctx.report_progress(i, n, f"step {i}")
    return f"counted to {n}"


@server.tool()
async def ask_model(question: str, ctx: Context) -> str:
    """Asks the client's model (sampling) and returns its answer."""
    result = await ctx.request_context.session.create_message(
        [types.SamplingMessage(role="user", content=types.TextContent(type="text", text=question))], max_tokens=50
    )
    return f"model said: {result.content.text}"


@server.tool()
async def leak() -> str:
    """Returns a value shaped like a cloud credential (a fake one)."""
    return "the key is " + "AKIA" + "IOSFODNN7" + "EXAMPLE" + " (do not share)"


@server.tool()
async def sleep(seconds: float) -> str:
    """Sleeps, then answers."""
    await asyncio.sleep(seconds)
    return f"slept {seconds}"


@server.prompt()
def review(code: str) -> str:
    """Asks for a review of some code."""
    return f"Please review: {code}"


@server.resource("fixture://readme")
def readme() -> str:
    """The fixture's readme."""
    return "the fixture's readme"


@server.resource("fixture://notes/{name}")
def note(name: str) -> str:
    """A note; the one named leaky holds a credential-shaped value (a fake one)."""
    return f"note {name}" + (" key " + "AKIA" + "IOSFODNN7" + "EXAMPLE" if name == "leaky" else "")


if __name__ == "__main__":
    server.run("stdio")
