import GatehouseCore

/// Reading remote servers (`remote: {url, transport_type, headers}`, the deprecated
/// `sseEndpoint`).
extension CatalogReader {
    /// The `transport_type` values meaning streamable HTTP (as docker/mcp-gateway accepts them).
    static let streamableTransports = ["http", "streamable", "streaming", "streamable-http"]

    /// The kind of a remote server.
    func readRemote(_ fields: CatalogFields) throws(CatalogError) -> CatalogServer.Kind {
        if fields.isSet("sseEndpoint"), let node = fields["sseEndpoint"] {
            let url = try node.string()
            if let problem = CatalogChecks.urlProblem(url) { throw node.error(problem) }
            throw node.error(
                "the SSE transport (sseEndpoint) is not supported; Gatehouse reaches remote servers over streamable HTTP",
                unsupported: true)
        }
        let remote = try fields.required("remote").fields(["url", "transport_type", "headers"])
        let urlNode = try remote.required("url")
        let url = try urlNode.string()
        if let problem = CatalogChecks.urlProblem(url) { throw urlNode.error(problem) }
        if let node = remote["transport_type"] {
            let transport = try node.string(allowEmpty: true).lowercased()
            if transport == "sse" {
                throw node.error(
                    "the SSE transport is not supported; Gatehouse reaches remote servers over streamable HTTP "
                        + "(transport_type: streamable-http)",
                    unsupported: true)
            }
            guard transport.isEmpty || Self.streamableTransports.contains(transport) else {
                throw node.error(
                    "unsupported remote transport \(ConfigEcho.quoted(transport)) (expected "
                        + Self.streamableTransports.joined(separator: ", ") + ")")
            }
        }
        var headers: [String: String] = [:]
        if let node = remote["headers"] {
            for entry in try node.entries() {
                guard CatalogChecks.isHeaderName(entry.name) else {
                    throw entry.key.error("invalid header name \(ConfigEcho.quoted(entry.name))")
                }
                guard !headers.keys.contains(where: { $0.lowercased() == entry.name.lowercased() }) else {
                    throw entry.key.error("the header \(ConfigEcho.quoted(entry.name)) is given twice")
                }
                let value = try entry.value.scalarText()
                guard !value.unicodeScalars.contains(where: CatalogChecks.isControl) else {
                    throw entry.value.error("a header value must not hold control characters or line breaks")
                }
                headers[entry.name] = value
            }
        }
        return .remote(url: url, transport: .streamableHTTP, headers: headers)
    }

    /// Throws unless the remote headers' `${NAME}` references all name the secrets' variables.
    func checkHeaderReferences(_ fields: CatalogFields, secrets: [CatalogServer.SecretBinding]) throws(CatalogError) {
        guard let headers = try fields["remote"]?.fields(["url", "transport_type", "headers"])["headers"] else {
            return
        }
        for entry in try headers.entries() {
            try checkReferences(in: try entry.value.scalarText(), at: entry.value, secrets: secrets)
        }
    }

    /// Throws unless every `${NAME}` in `value` names the environment variable of one of
    /// `secrets`. The value itself is never repeated (it may be a credential).
    func checkReferences(
        in value: String, at node: CatalogNode, secrets: [CatalogServer.SecretBinding]
    ) throws(CatalogError) {
        let names: [String]
        switch CatalogReferences.names(in: value) {
        case .success(let found): names = found
        case .failure(let problem): throw node.error(problem.message)
        }
        let known = secrets.map(\.env)
        for name in names where !known.contains(name) {
            let listed = known.isEmpty ? "it has none" : "its secrets' env: " + known.joined(separator: ", ")
            throw node.error("${\(name)} names no secret of this server (\(listed))")
        }
    }
}
