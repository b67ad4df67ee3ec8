import GatehouseCore

/// Reads a checked document (see ``CatalogYAML``) into an ``MCPCatalog``: the top level and
/// each server's kind. Confined to one parse.
struct CatalogReader {
    /// The top-level keys: Docker's, `version` and `policy` accepted and ignored.
    static let topKeys = ["version", "name", "displayName", "registry", "policy"]
    /// The server keys read.
    static let serverKeys = [
        "name", "type", "image", "command", "remote", "sseEndpoint", "title", "description", "secrets", "env",
        "allowHosts", "disableNetwork", "longLived", "prefix", "tools", "config", "volumes", "oauth", "extraHosts",
        "user", "paths", "workdir", "limits", "pool", "isolation",
    ]
    /// Docker's published server keys, accepted and ignored.
    static let ignoredServerKeys = [
        "dateAdded", "ref", "toolsUrl", "readme", "icon", "source", "upstream", "metadata", "prompts", "resources",
        "policy",
    ]
    /// Keys that only mean something for a server Gatehouse runs (not for a remote one).
    static let sandboxKeys = [
        "command", "volumes", "paths", "workdir", "limits", "pool", "isolation", "disableNetwork", "allowHosts",
        "longLived", "env",
    ]

    /// How the catalog is read.
    let options: MCPCatalog.ParseOptions
    /// Warnings so far.
    var warnings: [String] = []

    /// Reads the whole catalog.
    mutating func readCatalog(_ root: CatalogNode) throws(CatalogError) -> MCPCatalog {
        let top = try root.fields(Self.topKeys)
        _ = try top["version"]?.integer()
        var catalog = MCPCatalog()
        catalog.name = try top["name"].flatMap { node throws(CatalogError) in try node.optionalText() }
        catalog.displayName = try top["displayName"].flatMap { node throws(CatalogError) in try node.optionalText() }
        let registry = try top.required("registry")
        guard registry.isMapping else { throw registry.mismatch("a mapping of server names to servers") }
        for entry in try registry.entries() {
            do {
                catalog.servers.append(try readServer(entry))
            } catch let error where error.isUnsupported && options.contains(.importing) {
                catalog.skipped[entry.name] = error.message
            }
        }
        catalog.warnings = warnings
        return catalog
    }

    /// Reads one server: `entry.name` is its name.
    mutating func readServer(_ entry: CatalogNode.Entry) throws(CatalogError) -> CatalogServer {
        guard CatalogServer.isValidName(entry.name) else {
            throw entry.key.error(
                "invalid server name \(ConfigEcho.quoted(entry.name)) (expected 1 to 63 lower-case letters, digits, "
                    + "'.', '_' or '-', starting with a letter or a digit)")
        }
        let fields = try entry.value.fields(Self.serverKeys + Self.ignoredServerKeys)
        if let node = fields["name"], try node.string() != entry.name {
            throw node.error("the name differs from the server's key \(ConfigEcho.quoted(entry.name))")
        }
        // The kind first: an unsupported one skips the server when importing, whatever else it holds.
        var server = CatalogServer(name: entry.name, kind: try readKind(fields))
        let secrets = try fields["secrets"].map { node throws(CatalogError) in try readSecrets(node) } ?? []
        server.secrets = secrets
        if case .remote = server.kind { try checkHeaderReferences(fields, secrets: secrets) }
        server.title = try fields["title"]?.optionalText()
        server.description = try fields["description"]?.optionalText()
        if let node = fields["prefix"] {
            server.prefix = try node.optionalText()
            if let prefix = server.prefix, !CatalogChecks.isPrefix(prefix) {
                throw node.error("invalid prefix (expected 1 to 64 letters, digits, '_', '.' or '-')")
            }
        }
        server.env =
            try fields["env"].map { node throws(CatalogError) in try readEnvironment(node, secrets: secrets) } ?? []
        server.tools = try fields["tools"].map { node throws(CatalogError) in try readTools(node) } ?? []
        server.config = try fields["config"].map { node throws(CatalogError) in try readConfig(node) } ?? []
        if let node = fields["oauth"] {
            guard node.isMapping else { throw node.mismatch("a mapping") }
            server.oauth = try node.json()
        }
        try readSandbox(fields, into: &server)
        try warnIgnored(fields)
        return server
    }

    /// The kind: `type` when given, else `remote` with a remote URL, else `server` with an image.
    private func readKind(_ fields: CatalogFields) throws(CatalogError) -> CatalogServer.Kind {
        let typeNode = fields["type"]
        var type = try typeNode?.string()
        if type == nil {
            if fields.isSet("remote") || fields.isSet("sseEndpoint") {
                type = "remote"
            } else if fields.isSet("image") {
                type = "server"
            } else {
                throw fields.owner.error(
                    "missing \"image\" (a container server needs an image; write type: command with a command "
                        + "to run one in a sandbox, or type: remote with remote.url)")
            }
        }
        switch type {
        case "server":
            try refuse(["remote", "sseEndpoint"], in: fields, for: "a container server (type: server)")
            let image = try fields.required("image").string()
            let arguments = try fields["command"]?.strings(allowEmpty: true) ?? []
            return .image(reference: image, arguments: arguments)
        case "command":
            try refuse(["image", "remote", "sseEndpoint"], in: fields, for: "a command server (type: command)")
            let node = try fields.required("command")
            let argv = try node.strings(allowEmpty: true)
            guard let program = argv.first, !program.isEmpty else {
                throw node.error("expected the program and its arguments")
            }
            return .command(argv)
        case "remote":
            try refuse(["image"] + Self.sandboxKeys, in: fields, for: "a remote server (type: remote)")
            return try readRemote(fields)
        case "poci":
            throw (typeNode ?? fields.owner).error(
                "per-tool containers (type: poci) are not supported", unsupported: true)
        default:
            throw (typeNode ?? fields.owner).error(
                "invalid type \(ConfigEcho.quoted(type ?? "")) (expected server, remote or command)")
        }
    }

    /// Throws when one of `keys` is set (not null, empty or false).
    private func refuse(_ keys: [String], in fields: CatalogFields, for what: String) throws(CatalogError) {
        for key in keys where fields.isSet(key) {
            throw fields[key].map { $0.error("not used by \(what)") }
                ?? fields.owner.error("\(key) is not used by \(what)")
        }
    }

    /// Records a warning for keys accepted but not honoured.
    private mutating func warnIgnored(_ fields: CatalogFields) throws(CatalogError) {
        if let node = fields["extraHosts"], !(try node.strings()).isEmpty {
            warnings.append(node.error("extra host entries are not supported; ignored").description)
        }
        if let node = fields["user"], !(try node.string(allowEmpty: true)).isEmpty {
            warnings.append(
                node.error("user is not supported (servers run as an unprivileged user); ignored").description)
        }
    }
}
