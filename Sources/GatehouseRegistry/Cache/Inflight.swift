/// Concurrent requests for one key share one piece of work (one upstream fetch of a blob).
package actor Inflight<Key: Hashable & Sendable, Value: Sendable> {
    private var running: [Key: Task<Value, any Error>] = [:]
    /// Calls that joined a running piece of work, per key (observable for tests).
    private(set) var joined: [Key: Int] = [:]

    /// Nothing running yet.
    package init() {}

    /// The result of `work` for `key`, started only if no call for `key` is running.
    package func run(_ key: Key, _ work: @escaping @Sendable () async throws -> Value) async throws -> Value {
        if let task = running[key] {
            joined[key, default: 0] += 1
            return try await task.value
        }
        let task = Task { try await work() }
        running[key] = task
        defer {
            running[key] = nil
            joined[key] = nil
        }
        return try await task.value
    }
}

/// Which digest a tag pointed to when it was last fetched, kept for a time to live.
actor TagCache {
    private var entries: [String: (digest: Digest, fetchedMicros: Int64)] = [:]
    private let limit = 100_000

    /// The digest of `key` fetched within `ttlMicros`, else nil; with `stale`, however old.
    func digest(_ key: String, nowMicros: Int64, ttlMicros: Int64, stale: Bool = false) -> Digest? {
        guard let entry = entries[key], stale || nowMicros - entry.fetchedMicros < ttlMicros else { return nil }
        return entry.digest
    }

    func set(_ key: String, _ digest: Digest, nowMicros: Int64) {
        if entries.count >= limit, let oldest = entries.min(by: { $0.value.fetchedMicros < $1.value.fetchedMicros }) {
            entries[oldest.key] = nil
        }
        entries[key] = (digest, nowMicros)
    }
}
