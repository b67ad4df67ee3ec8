public import GatehouseCore

/// What one server offers, as last listed: tools, prompts, resources and resource templates,
/// each the server's own JSON definitions (all pages).
public struct ServerListing: Sendable, Hashable {
    /// `tools/list`.
    public var tools: [JSONValue] = []
    /// `prompts/list`, when the server has prompts.
    public var prompts: [JSONValue] = []
    /// `resources/list`, when the server has resources.
    public var resources: [JSONValue] = []
    /// `resources/templates/list`, when the server has resources.
    public var resourceTemplates: [JSONValue] = []

    /// Lists everything `session` offers, following `nextCursor` (at most 100 pages each).
    static func fetch(from session: UpstreamSession, timeout: Duration) async throws(RPCError) -> ServerListing {
        var listing = ServerListing()
        let capabilities = await session.capabilities
        if capabilities["tools"] != nil {
            listing.tools = try await all("tools/list", key: "tools", session, timeout)
        }
        if capabilities["prompts"] != nil {
            listing.prompts = try await all("prompts/list", key: "prompts", session, timeout)
        }
        if capabilities["resources"] != nil {
            listing.resources = try await all("resources/list", key: "resources", session, timeout)
            listing.resourceTemplates = try await all(
                "resources/templates/list", key: "resourceTemplates", session, timeout)
        }
        return listing
    }

    private static func all(_ method: String, key: String, _ session: UpstreamSession, _ timeout: Duration)
        async throws(RPCError) -> [JSONValue]
    {
        var items: [JSONValue] = []
        var cursor: JSONValue?
        for _ in 0..<100 {
            let params: JSONValue? = cursor.map { ["cursor": $0] }
            let page = try await session.request(method, params: params, context: .none, timeout: timeout)
            items += page[key]?.arrayValue ?? []
            guard let next = page["nextCursor"], next != .null else { break }
            cursor = next
        }
        return items
    }
}
