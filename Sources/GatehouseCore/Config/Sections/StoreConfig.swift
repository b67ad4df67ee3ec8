/// The `store` section: the database holding tokens, users and the audit trail.
public struct StoreConfig: Sendable, Hashable {
    /// `sqlite:PATH` (relative paths resolve under the data directory) or
    /// `postgres://USER@HOST:PORT/DB` (also `postgresql://`), never with a password (`url`).
    public var url: String
    /// The database password, as a reference (`password`).
    public var password: SecretRef?
    /// The most connections the pool opens, 1...200 (`max_connections`).
    public var maxConnections: Int

    /// Creates the section; the defaults are those of an empty section.
    public init(
        url: String = "sqlite:gatehouse.db", password: SecretRef? = nil, maxConnections: Int = 10
    ) {
        self.url = url
        self.password = password
        self.maxConnections = maxConnections
    }
}
