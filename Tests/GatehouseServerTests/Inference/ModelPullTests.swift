import AsyncHTTPClient
import Foundation
import GatehouseCore
import GatehouseInference
import HTTPTypes
import HummingbirdTesting
import NIOCore
import NIOHTTP1
import Testing

/// `gatehouse model package --push` then `/api/pull` through Gatehouse: a model in Docker Model
/// Runner's OCI format travels through the real CNCF registry and the registry proxy's rules
/// into the model store.
@Suite struct ModelPullTests {
    /// Admins may do anything but pull `what` from a repository under `unvetted/`.
    static func config(what: String = "models") -> String {
        """
        version: 1
        store: {url: "sqlite:gatehouse.db"}
        bootstrap: {admin_token: env:GATEHOUSE_ADMIN_TOKEN, admin_groups: [admins]}
        registry:
          upstreams:
            - {host: "127.0.0.1:*", plain_http: true}
        groups:
          admins:
            rules:
              - {id: admins-all, effect: allow, actions: ["*"]}
              - id: no-unvetted-\(what)
                effect: deny
                actions: [image.pull]
                resources: ["*/unvetted/*"]
                reason: \(what) come from the vetted repository
        """
    }

    @Test func aPushedModelIsPulledThroughTheRegistryRules() async throws {
        guard let registry = ProcessInfo.processInfo.environment["GATEHOUSE_TEST_REGISTRY"] else {
            try Test.cancel("GATEHOUSE_TEST_REGISTRY is not set (scripts/test-deps.sh starts the test registry)")
        }
        guard let gguf = RealEngine.gguf else {
            try Test.cancel("GATEHOUSE_TEST_SMOLLM2_GGUF is not set (scripts/inference-deps.sh install)")
        }
        let package = try DMRPackage.build(ggufPath: gguf)
        let tag = "t" + UUID().uuidString.prefix(8).lowercased()
        for repository in ["models/smollm2", "unvetted/smollm2"] {
            _ = try await OCIPusher(plainHTTP: true).push(
                package, to: try OCIReference(parsing: "\(registry)/\(repository):\(tag)"))
        }
        try await ServerHarness.withServer(config: Self.config()) { context in
            let admin = ServerHarness.adminToken
            // The pull moves the whole model (about 100 MB) through the proxy; under a loaded full
            // run that can take longer than the test client's 20 s, so it goes through a client
            // with a longer deadline.
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(try #require(context.client.port))/api/pull")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(admin)")
            request.body = .bytes(ByteBuffer(string: #"{"model":"\#(registry)/models/smollm2:\#(tag)"}"#))
            let pulled = try await HTTPClient.shared.execute(request, timeout: .seconds(300))
            #expect(pulled.status == .ok)
            let text = String(buffer: try await pulled.body.collect(upTo: 1 << 20))
            let statuses = text.split(separator: "\n").compactMap {
                JSONValue.parse(Data($0.utf8))?["status"]?.stringValue
            }
            #expect(statuses.first == "pulling manifest")
            #expect(statuses.last == "success")
            let stored = try ModelStore(root: context.dataDir + "/models").model(named: "models/smollm2:\(tag)")
            #expect(stored.digest == package.layers[0].descriptor.digest)
            #expect(stored.architecture == "llama")
            // A pull never silently replaces a model that came from elsewhere.
            _ = try ModelStore(root: context.dataDir + "/models").importFile(path: gguf, name: "taken:1")
            let clash = try await InferenceHarness.post(
                context.client, "/api/pull", token: admin,
                #"{"model":"\#(registry)/models/smollm2:\#(tag)","as":"taken:1"}"#)
            #expect(clash.status == .conflict)
            _ = try ModelStore(root: context.dataDir + "/models").remove(named: "taken:1")
            // The registry rules apply: a denied repository is refused and nothing is stored.
            let refused = try await InferenceHarness.post(
                context.client, "/api/pull", token: admin, #"{"model":"\#(registry)/unvetted/smollm2:\#(tag)"}"#)
            #expect(refused.status == .forbidden)
            #expect(InferenceHarness.json(refused)["error"]?.stringValue?.contains("vetted repository") == true)
            #expect(try ModelStore(root: context.dataDir + "/models").list().count == 1)
            let metrics = String(buffer: try await context.client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains(#"gatehouse_pulls_total{kind="model",result="ok"}"#))
            #expect(metrics.contains(#"gatehouse_pulls_total{kind="model",result="refused"}"#))
            // The streamed pull's end is its own record, written once the client has the last line.
            var records: [JSONValue] = []
            for _ in 0..<50
            where !records.contains(where: { $0["outcome"]?.stringValue?.hasPrefix("ok stored=") == true }) {
                records = try await InferenceHarness.audit(context.client, action: "model.manage")
                try await Task.sleep(for: .milliseconds(100))
            }
            let storedOutcome = "ok stored=models/smollm2:\(tag) manifest=\(package.manifestDigest)"
            #expect(records.contains { $0["outcome"]?.stringValue == storedOutcome })
            #expect(records.contains { $0["outcome"]?.stringValue?.hasPrefix("ok pulling") == true })
            #expect(records.contains { $0["outcome"]?.stringValue == "error:conflict" })
            #expect(
                records.contains {
                    $0["decision"]?.stringValue == "deny" && $0["rule"]?.stringValue == "no-unvetted-models"
                })
            // And removal: gone from the store and the listing.
            var headers = ServerHarness.bearer(admin)
            headers[.contentType] = "application/json"
            let removed = try await context.client.execute(
                uri: "/api/delete", method: .delete, headers: headers,
                body: ByteBuffer(string: #"{"model":"models/smollm2:\#(tag)"}"#))
            #expect(removed.status == .ok)
            #expect(try ModelStore(root: context.dataDir + "/models").list().isEmpty)
        }
    }
}
