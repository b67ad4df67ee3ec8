extension GatehouseStore {
    /// Hands `body` every stored vulnerability record, a page of at most `size` at a time, in id
    /// order.
    public func forEachVulnRecordPage(size: Int = 5_000, _ body: ([VulnRecordRow]) async throws -> Void)
        async throws
    {
        var after = ""
        while true {
            let page = try await vulnRecords(after: after, limit: size)
            guard let last = page.last else { return }
            try await body(page)
            after = last.id
        }
    }
}
