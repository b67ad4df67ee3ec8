public import GatehouseCore

/// Prompts and resources pass through under the same rules as tools: only the servers of the
/// caller's profile, prompts under `PREFIX__NAME`, resources under their own URIs (routed to
/// the server that listed them, or whose template's fixed prefix they start with).
extension MCPGateway {
    /// The prompts of the caller's profile.
    public func prompts(for caller: MCPCaller) async -> [ExposedPrompt] {
        var out: [ExposedPrompt] = []
        for server in caller.profile.servers.compactMap({ settings.server($0) }) {
            guard let listing = try? await listing(of: server) else { continue }
            for definition in listing.prompts {
                // Listed only when the policy would let the caller get it.
                guard let name = definition["name"]?.stringValue, caller.mayCall("\(server.name)/prompt:\(name)")
                else { continue }
                let exposed = ExposedTool.name(server: server, tool: name)
                var renamed = definition
                renamed["name"] = .string(exposed)
                out.append(ExposedPrompt(server: server.name, prompt: name, exposedName: exposed, definition: renamed))
            }
        }
        return out
    }

    /// The prompt `exposedName` of the caller's profile.
    public func resolvePrompt(_ exposedName: String, for caller: MCPCaller) async throws(RPCError) -> ExposedPrompt {
        for prompt in await prompts(for: caller) where prompt.exposedName == exposedName { return prompt }
        throw .invalidParams("Unknown prompt: \(exposedName)")
    }

    /// Gets a prompt from its server: its arguments are scanned for secrets first (blocked, as
    /// a tool's are) and its text after (redacted or blocked, as a tool's result is). Throws
    /// ``ToolRefusal`` for a block, ``RPCError`` when the server failed.
    public func getPrompt(_ prompt: ExposedPrompt, arguments: JSONValue?) async throws -> JSONValue {
        guard let server = settings.server(prompt.server) else { throw RPCError.invalidParams("Unknown prompt") }
        try refuseSecrets(in: arguments ?? [:], step: "prompt arguments")
        var params: JSONValue = ["name": .string(prompt.prompt)]
        if let arguments { params["arguments"] = arguments }
        let sent = params
        let timeout = settings.poolSettings(for: server).callTimeout
        let result = try await pool(for: server).withSession { session throws(RPCError) in
            try await session.request("prompts/get", params: sent, context: .none, timeout: timeout)
        }
        return try scanResult(result, step: "prompt", mode: resultScan).0
    }

    /// The resources (or, with `templates`, the resource templates) of the caller's profile,
    /// each with its server.
    public func resources(for caller: MCPCaller, templates: Bool = false) async -> [(
        server: String, definition: JSONValue
    )] {
        var out: [(server: String, definition: JSONValue)] = []
        for server in caller.profile.servers.compactMap({ settings.server($0) }) {
            guard let listing = try? await listing(of: server) else { continue }
            for definition in templates ? listing.resourceTemplates : listing.resources {
                // A listed resource only when the policy would let the caller read it.
                if !templates, let uri = definition["uri"]?.stringValue,
                    !caller.mayCall("\(server.name)/resource:\(uri)")
                {
                    continue
                }
                out.append((server.name, definition))
            }
        }
        return out
    }

    /// The server of the caller's profile that serves `uri`.
    public func server(forResource uri: String, caller: MCPCaller) async throws(RPCError) -> String {
        if let listed = await resources(for: caller).first(where: { $0.definition["uri"]?.stringValue == uri }) {
            return listed.server
        }
        for (server, template) in await resources(for: caller, templates: true) {
            let pattern = template["uriTemplate"]?.stringValue ?? ""
            let fixed = pattern.prefix { $0 != "{" }
            if !fixed.isEmpty, uri.hasPrefix(fixed) { return server }
        }
        throw RPCError(code: -32002, message: "Resource not found", data: ["uri": .string(uri)])
    }

    /// Reads a resource from `server`: a URI that carries what looks like a secret is not sent
    /// (a ``ToolRefusal``), and the contents are scanned as a tool's result is (redacted or
    /// blocked by configuration).
    public func readResource(_ uri: String, server name: String) async throws -> JSONValue {
        guard let server = settings.server(name) else { throw RPCError.invalidParams("Unknown server") }
        try refuseSecrets(in: .string(uri), step: "resource URI", verb: "carries")
        let timeout = settings.poolSettings(for: server).callTimeout
        let result = try await pool(for: server).withSession { session throws(RPCError) in
            try await session.request("resources/read", params: ["uri": .string(uri)], context: .none, timeout: timeout)
        }
        return try scanResult(result, step: "resource", mode: resultScan).0
    }
}
