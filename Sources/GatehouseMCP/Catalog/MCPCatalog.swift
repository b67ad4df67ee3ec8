/// A catalog of MCP tool servers: docker/mcp-gateway's catalog YAML (`registry: {NAME: …}`)
/// read strictly (unknown keys are errors), plus Gatehouse's own keys.
public struct MCPCatalog: Sendable, Hashable {
    /// How to read a catalog.
    public struct ParseOptions: OptionSet, Sendable, Hashable {
        /// The raw bits.
        public let rawValue: Int

        /// Creates options from raw bits.
        public init(rawValue: Int) {
            self.rawValue = rawValue
        }

        /// Importing someone else's catalog (Docker's): servers that use something Gatehouse
        /// does not support (per-tool containers, SSE, writable volumes) are skipped and listed
        /// in ``MCPCatalog/skipped`` instead of failing the whole catalog.
        public static let importing = ParseOptions(rawValue: 1 << 0)
    }

    /// The catalog's name (`name`), e.g. `docker-mcp`.
    public var name: String?
    /// The catalog's name for people (`displayName`).
    public var displayName: String?
    /// The servers, in file order.
    public var servers: [CatalogServer]
    /// Servers left out when importing: name → why.
    public var skipped: [String: String] = [:]
    /// Things accepted but not honoured (`extraHosts`, `user`), as `file:line: path: message`.
    public var warnings: [String] = []

    /// Creates a catalog.
    public init(
        name: String? = nil, displayName: String? = nil, servers: [CatalogServer] = [],
        skipped: [String: String] = [:], warnings: [String] = []
    ) {
        self.name = name
        self.displayName = displayName
        self.servers = servers
        self.skipped = skipped
        self.warnings = warnings
    }

    /// Reads a catalog. `file` names the text in errors. Throws the first problem found.
    public static func parse(yaml: String, file: String, options: ParseOptions = []) throws(CatalogError)
        -> MCPCatalog
    {
        var reader = CatalogReader(options: options)
        return try reader.readCatalog(CatalogYAML.load(yaml, file: file))
    }

    /// The server named `name`, if any.
    public func server(named name: String) -> CatalogServer? {
        servers.first { $0.name == name }
    }

    /// This catalog with `other`'s servers added; where both define a server, `other`'s
    /// definition wins (in this catalog's place). `other`'s name and display name win when set.
    /// A server `other` skipped does not replace one defined here.
    public func merged(with other: MCPCatalog) -> MCPCatalog {
        var result = self
        result.name = other.name ?? name
        result.displayName = other.displayName ?? displayName
        for server in other.servers {
            if let index = result.servers.firstIndex(where: { $0.name == server.name }) {
                result.servers[index] = server
            } else {
                result.servers.append(server)
            }
        }
        result.skipped.merge(other.skipped) { _, later in later }
        let defined = Set(result.servers.map(\.name))
        result.skipped = result.skipped.filter { !defined.contains($0.key) }
        result.warnings += other.warnings
        return result
    }
}
