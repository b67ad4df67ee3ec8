public import Foundation
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

    /// Moves on after each revocation and each write to users or groups made through this
    /// object, so caches of identity lookups know when they are stale.
    var identityGeneration: IdentityGeneration { get }

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

    /// Marks a token revoked, and with it every unrevoked token made from it (its
    /// ``AccessTokenRecord/parentID``); false when there is no such token or it was already
    /// revoked.
    func revokeToken(id: String, atMicros: Int64) async throws -> Bool

    // MARK: Directory (users and groups, as SCIM provisions them)

    /// Stores a new user; ``GatehouseError/Code/conflict`` when its `userName` (compared
    /// case-insensitively) or its linked identity is taken.
    func insertUser(_ user: DirectoryUser) async throws

    /// The user with SCIM id `id`, if any.
    func user(id: String) async throws -> DirectoryUser?

    /// The users `lookup` finds, oldest first.
    func users(_ lookup: DirectoryUserLookup) async throws -> [DirectoryUser]

    /// Replaces a user whose stored version is still `expectedVersion` (false when it changed
    /// or is gone). An inactive user's tokens and sessions are revoked in the same transaction.
    func updateUser(_ user: DirectoryUser, expectedVersion: Int64, nowMicros: Int64) async throws -> Bool

    /// Deletes a user, its memberships, and revokes its tokens and sessions, in one transaction.
    /// Nil when there is no such user; ``GatehouseError/Code/preconditionFailed`` when
    /// `expectedVersion` is given and differs.
    func deleteUser(id: String, expectedVersion: Int64?, nowMicros: Int64) async throws -> DirectoryUser?

    /// Stores a new group with its members; ids of users that do not exist are dropped.
    func insertGroup(_ group: DirectoryGroup) async throws

    /// The group with SCIM id `id`, with its members.
    func group(id: String) async throws -> DirectoryGroup?

    /// The groups `lookup` finds, oldest first, with their members.
    func groups(_ lookup: DirectoryGroupLookup) async throws -> [DirectoryGroup]

    /// Replaces a group and its members when its stored version is still `expectedVersion`.
    func updateGroup(_ group: DirectoryGroup, expectedVersion: Int64) async throws -> Bool

    /// Deletes a group and its memberships; false when there is no such group.
    func deleteGroup(id: String, expectedVersion: Int64?) async throws -> Bool

    // MARK: Vulnerability data

    /// Stores OSV records, replacing those with the same id, and records the import; all or
    /// nothing. Returns the status afterwards (its generation grown by one).
    func importVulnRecords(_ records: [VulnRecordRow], source: String, nowMicros: Int64) async throws -> VulnDBStatus

    /// Up to `limit` records whose ids sort after `id` (start with ""), in id order.
    func vulnRecords(after id: String, limit: Int) async throws -> [VulnRecordRow]

    /// What vulnerability data is stored.
    func vulnStatus() async throws -> VulnDBStatus

    /// How many imports there have been: a cheap way to tell the data changed.
    func vulnGeneration() async throws -> Int64

    // MARK: Model usage

    /// Stores usage records and their groups, all or nothing.
    func appendUsage(_ records: [UsageRecord]) async throws

    /// The totals `query` asks for, by cost (highest first), then key; keys without records in
    /// the window are left out.
    func usageTotals(_ query: UsageQuery) async throws -> [UsageTotal]

    /// The spend of `principal` (`issuer#subject`) and of each of `groups` since `since`: what
    /// budgets are checked against. Every replica reads it at start-up and again every few
    /// seconds, so they agree on what is left.
    func spend(principal: String, groups: [String], since: Date) async throws -> UsageSpend

    // MARK: Agent sessions

    /// Inserts `record`, or replaces every field of the stored session with its id but the owner
    /// and the parent, which never change: ``GatehouseError/Code/conflict`` when they differ.
    /// ``GatehouseError/Code/badRequest`` for an id or parent that is not 32 lowercase hex
    /// digits, an unknown state or a title over 200 characters;
    /// ``GatehouseError/Code/payloadTooLarge`` for messages over 16 MiB.
    func saveAgentSession(_ record: AgentSessionRecord) async throws

    /// The session with `id`, with its messages; nil when there is none.
    func agentSession(id: String) async throws -> AgentSessionRecord?

    /// The sessions `query` asks for, newest first by creation time, then by id (descending).
    func agentSessions(_ query: AgentSessionQuery) async throws -> [AgentSessionRecord]
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
