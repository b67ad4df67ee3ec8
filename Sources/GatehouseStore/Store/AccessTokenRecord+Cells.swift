import GatehouseCore

/// The column order of `access_tokens`, shared by both drivers.
enum TokenColumns {
    static let list =
        "id, token_hash, name, issuer, subject, groups, auth_method, scopes, created_micros, expires_micros, last_used_micros, revoked_micros, parent_id"
    static let count = 13
}

extension AccessTokenRecord {
    /// Cells in ``TokenColumns`` order.
    var cells: [StoreValue] {
        func optional(_ value: Int64?) -> StoreValue { value.map(StoreValue.int) ?? .null }
        return [
            .text(id), .text(tokenHash), .text(name), .text(principal.issuer),
            .text(principal.subject), .text(principal.groups.joined(separator: ",")),
            .text(principal.authMethod.rawValue), .text(scopes.joined(separator: " ")),
            .int(createdMicros), optional(expiresMicros), optional(lastUsedMicros),
            optional(revokedMicros), parentID.map(StoreValue.text) ?? .null,
        ]
    }

    /// Rebuilds a record; nil when the row is malformed (the token is then unusable).
    init?(cells: [StoreValue]) {
        guard cells.count == TokenColumns.count else { return nil }
        var texts: [String] = []
        for index in 0..<8 {
            guard case .text(let text) = cells[index] else { return nil }
            texts.append(text)
        }
        guard case .int(let created) = cells[8],
            let method = Principal.AuthMethod(rawValue: texts[6])
        else { return nil }
        func optional(_ index: Int) -> Int64? {
            if case .int(let value) = cells[index] { return value }
            return nil
        }
        var parent: String?
        if case .text(let id) = cells[12] { parent = id }
        let principal = Principal(
            issuer: texts[3], subject: texts[4],
            groups: texts[5].split(separator: ",").map(String.init), authMethod: method)
        self.init(
            id: texts[0], tokenHash: texts[1], name: texts[2], principal: principal,
            scopes: texts[7].split(separator: " ").map(String.init), createdMicros: created,
            expiresMicros: optional(9), lastUsedMicros: optional(10), revokedMicros: optional(11),
            parentID: parent)
    }
}
