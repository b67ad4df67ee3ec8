import Foundation
import GatehouseCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// `/mcp` with the official Python MCP client and the real `mcp-server-time`, in sandboxes.
@Suite struct MCPRoutesTests {
    static let token = ServerHarness.adminToken

    @Test func thePythonClientListsAndCallsOnlyWhatThePolicyAllowsAndEveryCallIsRecorded() async throws {
        let tools = try MCPHarness.tools()
        try await SandboxRoutesTests.requireBackend()
        let directory = NSTemporaryDirectory() + "gatehouse-mcp-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await ServerHarness.withServer(config: try MCPHarness.config(tools, directory: directory)) { context in
            let port = try #require(context.client.port)
            let (listed, list) = try await MCPHarness.client(tools, port: port, token: Self.token, ["list-tools"])
            #expect(listed == 0)
            let names = (list["tools"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(names.contains("time__get_current_time"))
            // Denied by the policy, so not even listed.
            #expect(!names.contains("time__convert_time"))

            let (called, call) = try await MCPHarness.client(
                tools, port: port, token: Self.token, ["call", "time__get_current_time", #"{"timezone":"UTC"}"#])
            #expect(called == 0)
            let result = call["result"] as? [String: Any]
            #expect((result?["structuredContent"] as? [String: Any])?["timezone"] as? String == "UTC")

            let (refused, refusal) = try await MCPHarness.client(
                tools, port: port, token: Self.token,
                ["call", "time__convert_time", #"{"source_timezone":"UTC","time":"12:00","target_timezone":"UTC"}"#])
            #expect(refused == 3)
            #expect((refusal["error"] as? [String: Any])?["code"] as? Int == -32001)

            let key = "AKIA" + "IOSFODNN7" + "EXAMPLE"
            let (blocked, block) = try await MCPHarness.client(
                tools, port: port, token: Self.token, ["call", "time__get_current_time", #"{"timezone":"\#(key)"}"#])
            #expect(blocked == 3)
            let blockError = block["error"] as? [String: Any]
            #expect(blockError?["code"] as? Int == -32003)
            let blockMessage = blockError?["message"] as? String ?? ""
            #expect(!blockMessage.isEmpty && !blockMessage.contains(key))

            let records = try await Self.toolRecords(context)
            let ok = records.first { $0.resource == "time/get_current_time" && $0.decision == "allow" }
            #expect(ok?.outcome.hasPrefix("ok result_bytes=") == true)
            #expect(ok?.payloadShape == #"{"timezone":string}"#)
            #expect(records.contains { $0.resource == "time/convert_time" && $0.rule == "no-convert" })
            let secret = records.first { $0.rule == "secret-scan" }
            #expect(secret?.decision == "deny")
            #expect(secret.map { !$0.reason.contains(key) } == true)
        }
    }

    struct Record: Decodable {
        let action: String
        let resource: String
        let decision: String
        let rule: String
        let reason: String
        let outcome: String
        let payloadShape: String

        enum CodingKeys: String, CodingKey {
            case action, resource, decision, rule, reason, outcome
            case payloadShape = "payload_shape"
        }
    }

    struct Page: Decodable {
        let records: [Record]
    }

    static func toolRecords(_ context: ServerHarness.Context) async throws -> [Record] {
        try await context.client.execute(
            uri: "/api/v1/audit?action=tool.call&limit=100", method: .get, headers: ServerHarness.bearer(token)
        ) { response in
            #expect(response.status == .ok)
            return try ServerHarness.decode(Page.self, response.body).records
        }
    }

    @Test func withoutATokenTheClientIsPointedAtTheProtectedResourceMetadata() async throws {
        let tools = try MCPHarness.tools()
        let directory = NSTemporaryDirectory() + "gatehouse-mcp-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await ServerHarness.withServer(config: try MCPHarness.config(tools, directory: directory)) { context in
            let body = ByteBuffer(string: #"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#)
            try await context.client.execute(uri: "/mcp", method: .post, body: body) { response in
                #expect(response.status == .unauthorized)
                let challenge = response.headers[.wwwAuthenticate] ?? ""
                #expect(challenge.hasPrefix("Bearer resource_metadata=\"http://"))
                #expect(challenge.hasSuffix("/.well-known/oauth-protected-resource\""))
            }
            try await context.client.execute(uri: "/.well-known/oauth-protected-resource", method: .get) { response in
                #expect(response.status == .ok)
                let json =
                    try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                #expect((json?["resource"] as? String)?.hasSuffix("/mcp") == true)
                #expect((json?["authorization_servers"] as? [String])?.isEmpty == false)
            }
            // A page of another origin is refused even with a valid token.
            var headers = ServerHarness.bearer(Self.token)
            headers[.origin] = "https://evil.example.net"
            try await context.client.execute(uri: "/mcp", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .forbidden)
            }
        }
    }
}
