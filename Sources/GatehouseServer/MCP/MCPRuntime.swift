import AsyncHTTPClient
import Foundation
import GatehouseCore
import GatehouseMCP
import GatehouseSandbox
import GatehouseStore
import Logging
import Metrics
import ServiceLifecycle
import Synchronization

/// The MCP gateway as a service: built from the configuration at start, rebuilt when the `mcp`
/// section changes (a reload, a catalog import), idle servers stopped every few seconds, and
/// every server stopped at shutdown.
final class MCPRuntime: Service, Sendable {
    let gateway: MCPGateway
    let config: ConfigHolder
    let dataDir: String
    let http: HTTPClient
    let logger: Logger
    private let applied: Mutex<MCPConfig>

    init(
        config: ConfigHolder, dataDir: String, manager: SandboxManager, secrets: SecretResolver,
        images: (any ImageProvider)? = nil, egress: @escaping @Sendable (CatalogServer) -> SandboxManager.EgressDecider,
        logger: Logger
    ) throws {
        let mcp = config.loaded.config.mcp
        let (settings, imported) = try MCPSettingsLoader.load(mcp, dataDir: dataDir)
        let importedServers = ImportedServers(imported)
        let http = HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        let references = mcp.secrets
        let launcher = SandboxLauncher(
            manager: manager, minimum: mcp.isolation.flatMap(IsolationLevel.init(rawValue:)), http: http,
            images: images,
            secrets: { server in
                // The values of the secrets this server names, from `mcp.secrets` or the
                // catalog's own `from:` reference; read at each start, so a rotated secret
                // reaches the next process.
                var values: [String: String] = [:]
                for binding in server.secrets {
                    let reference =
                        config.loaded.config.mcp.secrets[binding.name] ?? references[binding.name]
                        ?? binding.from.flatMap(SecretRef.init(reference:))
                    if let reference { values[binding.name] = try secrets.resolve(reference) }
                }
                return values
            }, egress: egress, logger: logger)
        let interceptorRunner = InterceptorRunner(manager: manager, http: http)
        self.gateway = MCPGateway(
            settings: settings, launcher: launcher, interceptors: interceptorRunner, logger: logger)
        self.launcher = launcher
        self.interceptorRunner = interceptorRunner
        self.config = config
        self.dataDir = dataDir
        self.http = http
        self.logger = logger
        self.applied = Mutex(mcp)
        self.importedServers = importedServers
    }

    private let launcher: SandboxLauncher
    private let interceptorRunner: InterceptorRunner

    /// A gateway of its own for `servers` (an agent file's own tool servers): the same launcher
    /// (sandboxes, secrets, egress), the same interceptors and result scanning as the catalog's
    /// servers. Its owner shuts it down.
    func privateGateway(for servers: [CatalogServer]) async -> MCPGateway {
        let current = await gateway.settings
        let settings = GatewaySettings(
            catalog: MCPCatalog(name: "agent", servers: servers), profiles: [], pool: current.pool,
            resultScan: current.resultScan, interceptors: current.interceptors)
        return MCPGateway(settings: settings, launcher: launcher, interceptors: interceptorRunner, logger: logger)
    }

    /// The names of the servers of imported catalogs, replaced at each refresh.
    let importedServers: ImportedServers

    /// Applies the `mcp` section in force if it changed (or always, after an import). One
    /// refresh at a time, so an older reading never lands after a newer one.
    func refresh(force: Bool = false) async throws {
        await refreshing.acquire()
        do {
            let current = config.loaded.config.mcp
            if force || applied.withLock({ $0 != current }) {
                let (settings, imported) = try MCPSettingsLoader.load(current, dataDir: dataDir)
                applied.withLock { $0 = current }
                importedServers.replace(imported)
                await gateway.reload(settings)
            }
            await refreshing.release()
        } catch {
            await refreshing.release()
            throw error
        }
    }

    private let refreshing = SerialGate()

    func run() async throws {
        await withDiscardingTaskGroup { group in
            group.addTask {
                while !Task.isCancelled && !Task.isShuttingDownGracefully {
                    try? await Task.sleep(for: .seconds(5))
                    await self.gateway.reapIdle()
                    for (server, load) in await self.gateway.load() {
                        Gauge(label: "gatehouse_mcp_pool_sessions", dimensions: [("server", server)]).record(
                            load.sessions)
                        Gauge(label: "gatehouse_mcp_pool_busy", dimensions: [("server", server)]).record(load.calls)
                    }
                    do { try await self.refresh() } catch {
                        self.logger.error(
                            "the new mcp configuration was not applied", metadata: ["error": "\(error)"])
                    }
                }
            }
            try? await gracefulShutdown()
            group.cancelAll()
        }
        await gateway.shutdown()
        try? await http.shutdown()
    }
}

/// The servers that came from imported catalogs.
final class ImportedServers: Sendable {
    private let names: Mutex<Set<String>>

    init(_ names: Set<String>) {
        self.names = Mutex(names)
    }

    func contains(_ name: String) -> Bool { names.withLock { $0.contains(name) } }

    func replace(_ new: Set<String>) { names.withLock { $0 = new } }
}

/// One holder at a time, the others waiting in order.
actor SerialGate {
    private var held = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        guard held else {
            held = true
            return
        }
        // Handed over by `release` with `held` still true.
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { held = false } else { waiting.removeFirst().resume() }
    }
}
