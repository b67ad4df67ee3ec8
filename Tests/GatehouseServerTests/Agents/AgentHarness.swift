import AsyncHTTPClient
import Foundation
import GatehouseCore
import GatehouseStore
import HTTPTypes
import HummingbirdTesting
import NIOCore
import NIOHTTP1

/// A Gatehouse whose model gateway fronts a ``ScriptedModel`` (alias `scripted`, priced), with
/// rules for agents: developers may run agents and delegate (but never to `auditor`), call
/// built-in tools and start sandboxes on workspaces under ``workspaceRoot``.
enum AgentHarness {
    static let workspaceRoot = NSTemporaryDirectory() + "gatehouse-agent-ws"

    static func config(modelPort: Int, extraGroups: String = "") -> String {
        """
        version: 1
        store: {url: "sqlite:gatehouse.db"}
        bootstrap: {admin_token: env:GATEHOUSE_ADMIN_TOKEN, admin_groups: [admins]}
        sandbox:
          workspace_roots: [\(workspaceRoot)]
        inference:
          upstreams:
            - {name: scripted, base_url: "http://127.0.0.1:\(modelPort)/v1"}
          models:
            - {name: scripted, candidates: [{upstream: scripted, model: scripted}]}
          prices:
            - {route: "scripted/*", input: 1, output: 2}
        groups:
          admins:
            rules:
              - {id: admins-all, effect: allow, actions: ["*"]}
          authenticated:
            rules:
              - {id: own-sessions, effect: allow, actions: [agent.read], resources: [self]}
          developers:
            rules:
              - id: devs-agents
                effect: allow
                actions: [agent.run, agent.delegate, model.use, model.offload, tool.profile, tool.list, tool.call, sandbox.start]
              - {id: devs-no-auditor, effect: deny, actions: [agent.delegate], resources: [auditor], reason: "the auditor agent is for the audit team"}
        \(extraGroups)
        """
    }

    /// What a run streamed.
    struct Run: Sendable {
        var status: Int
        var events: [JSONValue]
        var error: String?

        /// The events of `type`.
        func events(_ type: String) -> [JSONValue] { events.filter { $0["type"]?.stringValue == type } }

        /// The top session's last `session_finished` event.
        var finished: JSONValue? {
            events("session_finished").last { $0["session_id"] == session.map(JSONValue.string) }
        }

        /// The top session's id.
        var session: String? { events("user_message").first?["session_id"]?.stringValue }
    }

    /// Runs the scripted model and a Gatehouse in front of it, with a developer's token.
    static func withGateway(
        _ script: ScriptedModel, _ body: @escaping @Sendable (ServerHarness.Context, String) async throws -> Void
    ) async throws {
        try FileManager.default.createDirectory(atPath: workspaceRoot, withIntermediateDirectories: true)
        try await script.run { port in
            try await ServerHarness.withServer(config: config(modelPort: port)) { context in
                try await body(context, try await developerToken(context))
            }
        }
    }

    /// A token of a developer, `dev`.
    static func developerToken(_ context: ServerHarness.Context) async throws -> String {
        let store = try await SQLiteStore.open(path: context.dataDir + "/gatehouse.db", logger: ServerHarness.logger)
        let token = try await ServerTokens.create(store: store, subject: "dev", groups: ["developers"])
        await store.shutdown()
        return token
    }

    /// Starts a run of `file` and reads its whole event stream.
    static func run(
        _ client: any TestClientProtocol, token: String, file: String, message: String, agent: String? = nil,
        workspace: String? = nil, maxTokens: Int? = nil, interactive: Bool = false
    ) async throws -> Run {
        var body: JSONValue = [
            "file": .string(file), "file_name": "test.yaml", "message": .string(message),
            "interactive": .bool(interactive),
        ]
        if let agent { body["agent"] = .string(agent) }
        if let workspace { body["workspace"] = .string(workspace) }
        if let maxTokens { body["max_tokens"] = .integer(Int64(maxTokens)) }
        return try await post(client, "/api/v1/agents/sessions", token: token, body)
    }

    /// Starts a run over a real HTTP client with no time limit of its own (the test client gives
    /// up after 20 seconds; a real engine loading under a full test run may take longer), on a
    /// connection of its own (the test client has one, so a request sent while the run streams
    /// would wait for it).
    static func runLive(
        port: Int, token: String, file: String, message: String, interactive: Bool = false
    ) async throws -> Run {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/v1/agents/sessions")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Content-Type", value: "application/json")
        let body: JSONValue = [
            "file": .string(file), "file_name": "test.yaml", "message": .string(message),
            "interactive": .bool(interactive),
        ]
        request.body = .bytes(ByteBuffer(bytes: body.encoded))
        let response = try await HTTPClient.shared.execute(request, timeout: .minutes(10))
        let text = String(buffer: try await response.body.collect(upTo: 16 << 20))
        guard response.status == .ok else {
            let error = JSONValue.parse(Data(text.utf8))?["error"]?["message"]?.stringValue
            return Run(status: Int(response.status.code), events: [], error: error)
        }
        return Run(status: 200, events: events(in: text), error: nil)
    }

    static func events(in text: String) -> [JSONValue] {
        text.components(separatedBy: "\n").compactMap { line -> JSONValue? in
            guard line.hasPrefix("data: ") else { return nil }
            return JSONValue.parse(Data(line.dropFirst(6).utf8))
        }
    }

    static func post(_ client: any TestClientProtocol, _ path: String, token: String, _ body: JSONValue) async throws
        -> Run
    {
        var headers = ServerHarness.bearer(token)
        headers[.contentType] = "application/json"
        let response = try await client.execute(
            uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: body.encoded))
        let text = String(buffer: response.body)
        guard response.status == .ok else {
            let error = JSONValue.parse(Data(text.utf8))?["error"]?["message"]?.stringValue
            return Run(status: Int(response.status.code), events: [], error: error)
        }
        return Run(status: 200, events: events(in: text), error: nil)
    }

    /// The Prometheus text of the server's `/metrics`.
    static func metrics(_ client: any TestClientProtocol) async throws -> String {
        String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
    }

    /// The audit records of `action`, oldest first.
    static func audit(_ client: any TestClientProtocol, action: String) async throws -> [JSONValue] {
        try await InferenceHarness.audit(client, action: action)
    }
}
