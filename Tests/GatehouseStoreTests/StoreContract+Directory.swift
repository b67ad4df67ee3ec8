import GatehouseCore
import GatehouseStore
import Testing

/// The directory part of the store contract.
extension StoreContract {
    static func user(_ id: String, _ name: String, link: String? = nil, externalID: String? = nil) -> DirectoryUser {
        DirectoryUser(
            id: id, userName: name, externalID: externalID, createdMicros: 1, modifiedMicros: 1,
            document: #"{"userName":"\#(name)"}"#,
            link: link.map { DirectoryUser.Link(issuer: "https://idp.test", subject: $0) }, claimGroups: ["a", "b"])
    }

    static func usersRoundTripAndStayUnique(_ store: any GatehouseStore) async throws {
        let alice = user("u1", "Alice@Example.com", link: "sub-alice", externalID: "ext-1")
        try await store.insertUser(alice)
        #expect(try await store.user(id: "u1") == alice)
        #expect(try await store.user(id: "u9") == nil)
        #expect(try await store.users(.userName("alice@example.COM")).map(\.id) == ["u1"])
        #expect(try await store.users(.externalID("ext-1")).map(\.id) == ["u1"])
        #expect(try await store.users(.externalID("EXT-1")).isEmpty)
        #expect(try await store.users(.linked(alice.link!)).map(\.id) == ["u1"])
        let clash = await #expect(throws: GatehouseError.self) {
            try await store.insertUser(user("u2", "ALICE@example.com"))
        }
        #expect(clash?.code == .conflict)
        let linkClash = await #expect(throws: GatehouseError.self) {
            try await store.insertUser(user("u3", "other", link: "sub-alice"))
        }
        #expect(linkClash?.code == .conflict)
        try await store.insertUser(user("u2", "bob"))
        #expect(try await store.users(.all).map(\.id) == ["u1", "u2"])
        var renamed = try #require(try await store.user(id: "u2"))
        renamed.userName = "alice@example.com"
        let renameClash = await #expect(throws: GatehouseError.self) {
            _ = try await store.updateUser(renamed, expectedVersion: 1, nowMicros: 5)
        }
        #expect(renameClash?.code == .conflict)
    }

    static func userUpdatesCompareVersions(_ store: any GatehouseStore) async throws {
        try await store.insertUser(user("u1", "carol"))
        var changed = user("u1", "carol")
        changed.version = 2
        changed.document = #"{"userName":"carol","displayName":"Carol"}"#
        #expect(try await store.updateUser(changed, expectedVersion: 1, nowMicros: 5))
        #expect(try await store.user(id: "u1")?.document == changed.document)
        changed.version = 3
        #expect(try await !store.updateUser(changed, expectedVersion: 1, nowMicros: 6))
        #expect(try await store.user(id: "u1")?.version == 2)
        #expect(try await !store.updateUser(user("u9", "nobody"), expectedVersion: 1, nowMicros: 6))
    }

    static func deactivationAndDeletionRevokeTokens(_ store: any GatehouseStore) async throws {
        let dave = user("u1", "dave", link: "sub-dave")
        let erin = user("u2", "erin", link: "sub-erin")
        try await store.insertUser(dave)
        try await store.insertUser(erin)
        for (n, subject) in [(1, "sub-dave"), (2, "sub-dave"), (3, "sub-erin")] {
            try await store.insertToken(
                AccessTokenRecord(
                    id: "tok_\(n)", tokenHash: String(repeating: "\(n)", count: 64), name: "t",
                    principal: Principal(issuer: "https://idp.test", subject: subject, authMethod: .ssoSession),
                    createdMicros: 1))
        }
        var inactive = dave
        inactive.active = false
        inactive.version = 2
        #expect(try await store.updateUser(inactive, expectedVersion: 1, nowMicros: 40))
        #expect(try await store.token(id: "tok_1")?.revokedMicros == 40)
        #expect(try await store.token(id: "tok_2")?.revokedMicros == 40)
        #expect(try await store.token(id: "tok_3")?.revokedMicros == nil)
        let stale = await #expect(throws: GatehouseError.self) {
            _ = try await store.deleteUser(id: "u2", expectedVersion: 7, nowMicros: 50)
        }
        #expect(stale?.code == .preconditionFailed)
        #expect(try await store.deleteUser(id: "u2", expectedVersion: 1, nowMicros: 50)?.userName == "erin")
        #expect(try await store.token(id: "tok_3")?.revokedMicros == 50)
        #expect(try await store.user(id: "u2") == nil)
        #expect(try await store.deleteUser(id: "u2", expectedVersion: nil, nowMicros: 51) == nil)
    }

    static func groupsKeepMembers(_ store: any GatehouseStore) async throws {
        for (id, name) in [("u1", "ann"), ("u2", "ben"), ("u3", "cy")] { try await store.insertUser(user(id, name)) }
        let devs = DirectoryGroup(
            id: "g1", displayName: "Developers", externalID: "x-1", createdMicros: 1, modifiedMicros: 1,
            document: "{}", members: ["u2", "u1", "u1"])
        try await store.insertGroup(devs)
        try await store.insertGroup(
            DirectoryGroup(
                id: "g2", displayName: "ops", createdMicros: 2, modifiedMicros: 2, document: "{}", members: ["u1"]))
        #expect(try await store.group(id: "g1") == devs)
        #expect(try await store.group(id: "g1")?.members == ["u1", "u2"])
        #expect(try await store.groups(.displayName("developers")).map(\.id) == ["g1"])
        #expect(try await store.groups(.externalID("x-1")).map(\.id) == ["g1"])
        #expect(try await store.groups(.member("u1")).map(\.id) == ["g1", "g2"])
        #expect(try await store.groups(.member("u1")).first?.members == ["u1", "u2"])
        #expect(try await store.groups(.all).map(\.members) == [["u1", "u2"], ["u1"]])
        // Ids of users that do not exist are dropped, not stored as dangling members.
        try await store.insertGroup(
            DirectoryGroup(
                id: "g3", displayName: "x", createdMicros: 3, modifiedMicros: 3, document: "{}", members: ["u9", "u3"]))
        #expect(try await store.group(id: "g3")?.members == ["u3"])
        var changed = devs
        changed.members = ["u2", "u3"]
        changed.version = 2
        #expect(try await store.updateGroup(changed, expectedVersion: 1))
        #expect(try await !store.updateGroup(changed, expectedVersion: 1))
        #expect(try await store.group(id: "g1")?.members == ["u2", "u3"])
        _ = try await store.deleteUser(id: "u3", expectedVersion: nil, nowMicros: 9)
        #expect(try await store.group(id: "g1")?.members == ["u2"])
        #expect(try await store.deleteGroup(id: "g1", expectedVersion: nil))
        #expect(try await !store.deleteGroup(id: "g1", expectedVersion: nil))
        #expect(try await store.groups(.member("u2")).isEmpty)
        #expect(try await store.group(id: "g3")?.members == [])
    }
}
