import GatehouseCore

/// An access token or session as the console lists it (never its secret or hash).
struct TokenRow {
    let id: String
    let name: String
    let kind: String
    let created: String
    let expires: String
    let lastUsed: String
    let state: String
    let active: Bool
    /// The session this page is being shown through.
    let current: Bool

    init(_ record: AccessTokenRecord, nowMicros: Int64, currentID: String?) {
        id = record.id
        name = record.name
        kind = record.principal.authMethod == .ssoSession ? "session" : "token"
        created = ConsoleFormat.time(record.createdMicros)
        expires = ConsoleFormat.time(record.expiresMicros)
        lastUsed = ConsoleFormat.time(record.lastUsedMicros)
        if record.revokedMicros != nil {
            state = "revoked"
        } else if !record.isUsable(atMicros: nowMicros) {
            state = "expired"
        } else {
            state = "active"
        }
        active = state == "active"
        current = record.id == currentID
    }
}
