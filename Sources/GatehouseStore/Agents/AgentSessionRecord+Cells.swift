import Foundation
import GatehouseCore

extension AgentSessionRecord {
    /// Cells in ``AgentSessionStatements/summary`` order, then `messages`.
    var cells: [StoreValue] {
        [
            .text(id), parentID.map(StoreValue.text) ?? .null, .text(owner), .text(fileName), .text(agent),
            .text(title), .text(state), .int(createdMicros), .int(updatedMicros), .int(tokensIn), .int(tokensOut),
            .int(costMicros), error.map(StoreValue.text) ?? .null, .blob(messages),
        ]
    }

    /// Rebuilds a record from a row of the summary columns, with or without `messages` after
    /// them (empty when without); nil when the row is malformed.
    init?(cells: [StoreValue]) {
        guard cells.count == 13 || cells.count == 14, case .text(let id) = cells[0], case .text(let owner) = cells[2],
            case .text(let fileName) = cells[3], case .text(let agent) = cells[4], case .text(let title) = cells[5],
            case .text(let state) = cells[6], case .int(let created) = cells[7], case .int(let updated) = cells[8],
            case .int(let tokensIn) = cells[9], case .int(let tokensOut) = cells[10], case .int(let cost) = cells[11]
        else { return nil }
        var messages = Data()
        if cells.count == 14 {
            guard case .blob(let stored) = cells[13] else { return nil }
            messages = stored
        }
        self.init(
            id: id, parentID: cells[1].text, owner: owner, fileName: fileName, agent: agent, title: title, state: state,
            createdMicros: created, updatedMicros: updated, tokensIn: tokensIn, tokensOut: tokensOut, costMicros: cost,
            error: cells[12].text, messages: messages)
    }

    /// Refuses what the store must never hold: a malformed id or parent, an unknown state, an
    /// over-long title, an over-large conversation.
    func validate() throws {
        for (name, value) in [("id", id), ("parent id", parentID)] {
            guard let value else { continue }
            guard Self.isSessionID(value) else {
                throw GatehouseError(.badRequest, "agent session \(name) must be 32 lowercase hex digits")
            }
        }
        guard Self.states.contains(state) else {
            throw GatehouseError(
                .badRequest, "agent session state must be one of \(Self.states.sorted().joined(separator: ", "))")
        }
        guard title.count <= Self.maxTitleLength else {
            throw GatehouseError(.badRequest, "agent session title is longer than \(Self.maxTitleLength) characters")
        }
        guard messages.count <= Self.maxMessagesBytes else {
            throw GatehouseError(.payloadTooLarge, "agent session messages are larger than 16 MiB")
        }
    }

    /// Whether `value` is 32 lowercase hex digits.
    static func isSessionID(_ value: String) -> Bool {
        value.utf8.count == 32 && value.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
