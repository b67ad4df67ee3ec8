import Foundation
import GatehouseCore
public import Logging
import NIOCore
import PostgresNIO
import ServiceLifecycle

/// The shared store for several replicas: PostgreSQL through a connection pool.
///
/// Every call has a deadline, so a server that goes away turns into a prompt
/// ``GatehouseError/Code/storeUnavailable`` instead of a hung request.
public final class PostgresStore: GatehouseStore {
    /// `postgres`.
    public let driverName = "postgres"
    /// Moves on after each revocation and directory write made through this store.
    public let identityGeneration = IdentityGeneration()
    /// The connection pool, replaced by a fresh one after an outage (see ``PostgresPool``).
    let pool: PostgresPool
    /// The pool to use now.
    var client: PostgresClient { pool.client }
    let location: StoreLocation.PostgresLocation
    let logger: Logger
    /// The deadline for one store call.
    let timeout: Duration

    /// Creates a store; nothing connects until ``run()`` is running.
    public init(
        location: StoreLocation.PostgresLocation, password: String?, maxConnections: Int,
        timeout: Duration = .seconds(5), logger: Logger
    ) {
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.user,
            password: password, database: location.database,
            tls: Self.tls(location.sslMode))
        configuration.options.maximumConnections = max(1, maxConnections)
        configuration.options.connectTimeout = .seconds(3)
        // The server ends statements and lock waits that outlast the client's deadline, so a
        // call that gives up never leaves work running behind it.
        let seconds = max(1, timeout.components.seconds)
        configuration.options.additionalStartupParameters = [
            ("statement_timeout", "\(seconds)s"), ("lock_timeout", "\(seconds)s"),
            ("default_transaction_isolation", "read committed"),
        ]
        let pinned = configuration
        self.pool = PostgresPool(recycleAfter: max(timeout * 2, .seconds(2))) {
            PostgresClient(configuration: pinned, backgroundLogger: logger)
        }
        self.location = location
        self.logger = logger
        self.timeout = timeout
    }

    private static func tls(_ mode: String) -> PostgresClient.Configuration.TLS {
        // NIOSSL's client configuration verifies the certificate chain and host name, so
        // require, verify-ca and verify-full all verify fully.
        switch mode {
        case "disable": .disable
        case "prefer": .prefer(.makeClientConfiguration())
        default: .require(.makeClientConfiguration())
        }
    }

    /// Runs the connection pool until graceful shutdown.
    public func run() async throws {
        await cancelWhenGracefulShutdown { await self.pool.run() }
    }

    /// The database this store uses.
    public var databaseName: String { location.database }

    /// Nothing to do: the pool closes when ``run()`` ends.
    public func shutdown() async {}

    /// Answers when the server runs a trivial query.
    public func ping() async throws {
        try await guarded { try await self.client.query("SELECT 1", logger: self.logger) }
    }

    /// Runs `body` with a deadline, mapping driver errors to a clear, secret-free error. A
    /// call that times out or loses its connection counts toward replacing the pool.
    @discardableResult
    func guarded<T: Sendable>(
        deadline: Duration? = nil, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        do {
            let (host, port, timeout) = (location.host, location.port, deadline ?? timeout)
            let value = try await Deadline.run(
                timeout,
                timeoutError: {
                    GatehouseError(.storeUnavailable, "PostgreSQL at \(host):\(port) did not answer within \(timeout)")
                }, perform: body)
            pool.succeeded()
            return value
        } catch let error as GatehouseError {
            if error.code == .storeUnavailable { pool.failed() }
            throw error
        } catch {
            if let inner = Self.ownError(error) { throw inner }
            // An error the server reported is an answer; one without is a lost connection.
            if (error as? PSQLError)?.serverInfo == nil { pool.failed() }
            throw GatehouseError(.storeUnavailable, "PostgreSQL store failed: \(Self.describe(error))")
        }
    }

    /// A ``GatehouseError`` thrown inside a transaction, or a unique violation (a concurrent
    /// writer took the name first) as ``GatehouseError/Code/conflict``.
    static func ownError(_ error: any Error) -> GatehouseError? {
        if let error = error as? PostgresTransactionError {
            let inner = error.closureError ?? error.commitError
            return inner.flatMap { ($0 as? GatehouseError) ?? ownError($0) }
        }
        if let error = error as? PSQLError, error.serverInfo?[.sqlState] == "23505" {
            return GatehouseError(.conflict, "a user or group with that unique value already exists")
        }
        return nil
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            return "\(error.code)"
        }
        if let error = error as? PostgresTransactionError {
            let inner = error.beginError ?? error.closureError ?? error.commitError ?? error.rollbackError
            if let inner { return describe(inner) }
        }
        if let error = error as? GatehouseError { return error.message }
        return String(describing: type(of: error))
    }
}

extension StoreValue {
    func bind(into bindings: inout PostgresBindings) {
        switch self {
        case .int(let value): bindings.append(value)
        case .text(let value): bindings.append(value)
        case .blob(let value): bindings.append(ByteBuffer(bytes: value))
        case .null: bindings.appendNull()
        }
    }

    init(_ cell: PostgresCell) {
        guard cell.bytes != nil else {
            self = .null
            return
        }
        switch cell.dataType {
        case .int8, .int4, .int2:
            self = (try? cell.decode(Int64.self)).map(StoreValue.int) ?? .null
        case .bytea:
            self = (try? cell.decode(ByteBuffer.self)).map { .blob(Data($0.readableBytesView)) } ?? .null
        default:
            self = (try? cell.decode(String.self)).map(StoreValue.text) ?? .null
        }
    }
}

extension PostgresQuery {
    /// A query with database-independent bound values.
    init(sql: String, cells: [StoreValue]) {
        var bindings = PostgresBindings(capacity: cells.count)
        for cell in cells { cell.bind(into: &bindings) }
        self.init(unsafeSQL: sql, binds: bindings)
    }
}

extension PostgresRow {
    var cells: [StoreValue] { map { StoreValue($0) } }
}
