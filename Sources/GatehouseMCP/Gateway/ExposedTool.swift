public import GatehouseCore

/// A tool as clients see it through the gateway: the server's definition under a stable name,
/// `PREFIX__TOOL`, where the prefix is the catalog's `prefix` for the server or else its name.
/// The prefix is always there, so a name never changes when another server joins a profile,
/// and two servers' tools never collide.
public struct ExposedTool: Sendable, Hashable {
    /// The catalog server.
    public var server: String
    /// The tool's own name on that server.
    public var tool: String
    /// The name clients call it by.
    public var exposedName: String
    /// The server's definition, `name` replaced by the exposed name.
    public var definition: JSONValue

    /// The separator between prefix and tool name.
    public static let separator = "__"

    /// The exposed name of `tool` on `server`.
    public static func name(server: CatalogServer, tool: String) -> String {
        (server.prefix ?? server.name) + separator + tool
    }

    /// The resource the policy decides on for this tool: `server/tool`.
    public var resource: String { server + "/" + tool }
}

/// A prompt as clients see it: like tools, `PREFIX__PROMPT`.
public struct ExposedPrompt: Sendable, Hashable {
    /// The catalog server.
    public var server: String
    /// The prompt's own name.
    public var prompt: String
    /// The name clients use.
    public var exposedName: String
    /// The server's definition, `name` replaced.
    public var definition: JSONValue
}
