/// Bearer tokens from upstream token services, per registry and scope, until shortly before
/// they expire; concurrent requests for one scope share one token fetch.
actor TokenCache {
    private struct Entry {
        let token: String
        let expiresMicros: Int64
    }

    private var entries: [String: Entry] = [:]
    private var pending: [String: Task<String, any Error>] = [:]

    /// The cached token for `key`, or the one `fetch` returns (with its lifetime in seconds).
    func token(
        for key: String, nowMicros: Int64, fetch: @escaping @Sendable () async throws -> (String, Int)
    ) async throws -> String {
        if let entry = entries[key], entry.expiresMicros > nowMicros { return entry.token }
        if let task = pending[key] { return try await task.value }
        let task = Task {
            let (token, seconds) = try await fetch()
            // Renewed 30 s early (or at half a short lifetime), so a pull never carries a token
            // that expires in flight.
            let margin = min(30, max(1, seconds / 2))
            self.store(key, Entry(token: token, expiresMicros: nowMicros + Int64(seconds - margin) * 1_000_000))
            return token
        }
        pending[key] = task
        defer { pending[key] = nil }
        return try await task.value
    }

    /// The token for `key` if one is cached and not about to expire.
    func cached(_ key: String, nowMicros: Int64) -> String? {
        guard let entry = entries[key], entry.expiresMicros > nowMicros else { return nil }
        return entry.token
    }

    /// Forgets `key` (the upstream refused the token).
    func drop(_ key: String) { entries[key] = nil }

    private func store(_ key: String, _ entry: Entry) { entries[key] = entry }
}
