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
                let arrived = try await receiver.wait { receiver in
                    let spans = receiver.spans.filter { $0.traceID == trace }
                    let calls = spans.filter { $0.name == "mcp.tool_call" }
                    return calls.count >= 2
                        && spans.contains { span in
                            span.name.hasPrefix("POST /mcp") && calls.contains { $0.spanID == span.parentSpanID }
                        }
                }
                let spans = receiver.spans.filter { $0.traceID == trace }
                #expect(arrived, "\(spans.map(\.name))")
                // The tool call descends from the API request (through tool.profile); the call to
                // the remote server is its client span; the remote's request is under that.
                func ancestors(of span: OTLPReceiver.ReceivedSpan) -> [String] {
                    var names: [String] = []
                    var current = span
                    while let parent = spans.first(where: { $0.spanID == current.parentSpanID }) {
                        names.append(parent.name)
                        current = parent
                    }
                    return names
                }
                let toolCall = try #require(
                    spans.first { span in
                        span.name == "tool.call" && ancestors(of: span).last == "POST /api/v1/mcp/call"
                            && !ancestors(of: span).contains { $0.hasPrefix("POST /mcp") }
                    })
                let upstreamCall = try #require(
                    spans.first { $0.name == "mcp.tool_call" && $0.parentSpanID == toolCall.spanID })
                #expect(upstreamCall.kind == 3)
                let remote = try #require(
                    spans.first { $0.name.hasPrefix("POST /mcp") && $0.parentSpanID == upstreamCall.spanID })
                #expect(spans.contains { $0.name == "mcp.tool_call" && ancestors(of: $0).contains(remote.name) })

                let records = try await InferenceHarness.audit(context.client, action: "tool.call")
                #expect(
                    records.contains {
                        $0["resource"]?.stringValue?.hasPrefix("upstream/") == true
                            && $0["trace_id"]?.stringValue == trace
                    })
            }
        }
    }
}
