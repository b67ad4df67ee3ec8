import Foundation

/// The schema, as an ordered list of versioned migrations. Each is applied once, inside a
/// transaction, and recorded in `schema_migrations`. Never edit a released migration: add one.
enum Migrations {
    /// One schema step, in both dialects.
    struct Step: Sendable {
        let version: Int
        let name: String
        let sqlite: [String]
        let postgres: [String]
    }

    static let all: [Step] = [v1, v2, v3, v4, v5, v6]

    static let latest = all.map(\.version).max() ?? 0

    static let createTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_micros BIGINT NOT NULL)
        """

    private static let auditColumns = """
        seq BIGINT PRIMARY KEY CHECK (seq > 0), time_micros BIGINT NOT NULL, issuer TEXT NOT NULL,
        subject TEXT NOT NULL, auth_method TEXT NOT NULL, groups TEXT NOT NULL,
        action TEXT NOT NULL, resource TEXT NOT NULL, decision TEXT NOT NULL,
        rule TEXT NOT NULL, reason TEXT NOT NULL, outcome TEXT NOT NULL,
        duration_micros BIGINT NOT NULL, trace_id TEXT NOT NULL, payload_shape TEXT NOT NULL,
        payload_hash TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL
        """

    private static let common = [
        "CREATE INDEX audit_by_action ON audit_records (action, seq)",
        """
        CREATE TABLE audit_checkpoints (seq BIGINT PRIMARY KEY, hash TEXT NOT NULL,
            time_micros BIGINT NOT NULL, key_id TEXT NOT NULL, signature TEXT NOT NULL)
        """,
        """
        CREATE TABLE access_tokens (id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL, issuer TEXT NOT NULL, subject TEXT NOT NULL,
            groups TEXT NOT NULL, auth_method TEXT NOT NULL, scopes TEXT NOT NULL,
            created_micros BIGINT NOT NULL, expires_micros BIGINT, last_used_micros BIGINT,
            revoked_micros BIGINT)
        """,
        "CREATE INDEX tokens_by_subject ON access_tokens (issuer, subject)",
    ]

    /// Audit records and checkpoints are append-only: updates and deletes are refused by
    /// the database itself (defence in depth; `audit verify` catches what bypasses it).
    static let v1 = Step(
        version: 1, name: "audit trail and access tokens",
        sqlite: [
            // INTEGER PRIMARY KEY makes seq the rowid in SQLite.
            "CREATE TABLE audit_records ("
                + auditColumns.replacingOccurrences(
                    of: "seq BIGINT PRIMARY KEY", with: "seq INTEGER PRIMARY KEY") + ")"
        ] + common
            + ["audit_records", "audit_checkpoints"].flatMap { table in
                ["UPDATE", "DELETE"].map { op in
                    """
                    CREATE TRIGGER \(table)_no_\(op.lowercased()) BEFORE \(op) ON \(table)
                    BEGIN SELECT RAISE(ABORT, '\(table) is append-only'); END
                    """
                }
            },
        postgres: [
            "CREATE TABLE audit_records (\(auditColumns))",
            // SQLite goes without this index: subjects are spread over the whole key range, so
            // every batch dirties hundreds of index pages and halves append throughput. Its
            // subject queries scan newest-first and stop at the limit.
            "CREATE INDEX audit_by_subject ON audit_records (subject, seq)",
        ] + common + [
            """
            CREATE FUNCTION gatehouse_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$
            """
        ]
            + ["audit_records", "audit_checkpoints"].map { table in
                """
                CREATE TRIGGER \(table)_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON \(table)
                FOR EACH STATEMENT EXECUTE FUNCTION gatehouse_append_only()
                """
            }
    )
}

extension Migrations {
    private static let directory = [
        """
        CREATE TABLE directory_users (id TEXT PRIMARY KEY, user_name TEXT NOT NULL,
            user_name_key TEXT NOT NULL UNIQUE, external_id TEXT, active BIGINT NOT NULL,
            version BIGINT NOT NULL, created_micros BIGINT NOT NULL, modified_micros BIGINT NOT NULL,
            document TEXT NOT NULL, link_issuer TEXT, link_subject TEXT, claim_groups TEXT NOT NULL)
        """,
        "CREATE UNIQUE INDEX directory_users_link ON directory_users (link_issuer, link_subject)",
        "CREATE INDEX directory_users_external ON directory_users (external_id)",
        """
        CREATE TABLE directory_groups (id TEXT PRIMARY KEY, display_name TEXT NOT NULL,
            display_name_key TEXT NOT NULL, external_id TEXT, version BIGINT NOT NULL,
            created_micros BIGINT NOT NULL, modified_micros BIGINT NOT NULL, document TEXT NOT NULL)
        """,
        "CREATE INDEX directory_groups_name ON directory_groups (display_name_key)",
        "CREATE INDEX directory_groups_external ON directory_groups (external_id)",
        """
        CREATE TABLE directory_members (group_id TEXT NOT NULL, user_id TEXT NOT NULL,
            PRIMARY KEY (group_id, user_id))
        """,
        "CREATE INDEX directory_members_by_user ON directory_members (user_id)",
    ]

    /// The directory: users and groups as SCIM provisions them, and memberships.
    static let v2 = Step(version: 2, name: "directory users and groups", sqlite: directory, postgres: directory)
}

extension Migrations {
    private static let vulns = [
        """
        CREATE TABLE vuln_records (id TEXT PRIMARY KEY, ecosystem TEXT NOT NULL, modified TEXT NOT NULL,
            document TEXT NOT NULL)
        """,
        """
        CREATE TABLE vuln_imports (seq BIGINT PRIMARY KEY, source TEXT NOT NULL, imported_micros BIGINT NOT NULL,
            records BIGINT NOT NULL)
        """,
    ]

    /// Vulnerability data (OSV records) and the imports that brought it.
    static let v3 = Step(version: 3, name: "vulnerability records", sqlite: vulns, postgres: vulns)
}

extension Migrations {
    private static let usage = [
        """
        CREATE TABLE usage_records (id TEXT PRIMARY KEY, at_micros BIGINT NOT NULL, principal TEXT NOT NULL,
            principal_display TEXT, model TEXT NOT NULL, route TEXT NOT NULL, prompt_tokens BIGINT NOT NULL,
            completion_tokens BIGINT NOT NULL, cost_micros BIGINT NOT NULL, estimated BIGINT NOT NULL)
        """,
        "CREATE INDEX usage_by_time ON usage_records (at_micros)",
        "CREATE INDEX usage_by_principal ON usage_records (principal, at_micros)",
        // at_micros repeats the record's time, so a group's spend since a time is an index range.
        """
        CREATE TABLE usage_groups (record_id TEXT NOT NULL, group_name TEXT NOT NULL, at_micros BIGINT NOT NULL,
            PRIMARY KEY (record_id, group_name))
        """,
        "CREATE INDEX usage_groups_by_group ON usage_groups (group_name, at_micros)",
    ]

    /// Model usage: one record per request, and the groups its principal was in.
    static let v4 = Step(version: 4, name: "model usage", sqlite: usage, postgres: usage)
}

extension Migrations {
    private static func agentSessions(bytes: String) -> [String] {
        [
            """
            CREATE TABLE agent_sessions (id TEXT PRIMARY KEY, parent_id TEXT, owner TEXT NOT NULL,
                file_name TEXT NOT NULL, agent TEXT NOT NULL, title TEXT NOT NULL, state TEXT NOT NULL,
                created_micros BIGINT NOT NULL, updated_micros BIGINT NOT NULL, tokens_in BIGINT NOT NULL,
                tokens_out BIGINT NOT NULL, cost_micros BIGINT NOT NULL, error TEXT, messages \(bytes) NOT NULL)
            """,
            "CREATE INDEX agent_sessions_by_owner ON agent_sessions (owner, created_micros)",
            "CREATE INDEX agent_sessions_by_parent ON agent_sessions (parent_id)",
        ]
    }

    /// Agent sessions: one row per run of an agent file or delegated child run, with its
    /// conversation as opaque bytes.
    static let v5 = Step(
        version: 5, name: "agent sessions", sqlite: agentSessions(bytes: "BLOB"),
        postgres: agentSessions(bytes: "BYTEA"))
}

extension Migrations {
    private static let tokenParents = [
        "ALTER TABLE access_tokens ADD COLUMN parent_id TEXT",
        "CREATE INDEX tokens_by_parent ON access_tokens (parent_id)",
    ]

    /// A token made from another (a console session signed in with an access token) names it,
    /// so revoking the one revokes the other.
    static let v6 = Step(version: 6, name: "token parents", sqlite: tokenParents, postgres: tokenParents)
}
