import AsyncHTTPClient
import Foundation
import GatehouseCore
import HummingbirdTesting
import NIOCore
import NIOHTTP1
import Testing

/// `notifications/cancelled` stops a call the client is waiting for as plain JSON (no stream
/// open), as it does a streamed one: the fixture server's 30-second sleep ends at once.
@Suite struct MCPCancellationTests {
    @Test func aPlainJSONCallIsStoppedByTheClientsCancellation() async throws {
        let tools = try MCPHarness.tools()
        try await SandboxRoutesTests.requireBackend()
        try await MCPSessionTests.withMCPServer(servers: MCPPromptRoutesTests.fixture(tools)) { context in
            let url = "http://127.0.0.1:\(try #require(context.client.port))/mcp"
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            do {
                @Sendable func post(_ json: String, session: String?) async throws -> (HTTPHeaders, String) {
                    var request = HTTPClientRequest(url: url)
                    request.method = .POST
                    request.headers.add(name: "Authorization", value: "Bearer " + ServerHarness.adminToken)
                    request.headers.add(name: "Content-Type", value: "application/json")
                    request.headers.add(name: "Accept", value: "application/json, text/event-stream")
                    if let session { request.headers.add(name: "Mcp-Session-Id", value: session) }
                    request.body = .bytes(ByteBuffer(string: json))
                    let response = try await http.execute(request, timeout: .seconds(60))
                    return (response.headers, String(buffer: try await response.body.collect(upTo: 1 << 20)))
                }
                let (headers, _) = try await post(
                    #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}"#,
                    session: nil)
                let session = try #require(headers["Mcp-Session-Id"].first)
                _ = try await post(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#, session: session)

                let started = ContinuousClock.now
                let call = Task {
                    try await post(
                        #"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"fixture__sleep","arguments":{"seconds":30}}}"#,
                        session: session)
                }
                // An id not (or no longer) in flight is ignored, as MCP says: keep telling until
                // the call has ended.
                let cancelling = Task {
                    while !Task.isCancelled {
                        _ = try? await post(
                            #"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":7,"reason":"test"}}"#,
                            session: session)
                        try? await Task.sleep(for: .milliseconds(100))
                    }
                }
                let (answerHeaders, answer) = try await call.value
                cancelling.cancel()
                #expect(started.duration(to: .now) < .seconds(20), "the call ran its course: \(answer)")
                #expect(answerHeaders["Content-Type"].first?.hasPrefix("application/json") == true)
                #expect(answer.contains("cancelled"), "\(answer)")
                // The session goes on serving.
                let (_, next) = try await post(
                    #"{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"fixture__sleep","arguments":{"seconds":0}}}"#,
                    session: session)
                #expect(next.contains("slept 0"), "\(next)")
            } catch {
                try? await http.shutdown()
                throw error
            }
            try await http.shutdown()
        }
    }
}
