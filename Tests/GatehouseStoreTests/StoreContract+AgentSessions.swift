import Foundation
import GatehouseCore
import GatehouseStore
import Testing

extension StoreContract {
    static let sessionStart: Int64 = 1_800_000_000_000_000

    /// The `n`-th test session id: 32 lowercase hex digits.
    static func sessionID(_ n: Int) -> String {
        let hex = String(n, radix: 16)
        return String(repeating: "0", count: 32 - hex.count) + hex
    }

    /// A running session of `owner`, created `n` seconds after ``sessionStart``.
    static func agentSession(
        _ n: Int, owner: String = alice, parent: Int? = nil, created: Int64? = nil, messages: Data = Data("[]".utf8)
    ) -> AgentSessionRecord {
        let micros = created ?? sessionStart + Int64(n) * 1_000_000
        return AgentSessionRecord(
            id: sessionID(n), parentID: parent.map(sessionID), owner: owner, fileName: "agents/\(n).yaml",
            agent: "root", title: "task \(n)", state: "running", createdMicros: micros, updatedMicros: micros,
            tokensIn: 0, tokensOut: 0, costMicros: 0, messages: messages)
    }

    /// Every field survives a save and a read, bytes that are not UTF-8 and empty messages too;
    /// an unknown id is nil.
    static func agentSessionsRoundTrip(_ store: any GatehouseStore) async throws {
        let full = AgentSessionRecord(
            id: "0123456789abcdef0123456789abcdef", parentID: sessionID(7), owner: bob, fileName: "Team Agent.yaml",
            agent: "reviewer", title: String(repeating: "é", count: 200), state: "failed",
            createdMicros: sessionStart, updatedMicros: sessionStart + 42, tokensIn: 1_234, tokensOut: 56,
            costMicros: 7_890, error: "the model went away", messages: Data([0, 1, 0xfe, 0xff, 0x7b, 0]))
        try await store.saveAgentSession(full)
        #expect(try await store.agentSession(id: full.id) == full)
        let bare = agentSession(1, messages: Data())
        try await store.saveAgentSession(bare)
        #expect(try await store.agentSession(id: bare.id) == bare)
        #expect(try await store.agentSession(id: sessionID(99)) == nil)
        #expect(try await store.agentSession(id: "not an id") == nil)
    }

    /// Saving an id again replaces state, tokens, cost, error and messages; there is still one session.
    static func agentSessionsUpsert(_ store: any GatehouseStore) async throws {
        var record = agentSession(1)
        try await store.saveAgentSession(record)
        record.state = "finished"
        record.updatedMicros += 5_000_000
        record.tokensIn = 900
        record.tokensOut = 90
        record.costMicros = 12
        record.title = "renamed"
        record.messages = Data(#"[{"role":"user","content":"hi"}]"#.utf8)
        try await store.saveAgentSession(record)
        #expect(try await store.agentSession(id: record.id) == record)
        record.state = "stopped"
        record.error = "stopped by its owner"
        try await store.saveAgentSession(record)
        #expect(try await store.agentSession(id: record.id) == record)
        #expect(try await store.agentSessions(AgentSessionQuery(includeMessages: true)) == [record])
    }

    /// Another owner or another parent cannot take over a stored id; malformed records are refused.
    static func agentSessionsRefuseTakeOverAndBadRecords(_ store: any GatehouseStore) async throws {
        let original = agentSession(1, parent: 9)
        try await store.saveAgentSession(original)
        func refused(_ record: AgentSessionRecord) async -> GatehouseError.Code? {
            let error = await #expect(throws: GatehouseError.self) { try await store.saveAgentSession(record) }
            return error?.code
        }
        var stolen = original
        stolen.owner = bob
        stolen.state = "finished"
        #expect(await refused(stolen) == .conflict)
        var moved = original
        moved.parentID = sessionID(8)
        #expect(await refused(moved) == .conflict)
        moved.parentID = nil
        #expect(await refused(moved) == .conflict)
        #expect(try await store.agentSession(id: original.id) == original)

        var bad = agentSession(2)
        bad.id = "0123456789ABCDEF0123456789ABCDEF"
        #expect(await refused(bad) == .badRequest)
        bad = agentSession(2, parent: 3)
        bad.parentID = "short"
        #expect(await refused(bad) == .badRequest)
        bad = agentSession(2)
        bad.state = "paused"
        #expect(await refused(bad) == .badRequest)
        bad.state = "running"
        bad.title = String(repeating: "x", count: 201)
        #expect(await refused(bad) == .badRequest)
        bad = agentSession(2, messages: Data(count: AgentSessionRecord.maxMessagesBytes + 1))
        #expect(await refused(bad) == .payloadTooLarge)
        #expect(try await store.agentSession(id: sessionID(2)) == nil)

        let largest = agentSession(3, messages: Data(repeating: 0x61, count: AgentSessionRecord.maxMessagesBytes))
        try await store.saveAgentSession(largest)
        #expect(try await store.agentSession(id: largest.id) == largest)
    }

    /// Listing by owner, by parent, both, and everyone's; newest first, then by id; the limit;
    /// messages only when asked for.
    static func agentSessionsListing(_ store: any GatehouseStore) async throws {
        let shared = sessionStart + 100_000_000
        let records = [
            agentSession(1), agentSession(2, owner: bob), agentSession(3), agentSession(4, parent: 1),
            agentSession(5, parent: 1), agentSession(6, owner: bob, parent: 2),
            // Created at the same moment: ordered by id, highest first.
            agentSession(0x0b, created: shared), agentSession(0x0a, created: shared),
            agentSession(0x0c, created: shared),
        ]
        for record in records.shuffled() { try await store.saveAgentSession(record) }
        func ids(_ query: AgentSessionQuery) async throws -> [Int] {
            try await store.agentSessions(query).map { Int($0.id, radix: 16)! }
        }
        #expect(try await ids(AgentSessionQuery()) == [0x0c, 0x0b, 0x0a, 6, 5, 4, 3, 2, 1])
        #expect(try await ids(AgentSessionQuery(owner: alice)) == [0x0c, 0x0b, 0x0a, 5, 4, 3, 1])
        #expect(try await ids(AgentSessionQuery(owner: bob)) == [6, 2])
        #expect(try await ids(AgentSessionQuery(parentID: sessionID(1))) == [5, 4])
        #expect(try await ids(AgentSessionQuery(owner: bob, parentID: sessionID(2))) == [6])
        #expect(try await ids(AgentSessionQuery(owner: alice, parentID: sessionID(2))).isEmpty)
        #expect(try await ids(AgentSessionQuery(owner: carol)).isEmpty)
        #expect(try await ids(AgentSessionQuery(owner: alice, limit: 2)) == [0x0c, 0x0b])
        #expect(try await ids(AgentSessionQuery(limit: 0)) == [0x0c], "clamped to 1")
        #expect(AgentSessionQuery(limit: 5_000).limit == AgentSessionQuery.maxLimit)
        #expect(AgentSessionQuery().limit == 100)

        let bobs = records.filter { $0.owner == bob }.sorted { $0.createdMicros > $1.createdMicros }
        #expect(try await store.agentSessions(AgentSessionQuery(owner: bob, includeMessages: true)) == bobs)
        let cheap = try await store.agentSessions(AgentSessionQuery(owner: bob))
        #expect(cheap == bobs.map { with($0) { $0.messages = Data() } })
        #expect(try await store.agentSessions(AgentSessionQuery()).allSatisfy(\.messages.isEmpty))
    }

    private static func with<T>(_ value: T, _ change: (inout T) -> Void) -> T {
        var copy = value
        change(&copy)
        return copy
    }
}
