import GatehouseCore

/// A named selection of catalog servers and of their tools, which a client connects to
/// (`profiles.NAME` in gatehouse.yaml).
public struct MCPProfile: Sendable, Hashable {
    /// The name, matching `[a-z0-9][a-z0-9._-]{0,62}`.
    public var name: String
    /// What the profile is for.
    public var description: String?
    /// The catalog servers it includes, by name.
    public var servers: [String]
    /// Globs over `server/tool` or the exposed (prefixed) tool name; a tool must match one.
    /// `*` matches any run of characters (`/` included), `?` one character.
    public var allowTools: [String]
    /// Globs as in ``allowTools``; a tool matching one is left out even if allowed.
    public var denyTools: [String]
    /// Where the profile was read, for errors found later; not part of equality.
    var origin = Origin()

    /// Creates a profile.
    public init(
        name: String, description: String? = nil, servers: [String], allowTools: [String] = ["*"],
        denyTools: [String] = []
    ) {
        self.name = name
        self.description = description
        self.servers = servers
        self.allowTools = allowTools
        self.denyTools = denyTools
    }

    /// Whether the profile offers `tool` of `server`: the server is included, some allow glob
    /// matches `server/tool` (or `exposedName`, the prefixed name clients see) and no deny glob
    /// does.
    public func allows(server: String, tool: String, exposedName: String? = nil) -> Bool {
        guard servers.contains(server) else { return false }
        let names = ["\(server)/\(tool)"] + (exposedName.map { [$0] } ?? [])
        let matches = { (globs: [String]) in
            globs.contains { glob in names.contains { MCPProfile.glob(glob, matches: $0) } }
        }
        return matches(allowTools) && !matches(denyTools)
    }

    /// Throws unless every server the profile names is in `catalog`, and every glob that names
    /// a server (`server/…` without wildcards before the `/`) names one of the profile's.
    public func validate(against catalog: MCPCatalog) throws(CatalogError) {
        for (index, server) in servers.enumerated() where catalog.server(named: server) == nil {
            let path = "profiles.\(name).servers[\(index)]"
            var message = "unknown server \(ConfigEcho.quoted(server))"
            if let reason = catalog.skipped[server] {
                message += " (skipped when importing the catalog: \(reason))"
            } else if let near = Self.nearest(server, among: catalog.servers.map(\.name)) {
                message += " (did you mean \(ConfigEcho.quoted(near))?)"
            }
            throw CatalogError(file: origin.file, line: origin.lines[path], path: path, message: message)
        }
        for (key, globs) in [("allow", allowTools), ("deny", denyTools)] {
            for (index, glob) in globs.enumerated() {
                guard let slash = glob.firstIndex(of: "/") else { continue }
                let server = String(glob[..<slash])
                guard !server.contains(where: { $0 == "*" || $0 == "?" }), !servers.contains(server) else { continue }
                let path = "profiles.\(name).tools.\(key)[\(index)]"
                throw CatalogError(
                    file: origin.file, line: origin.lines[path], path: path,
                    message:
                        "the glob names the server \(ConfigEcho.quoted(server)), which is not in this profile's servers"
                )
            }
        }
    }

    /// Where a profile was read: the file and the lines of its entries, by key path. Always
    /// equal, so it does not affect the profile's equality.
    struct Origin: Sendable, Hashable {
        /// The file name.
        var file = "<profiles>"
        /// The 1-based lines of entries, by key path (`profiles.dev.servers[0]`).
        var lines: [String: Int] = [:]

        static func == (lhs: Origin, rhs: Origin) -> Bool { true }
        func hash(into hasher: inout Hasher) {}
    }
}
