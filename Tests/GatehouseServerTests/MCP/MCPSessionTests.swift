import Foundation
import GatehouseCore
import GatehouseTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Sessions, the stateless revision, catalog imports and the process bounds, over HTTP.
@Suite struct MCPSessionTests {
    static let token = ServerHarness.adminToken

    static func headers(session: String? = nil, _ extra: [HTTPField.Name: String] = [:]) -> HTTPFields {
        var fields = ServerHarness.bearer(token)
        fields[.contentType] = "application/json"
        fields[.accept] = "application/json, text/event-stream"
        if let session { fields[HTTPField.Name("Mcp-Session-Id")!] = session }
        for (name, value) in extra { fields[name] = value }
        return fields
    }

    /// A live server over ``MCPHarness/config(_:directory:extra:servers:)``: the time server,
    /// and `servers` (catalog entries) when given.
    static func withMCPServer(
        extra: String = "", servers: String = "",
        _ body: @escaping @Sendable (ServerHarness.Context) async throws -> Void
    ) async throws {
        let tools = try MCPHarness.tools()
        let directory = NSTemporaryDirectory() + "gatehouse-mcp-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await ServerHarness.withServer(
            config: try MCPHarness.config(tools, directory: directory, extra: extra, servers: servers), body)
    }

    @Test func anEndedSessionIsNotFoundAndAnotherUsersSessionIdIsWorthless() async throws {
        try await Self.withMCPServer { context in
            let initialize = ByteBuffer(
                string:
                    #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#
            )
            let session = try await context.client.execute(
                uri: "/mcp", method: .post, headers: Self.headers(), body: initialize
            ) { response in
                #expect(response.status == .ok)
                return try #require(response.headers[HTTPField.Name("Mcp-Session-Id")!])
            }
            let ping = ByteBuffer(string: #"{"jsonrpc":"2.0","id":2,"method":"ping"}"#)
            try await context.client.execute(
                uri: "/mcp", method: .post, headers: Self.headers(session: session), body: ping
            ) { #expect($0.status == .ok) }
            // Without the header: 400; with a forged one: 404.
            try await context.client.execute(uri: "/mcp", method: .post, headers: Self.headers(), body: ping) {
                #expect($0.status == .badRequest)
            }
            var forged = Array(session)
            forged[forged.count / 2] = forged[forged.count / 2] == "A" ? "B" : "A"
            try await context.client.execute(
                uri: "/mcp", method: .post, headers: Self.headers(session: String(forged)), body: ping
            ) { #expect($0.status == .notFound) }
            // The same session id under another profile's URL is not that profile's session.
            try await context.client.execute(
                uri: "/mcp/other", method: .post, headers: Self.headers(session: session), body: ping
            ) { #expect($0.status == .notFound) }
            try await context.client.execute(uri: "/mcp", method: .delete, headers: Self.headers(session: session)) {
                #expect($0.status == .noContent)
            }
            try await context.client.execute(
                uri: "/mcp", method: .post, headers: Self.headers(session: session), body: ping
            ) { #expect($0.status == .notFound) }
        }
    }

    @Test func aCallAskingForProgressIsAnsweredAsAResumableEventStream() async throws {
        try await Self.withMCPServer { context in
            let initialize = ByteBuffer(
                string:
                    #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#
            )
            let session = try await context.client.execute(
                uri: "/mcp", method: .post, headers: Self.headers(), body: initialize
            ) { try #require($0.headers[HTTPField.Name("Mcp-Session-Id")!]) }
            let call = ByteBuffer(
                string:
                    #"{"jsonrpc":"2.0","id":"c1","method":"tools/call","params":{"name":"time__get_current_time","arguments":{"timezone":"UTC"},"_meta":{"progressToken":"p1"}}}"#
            )
            let events = try await context.client.execute(
                uri: "/mcp", method: .post, headers: Self.headers(session: session), body: call
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/event-stream")
                return String(buffer: response.body)
            }
            // The priming event (an id, no data), then the response, each with an id.
            let blocks = events.components(separatedBy: "\n\n").filter { !$0.isEmpty }
            #expect(blocks.first?.hasPrefix("id: ") == true && blocks.first?.hasSuffix("data:") == true)
            let last = try #require(blocks.last)
            #expect(last.contains(#""id":"c1""#) && last.contains("UTC"))
            let lastID = try #require(last.split(separator: "\n").first { $0.hasPrefix("id: ") }).dropFirst(4)
            let primingID = try #require(blocks.first?.split(separator: "\n").first).dropFirst(4)
            // Resuming after the priming event replays the response.
            var resume = Self.headers(session: session)
            resume[HTTPField.Name("Last-Event-ID")!] = String(primingID)
            resume[.accept] = "text/event-stream"
            try await context.client.execute(uri: "/mcp", method: .get, headers: resume) { response in
                #expect(response.status == .ok)
                let replay = String(buffer: response.body)
                #expect(replay.contains("id: \(lastID)") && replay.contains(#""id":"c1""#))
            }
        }
    }

    @Test func theStatelessRevisionChecksItsMirroredHeadersAgainstTheBody() async throws {
        try await Self.withMCPServer { context in
            let meta =
                #""_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}"#
            let discover = ByteBuffer(
                string: #"{"jsonrpc":"2.0","id":1,"method":"server/discover","params":{\#(meta)}}"#)
            let version = HTTPField.Name("MCP-Protocol-Version")!
            let method = HTTPField.Name("Mcp-Method")!
            let name = HTTPField.Name("Mcp-Name")!
            try await context.client.execute(
                uri: "/mcp", method: .post, headers: Self.headers([version: "2026-07-28", method: "server/discover"]),
                body: discover
            ) { response in
                #expect(response.status == .ok)
                let json =
                    try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                let result = json?["result"] as? [String: Any]
                #expect((result?["supportedVersions"] as? [String])?.first == "2026-07-28")
            }
            let call = ByteBuffer(
                string:
                    #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"time__get_current_time","arguments":{"timezone":"UTC"},\#(meta)}}"#
            )
            // The header names another tool than the body: refused before anything is decided.
            try await context.client.execute(
                uri: "/mcp", method: .post,
                headers: Self.headers([version: "2026-07-28", method: "tools/call", name: "time__convert_time"]),
                body: call
            ) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("-32020"))
            }
            try await context.client.execute(
                uri: "/mcp", method: .post,
                headers: Self.headers([version: "2026-07-28", method: "tools/call", name: "time__get_current_time"]),
                body: call
            ) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.contains(#""resultType":"complete""#) && text.contains("UTC"))
            }
            // A method the gateway does not have is 404 in this revision.
            let unknown = ByteBuffer(string: #"{"jsonrpc":"2.0","id":3,"method":"nope/nope","params":{\#(meta)}}"#)
            try await context.client.execute(
                uri: "/mcp", method: .post, headers: Self.headers([version: "2026-07-28", method: "nope/nope"]),
                body: unknown
            ) { #expect($0.status == .notFound) }
        }
    }

    @Test func fiftyParallelClientsStayWithinThePoolAndLeaveNoProcessBehind() async throws {
        let tools = try MCPHarness.tools()
        try await SandboxRoutesTests.requireBackend()
        // A time zone no other test uses marks this server's processes.
        let marker = "Etc/GMT-7"
        let directory = NSTemporaryDirectory() + "gatehouse-mcp-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = try MCPHarness.config(tools, directory: directory)
        try String(contentsOfFile: directory + "/catalog.yaml", encoding: .utf8)
            .replacingOccurrences(of: "--local-timezone, UTC", with: "--local-timezone, \"\(marker)\"")
            .write(toFile: directory + "/catalog.yaml", atomically: true, encoding: .utf8)
        let python = tools.timeVenv + "/bin/python3"
        try await ServerHarness.withServer(config: config) { context in
            let port = try #require(context.client.port)
            let (status, report) = try await MCPHarness.client(
                tools, port: port, token: Self.token,
                ["parallel", "--clients", "50", "--calls", "2", "time__get_current_time", #"{"timezone":"UTC"}"#])
            #expect(status == 0)
            #expect(report["ok"] as? Int == 100)
            // The catalog entry allows two processes; there are never more.
            #expect((1...2).contains(ProcessTable.running(program: python, argument: marker).count))
        }
        // The server has shut down: its tool servers are gone, and none is a zombie.
        #expect(ProcessTable.running(program: python, argument: marker).isEmpty)
        #expect(await ProcessTable.lastingZombies().isEmpty)
    }

    @Test func anImportedCatalogServesItsServersAtOnce() async throws {
        let tools = try MCPHarness.tools()
        try await Self.withMCPServer { context in
            let yaml = """
                name: extra
                registry:
                  clock:
                    type: command
                    command: [\(tools.timeVenv)/bin/mcp-server-time, --local-timezone, UTC]
                    paths: [\(tools.timeVenv)]
                  container-only:
                    type: poci
                    tools: [{name: x, container: {image: alpine}}]
                """
            let body = try JSONSerialization.data(withJSONObject: ["name": "extra", "yaml": yaml])
            try await context.client.execute(
                uri: "/api/v1/mcp/catalogs", method: .post, headers: Self.headers(), body: ByteBuffer(bytes: body)
            ) { response in
                #expect(response.status == .ok)
                let json =
                    try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                #expect(json?["servers"] as? Int == 1)
                #expect((json?["skipped"] as? [String: String])?["container-only"] != nil)
            }
            try await context.client.execute(
                uri: "/api/v1/mcp/tools?profile=default", method: .get, headers: Self.headers()
            ) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("clock__get_current_time"))
            }
            // Without a token, nothing is imported (and the body is not even read).
            try await context.client.execute(
                uri: "/api/v1/mcp/catalogs", method: .post, body: ByteBuffer(bytes: body)
            ) { #expect($0.status == .unauthorized) }
            // A broken catalog is refused whole, naming the problem.
            let bad = try JSONSerialization.data(withJSONObject: [
                "name": "bad", "yaml": "registry:\n  x:\n    nmae: y\n",
            ])
            try await context.client.execute(
                uri: "/api/v1/mcp/catalogs", method: .post, headers: Self.headers(), body: ByteBuffer(bytes: bad)
            ) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("nmae"))
            }
        }
    }
}
