import Foundation
import GatehouseCore
import GatehouseStore
import HTTPTypes
import HummingbirdTesting
import Testing

/// An agent file's own MCP servers: a `command` runs in a sandbox of the run (decided as
/// `sandbox.start`, its tools as `tool.call` on `agent-NAME/TOOL`); a `remote` URL needs
/// `egress.connect` on its host and port, so a server cannot be aimed where its user may not go.
@Suite struct AgentOwnServerTests {
    /// A stdio MCP server in the Python standard library only, so the sandbox's read-only view
    /// of the host's system directories is all it needs.
    static let echoServer = """
        import json, sys
        for line in sys.stdin:
            message = json.loads(line)
            if "id" not in message:
                continue
            method = message["method"]
            if method == "initialize":
                result = {"protocolVersion": message["params"]["protocolVersion"], "capabilities": {"tools": {}}, "serverInfo": {"name": "echo", "version": "1"}}
            elif method == "tools/list":
                result = {"tools": [{"name": "echo", "description": "Echo a text", "inputSchema": {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}, "annotations": {"readOnlyHint": True}}]}
            elif method == "tools/call":
                result = {"content": [{"type": "text", "text": "echo: " + message["params"]["arguments"]["text"]}]}
            else:
                result = {}
            print(json.dumps({"jsonrpc": "2.0", "id": message["id"], "result": result}), flush=True)
        """

    @Test func aCommandServerOfTheFileRunsInASandboxAndItsCallsAreGoverned() async throws {
        try await SandboxRoutesTests.requireBackend()
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else {
            try Test.cancel("/usr/bin/python3 is missing (scripts/test-deps.sh installs Debian's python3)")
        }
        let indented = Self.echoServer.split(separator: "\n").map { "              " + $0 }.joined(separator: "\n")
        let file = """
            version: "7"
            agents:
              root:
                model: scripted
                instruction: "[echoing] Use the echo tool."
                toolsets:
                  - type: mcp
                    name: echoer
                    command: /usr/bin/python3
                    args:
                      - -c
                      - |
            \(indented)
            """
        let script = ScriptedModel([
            .init(agent: "[echoing]", turn: 0, reply: .calls([("echoer_echo", #"{"text": "hi"}"#)])),
            .init(agent: "[echoing]", turn: 1, reply: .text("{{last_tool}}")),
        ])
        try await AgentHarness.withGateway(script) { context, token in
            let run = try await AgentHarness.run(context.client, token: token, file: file, message: "Echo hi")
            #expect(run.finished?["state"]?.stringValue == "finished", "\(run.events("error"))")
            #expect(run.finished?["final_answer"]?.stringValue == "echo: hi")
            let offered = script.requests.first?["tools"]?.arrayValue?.compactMap {
                $0["function"]?["name"]?.stringValue
            }
            #expect(offered == ["echoer_echo"])
            let calls = try await AgentHarness.audit(context.client, action: "tool.call")
            #expect(calls.map { $0["resource"]?.stringValue } == ["agent-echoer/echo"])
            let starts = try await AgentHarness.audit(context.client, action: "sandbox.start")
            #expect(starts.count == 1 && starts.first?["decision"]?.stringValue == "allow")
            let metrics = try await AgentHarness.metrics(context.client)
            #expect(metrics.contains(#"gatehouse_tool_calls_total{server="agent-echoer",outcome="ok"}"#))
            #expect(metrics.contains("gatehouse_sandbox_starts_total{backend="))
            #expect(metrics.contains("gatehouse_sandboxes_running"))
        }
    }

    @Test func twoOwnServersOfOneNameAreRefusedSoNoDecisionStandsForAnother() async throws {
        try await SandboxRoutesTests.requireBackend()
        let file = """
            version: "7"
            agents:
              root:
                model: scripted
                instruction: "[twins] Use your tools."
                toolsets:
                  - {type: mcp, name: tools, command: /usr/bin/true}
                  - {type: mcp, name: Tools, command: /usr/bin/false}
            """
        let script = ScriptedModel([.init(agent: "[twins]", turn: 0, reply: .text("never"))])
        try await AgentHarness.withGateway(script) { context, token in
            let run = try await AgentHarness.run(context.client, token: token, file: file, message: "Go")
            #expect(run.finished?["state"]?.stringValue == "failed")
            #expect(run.finished?["error"]?.stringValue?.contains("distinct names") == true)
            #expect(script.requests.isEmpty)
        }
    }

    @Test func aCatalogServerInNoProfileTheCallerMayUseIsRefusedAndRecorded() async throws {
        let tools = try MCPHarness.tools()
        let directory = NSTemporaryDirectory() + "gatehouse-agent-profile-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try """
        registry:
          time:
            type: command
            command: [\(tools.timeVenv)/bin/mcp-server-time]
            paths: [\(tools.timeVenv)]
        """.write(toFile: directory + "/catalog.yaml", atomically: true, encoding: .utf8)
        let file = """
            version: "7"
            agents:
              root:
                model: scripted
                instruction: "[clocked] Tell the time."
                toolsets: [{type: mcp, ref: "docker:time"}]
            """
        let script = ScriptedModel([.init(agent: "[clocked]", turn: 0, reply: .text("never"))])
        try await script.run { port in
            let config = AgentHarness.config(modelPort: port).replacingOccurrences(
                of: "groups:\n",
                with: """
                    mcp:
                      catalogs: [\(directory)/catalog.yaml]
                    groups:
                      developers-without-tools:
                        rules:
                          - {id: no-mcp-profiles, effect: deny, actions: [tool.profile], reason: "MCP is not for this group"}

                    """)
            try await ServerHarness.withServer(config: config) { context in
                let store = try await SQLiteStore.open(
                    path: context.dataDir + "/gatehouse.db", logger: ServerHarness.logger)
                let token = try await ServerTokens.create(
                    store: store, subject: "dev", groups: ["developers", "developers-without-tools"])
                await store.shutdown()
                let run = try await AgentHarness.run(context.client, token: token, file: file, message: "Time?")
                #expect(run.finished?["state"]?.stringValue == "failed")
                #expect(
                    run.finished?["error"]?.stringValue?.contains("no MCP profile you may use has the server time")
                        == true)
                #expect(script.requests.isEmpty)
                let refusals = try await AgentHarness.audit(context.client, action: "tool.profile")
                #expect(refusals.map { $0["resource"]?.stringValue } == ["server:time"])
                #expect(refusals.first?["decision"]?.stringValue == "deny")
            }
        }
    }

    @Test func aRemoteServerTheCallerMayNotReachIsRefusedAndRecorded() async throws {
        let file = """
            version: "7"
            agents:
              root:
                model: scripted
                instruction: "[remote] Use your tools."
                toolsets:
                  - type: mcp
                    remote: {url: "http://127.0.0.1:9/mcp"}
            """
        let script = ScriptedModel([.init(agent: "[remote]", turn: 0, reply: .text("unreachable"))])
        try await AgentHarness.withGateway(script) { context, token in
            let run = try await AgentHarness.run(context.client, token: token, file: file, message: "Go")
            #expect(run.finished?["state"]?.stringValue == "failed")
            #expect(script.requests.isEmpty)
            let egress = try await AgentHarness.audit(context.client, action: "egress.connect")
            #expect(egress.map { $0["resource"]?.stringValue } == ["127.0.0.1:9"])
            #expect(egress.first?["decision"]?.stringValue == "deny")
        }
    }
}
