/// A stored Gatehouse access token. The token itself is never stored: only its SHA-256.
public struct AccessTokenRecord: Sendable, Hashable, Codable {
    /// A public identifier (safe to show, used to revoke).
    public var id: String
    /// SHA-256 of the secret token, hex.
    public var tokenHash: String
    /// A label chosen by the owner.
    public var name: String
    /// The principal the token authenticates as.
    public var principal: Principal
    /// Scopes the token is limited to (empty: the principal's full rights).
    public var scopes: [String]
    /// Creation time, microseconds since the epoch.
    public var createdMicros: Int64
    /// Expiry, microseconds since the epoch; nil for no expiry.
    public var expiresMicros: Int64?
    /// Last successful use.
    public var lastUsedMicros: Int64?
    /// When it was revoked; nil while valid.
    public var revokedMicros: Int64?
    /// The token this one was made from (a console session signed in with an access token):
    /// revoking that token revokes this one with it. Nil for tokens that stand on their own.
    public var parentID: String?

    /// Creates a token record.
    public init(
        id: String, tokenHash: String, name: String, principal: Principal, scopes: [String] = [],
        createdMicros: Int64, expiresMicros: Int64? = nil, lastUsedMicros: Int64? = nil,
        revokedMicros: Int64? = nil, parentID: String? = nil
    ) {
        self.id = id
        self.tokenHash = tokenHash
        self.name = name
        self.principal = principal
        self.scopes = scopes
        self.createdMicros = createdMicros
        self.expiresMicros = expiresMicros
        self.lastUsedMicros = lastUsedMicros
        self.revokedMicros = revokedMicros
        self.parentID = parentID
    }

    /// Whether the token may be used at `nowMicros`.
    public func isUsable(atMicros nowMicros: Int64) -> Bool {
        revokedMicros == nil && (expiresMicros.map { nowMicros < $0 } ?? true)
    }
}
