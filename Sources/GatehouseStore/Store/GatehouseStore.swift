public import GatehouseCore
public import ServiceLifecycle

/// Persistence for every layer, behind one protocol with one test suite that every driver
/// passes (SQLite embedded, PostgreSQL for several replicas).
///
/// A store is a `Service`: `run()` keeps its connections until graceful shutdown.
public protocol GatehouseStore: Service, Sendable {
    /// `sqlite` or `postgres`.
    var driverName: String { get }

    /// Applies pending migrations; returns the schema version now in force.
    @discardableResult
    func migrate() async throws -> Int

    /// Succeeds when the store answers a trivial query.
    func ping() async throws

    /// Closes connections; further calls fail.
    func shutdown() async

    // MARK: Audit trail

    /// Seals `events` after the current head and writes them and any checkpoints in one
    /// transaction, serialized against every other appender (across processes too).
    func appendAudit(_ events: [AuditEvent], sealer: AuditSealer) async throws -> AuditAppendResult

    /// The newest record's position and hash.
    func auditHead() async throws -> AuditHead

    /// Records with `seq > after`, in position order, at most `limit`.
    func auditRecords(after seq: Int64, limit: Int) async throws -> [AuditRecord]

    /// Records matching `query`, newest first.
    func queryAudit(_ query: AuditQuery) async throws -> [AuditRecord]

    /// Every checkpoint, in position order.
    func auditCheckpoints() async throws -> [AuditCheckpoint]

    // MARK: Access tokens

    /// Stores a new token record.
    func insertToken(_ token: AccessTokenRecord) async throws

    /// The token whose SHA-256 is `hash`, if any (revoked and expired ones included).
    func token(hash: String) async throws -> AccessTokenRecord?

    /// Records a successful use.
    func touchToken(id: String, atMicros: Int64) async throws

    /// How many tokens exist for the given auth method.
    func tokenCount(authMethod: Principal.AuthMethod) async throws -> Int

    /// The token with public identifier `id`, if any.
    func token(id: String) async throws -> AccessTokenRecord?

    /// Every token of one principal (revoked and expired ones included), newest first.
    func tokens(issuer: String, subject: String) async throws -> [AccessTokenRecord]

    /// Marks a token revoked; false when there is no such token or it was already revoked.
    func revokeToken(id: String, atMicros: Int64) async throws -> Bool
}

/// What one append wrote.
public struct AuditAppendResult: Sendable, Hashable {
    /// The records as sealed and stored.
    public var records: [AuditRecord]
    /// Checkpoints made in the same transaction.
    public var checkpoints: [AuditCheckpoint]
    /// The new head.
    public var head: AuditHead

    /// Creates a result.
    public init(records: [AuditRecord], checkpoints: [AuditCheckpoint], head: AuditHead) {
        self.records = records
        self.checkpoints = checkpoints
        self.head = head
    }
}
