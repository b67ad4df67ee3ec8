import Foundation
public import GatehouseCore
import Metrics
public import ServiceLifecycle

/// The sandboxes of this node: chooses the backend, starts the egress proxy, runs the
/// lifecycle, lists and removes. On shutdown every running sandbox is stopped and wiped.
public actor SandboxManager: Service {
    /// One running sandbox, as `ls` shows it.
    public struct Entry: Sendable, Hashable {
        /// Its id.
        public var id: String
        /// Who started it (issuer#subject).
        public var owner: String
        /// The backend running it.
        public var backend: String
        /// Its lifecycle state.
        public var state: SandboxLifecycle.State
        /// The command.
        public var command: [String]
        /// When it was started, microseconds since the epoch.
        public var startedMicros: Int64
        /// The limits it runs under.
        public var limits: SandboxSpec.Limits
        /// Whether its network is the egress proxy (else none).
        public var egress: Bool
    }

    /// A started sandbox: its id, backend, output as it comes, and the result at the end.
    public struct Started: Sendable {
        public let id: String
        public let backend: String
        /// The output as it comes (empty when `start` was given `onOutput`).
        public let output: AsyncStream<SandboxOutput>
        public let result: Task<SandboxResult, any Error>
    }

    /// Decides one egress connection of a sandbox (allowlist, policy, audit).
    public typealias EgressDecider = @Sendable (EgressRequest) async -> EgressDecision

    private var backends: [any SandboxBackend]
    /// What the probes found, for `backends`.
    public private(set) var reports: [BackendReport]
    private let stateRoot: String
    /// What no sandbox may see: the state root and what the server adds (its data directory).
    private let privatePaths: [String]
    private var running: [String: (entry: Entry, task: Task<SandboxResult, any Error>)] = [:]
    private var lifecycles: [String: SandboxLifecycle] = [:]

    /// Creates a manager over the backends a probe found. No sandbox may see `stateRoot` or
    /// any of `privatePaths` (see ``SandboxSpec/checkNotExposing(_:)``).
    public init(
        backends: [any SandboxBackend], reports: [BackendReport], stateRoot: String, privatePaths: [String] = []
    ) {
        self.backends = backends.sorted { $0.level > $1.level }
        self.reports = reports
        self.stateRoot = stateRoot
        self.privatePaths = ([stateRoot] + privatePaths).map(SandboxSpec.resolved)
    }

    /// A manager over the backends a real probe finds on this host. The microVM probe boots a
    /// guest, so it runs in the background: until it ends, `backends` reports it as probing.
    public static func probed(stateRoot: String, microVM: Bool = true, privatePaths: [String] = []) async
        -> SandboxManager
    {
        let (backends, reports) = await SandboxProbe.run(stateRoot: stateRoot, microVM: false)
        let pending = BackendReport(
            name: "microvm", level: .microvm, available: false,
            reason: microVM ? "the start-up probe is still booting a guest" : "not probed on this server", details: [:])
        let manager = SandboxManager(
            backends: backends, reports: reports + [pending], stateRoot: stateRoot, privatePaths: privatePaths)
        if microVM {
            Task {
                let (backend, report) = await SandboxProbe.probeMicroVM(stateRoot: stateRoot)
                await manager.add(backend, report)
            }
        }
        return manager
    }

    private func add(_ backend: (any SandboxBackend)?, _ report: BackendReport) {
        if let backend { backends = (backends + [backend]).sorted { $0.level > $1.level } }
        reports = reports.filter { $0.name != report.name } + [report]
    }

    /// The backend a start would use: the one named, else the strongest this host has. It must
    /// reach `minimum`; a host that cannot provide it refuses, it never downgrades.
    public func choose(_ name: String?, minimum: IsolationLevel?) throws(GatehouseError)
        -> any SandboxBackend
    {
        let candidate: (any SandboxBackend)?
        if let name {
            candidate = backends.first { $0.name == name }
            if candidate == nil {
                let reason = reports.first { $0.name == name }?.reason ?? "no backend is called \(name)"
                throw GatehouseError(.sandboxUnavailable, "the \(name) backend is unavailable on this host: \(reason)")
            }
        } else {
            candidate = backends.first
        }
        guard let backend = candidate else {
            throw GatehouseError(
                .sandboxUnavailable, "this host has no working sandbox backend (see gatehouse sandbox backends)")
        }
        if let minimum, backend.level < minimum {
            throw GatehouseError(
                .sandboxUnavailable,
                "policy requires at least \(minimum.rawValue) isolation; the \(backend.name) backend provides \(backend.level.rawValue)"
                    + (name == nil ? " and this host has nothing stronger" : ""))
        }
        return backend
    }

    /// Starts `spec` on `backend` for `owner`. The sandbox runs until its command exits, its
    /// time runs out, or it is removed; teardown always completes. With `input`, the command
    /// reads its standard input from it (a tool server speaking over stdio). With `onOutput`,
    /// output goes to it as it comes (on the thread that read it) instead of `Started.output`.
    public func start(
        _ spec: SandboxSpec, on backend: any SandboxBackend, owner: String, input: SandboxInput? = nil,
        onOutput: (@Sendable (SandboxOutput) -> Void)? = nil, egress: @escaping EgressDecider
    ) async throws -> Started {
        try spec.checkNotExposing(privatePaths)
        let id = "sbx-" + UUID().uuidString.prefix(12).lowercased()
        var proxy: EgressProxy?
        var authority: SandboxCA?
        if case .proxy(let allow) = spec.network {
            try FileManager.default.createDirectory(
                atPath: stateRoot + "/proxies", withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            authority = try SandboxCA(sandboxID: id)
            proxy = try await EgressProxy.start(
                socketPath: stateRoot + "/proxies/" + id + ".sock", sandboxID: id, allow: allow, authority: authority,
                decide: egress)
        }
        let (stream, continuation) = AsyncStream.makeStream(of: SandboxOutput.self)
        let entry = Entry(
            id: id, owner: owner, backend: backend.name, state: .starting, command: spec.command,
            startedMicros: WallClock.nowMicros(), limits: spec.limits, egress: proxy != nil)
        let run = SandboxRun(
            id: id, spec: spec, proxySocket: proxy?.socketPath, egressCA: authority?.certificatePEM, input: input,
            output: onOutput ?? { continuation.yield($0) },
            launched: { [weak self] in Task { await self?.transition(id, .launched) } })
        var lifecycle = SandboxLifecycle()
        try lifecycle.apply(.start)
        Counter(label: "gatehouse_sandbox_starts_total", dimensions: [("backend", backend.name)]).increment()
        let task = Task<SandboxResult, any Error> {
            defer {
                continuation.finish()
                // Writers waiting on a sandbox that never started (or has ended) are told.
                input?.finish()
            }
            do {
                let result = try await backend.run(run)
                await proxy?.stop()
                // The backend returns after its teardown: stopping, then wiped.
                self.transition(id, .stop(result.reason))
                self.transition(id, .wiped)
                return result
            } catch {
                await proxy?.stop()
                Counter(label: "gatehouse_sandbox_start_failures_total", dimensions: [("backend", backend.name)])
                    .increment()
                self.transition(id, .stop(.failedToStart((error as? GatehouseError)?.message ?? "\(error)")))
                self.transition(id, .wiped)
                throw error
            }
        }
        running[id] = (entry, task)
        lifecycles[id] = lifecycle
        Gauge(label: "gatehouse_sandboxes_running").record(running.count)
        return Started(id: id, backend: backend.name, output: stream, result: task)
    }

    /// How many sandboxes are alive (started and not yet wiped): `gatehouse_sandboxes_running`.
    public var runningCount: Int { running.count }

    /// Moves sandbox `id` through its lifecycle; a wiped sandbox leaves the list. An event the
    /// state does not allow (a launch reported after a removal began) changes nothing.
    private func transition(_ id: String, _ event: SandboxLifecycle.Event) {
        guard var lifecycle = lifecycles[id] else { return }
        guard (try? lifecycle.apply(event)) != nil else { return }
        if lifecycle.state == .wiped {
            lifecycles[id] = nil
            running[id] = nil
            Gauge(label: "gatehouse_sandboxes_running").record(running.count)
            return
        }
        lifecycles[id] = lifecycle
        running[id]?.entry.state = lifecycle.state
    }

    /// The running sandboxes of `owner` (every one when nil).
    public func list(owner: String?) -> [Entry] {
        running.values.map(\.entry).filter { owner == nil || $0.owner == owner }.sorted {
            $0.startedMicros < $1.startedMicros
        }
    }

    /// Stops and wipes sandbox `id` of `owner` (any owner when nil); false when there is none.
    public func remove(_ id: String, owner: String?) async -> Bool {
        guard let (entry, task) = running[id], owner == nil || entry.owner == owner else { return false }
        transition(id, .stop(.removed))
        task.cancel()
        _ = try? await task.value
        return true
    }

    /// Waits for shutdown, then stops and wipes every sandbox.
    public func run() async throws {
        try? await gracefulShutdown()
        for id in running.keys { _ = await remove(id, owner: nil) }
        for backend in backends { await backend.shutdown() }
    }
}
