import Foundation
import GatehouseCore
import HummingbirdTesting
import Testing

/// Prompts and resources through `/mcp` with the official Python client and the SDK fixture
/// server (scripts/mcp/fixture_server.py) in a sandbox: each get and read is decided and
/// recorded like a tool call, and a secret in a prompt's arguments or a resource's URI is
/// refused with the MCP error and recorded as the `secret-scan` rule's denial.
@Suite struct MCPPromptRoutesTests {
    static func fixture(_ tools: MCPHarness.Tools) -> String {
        let venv = URL(fileURLWithPath: tools.client).deletingLastPathComponent().deletingLastPathComponent().path
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../../scripts/mcp/fixture_server.py"
        ).standardizedFileURL.path
        return """
              fixture:
                type: command
                command: [\(tools.client), \(script)]
                paths: [\(venv), \((script as NSString).deletingLastPathComponent)]
            """
    }

    @Test func promptsAndResourcesAreDecidedScannedAndRecorded() async throws {
        let tools = try MCPHarness.tools()
        try await SandboxRoutesTests.requireBackend()
        try await MCPSessionTests.withMCPServer(servers: Self.fixture(tools)) { context in
            let port = try #require(context.client.port)
            let token = ServerHarness.adminToken
            let key = "AKIA" + "IOSFODNN7" + "EXAMPLE"
            let (listed, list) = try await MCPHarness.client(tools, port: port, token: token, ["list-prompts"])
            #expect(listed == 0)
            #expect(
                (list["prompts"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String } == ["fixture__review"])

            let (got, prompt) = try await MCPHarness.client(
                tools, port: port, token: token, ["get-prompt", "fixture__review", #"{"code":"let x = 1"}"#])
            #expect(got == 0)
            #expect("\(prompt)".contains("Please review: let x = 1"))
            let (blocked, block) = try await MCPHarness.client(
                tools, port: port, token: token, ["get-prompt", "fixture__review", #"{"code":"\#(key)"}"#])
            #expect(blocked == 3)
            #expect((block["error"] as? [String: Any])?["code"] as? Int == -32003)

            let (read, readme) = try await MCPHarness.client(
                tools, port: port, token: token, ["read-resource", "fixture://readme"])
            #expect(read == 0)
            let contents = (readme["result"] as? [String: Any])?["contents"] as? [[String: Any]]
            #expect(contents?.first?["text"] as? String == "the fixture's readme")
            let (redacted, leaky) = try await MCPHarness.client(
                tools, port: port, token: token, ["read-resource", "fixture://notes/leaky"])
            #expect(redacted == 0)
            #expect("\(leaky)".contains("[REDACTED:aws-access-key-id]") && !"\(leaky)".contains(key))
            let (refused, refusal) = try await MCPHarness.client(
                tools, port: port, token: token, ["read-resource", "fixture://notes/\(key)"])
            #expect(refused == 3)
            #expect((refusal["error"] as? [String: Any])?["code"] as? Int == -32003)

            let records = try await MCPRoutesTests.toolRecords(context)
            let prompts = records.filter { $0.resource == "fixture/prompt:review" }
            #expect(prompts.map(\.decision).sorted() == ["allow", "deny"])
            #expect(prompts.first { $0.decision == "deny" }?.rule == "secret-scan")
            #expect(prompts.allSatisfy { $0.payloadShape == #"{"code":string}"# })
            #expect(records.contains { $0.resource == "fixture/resource:fixture://readme" && $0.decision == "allow" })
            let uriRefusal = records.first { $0.resource.hasPrefix("fixture/resource:") && $0.decision == "deny" }
            #expect(uriRefusal?.rule == "secret-scan")
            #expect(records.allSatisfy { !$0.resource.contains(key) && !$0.reason.contains(key) })
        }
    }
}
