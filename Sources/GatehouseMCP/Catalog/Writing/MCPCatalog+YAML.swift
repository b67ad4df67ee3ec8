import Yams

extension MCPCatalog {
    /// The catalog as canonical YAML, which ``parse(yaml:file:options:)`` reads back to an
    /// equal catalog (``skipped`` and ``warnings`` are not written). Servers are written in
    /// order; environment variables in docker's list form.
    public func yaml() -> String {
        typealias W = CatalogYAMLWriter
        var top: [(String, Node)] = []
        if let name { top.append(("name", W.string(name))) }
        if let displayName { top.append(("displayName", W.string(displayName))) }
        top.append(("registry", W.mapping(servers.map { ($0.name, $0.yamlNode) })))
        return W.serialize(W.mapping(top))
    }
}

extension CatalogServer {
    /// The server's entry under `registry`.
    var yamlNode: Node {
        typealias W = CatalogYAMLWriter
        var pairs: [(String, Node)] = []
        switch kind {
        case .command(let argv):
            pairs += [("type", W.string("command")), ("command", W.strings(argv))]
        case .image(let reference, let arguments):
            pairs += [("type", W.string("server")), ("image", W.string(reference))]
            if !arguments.isEmpty { pairs.append(("command", W.strings(arguments))) }
        case .remote(let url, let transport, let headers):
            var remote: [(String, Node)] = [("url", W.string(url)), ("transport_type", W.string(transport.rawValue))]
            if !headers.isEmpty {
                remote.append(("headers", W.mapping(headers.keys.sorted().map { ($0, W.string(headers[$0] ?? "")) })))
            }
            pairs += [("type", W.string("remote")), ("remote", W.mapping(remote))]
        }
        if let title { pairs.append(("title", W.string(title))) }
        if let description { pairs.append(("description", W.string(description))) }
        if let prefix { pairs.append(("prefix", W.string(prefix))) }
        if !secrets.isEmpty { pairs.append(("secrets", Node(secrets.map(\.yamlNode)))) }
        if !env.isEmpty {
            pairs.append(
                ("env", Node(env.map { W.mapping([("name", W.string($0.name)), ("value", W.string($0.value))]) })))
        }
        if !tools.isEmpty { pairs.append(("tools", Node(tools.map(\.yamlNode)))) }
        if !config.isEmpty { pairs.append(("config", Node(config.map(W.json)))) }
        if let oauth { pairs.append(("oauth", W.json(oauth))) }
        pairs += sandboxPairs
        return W.mapping(pairs)
    }

    /// The keys that confine a server Gatehouse runs.
    private var sandboxPairs: [(String, Node)] {
        typealias W = CatalogYAMLWriter
        var pairs: [(String, Node)] = []
        if !allowHosts.isEmpty { pairs.append(("allowHosts", W.strings(allowHosts))) }
        if disableNetwork { pairs.append(("disableNetwork", W.boolean(true))) }
        if longLived { pairs.append(("longLived", W.boolean(true))) }
        if !volumes.isEmpty { pairs.append(("volumes", W.strings(volumes))) }
        if !paths.isEmpty { pairs.append(("paths", W.strings(paths))) }
        if let workdir { pairs.append(("workdir", W.string(workdir))) }
        if let limits {
            var fields: [(String, Node)] = []
            if let bytes = limits.memoryBytes { fields.append(("memory", W.integer(bytes))) }
            if let pids = limits.pids { fields.append(("pids", W.integer(pids))) }
            if let cpus = limits.cpus { fields.append(("cpus", W.number(cpus))) }
            if let seconds = limits.cpuSeconds { fields.append(("cpu_seconds", W.integer(seconds))) }
            if let seconds = limits.callTimeoutSeconds { fields.append(("call_timeout_seconds", W.integer(seconds))) }
            pairs.append(("limits", W.mapping(fields)))
        }
        if let pool {
            var fields: [(String, Node)] = [("max", W.integer(pool.max))]
            if let seconds = pool.idleSeconds { fields.append(("idle_seconds", W.integer(seconds))) }
            pairs.append(("pool", W.mapping(fields)))
        }
        if let isolation { pairs.append(("isolation", W.string(isolation.rawValue))) }
        return pairs
    }
}

extension CatalogServer.SecretBinding {
    /// The binding's entry under `secrets`.
    var yamlNode: Node {
        typealias W = CatalogYAMLWriter
        var pairs: [(String, Node)] = [("name", W.string(name)), ("env", W.string(env))]
        if let from { pairs.append(("from", W.string(from))) }
        if let example { pairs.append(("example", W.string(example))) }
        if let description { pairs.append(("description", W.string(description))) }
        if let required { pairs.append(("required", W.boolean(required))) }
        return W.mapping(pairs)
    }
}

extension CatalogTool {
    /// The tool's entry under `tools`.
    var yamlNode: Node {
        typealias W = CatalogYAMLWriter
        var pairs: [(String, Node)] = [("name", W.string(name))]
        if let description { pairs.append(("description", W.string(description))) }
        if let annotations { pairs.append(("annotations", W.json(annotations))) }
        if let arguments { pairs.append(("arguments", W.json(arguments))) }
        if let inputSchema { pairs.append(("inputSchema", W.json(inputSchema))) }
        return W.mapping(pairs)
    }
}
