import Crypto
import Foundation
import GatehouseCore
import GatehouseServer
import GatehouseStore
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

@Suite struct ServerTests {
    struct Whoami: Decodable {
        let issuer: String
        let subject: String
        let groups: [String]
        let auth_method: String
        let decided_by: String
    }

    struct Page: Decodable {
        struct Record: Decodable {
            let seq: Int64
            let subject: String
            let action: String
            let decision: String
            let rule: String
            let outcome: String
            let payload_shape: String
        }
        let records: [Record]
    }

    struct Verify: Decodable {
        let intact: Bool
        let records: Int64
        let checkpoints: Int
    }

    @Test func probesAnswerWithoutCredentials() async throws {
        try await ServerHarness.withServer { context in
            try await context.client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
            }
            try await context.client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("sqlite"))
            }
        }
    }

    @Test func bootstrapAdminTokenResolvesToTheLocalAdmin() async throws {
        try await ServerHarness.withServer { context in
            try await context.client.execute(
                uri: "/api/v1/whoami", method: .get, headers: ServerHarness.bearer(ServerHarness.adminToken)
            ) { response in
                #expect(response.status == .ok)
                let body = try ServerHarness.decode(Whoami.self, response.body)
                #expect(body.issuer == "gatehouse:local")
                #expect(body.subject == "admin")
                #expect(body.groups == ["admins"])
                #expect(body.auth_method == "local_admin")
                #expect(body.decided_by == "admins-all")
            }
        }
    }

    @Test(arguments: [
        ("", "missing Authorization: Bearer token"),
        ("Bearer ", "the bearer token is empty"),
        ("Basic dXNlcjpwYXNz", "the Authorization header must use the Bearer scheme"),
        ("Bearer " + String(repeating: "x", count: 600), "the bearer token is too long"),
        ("Bearer abc\u{7f}def", "the bearer token contains invalid characters"),
        ("Bearer gth_not-a-real-token-at-all-0000000000000000", "unknown or revoked token"),
    ])
    func badCredentialsAre401WithAClearMessage(header: String, message: String) async throws {
        try await ServerHarness.withServer { context in
            let headers: HTTPFields = header.isEmpty ? [:] : [.authorization: header]
            try await context.client.execute(uri: "/api/v1/whoami", method: .get, headers: headers) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == #"Bearer realm="gatehouse""#)
                let body = try ServerHarness.decode(ServerHarness.ErrorBody.self, response.body)
                #expect(body.error.code == "unauthenticated")
                #expect(body.error.message == message)
                if header.count > 10 { #expect(!String(buffer: response.body).contains(header.dropFirst(7))) }
            }
        }
    }

    @Test func refusalsAndDenialsAreAudited() async throws {
        try await ServerHarness.withServer { context in
            let store = try await openStore(context)
            let auditor = try await ServerTokens.create(store: store, subject: "ann", groups: ["auditors"])
            try await context.client.execute(uri: "/api/v1/whoami", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
            try await context.client.execute(
                uri: "/api/v1/audit/verify", method: .get, headers: ServerHarness.bearer(auditor)
            ) { response in
                #expect(response.status == .forbidden)
                let body = try ServerHarness.decode(ServerHarness.ErrorBody.self, response.body)
                #expect(body.error.code == "forbidden")
                #expect(body.error.message == "auditors read; verification is for admins (rule auditors-no-verify)")
            }
            try await context.client.execute(
                uri: "/api/v1/audit?limit=3", method: .get, headers: ServerHarness.bearer(auditor)
            ) { response in
                #expect(response.status == .ok)
                let page = try ServerHarness.decode(Page.self, response.body)
                #expect(page.records.count == 3)
                #expect(page.records[0].subject == "ann")
                #expect(page.records[0].action == "audit.verify")
                #expect(page.records[0].decision == "deny")
                #expect(page.records[0].rule == "auditors-no-verify")
                #expect(page.records[0].outcome == "denied")
                #expect(page.records[1].subject == "anonymous")
                #expect(page.records[1].action == "identity.authenticate")
                #expect(page.records[1].outcome == "denied")
                #expect(page.records[2].action == "token.create")
                #expect(page.records[2].rule == "bootstrap")
            }
            // The query itself was recorded, by shape and hash of its parameters.
            let newest = try await store.queryAudit(AuditQuery(limit: 1))
            #expect(newest.first?.event.action == "audit.read")
            #expect(newest.first?.event.payloadShape == #"{"limit":string}"#)
            await store.shutdown()
        }
    }

    @Test func unlistedGroupIsDeniedByDefault() async throws {
        try await ServerHarness.withServer { context in
            let store = try await openStore(context)
            let token = try await ServerTokens.create(store: store, subject: "bob", groups: ["developers"])
            try await context.client.execute(uri: "/api/v1/audit", method: .get, headers: ServerHarness.bearer(token)) {
                response in
                #expect(response.status == .forbidden)
                let body = try ServerHarness.decode(ServerHarness.ErrorBody.self, response.body)
                #expect(body.error.message.hasPrefix("no rule allows audit.read on /api/v1/audit"))
            }
            try await context.client.execute(uri: "/api/v1/whoami", method: .get, headers: ServerHarness.bearer(token))
            {
                response in
                #expect(response.status == .ok)
            }
            await store.shutdown()
        }
    }

    @Test(arguments: [
        ("limit=0", "limit must be an integer from 1 to 10000"),
        ("since=yesterday", "since must be an RFC 3339 time or a duration like 15m, 2h or 7d"),
        ("decision=maybe", "decision must be allow or deny"),
        (
            "colour=blue",
            "unknown parameter \"colour\" (expected one of: action, decision, limit, since, subject, until)"
        ),
    ])
    func badAuditQueriesAre400(query: String, message: String) async throws {
        try await ServerHarness.withServer { context in
            try await context.client.execute(
                uri: "/api/v1/audit?\(query)", method: .get, headers: ServerHarness.bearer(ServerHarness.adminToken)
            ) { response in
                #expect(response.status == .badRequest)
                let body = try ServerHarness.decode(ServerHarness.ErrorBody.self, response.body)
                #expect(body.error.message == message)
            }
        }
    }

    @Test func verifyEndpointReportsAnIntactChain() async throws {
        try await ServerHarness.withServer { context in
            for _ in 0..<7 {
                try await context.client.execute(
                    uri: "/api/v1/whoami", method: .get, headers: ServerHarness.bearer(ServerHarness.adminToken)
                ) { #expect($0.status == .ok) }
            }
            try await context.client.execute(
                uri: "/api/v1/audit/verify", method: .get, headers: ServerHarness.bearer(ServerHarness.adminToken)
            ) { response in
                #expect(response.status == .ok)
                let body = try ServerHarness.decode(Verify.self, response.body)
                #expect(body.intact)
                // bootstrap + 7 whoami
                #expect(body.records == 8)
                #expect(body.checkpoints == 1)
            }
        }
    }

    @Test func metricsCoverRequestsDecisionsAndAudit() async throws {
        try await ServerHarness.withServer { context in
            try await context.client.execute(
                uri: "/api/v1/whoami", method: .get, headers: ServerHarness.bearer(ServerHarness.adminToken)
            ) { #expect($0.status == .ok) }
            try await context.client.execute(uri: "/api/v1/whoami", method: .get) {
                #expect($0.status == .unauthorized)
            }
            try await context.client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                // Refusals are counted with the status the caller got, not as 500s.
                #expect(text.contains(#"http_response_status_code="401""#))
                #expect(!text.contains(#"http_response_status_code="500""#))
                #expect(text.contains("hb_requests"))
                #expect(text.contains("http_server_request_duration"))
                #expect(text.contains(#"gatehouse_policy_decisions_total{action="identity.whoami",effect="allow"}"#))
                #expect(text.contains("gatehouse_audit_appends_total"))
            }
        }
    }

    @Test func resourceIsTheRouteNotTheCallersSpelling() async throws {
        try await ServerHarness.withServer { context in
            try await context.client.execute(
                uri: "/api/v1//whoami/", method: .get, headers: ServerHarness.bearer(ServerHarness.adminToken)
            ) { #expect($0.status == .ok) }
            let store = try await openStore(context)
            let newest = try await store.queryAudit(AuditQuery(action: "identity.whoami", limit: 1))
            #expect(newest.first?.event.resource == "/api/v1/whoami")
            await store.shutdown()
        }
    }

    @Test func unknownRouteIsJSON404() async throws {
        try await ServerHarness.withServer { context in
            try await context.client.execute(uri: "/nope", method: .get) { response in
                #expect(response.status == .notFound)
                let body = try ServerHarness.decode(ServerHarness.ErrorBody.self, response.body)
                #expect(body.error.code == "not_found")
            }
        }
    }

    private func openStore(_ context: ServerHarness.Context) async throws -> SQLiteStore {
        try await SQLiteStore.open(path: context.dataDir + "/gatehouse.db", logger: ServerHarness.logger)
    }
}

/// Creates access tokens directly in the store (the token API is the identity layer's), for a
/// person who signed in once without SCIM: a directory user linked to them, with their groups.
enum ServerTokens {
    static func create(store: any GatehouseStore, subject: String, groups: [String]) async throws -> String {
        let now = WallClock.nowMicros()
        try await store.insertUser(
            DirectoryUser(
                id: "user-" + subject, userName: subject, createdMicros: now, modifiedMicros: now,
                document: #"{"userName":"\#(subject)"}"#,
                link: DirectoryUser.Link(issuer: "https://idp.test", subject: subject), claimGroups: groups))
        let token = "gth_" + subject + "-" + UUID().uuidString
        let principal = Principal(
            issuer: "https://idp.test", subject: subject, groups: groups, authMethod: .accessToken)
        try await store.insertToken(
            AccessTokenRecord(
                id: "tok_" + subject, tokenHash: Hex.encode(SHA256.hash(data: Array(token.utf8))), name: subject,
                principal: principal, createdMicros: WallClock.nowMicros()))
        return token
    }
}
