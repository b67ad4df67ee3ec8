import Foundation
import GatehouseCore
import GatehouseSandbox

/// The last line of a sandbox's output stream.
struct ResultLine: Encodable {
    let exit: Int32
    let reason: String
    let backend: String
    let oom: Bool
    let millis: Int64

    init(_ result: SandboxResult) {
        exit = result.exitStatus
        backend = result.backend
        oom = result.outOfMemory
        millis = result.totalMicros / 1000
        reason =
            switch result.reason {
            case .exited: "exited"
            case .signalled: "signalled"
            case .timedOut: "timed_out"
            case .removed: "removed"
            case .failedToStart(let why): "failed_to_start: \(why)"
            }
    }
}

/// `GET /api/v1/sandboxes/backends`.
struct BackendList: Encodable {
    struct Item: Encodable {
        let name: String
        let level: String
        let available: Bool
        let reason: String?
        let details: [String: String]
    }
    let backends: [Item]

    init(_ reports: [BackendReport]) {
        backends = reports.map {
            Item(
                name: $0.name, level: $0.level.rawValue, available: $0.available, reason: $0.reason, details: $0.details
            )
        }
    }
}

/// `GET /api/v1/sandboxes`.
struct SandboxList: Encodable {
    struct Item: Encodable {
        let id: String
        let backend: String
        let state: String
        let command: [String]
        let startedAt: String

        enum CodingKeys: String, CodingKey {
            case id, backend, state, command
            case startedAt = "started_at"
        }
    }
    let sandboxes: [Item]

    init(_ entries: [SandboxManager.Entry]) {
        sandboxes = entries.map {
            Item(
                id: $0.id, backend: $0.backend, state: $0.state.rawValue, command: $0.command,
                startedAt: Date(timeIntervalSince1970: Double($0.startedMicros) / 1e6).formatted(.iso8601))
        }
    }
}
