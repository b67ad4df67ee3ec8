/// Reading the `mcp` section.
extension ConfigParser {
    static func readMCP(_ value: YAMLValue) -> MCPConfig {
        var mcp = MCPConfig()
        value.mapping { section in
            if let files = section.optional("catalogs") {
                mcp.catalogs = (files.stringOrSequence() ?? []).compactMap { absolutePath($0, what: "a catalog file") }
            }
            if let directory = section.optional("catalog_dir") {
                mcp.catalogDir = absolutePath(directory, what: "a directory")
            }
            if let secrets = section.optional("secrets") {
                secrets.mapping { entries in
                    for entry in entries.takeAll() {
                        if let reference = entry.value.secretRef() { mcp.secrets[entry.name] = reference }
                    }
                }
            }
            if let profiles = section.optional("profiles") {
                profiles.mapping { entries in
                    mcp.profiles = entries.takeAll().compactMap { readProfile($0.name, $0.value) }
                }
            }
            if let pool = section.optional("pool") {
                pool.mapping { pool in
                    if let value = pool.optional("max_sessions")?.integer(in: 1...64) { mcp.maxSessions = value }
                    if let value = pool.optional("calls_per_session")?.integer(in: 1...256) {
                        mcp.callsPerSession = value
                    }
                    if let value = pool.optional("idle_seconds")?.integer(in: 1...86_400) { mcp.idleSeconds = value }
                    if let value = pool.optional("call_timeout_seconds")?.integer(in: 1...3600) {
                        mcp.callTimeoutSeconds = value
                    }
                }
            }
            if let results = section.optional("results") {
                if let text = results.string() {
                    if ["redact", "block"].contains(text) {
                        mcp.results = text
                    } else {
                        results.report("expected redact or block")
                    }
                }
            }
            if let limit = section.optional("tool_list_limit")?.integer(in: 1...10_000) { mcp.toolListLimit = limit }
            if let origins = section.optional("allowed_origins") {
                mcp.allowedOrigins = (origins.stringOrSequence() ?? []).compactMap { origin in
                    guard let text = origin.string() else { return nil }
                    guard text.hasPrefix("http://") || text.hasPrefix("https://") else {
                        origin.report("expected an origin such as https://example.com")
                        return nil
                    }
                    return text.hasSuffix("/") ? String(text.dropLast()) : text
                }
            }
            if let isolation = section.optional("isolation") {
                if let text = isolation.string() {
                    if ["namespaces", "gvisor", "microvm"].contains(text) {
                        mcp.isolation = text
                    } else {
                        isolation.report("expected namespaces, gvisor or microvm")
                    }
                }
            }
            if let interceptors = section.optional("interceptors")?.sequence() {
                mcp.interceptors = interceptors.compactMap(readInterceptor)
            }
        }
        return mcp
    }

    private static func absolutePath(_ value: YAMLValue, what: String) -> String? {
        guard let text = value.string() else { return nil }
        guard text.hasPrefix("/") else {
            value.report("expected an absolute path to \(what)")
            return nil
        }
        return text
    }

    private static func readProfile(_ name: String, _ value: YAMLValue) -> MCPProfileConfig? {
        value.mapping { profile -> MCPProfileConfig? in
            let description = profile.optional("description")?.string()
            let servers = (profile.required("servers")?.stringOrSequence() ?? []).compactMap { $0.string() }
            var allow = ["*"]
            var deny: [String] = []
            if let tools = profile.optional("tools") {
                tools.mapping { tools in
                    if let value = tools.optional("allow") {
                        allow = (value.stringOrSequence() ?? []).compactMap { $0.string() }
                    }
                    if let value = tools.optional("deny") {
                        deny = (value.stringOrSequence() ?? []).compactMap { $0.string() }
                    }
                }
            }
            return MCPProfileConfig(name: name, description: description, servers: servers, allow: allow, deny: deny)
        } ?? nil
    }

    private static func readInterceptor(_ value: YAMLValue) -> MCPInterceptorConfig? {
        value.mapping { entry -> MCPInterceptorConfig? in
            let name = entry.required("name")?.string()
            var when: String?
            if let value = entry.required("when"), let text = value.string() {
                if ["before", "after"].contains(text) { when = text } else { value.report("expected before or after") }
            }
            let exec = entry.optional("exec").map { ($0.stringOrSequence() ?? []).compactMap { $0.string() } }
            let http = entry.optional("http")?.string()
            let tools =
                entry.optional("tools").map { ($0.stringOrSequence() ?? []).compactMap { $0.string() } } ?? ["*"]
            let timeout = entry.optional("timeout_seconds")?.integer(in: 1...300) ?? 10
            guard let name, let when else { return nil }
            guard (exec == nil) != (http == nil) else {
                entry.owner.report("an interceptor needs exactly one of exec (a command) or http (a URL)")
                return nil
            }
            if let http, !(http.hasPrefix("http://") || http.hasPrefix("https://")) {
                entry.owner.report("http must be an http:// or https:// URL")
                return nil
            }
            return MCPInterceptorConfig(
                name: name, when: when, exec: exec, http: http, tools: tools, timeoutSeconds: timeout)
        } ?? nil
    }
}
