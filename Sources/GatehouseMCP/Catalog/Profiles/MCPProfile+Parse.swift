import GatehouseCore

/// Reading `profiles: {NAME: {description, servers: [..], tools: {allow: [..], deny: [..]}}}`.
extension MCPProfile {
    /// Reads the profiles of a document whose top level holds `profiles`, in file order. With
    /// `allowingOtherKeys` (reading gatehouse.yaml, whose other sections are read elsewhere)
    /// other top-level keys are left alone and a missing `profiles` gives no profiles;
    /// otherwise they are errors. Throws the first problem found.
    public static func parse(yaml: String, file: String, allowingOtherKeys: Bool = false) throws(CatalogError)
        -> [MCPProfile]
    {
        let root = try CatalogYAML.load(yaml, file: file)
        let section: CatalogNode?
        if allowingOtherKeys {
            section = try root.entries().first { $0.name == "profiles" }.flatMap { $0.value.isNull ? nil : $0.value }
        } else {
            section = try root.fields(["profiles"]).required("profiles")
        }
        guard let section else { return [] }
        var profiles: [MCPProfile] = []
        for entry in try section.entries() {
            profiles.append(try read(entry, file: file))
        }
        return profiles
    }

    /// Reads one profile; `entry.name` is its name.
    private static func read(_ entry: CatalogNode.Entry, file: String) throws(CatalogError) -> MCPProfile {
        guard CatalogServer.isValidName(entry.name) else {
            throw entry.key.error(
                "invalid profile name \(ConfigEcho.quoted(entry.name)) (expected 1 to 63 lower-case letters, "
                    + "digits, '.', '_' or '-', starting with a letter or a digit)")
        }
        var origin = Origin(file: file)
        let fields = try entry.value.fields(["description", "servers", "tools"])
        let serversNode = try fields.required("servers")
        var servers: [String] = []
        for element in try serversNode.sequence() {
            let server = try element.string()
            guard CatalogServer.isValidName(server) else {
                throw element.error("invalid server name \(ConfigEcho.quoted(server))")
            }
            guard !servers.contains(server) else { throw element.error("the server \(server) is listed twice") }
            origin.lines[element.path] = element.line
            servers.append(server)
        }
        guard !servers.isEmpty else { throw serversNode.error("a profile needs at least one server") }
        var profile = MCPProfile(
            name: entry.name, description: try fields["description"]?.optionalText(), servers: servers)
        if let tools = try fields["tools"]?.fields(["allow", "deny"]) {
            profile.allowTools =
                try tools["allow"].map { node throws(CatalogError) in try globs(node, origin: &origin) } ?? ["*"]
            profile.denyTools =
                try tools["deny"].map { node throws(CatalogError) in try globs(node, origin: &origin) } ?? []
        }
        profile.origin = origin
        return profile
    }

    /// A sequence of tool globs, their lines noted in `origin`.
    private static func globs(_ node: CatalogNode, origin: inout Origin) throws(CatalogError) -> [String] {
        var globs: [String] = []
        for element in try node.sequence() {
            let glob = try element.string()
            guard isValidGlob(glob) else {
                throw element.error(
                    "invalid tool glob \(ConfigEcho.quoted(glob)) (expected letters, digits, '_', '.', '-', '/', '*' "
                        + "and '?', e.g. github/list_* or *__read_file)")
            }
            origin.lines[element.path] = element.line
            globs.append(glob)
        }
        return globs
    }
}
