import Foundation
public import Logging

/// The MCP gateway's core: the pools of the catalog's servers, what each offers, and calls
/// through the interceptor pipeline. Front ends (streamable HTTP, the stdio bridge, operators'
/// commands) authenticate the caller and decide the call with the policy first; everything
/// after that happens here (see ``call(_:arguments:meta:caller:context:)``).
public actor MCPGateway {
    /// The settings in force.
    public private(set) var settings: GatewaySettings
    private let launcher: any ServerLauncher
    private let interceptors: InterceptorRunner
    private let scanner: SecretScanner
    let logger: Logger
    private var pools: [String: ServerPool] = [:]
    private var listings: [String: ServerListing] = [:]
    private var listingTasks: [String: Task<ServerListing, any Error>] = [:]
    /// Bumped when a server's lists change, so a listing fetched before the change is not kept.
    private var generations: [String: Int] = [:]
    /// Told when a server's tools, prompts or resources changed (to notify clients).
    private var listChangedHandler: (@Sendable (String, String) -> Void)?

    /// Creates a gateway; servers start on first use.
    public init(
        settings: GatewaySettings, launcher: any ServerLauncher, interceptors: InterceptorRunner,
        scanner: SecretScanner = SecretScanner(), logger: Logger
    ) {
        self.settings = settings
        self.launcher = launcher
        self.interceptors = interceptors
        self.scanner = scanner
        self.logger = logger
    }

    /// Sets who hears about list changes: `(server, method)`.
    public func onListChanged(_ handler: @escaping @Sendable (String, String) -> Void) {
        listChangedHandler = handler
    }

    /// Replaces the settings (a configuration reload). Pools of servers that left the catalog
    /// or whose entry changed are shut down; cached listings are dropped.
    public func reload(_ new: GatewaySettings) async {
        let old = settings
        settings = new
        for (name, pool) in pools where new.server(name) != old.server(name) {
            pools[name] = nil
            await pool.shutdown()
        }
        listings = [:]
        listingTasks = [:]
        for name in generations.keys { generations[name, default: 0] += 1 }
    }

    /// The pool of `server`, created on first use.
    public func pool(for server: CatalogServer) -> ServerPool {
        if let pool = pools[server.name] { return pool }
        let launcher = launcher
        let pool = ServerPool(
            server: server.name, settings: settings.poolSettings(for: server),
            starter: { try await launcher.start(server) },
            listChanged: { [weak self] method in
                Task { await self?.listChanged(server.name, method) }
            })
        pools[server.name] = pool
        return pool
    }

    private func listChanged(_ server: String, _ method: String) {
        listings[server] = nil
        listingTasks[server] = nil
        generations[server, default: 0] += 1
        listChangedHandler?(server, method)
    }

    /// What `server` offers, listed once and kept until it says its lists changed.
    public func listing(of server: CatalogServer) async throws(RPCError) -> ServerListing {
        if let listing = listings[server.name] { return listing }
        // Concurrent first listings of one server share one request.
        let task: Task<ServerListing, any Error>
        if let running = listingTasks[server.name] {
            task = running
        } else {
            let pool = pool(for: server)
            let timeout = settings.poolSettings(for: server).startTimeout
            task = Task {
                try await pool.withSession { session throws(RPCError) in
                    try await ServerListing.fetch(from: session, timeout: timeout)
                }
            }
            listingTasks[server.name] = task
        }
        let generation = generations[server.name, default: 0]
        let result = await task.result
        // Only the fetch in force is forgotten or kept; one that a change overtook is not.
        if listingTasks[server.name] == task { listingTasks[server.name] = nil }
        switch result {
        case .success(let listing):
            if generations[server.name, default: 0] == generation { listings[server.name] = listing }
            return listing
        case .failure(let error):
            throw (error as? RPCError) ?? .internalError("\(error)")
        }
    }

    /// Running sessions and calls in flight per server (for `gatehouse mcp servers`, metrics).
    public func load() async -> [String: (sessions: Int, calls: Int, started: Int)] {
        var out: [String: (sessions: Int, calls: Int, started: Int)] = [:]
        for (name, pool) in pools {
            let load = await pool.load
            out[name] = (load.sessions, load.calls, await pool.started)
        }
        return out
    }

    /// Stops idle servers (run periodically).
    public func reapIdle() async {
        for pool in pools.values { await pool.reapIdle() }
    }

    /// Stops every server; returns when all processes are gone.
    public func shutdown() async {
        let all = pools.values
        pools = [:]
        for pool in all { await pool.shutdown() }
    }

    var resultScan: GatewaySettings.ResultScan { settings.resultScan }
    nonisolated var secretScanner: SecretScanner { scanner }
    nonisolated var interceptorRunner: InterceptorRunner { interceptors }
}
