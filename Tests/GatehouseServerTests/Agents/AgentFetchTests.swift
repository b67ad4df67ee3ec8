import Foundation
import GatehouseCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The `fetch` toolset goes out through Gatehouse's egress proxy: `curl` in a sandbox whose only
/// way out is the proxy, which decides the host by policy and records it.
@Suite struct AgentFetchTests {
    @Test func aFetchReachesAnAllowedHostThroughTheEgressProxyAndARefusedOneIsRecorded() async throws {
        try await SandboxRoutesTests.requireBackend()
        let router = Router()
        router.get("/page") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/html"],
                body: .init(
                    byteBuffer: ByteBuffer(
                        string:
                            "<html><head><script>var x=1</script></head><body><h1>Release notes</h1><p>All green.</p></body></html>"
                    )))
        }
        let pages = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await pages.test(.live) { pageClient in
            let port = try #require(pageClient.port)
            let file = """
                version: "7"
                agents:
                  root:
                    model: scripted
                    instruction: "[fetcher] Read pages."
                    toolsets: [{type: fetch}]
                """
            let script = ScriptedModel([
                .init(
                    agent: "[fetcher]", turn: 0,
                    reply: .calls([("fetch", #"{"urls": ["http://127.0.0.1:\#(port)/page"], "format": "text"}"#)])),
                .init(
                    agent: "[fetcher]", turn: 1,
                    reply: .calls([("fetch", #"{"urls": ["http://127.0.0.2:\#(port)/page"], "format": "text"}"#)])),
                .init(agent: "[fetcher]", turn: 2, reply: .text("done")),
            ])
            try await script.run { modelPort in
                let config = AgentHarness.config(modelPort: modelPort).replacingOccurrences(
                    of: "  developers:\n    rules:\n",
                    with: """
                          developers:
                            rules:
                              - {id: devs-local-egress, effect: allow, actions: [egress.connect], resources: ["127.0.0.1:*"]}

                        """)
                try await ServerHarness.withServer(config: config) { context in
                    let token = try await AgentHarness.developerToken(context)
                    let run = try await AgentHarness.run(context.client, token: token, file: file, message: "Read it")
                    #expect(run.finished?["state"]?.stringValue == "finished", "\(run.events("error"))")
                    let responses = run.events("tool_call_response").map { $0["response"]?.stringValue ?? "" }
                    #expect(responses.first?.contains("Release notes") == true, "\(responses)")
                    #expect(responses.first?.contains("All green.") == true)
                    #expect(responses.first?.contains("var x") == false)
                    #expect(responses.last?.contains("Release notes") == false)
                    let egress = try await AgentHarness.audit(context.client, action: "egress.connect")
                    let decided = Dictionary(
                        egress.map { ($0["resource"]?.stringValue ?? "", $0["decision"]?.stringValue ?? "") },
                        uniquingKeysWith: { first, _ in first })
                    #expect(decided["127.0.0.1:\(port)"] == "allow")
                    #expect(decided["127.0.0.2:\(port)"] == "deny")
                }
            }
        }
    }
}
