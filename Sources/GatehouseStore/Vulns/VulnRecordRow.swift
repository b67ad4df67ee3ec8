/// One vulnerability record as stored: the OSV document as imported, keyed by its id.
public struct VulnRecordRow: Sendable, Hashable {
    /// The OSV id (`DSA-5000-1`, `GHSA-…`, `GO-2023-1234`).
    public var id: String
    /// The first affected ecosystem's family (`Debian`, `PyPI`), for status counts.
    public var ecosystem: String
    /// The record's `modified` time as written.
    public var modified: String
    /// The OSV JSON document.
    public var document: String

    /// Creates a row.
    public init(id: String, ecosystem: String, modified: String, document: String) {
        self.id = id
        self.ecosystem = ecosystem
        self.modified = modified
        self.document = document
    }
}

/// What vulnerability data the store holds.
public struct VulnDBStatus: Sendable, Hashable, Codable {
    /// Records stored.
    public var records: Int
    /// Records per ecosystem family.
    public var ecosystems: [String: Int]
    /// Imports so far; it grows with each import, so it tells a reader the data changed.
    public var generation: Int64
    /// When the last import finished (microseconds since the epoch).
    public var lastImportMicros: Int64?
    /// What the last import read (a directory or file name).
    public var lastSource: String?

    /// Creates a status.
    public init(
        records: Int, ecosystems: [String: Int], generation: Int64, lastImportMicros: Int64?, lastSource: String?
    ) {
        self.records = records
        self.ecosystems = ecosystems
        self.generation = generation
        self.lastImportMicros = lastImportMicros
        self.lastSource = lastSource
    }
}
