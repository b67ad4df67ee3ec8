import Foundation
import GatehouseCore
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// A tool call's trace: `tool.call` → `mcp.tool_call`, and a remote MCP server (this same
/// Gatehouse's `/mcp/local`, in front of the real `mcp-server-time`) continues the trace from
/// the `traceparent` it was sent, so its server span is a child of our `mcp.tool_call`.
@Suite struct TelemetryMCPTests {
    @Test func aRemoteToolCallContinuesTheTraceAtTheToolServer() async throws {
        let tools = try MCPHarness.tools()
        try await SandboxRoutesTests.requireBackend()
        let directory = NSTemporaryDirectory() + "gatehouse-mcp-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let receiver = OTLPReceiver()
        try await receiver.run { endpoint in
            let config =
                try MCPHarness.config(tools, directory: directory, extra: MCPHarness.remoteExtra)
                + TelemetryTraceTests.telemetry(endpoint)
            try await ServerHarness.withServer(config: config) { context in
                let port = try #require(context.client.port)
                try await MCPHarness.addRemoteCatalog(context.client, port: port)

                let trace = "0af7651916cd43dd8448eb211c80319c"
                var headers = MCPSessionTests.headers()
                headers[HTTPField.Name("traceparent")!] = "00-\(trace)-b7ad6b7169203331-01"
                let call =
                    #"{"server": "upstream", "tool": "time__get_current_time", "arguments": {"timezone": "UTC"}}"#
                let response = try await context.client.execute(
                    uri: "/api/v1/mcp/call", method: .post, headers: headers, body: ByteBuffer(string: call))
                #expect(response.status == .ok)

                // Outer: the API request → tool.call → mcp.tool_call; inner: the remote server's
                // own request (to /mcp/local) under that mcp.tool_call, down to the time server.
                // The tool call descends from the API request (through tool.profile); the call to
                // the remote server is its client span; the remote's request is under that, and
                // the time server's call under the remote's. Spans arrive in batches as they end:
                // wait for the whole chain.
                let arrived = try await receiver.wait { Self.chain(in: $0.spans.filter { $0.traceID == trace }) != nil }
                let spans = receiver.spans.filter { $0.traceID == trace }
                #expect(arrived, "\(spans.map(\.name))")
                let chain = try #require(Self.chain(in: spans))
                #expect(chain.upstreamCall.kind == 3)

                let records = try await InferenceHarness.audit(context.client, action: "tool.call")
                #expect(
                    records.contains {
                        $0["resource"]?.stringValue?.hasPrefix("upstream/") == true
                            && $0["trace_id"]?.stringValue == trace
                    })
            }
        }
    }

    /// The outer `mcp.tool_call` (under a `tool.call` of the API request, not of the remote's)
    /// and the remote server's request span under it, once the remote's own `mcp.tool_call` is
    /// there too; nil until then.
    static func chain(in spans: [OTLPReceiver.ReceivedSpan]) -> (
        upstreamCall: OTLPReceiver.ReceivedSpan, remote: OTLPReceiver.ReceivedSpan
    )? {
        func ancestors(of span: OTLPReceiver.ReceivedSpan) -> [String] {
            var names: [String] = []
            var current = span
            while let parent = spans.first(where: { $0.spanID == current.parentSpanID }) {
                names.append(parent.name)
                current = parent
            }
            return names
        }
        guard
            let toolCall = spans.first(where: { span in
                span.name == "tool.call" && ancestors(of: span).last == "POST /api/v1/mcp/call"
                    && !ancestors(of: span).contains { $0.hasPrefix("POST /mcp") }
            }),
            let upstreamCall = spans.first(where: { $0.name == "mcp.tool_call" && $0.parentSpanID == toolCall.spanID }),
            let remote = spans.first(where: { $0.name.hasPrefix("POST /mcp") && $0.parentSpanID == upstreamCall.spanID }
            ),
            spans.contains(where: { $0.name == "mcp.tool_call" && ancestors(of: $0).contains(remote.name) })
        else { return nil }
        return (upstreamCall, remote)
    }
}
