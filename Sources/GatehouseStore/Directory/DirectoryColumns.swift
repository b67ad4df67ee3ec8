import GatehouseCore

/// Column lists and row mapping of the directory tables, shared by both drivers.
enum DirectoryColumns {
    static let users =
        "id, user_name, user_name_key, external_id, active, version, created_micros, modified_micros, document, link_issuer, link_subject, claim_groups"
    static let groups =
        "id, display_name, display_name_key, external_id, version, created_micros, modified_micros, document"
}

extension DirectoryUser {
    /// Cells in ``DirectoryColumns/users`` order.
    var cells: [StoreValue] {
        [
            .text(id), .text(userName), .text(Self.nameKey(userName)), externalID.map(StoreValue.text) ?? .null,
            .int(active ? 1 : 0), .int(version), .int(createdMicros), .int(modifiedMicros), .text(document),
            link.map { .text($0.issuer) } ?? .null, link.map { .text($0.subject) } ?? .null,
            .text(claimGroups.joined(separator: "\n")),
        ]
    }

    /// Rebuilds a user from a row; nil when the row is malformed.
    init?(cells: [StoreValue]) {
        guard cells.count == 12, case .text(let id) = cells[0], case .text(let userName) = cells[1],
            case .int(let active) = cells[4], case .int(let version) = cells[5], case .int(let created) = cells[6],
            case .int(let modified) = cells[7], case .text(let document) = cells[8],
            case .text(let claimGroups) = cells[11]
        else { return nil }
        var link: Link?
        if case .text(let issuer) = cells[9], case .text(let subject) = cells[10] {
            link = Link(issuer: issuer, subject: subject)
        }
        self.init(
            id: id, userName: userName, externalID: cells[3].text, active: active != 0, version: version,
            createdMicros: created, modifiedMicros: modified, document: document, link: link,
            claimGroups: claimGroups.split(separator: "\n").map(String.init))
    }
}

extension DirectoryGroup {
    /// Cells in ``DirectoryColumns/groups`` order (members live in their own table).
    var cells: [StoreValue] {
        [
            .text(id), .text(displayName), .text(displayName.lowercased()), externalID.map(StoreValue.text) ?? .null,
            .int(version), .int(createdMicros), .int(modifiedMicros), .text(document),
        ]
    }

    /// Rebuilds a group (without members) from a row; nil when the row is malformed.
    init?(cells: [StoreValue]) {
        guard cells.count == 8, case .text(let id) = cells[0], case .text(let name) = cells[1],
            case .int(let version) = cells[4], case .int(let created) = cells[5], case .int(let modified) = cells[6],
            case .text(let document) = cells[7]
        else { return nil }
        self.init(
            id: id, displayName: name, externalID: cells[3].text, version: version, createdMicros: created,
            modifiedMicros: modified, document: document)
    }
}

extension StoreValue {
    /// The text, when this is a text cell.
    var text: String? {
        if case .text(let value) = self { return value }
        return nil
    }
}
