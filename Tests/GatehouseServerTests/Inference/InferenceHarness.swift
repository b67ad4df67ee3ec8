import Foundation
import GatehouseCore
import GatehouseStore
import HTTPTypes
import HummingbirdTesting
import NIOCore

/// A Gatehouse whose model API fronts a ``FakeUpstream``: an alias `fast` whose local
/// candidate is missing (so requests offload), priced, with limits for some groups.
enum InferenceHarness {
    static func config(upstreamPort: Int, extra: String = "") -> String {
        """
        version: 1
        store: {url: "sqlite:gatehouse.db"}
        bootstrap: {admin_token: env:GATEHOUSE_ADMIN_TOKEN, admin_groups: [admins]}
        inference:
          upstreams:
            - {name: cloud, base_url: "http://127.0.0.1:\(upstreamPort)/v1", api_key: env:TEST_CLOUD_KEY}
          models:
            - {name: fast, candidates: [{local: "not-pulled"}, {upstream: cloud, model: gpt-test}]}
          prices:
            - {route: "cloud/*", input: 1, output: 2}
          limits:
            - {id: each-dev, group: developers, per_user: true, rpm: 3}
            - {id: thrifty, group: budgeted, monthly_budget: 0.00004}
        groups:
          admins:
            rules:
              - {id: admins-all, effect: allow, actions: ["*"]}
          authenticated:
            rules:
              - {id: own-usage, effect: allow, actions: [usage.read], resources: [self]}
          developers:
            rules:
              - {id: devs-use, effect: allow, actions: [model.use, model.list], resources: ["fast", "*"]}
              - {id: devs-offload, effect: allow, actions: [model.offload], resources: ["cloud/*"]}
          budgeted:
            rules:
              - {id: budgeted-use, effect: allow, actions: [model.use, model.offload]}
          local-only:
            rules:
              - {id: local-only-use, effect: allow, actions: [model.use]}
        """ + extra
    }

    /// Runs the upstream and a Gatehouse in front of it, with tokens for the people the tests use.
    static func withGateway(
        extra: String = "",
        _ body: @escaping @Sendable (ServerHarness.Context, FakeUpstream, [String: String]) async throws -> Void
    ) async throws {
        let upstream = FakeUpstream()
        try await upstream.run { port in
            try await ServerHarness.withServer(
                config: config(upstreamPort: port, extra: extra), environment: ["TEST_CLOUD_KEY": FakeUpstream.key]
            ) { context in
                let store = try await SQLiteStore.open(
                    path: context.dataDir + "/gatehouse.db", logger: ServerHarness.logger)
                var tokens: [String: String] = [:]
                for (name, groups) in [("dev", ["developers"]), ("saver", ["budgeted"]), ("homebody", ["local-only"])] {
                    tokens[name] = try await ServerTokens.create(store: store, subject: name, groups: groups)
                }
                await store.shutdown()
                try await body(context, upstream, tokens)
            }
        }
    }

    static func post(
        _ client: any TestClientProtocol, _ path: String, token: String, _ json: String
    ) async throws -> TestResponse {
        var headers = ServerHarness.bearer(token)
        headers[.contentType] = "application/json"
        return try await client.execute(
            uri: path, method: .post, headers: headers, body: ByteBuffer(string: json))
    }

    static func json(_ response: TestResponse) -> JSONValue {
        JSONValue.parse(Data(response.body.readableBytesView)) ?? .null
    }

    /// The audit records of `action`.
    static func audit(_ client: any TestClientProtocol, action: String) async throws -> [JSONValue] {
        let response = try await client.execute(
            uri: "/api/v1/audit?action=\(action)&limit=100", method: .get,
            headers: ServerHarness.bearer(ServerHarness.adminToken))
        return json(response)["records"]?.arrayValue ?? []
    }
}
