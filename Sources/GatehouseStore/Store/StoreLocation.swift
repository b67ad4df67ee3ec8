import Foundation
public import GatehouseCore

/// Where the store lives, parsed from `store.url`.
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
    /// An SQLite database file.
    case sqlite(path: String)
    /// A PostgreSQL server.
    case postgres(PostgresLocation)

    /// Connection details of a PostgreSQL server (no password: that comes from a secret).
    public struct PostgresLocation: Sendable, Hashable {
        /// Host name or address.
        public var host: String
        /// TCP port.
        public var port: Int
        /// Role to connect as.
        public var user: String
        /// Database name.
        public var database: String
        /// `disable`, `prefer`, `require`, `verify-ca` or `verify-full`.
        public var sslMode: String
    }

    /// Parses `sqlite:PATH` (relative paths are under `dataDir`) or
    /// `postgres://user@host:port/database?sslmode=...`.
    public static func parse(url: String, dataDir: String) throws(GatehouseError) -> StoreLocation {
        if url.hasPrefix("sqlite:") {
            let path = String(url.dropFirst("sqlite:".count))
            guard !path.isEmpty, path != ":memory:" else {
                throw GatehouseError(.invalidConfig, "store.url: sqlite: needs a file path")
            }
            return .sqlite(path: path.hasPrefix("/") ? path : dataDir + "/" + path)
        }
        guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://"),
            let components = URLComponents(string: url), let host = components.host, !host.isEmpty
        else {
            throw GatehouseError(
                .invalidConfig, "store.url: expected sqlite:PATH or postgres://user@host:port/db")
        }
        guard components.password == nil else {
            throw GatehouseError(
                .invalidConfig, "store.url: inline secrets are not allowed; use store.password")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : ""
        let sslMode =
            components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        guard StoreConfig.sslModes.contains(sslMode) else {
            throw GatehouseError(
                .invalidConfig, "store.url: sslmode must be one of \(StoreConfig.sslModes.joined(separator: ", "))")
        }
        return .postgres(
            PostgresLocation(
                host: host, port: components.port ?? 5432,
                user: components.user ?? "gatehouse",
                database: database.isEmpty ? "gatehouse" : database, sslMode: sslMode))
    }

    /// A description without secrets.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let pg): "postgres://\(pg.user)@\(pg.host):\(pg.port)/\(pg.database)"
        }
    }
}
