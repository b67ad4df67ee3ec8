import Crypto
import Foundation
import GatehouseCore
import GatehouseStore
import Testing

@testable import GatehouseServer

/// The authenticator against a real SQLite store: what it keeps of a token's caller, and when
/// a change to the token or its person is seen.
@Suite struct AuthenticatorTests {
    /// A fresh store with one person (`ann`, group `dev`) and their token.
    static func withStore(
        _ body: (SQLiteStore, _ path: String, _ token: String) async throws -> Void
    ) async throws {
        let directory = NSTemporaryDirectory() + "gatehouse-auth-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/gatehouse.db"
        let store = try await SQLiteStore.open(path: path, logger: ServerHarness.logger)
        do {
            try await store.migrate()
            let token = try await ServerTokens.create(store: store, subject: "ann", groups: ["dev"])
            try await body(store, path, token)
        } catch {
            await store.shutdown()
            throw error
        }
        await store.shutdown()
    }

    static func refused(_ authenticator: Authenticator, _ token: String, at micros: Int64 = WallClock.nowMicros())
        async -> String?
    {
        do {
            _ = try await authenticator.authenticate(authorization: "Bearer " + token, nowMicros: micros)
            return nil
        } catch let error as GatehouseError where error.code == .unauthenticated {
            return error.message
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test func aTokensCallerIsKeptAndFailuresAreNot() async throws {
        try await Self.withStore { store, _, token in
            let authenticator = Authenticator(store: store)
            let caller = try await authenticator.authenticate(
                authorization: "Bearer " + token, nowMicros: WallClock.nowMicros())
            #expect(caller.principal.subject == "ann")
            #expect(caller.principal.groups == ["dev"])
            #expect(authenticator.cache.count == 1)
            #expect(await Self.refused(authenticator, "gth_guessed") == "unknown or revoked token")
            #expect(authenticator.cache.count == 1)
        }
    }

    @Test func aRevocationHereEndsAKeptCallerAtOnce() async throws {
        try await Self.withStore { store, _, token in
            let authenticator = Authenticator(store: store, cacheLifetime: .seconds(3600))
            _ = try await authenticator.authenticate(authorization: "Bearer " + token, nowMicros: WallClock.nowMicros())
            #expect(try await store.revokeToken(id: "tok_ann", atMicros: WallClock.nowMicros()))
            #expect(await Self.refused(authenticator, token) == "unknown or revoked token")
        }
    }

    @Test func aDirectoryChangeHereIsSeenAtOnce() async throws {
        try await Self.withStore { store, _, token in
            let authenticator = Authenticator(store: store, cacheLifetime: .seconds(3600))
            _ = try await authenticator.authenticate(authorization: "Bearer " + token, nowMicros: WallClock.nowMicros())
            var user = try #require(try await store.user(id: "user-ann"))
            user.claimGroups = ["dev", "ops"]
            #expect(try await store.updateUser(user, expectedVersion: user.version, nowMicros: WallClock.nowMicros()))
            let regrouped = try await authenticator.authenticate(
                authorization: "Bearer " + token, nowMicros: WallClock.nowMicros())
            #expect(regrouped.principal.groups == ["dev", "ops"])

            user = try #require(try await store.user(id: "user-ann"))
            user.active = false
            #expect(try await store.updateUser(user, expectedVersion: user.version, nowMicros: WallClock.nowMicros()))
            // Deactivating a person revokes their tokens in the same transaction.
            #expect(await Self.refused(authenticator, token) == "unknown or revoked token")
        }
    }

    /// Another replica's revocation does not move this store's generation: a kept caller serves
    /// until its lifetime ends, which is what the lifetime bounds.
    @Test func anotherReplicasRevocationIsBoundedByTheLifetime() async throws {
        try await Self.withStore { store, path, token in
            let keeping = Authenticator(store: store, cacheLifetime: .seconds(3600))
            let notKeeping = Authenticator(store: store, cacheLifetime: .zero)
            for authenticator in [keeping, notKeeping] {
                _ = try await authenticator.authenticate(
                    authorization: "Bearer " + token, nowMicros: WallClock.nowMicros())
            }
            let replica = try await SQLiteStore.open(path: path, logger: ServerHarness.logger)
            let revoked = try await replica.revokeToken(id: "tok_ann", atMicros: WallClock.nowMicros())
            await replica.shutdown()
            #expect(revoked)
            #expect(await Self.refused(keeping, token) == nil)
            #expect(await Self.refused(notKeeping, token) == "unknown or revoked token")
        }
    }

    @Test func expiryIsCheckedOnEveryRequest() async throws {
        try await Self.withStore { store, _, _ in
            let now = WallClock.nowMicros()
            let token = "gth_short-" + UUID().uuidString
            try await store.insertToken(
                AccessTokenRecord(
                    id: "tok_short", tokenHash: Hex.encode(SHA256.hash(data: Array(token.utf8))), name: "short",
                    principal: Principal(issuer: Principal.localIssuer, subject: "admin", authMethod: .localAdmin),
                    createdMicros: now, expiresMicros: now + 3_600_000_000))
            let authenticator = Authenticator(store: store, cacheLifetime: .seconds(3600))
            _ = try await authenticator.authenticate(authorization: "Bearer " + token, nowMicros: now)
            #expect(authenticator.cache.count == 1)
            #expect(await Self.refused(authenticator, token, at: now + 7_200_000_000) == "the token has expired")
        }
    }

    @Test func aKeptCallerMarksItsTokenUsedOncePerInterval() async throws {
        try await Self.withStore { store, _, token in
            let authenticator = Authenticator(store: store, cacheLifetime: .seconds(3600))
            let start = WallClock.nowMicros()
            _ = try await authenticator.authenticate(authorization: "Bearer " + token, nowMicros: start)
            #expect(try await store.token(id: "tok_ann")?.lastUsedMicros == start)
            _ = try await authenticator.authenticate(authorization: "Bearer " + token, nowMicros: start + 1_000_000)
            #expect(try await store.token(id: "tok_ann")?.lastUsedMicros == start)
            let later = start + Authenticator.touchInterval + 1
            _ = try await authenticator.authenticate(authorization: "Bearer " + token, nowMicros: later)
            #expect(try await store.token(id: "tok_ann")?.lastUsedMicros == later)
        }
    }
}
