import Foundation
import GatehouseCore
import GatehouseMCP

/// Builds the gateway's settings from the `mcp` section: the catalog files in order, then the
/// imported catalogs (sorted by name), the profiles (each checked against the catalog), and an
/// implicit `default` profile of every server when the configuration defines none by that name.
enum MCPSettingsLoader {
    /// The directory imported catalogs are kept in.
    static func catalogDirectory(_ config: MCPConfig, dataDir: String) -> String {
        config.catalogDir ?? dataDir + "/mcp-catalogs"
    }

    /// The settings, and the names of the servers that came from imported catalogs (which get
    /// only secrets named for them: see ``MCPRuntime``).
    static func load(_ config: MCPConfig, dataDir: String) throws -> (GatewaySettings, imported: Set<String>) {
        var catalog = MCPCatalog(servers: [])
        for file in config.catalogs {
            catalog = catalog.merged(with: try read(file, importing: false))
        }
        let configured = Set(catalog.servers.map(\.name))
        let directory = catalogDirectory(config, dataDir: dataDir)
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted()
        var imported: Set<String> = []
        for name in files {
            var extra = try read(directory + "/" + name, importing: true)
            // An import never replaces a server of the configured catalogs.
            extra.servers.removeAll { configured.contains($0.name) }
            imported.formUnion(extra.servers.map(\.name))
            catalog = catalog.merged(with: extra)
        }
        var profiles = config.profiles.map {
            MCPProfile(
                name: $0.name, description: $0.description, servers: $0.servers, allowTools: $0.allow,
                denyTools: $0.deny)
        }
        for profile in profiles {
            for server in profile.servers where catalog.server(named: server) == nil {
                throw GatehouseError(
                    .invalidConfig, "mcp.profiles.\(profile.name): no catalog defines the server \(server)")
            }
        }
        if !profiles.contains(where: { $0.name == "default" }) {
            profiles.append(
                MCPProfile(
                    name: "default", description: "Every server of the catalog (implicit).",
                    servers: catalog.servers.map(\.name)))
        }
        let interceptors = config.interceptors.map { entry in
            InterceptorSpec(
                name: entry.name, when: entry.when == "after" ? .after : .before,
                target: entry.exec.map { .exec($0) } ?? .http(entry.http ?? ""), tools: entry.tools,
                timeoutSeconds: entry.timeoutSeconds)
        }
        let pool = PoolSettings(
            maxSessions: config.maxSessions, callsPerSession: config.callsPerSession, idleSeconds: config.idleSeconds,
            callTimeout: .seconds(config.callTimeoutSeconds))
        let settings = GatewaySettings(
            catalog: catalog, profiles: profiles, pool: pool, resultScan: config.results == "block" ? .block : .redact,
            toolListLimit: config.toolListLimit, interceptors: interceptors)
        return (settings, imported)
    }

    /// Reads one catalog file; `importing` skips unsupported servers instead of refusing.
    static func read(_ path: String, importing: Bool) throws -> MCPCatalog {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GatehouseError(.invalidConfig, "cannot read the MCP catalog \(path)")
        }
        do {
            return try MCPCatalog.parse(
                yaml: String(decoding: data, as: UTF8.self), file: path, options: importing ? .importing : [])
        } catch {
            throw GatehouseError(.invalidConfig, error.description)
        }
    }
}
