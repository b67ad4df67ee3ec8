import Foundation
import GatehouseCore
import GatehouseStore
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct TokenRoutesTests {
    static let config = ServerHarness.config

    struct Created: Decodable {
        let id: String
        let token: String?
        let scopes: [String]
        let expires_at: String?
    }

    struct Listed: Decodable {
        struct Token: Decodable {
            let id: String
            let token: String?
            let revoked_at: String?
        }
        let tokens: [Token]
    }

    static func create(
        _ client: any TestClientProtocol, token: String, _ json: String, expect status: HTTPResponse.Status = .created
    ) async throws -> (Created?, String) {
        try await client.execute(
            uri: "/api/v1/tokens", method: .post, headers: ServerHarness.bearer(token),
            body: ByteBuffer(string: json)
        ) { response in
            #expect(response.status == status, "\(String(buffer: response.body))")
            let message = (try? ServerHarness.decode(ServerHarness.ErrorBody.self, response.body))?.error.message
            return (try? ServerHarness.decode(Created.self, response.body), message ?? String(buffer: response.body))
        }
    }

    @Test func createUseListAndRevoke() async throws {
        try await ServerHarness.withServer(config: Self.config) { context in
            let client = context.client
            let (created, _) = try await Self.create(
                client, token: ServerHarness.adminToken,
                #"{"name": "ci", "ttl": "2h", "scopes": ["audit.read", "token.*"]}"#)
            let minted = try #require(created?.token)
            #expect(minted.hasPrefix("gth_"))
            #expect(created?.scopes == ["audit.read", "token.*"])

            // The new token works within its scope and nowhere else.
            try await client.execute(uri: "/api/v1/audit?limit=1", method: .get, headers: ServerHarness.bearer(minted))
            {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/api/v1/audit/verify", method: .get, headers: ServerHarness.bearer(minted)) {
                response in
                #expect(response.status == .forbidden)
                let body = try ServerHarness.decode(ServerHarness.ErrorBody.self, response.body)
                #expect(body.error.message.contains("(rule token-scope)"))
            }
            // It cannot mint a wider token, nor one that outlives it; a narrower one inherits.
            let (_, wider) = try await Self.create(
                client, token: minted, #"{"name": "wider", "scopes": ["*"]}"#, expect: .forbidden)
            #expect(wider == "a token limited to audit.read token.* cannot create a token with wider scopes")
            let (_, longer) = try await Self.create(
                client, token: minted, #"{"name": "longer", "ttl": "3h"}"#, expect: .badRequest)
            #expect(longer.hasPrefix("ttl reaches past the expiry of the token used to create it"))
            let (narrower, _) = try await Self.create(client, token: minted, #"{"name": "narrower", "ttl": "1h"}"#)
            #expect(narrower?.scopes == ["audit.read", "token.*"])

            // Listing never shows a secret; revoking takes effect on the next request.
            try await client.execute(
                uri: "/api/v1/tokens", method: .get, headers: ServerHarness.bearer(ServerHarness.adminToken)
            ) {
                response in
                let listed = try ServerHarness.decode(Listed.self, response.body)
                #expect(listed.tokens.map(\.id).contains(created?.id ?? "?"))
                #expect(listed.tokens.allSatisfy { $0.token == nil })
                #expect(!String(buffer: response.body).contains(minted))
            }
            try await client.execute(
                uri: "/api/v1/tokens/\(created?.id ?? "")", method: .delete,
                headers: ServerHarness.bearer(ServerHarness.adminToken)
            ) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("revoked_at"))
            }
            try await client.execute(uri: "/api/v1/audit?limit=1", method: .get, headers: ServerHarness.bearer(minted))
            {
                response in
                #expect(response.status == .unauthorized)
            }

            // Every step is in the trail, and no secret is.
            let store = try await SQLiteStore.open(
                path: context.dataDir + "/gatehouse.db", logger: ServerHarness.logger)
            let records = try await store.queryAudit(AuditQuery(limit: 50))
            #expect(records.contains { $0.event.action == "token.create" && $0.event.outcome == "ok" })
            #expect(records.contains { $0.event.action == "token.create" && $0.event.outcome == "error:forbidden" })
            #expect(records.contains { $0.event.action == "token.revoke" && $0.event.outcome == "ok" })
            #expect(records.allSatisfy { !"\($0)".contains(minted) })
            await store.shutdown()
        }
    }

    @Test func othersTokensLookMissing() async throws {
        try await ServerHarness.withServer(config: Self.config) { context in
            let store = try await SQLiteStore.open(
                path: context.dataDir + "/gatehouse.db", logger: ServerHarness.logger)
            let bob = try await ServerTokens.create(store: store, subject: "bob", groups: [])
            await store.shutdown()
            try await context.client.execute(
                uri: "/api/v1/tokens/tok_admin-bootstrap", method: .delete, headers: ServerHarness.bearer(bob)
            ) { response in
                #expect(response.status == .notFound)
            }
            try await context.client.execute(uri: "/api/v1/tokens", method: .get, headers: ServerHarness.bearer(bob)) {
                response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("tok_bob"))
                #expect(!String(buffer: response.body).contains("bootstrap admin"))
            }
        }
    }

    @Test(arguments: [
        (#"{"ttl": "2h"}"#, "missing \"name\""),
        (
            #"{"name": "x", "ttl": "2 weeks"}"#,
            "ttl must be a whole number of minutes, hours or days, like 30m, 24h or 7d"
        ),
        (#"{"name": "x", "scopes": ["audit.reed"]}"#, "scope \"audit.reed\" matches no action"),
        (#"{"name": 7}"#, "\"name\" has the wrong type"),
        ("not json", "the body must be a JSON object with name, ttl and scopes"),
        (#"{"name": ""}"#, "name must be 1 to 100 printable characters"),
    ])
    func badRequestsNameTheProblem(body: String, message: String) async throws {
        try await ServerHarness.withServer(config: Self.config) { context in
            let (_, text) = try await Self.create(
                context.client, token: ServerHarness.adminToken, body, expect: .badRequest)
            #expect(text.contains(message))
        }
    }
}
