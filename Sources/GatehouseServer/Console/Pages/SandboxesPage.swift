import GatehouseCore
import GatehouseSandbox
import GatehouseStore

/// `/console/sandboxes`: this replica's backends and live sandboxes with their limits, and,
/// from the audit trail, the starts and egress decisions of the last day.
struct SandboxesPage {
    let sources: ConsoleSources

    init(_ sources: ConsoleSources) { self.sources = sources }

    struct Model {
        let backends: [Backend]
        let live: [Live]
        let starts: [AuditTrailPage.Row]
        let egress: [AuditTrailPage.Row]
    }

    struct Backend {
        let name: String
        let level: String
        let available: Bool
        let reason: String
    }

    struct Live {
        let id: String
        let owner: String
        let backend: String
        let state: String
        let command: String
        let started: String
        let limits: String
        let network: String
    }

    /// The most records of each kind listed.
    static let recent = 200

    func view(_ visit: ConsoleRoutes.Visit) async throws -> ConsoleRoutes.View {
        let backends = await sources.sandboxes.reports.map {
            Backend(name: $0.name, level: $0.level.rawValue, available: $0.available, reason: $0.reason ?? "")
        }
        let live = await sources.sandboxes.list(owner: nil).sorted { $0.startedMicros > $1.startedMicros }.map {
            Live(
                id: $0.id, owner: $0.owner, backend: $0.backend, state: $0.state.rawValue,
                command: $0.command.joined(separator: " "), started: ConsoleFormat.time($0.startedMicros),
                limits: Self.describe($0.limits), network: $0.egress ? "egress proxy" : "none")
        }
        let now = WallClock.nowMicros()
        let starts = try await sources.store.queryAudit(
            AuditQuery(action: ActionKind.sandboxStart.rawValue, sinceMicros: now - 86_400_000_000, limit: Self.recent))
        let egress = try await sources.store.queryAudit(
            AuditQuery(action: ActionKind.egressConnect.rawValue, sinceMicros: now - 86_400_000_000, limit: Self.recent)
        )
        let model = Model(
            backends: backends, live: live, starts: starts.map(AuditTrailPage.row),
            egress: egress.map(AuditTrailPage.row))
        return ConsoleRoutes.View(template: "sandboxes", model: model)
    }

    /// `512 MiB · 256 pids · 2 CPUs · 600 s`.
    static func describe(_ limits: SandboxSpec.Limits) -> String {
        var parts: [String] = []
        if let memory = limits.memoryBytes { parts.append("\(memory >> 20) MiB") }
        if let pids = limits.pids { parts.append("\(pids) pids") }
        if let cpus = limits.cpus { parts.append("\(cpus) CPUs") }
        if let seconds = limits.cpuSeconds { parts.append("\(seconds) CPU s") }
        parts.append("\(limits.wallSeconds) s")
        return parts.joined(separator: " · ")
    }
}
