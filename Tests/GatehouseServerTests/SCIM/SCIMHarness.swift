import Crypto
import Foundation
import GatehouseCore
import GatehouseIdentity
import GatehouseStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// A live server with SCIM enabled, and a small SCIM client over the test client.
enum SCIMHarness {
    static let token = "scim-test-token-0123456789abcdefghijkl"
    static let issuer = "https://idp.test"

    static var config: String {
        ServerHarness.config.replacingOccurrences(
            of: "groups:\n",
            with: """
                identity:
                  scim:
                    token: env:GATEHOUSE_SCIM_TOKEN
                groups:
                  scim:
                    rules:
                      - {id: scim-all, effect: allow, actions: [user.read, user.provision, user.deprovision]}
                  developers:
                    rules:
                      - {id: dev-audit, effect: allow, actions: [audit.read]}

                """)
    }

    static func withServer(_ body: @escaping @Sendable (ServerHarness.Context) async throws -> Void) async throws {
        try await ServerHarness.withServer(config: config, environment: ["GATEHOUSE_SCIM_TOKEN": token], body)
    }

    /// One SCIM exchange: status, headers and the body as JSON (nil when empty).
    struct Reply: Sendable {
        let status: Int
        let headers: HTTPFields
        let json: SCIMJSON?

        subscript(_ name: String) -> SCIMJSON? { json?[attribute: name] }
        var id: String { self["id"]?.stringValue ?? "" }
        var scimType: String? { self["scimType"]?.stringValue }
    }

    static func send(
        _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ path: String, _ json: String? = nil,
        token: String = token, headers extra: HTTPFields = [:]
    ) async throws -> Reply {
        var headers: HTTPFields = [.authorization: "Bearer \(token)"]
        if json != nil { headers[.contentType] = "application/scim+json" }
        headers.append(contentsOf: extra)
        return try await client.execute(
            uri: "/scim/v2" + path, method: method, headers: headers,
            body: json.map { ByteBuffer(string: $0) }
        ) { response in
            let data = Data(response.body.readableBytesView)
            let parsed = data.isEmpty ? nil : try JSONDecoder().decode(SCIMJSON.self, from: data)
            if response.status.code != 204, response.status.code != 304 {
                #expect(response.headers[.contentType]?.hasPrefix("application/scim+json") == true)
            }
            return Reply(status: response.status.code, headers: response.headers, json: parsed)
        }
    }

    static func user(_ userName: String, externalID: String? = nil, extra: String = "") -> String {
        let external = externalID.map { #", "externalId": "\#($0)""# } ?? ""
        return #"{"schemas": ["\#(SCIMURN.user)"], "userName": "\#(userName)"\#(external)\#(extra)}"#
    }

    static func group(_ name: String, members: [String] = []) -> String {
        let list = members.map { #"{"value": "\#($0)"}"# }.joined(separator: ", ")
        return #"{"schemas": ["\#(SCIMURN.group)"], "displayName": "\#(name)", "members": [\#(list)]}"#
    }

    static func patch(_ operations: String) -> String {
        #"{"schemas": ["\#(SCIMURN.patchOp)"], "Operations": [\#(operations)]}"#
    }

    static func openStore(_ context: ServerHarness.Context) async throws -> SQLiteStore {
        try await SQLiteStore.open(path: context.dataDir + "/gatehouse.db", logger: ServerHarness.logger)
    }

    /// Links a provisioned user to a sign-in identity and gives that person a token, as a
    /// first sign-in would.
    static func signIn(_ context: ServerHarness.Context, userID: String, subject: String) async throws -> String {
        let store = try await openStore(context)
        defer { Task { await store.shutdown() } }
        var user = try #require(try await store.user(id: userID))
        user.link = DirectoryUser.Link(issuer: issuer, subject: subject)
        user.version += 1
        #expect(try await store.updateUser(user, expectedVersion: user.version - 1, nowMicros: WallClock.nowMicros()))
        let secret = "gth_" + subject + "-" + UUID().uuidString
        try await store.insertToken(
            AccessTokenRecord(
                id: "tok_" + subject, tokenHash: Hex.encode(SHA256.hash(data: Array(secret.utf8))), name: subject,
                principal: Principal(issuer: issuer, subject: subject, authMethod: .ssoSession),
                createdMicros: WallClock.nowMicros()))
        return secret
    }
}
