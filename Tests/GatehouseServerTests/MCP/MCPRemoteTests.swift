import Foundation
import GatehouseCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// A `remote` catalog server: Gatehouse reaching a streamable-HTTP MCP server with a header
/// whose secret comes from `mcp.secrets`. The remote server is a real one: this same Gatehouse's
/// `/mcp/local` profile, in front of the real `mcp-server-time`.
@Suite struct MCPRemoteTests {
    @Test func aRemoteServersToolsAreListedAndCalledWithItsOwnCredential() async throws {
        let tools = try MCPHarness.tools()
        try await SandboxRoutesTests.requireBackend()
        let directory = NSTemporaryDirectory() + "gatehouse-mcp-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = try MCPHarness.config(tools, directory: directory, extra: MCPHarness.remoteExtra)
        try await ServerHarness.withServer(config: config) { context in
            let port = try #require(context.client.port)
            try await MCPHarness.addRemoteCatalog(context.client, port: port)

            let (listed, list) = try await MCPHarness.client(
                tools, port: port, token: ServerHarness.adminToken, ["list-tools"])
            #expect(listed == 0)
            let names = (list["tools"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            // The remote server's own names carry its prefix again under ours.
            #expect(names.contains("upstream__time__get_current_time"))
            let (called, call) = try await MCPHarness.client(
                tools, port: port, token: ServerHarness.adminToken,
                ["call", "upstream__time__get_current_time", #"{"timezone":"Asia/Tokyo"}"#])
            #expect(called == 0)
            let result = call["result"] as? [String: Any]
            #expect((result?["structuredContent"] as? [String: Any])?["timezone"] as? String == "Asia/Tokyo")
        }
    }
}
