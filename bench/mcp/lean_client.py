#!/usr/bin/env python3
"""A lean MCP client for measuring what a path adds, not what a client costs.

The official SDK's streamable-HTTP client spends about 0.7 ms of Python per call more than its
stdio client (httpx, anyio, pydantic), so with it "through an HTTP gateway minus direct stdio"
mostly measures the client. This client speaks JSON-RPC itself on both transports with the
least work each needs, one call at a time over one session:

  stdio   one JSON line written to the server's stdin, one line read from its stdout;
  http    one keep-alive HTTP/1.1 connection on a raw socket: POST, read the head, read the body
          by Content-Length or chunks, take the JSON answer or the SSE event holding it.

Usage (prints one JSON object: p50_ms, p95_ms, calls_per_second, ok, failures):

  lean_client.py --calls N --warmup W TOOL ARGS_JSON stdio -- SERVER COMMAND...
  lean_client.py --calls N --warmup W TOOL ARGS_JSON http URL [--token-env NAME]
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from urllib.parse import urlsplit

PROTOCOL = "2025-11-25"
INITIALIZE = {
    "protocolVersion": PROTOCOL,
    "capabilities": {},
    "clientInfo": {"name": "gatehouse-bench-lean", "version": "1"},
}


class CallFailed(Exception):
    pass


class Stdio:
    def __init__(self, command):
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=0
        )
        self.reader = self.process.stdout

    def request(self, message):
        self.process.stdin.write(json.dumps(message).encode() + b"\n")
        while True:
            line = self.reader.readline()
            if not line:
                raise CallFailed("the server closed its output")
            answer = json.loads(line)
            if answer.get("id") == message["id"]:
                return answer

    def notify(self, message):
        self.process.stdin.write(json.dumps(message).encode() + b"\n")

    def close(self):
        self.process.stdin.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Http:
    def __init__(self, url, token):
        parts = urlsplit(url)
        if parts.scheme != "http" or parts.hostname is None:
            raise SystemExit(f"lean_client: only http://host:port/path URLs: {url}")
        self.path = parts.path or "/"
        self.host = f"{parts.hostname}:{parts.port or 80}"
        self.socket = socket.create_connection((parts.hostname, parts.port or 80))
        self.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.file = self.socket.makefile("rb")
        self.token = token
        self.session = None

    def _post(self, message):
        body = json.dumps(message).encode()
        head = [
            f"POST {self.path} HTTP/1.1",
            f"Host: {self.host}",
            "Content-Type: application/json",
            "Accept: application/json, text/event-stream",
            f"MCP-Protocol-Version: {PROTOCOL}",
            f"Content-Length: {len(body)}",
        ]
        if self.token:
            head.append(f"Authorization: Bearer {self.token}")
        if self.session:
            head.append(f"Mcp-Session-Id: {self.session}")
        self.socket.sendall(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        status = self.file.readline().split(b" ", 2)
        if len(status) < 2:
            raise CallFailed("the connection closed")
        headers = {}
        while True:
            line = self.file.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            data = bytearray()
            while True:
                size = int(self.file.readline().split(b";")[0], 16)
                if size == 0:
                    self.file.readline()
                    break
                data += self.file.read(size)
                self.file.readline()
        else:
            data = self.file.read(int(headers.get("content-length", "0")))
        return int(status[1]), headers, bytes(data)

    @staticmethod
    def _answer(headers, data, wanted):
        if headers.get("content-type", "").startswith("text/event-stream"):
            for event in data.replace(b"\r\n", b"\n").split(b"\n\n"):
                payload = b"\n".join(
                    line[5:].lstrip() for line in event.split(b"\n") if line.startswith(b"data:")
                )
                if payload:
                    answer = json.loads(payload)
                    if answer.get("id") == wanted:
                        return answer
            raise CallFailed("the event stream held no answer")
        return json.loads(data)

    def request(self, message):
        status, headers, data = self._post(message)
        if status != 200:
            raise CallFailed(f"HTTP {status}: {data[:200]!r}")
        if "mcp-session-id" in headers:
            self.session = headers["mcp-session-id"]
        return self._answer(headers, data, message["id"])

    def notify(self, message):
        status, _, data = self._post(message)
        if status not in (200, 202):
            raise CallFailed(f"HTTP {status}: {data[:200]!r}")

    def close(self):
        self.socket.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=500)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--token-env", help="the environment variable holding a bearer token")
    parser.add_argument("tool")
    parser.add_argument("arguments")
    parser.add_argument("transport", choices=["stdio", "http"])
    parser.add_argument("target", nargs=argparse.REMAINDER, help="-- COMMAND... (stdio) or URL (http)")
    args = parser.parse_args()
    target = args.target[1:] if args.target[:1] == ["--"] else args.target
    if not target:
        parser.error("a server command (stdio) or URL (http) is required")
    token = os.environ.get(args.token_env, "") if args.token_env else ""
    client = Stdio(target) if args.transport == "stdio" else Http(target[0], token)
    tool_arguments = json.loads(args.arguments)
    latencies, failures, errors = [], 0, {}
    try:
        answer = client.request({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": INITIALIZE})
        if "result" not in answer:
            raise SystemExit(f"lean_client: initialize failed: {answer.get('error')}")
        client.notify({"jsonrpc": "2.0", "method": "notifications/initialized"})
        started = None
        for number in range(1, args.warmup + args.calls + 1):
            if number == args.warmup + 1:
                started = time.perf_counter()
            message = {
                "jsonrpc": "2.0",
                "id": number,
                "method": "tools/call",
                "params": {"name": args.tool, "arguments": tool_arguments},
            }
            sent = time.perf_counter()
            try:
                answer = client.request(message)
                failed = "error" in answer or answer.get("result", {}).get("isError")
                reason = json.dumps(answer.get("error") or answer.get("result"))[:120] if failed else None
            except CallFailed as error:
                reason = str(error)
            if number > args.warmup:
                if reason is None:
                    latencies.append((time.perf_counter() - sent) * 1000.0)
                else:
                    failures += 1
                    errors[reason] = errors.get(reason, 0) + 1
        elapsed = time.perf_counter() - started
    finally:
        client.close()
    latencies.sort()
    result = {"ok": len(latencies), "failures": failures, "error_counts": errors}
    if latencies:
        result["p50_ms"] = latencies[len(latencies) // 2]
        result["p95_ms"] = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))]
        result["calls_per_second"] = len(latencies) / elapsed
    print(json.dumps(result))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
