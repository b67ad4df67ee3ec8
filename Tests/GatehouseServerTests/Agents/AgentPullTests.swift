import Foundation
import GatehouseAgents
import GatehouseCore
import GatehouseInference
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// `gatehouse agent push` then `POST /api/v1/agents/pull` through Gatehouse: an agent file in
/// docker-agent's OCI format travels through the real CNCF registry and the registry proxy's rules.
@Suite struct AgentPullTests {
    static let file = """
        # A reviewer, with a comment and trailing spaces kept byte for byte.\u{20}\u{20}
        version: "7"
        metadata: {author: Ada, license: MIT}
        agents:
          root:
            model: openai/gpt-4o
            instruction: Review the change.

        """

    @Test func aPushedAgentFileIsPulledThroughTheRegistryRules() async throws {
        guard let registry = ProcessInfo.processInfo.environment["GATEHOUSE_TEST_REGISTRY"] else {
            try Test.cancel("GATEHOUSE_TEST_REGISTRY is not set (scripts/test-deps.sh starts the test registry)")
        }
        let package = try AgentPackage.build(yaml: Data(Self.file.utf8), fileName: "reviewer.yaml")
        let tag = "t" + UUID().uuidString.prefix(8).lowercased()
        for repository in ["agents/reviewer", "unvetted/reviewer"] {
            let pushed = try await OCIPusher(plainHTTP: true).push(
                package, to: try OCIReference(parsing: "\(registry)/\(repository):\(tag)"))
            #expect(pushed == package.manifestDigest)
        }
        try await ServerHarness.withServer(config: ModelPullTests.config(what: "agents")) { context in
            let admin = ServerHarness.adminToken
            let pulled = try await InferenceHarness.post(
                context.client, "/api/v1/agents/pull", token: admin,
                #"{"reference":"\#(registry)/agents/reviewer:\#(tag)"}"#)
            #expect(pulled.status == .ok)
            let answer = InferenceHarness.json(pulled)
            #expect(answer["yaml"]?.stringValue == Self.file)
            #expect(answer["digest"]?.stringValue == package.manifestDigest.description)
            #expect(answer["reference"]?.stringValue == "\(registry)/agents/reviewer:\(tag)")

            // The registry rules apply: a denied repository is refused, naming the rule.
            let refused = try await InferenceHarness.post(
                context.client, "/api/v1/agents/pull", token: admin,
                #"{"reference":"\#(registry)/unvetted/reviewer:\#(tag)"}"#)
            #expect(refused.status == .forbidden)
            let message = InferenceHarness.json(refused)["error"]?["message"]?.stringValue ?? ""
            #expect(message.contains("vetted repository") && message.contains("no-unvetted-agents"))

            // Neither is a caller without a credential, nor a body without a reference.
            let anonymous = try await context.client.execute(
                uri: "/api/v1/agents/pull", method: .post, body: ByteBuffer(string: #"{"reference":"x/y:1"}"#))
            #expect(anonymous.status == .unauthorized)
            let malformed = try await InferenceHarness.post(
                context.client, "/api/v1/agents/pull", token: admin, #"{"ref":"x"}"#)
            #expect(malformed.status == .badRequest)
            let metrics = String(buffer: try await context.client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains(#"gatehouse_pulls_total{kind="agent",result="ok"}"#))
            #expect(metrics.contains(#"gatehouse_pulls_total{kind="agent",result="refused"}"#))

            // Both pulls are recorded as image.pull decisions on the reference.
            var records: [JSONValue] = []
            for _ in 0..<50 where !records.contains(where: { $0["decision"]?.stringValue == "deny" }) {
                records = try await InferenceHarness.audit(context.client, action: "image.pull")
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(
                records.contains {
                    $0["resource"]?.stringValue == "\(registry)/agents/reviewer:\(tag)"
                        && $0["outcome"]?.stringValue == "ok manifest=\(package.manifestDigest)"
                })
            #expect(
                records.contains {
                    $0["decision"]?.stringValue == "deny" && $0["rule"]?.stringValue == "no-unvetted-agents"
                        && $0["resource"]?.stringValue == "\(registry)/unvetted/reviewer:\(tag)"
                })
        }
    }
}
