public import Foundation
import GatehouseCore

/// One way of running a sandbox. Backends are found by a real probe at start-up; each one runs
/// a sandbox to completion and leaves nothing behind.
public protocol SandboxBackend: Sendable {
    /// `namespaces`, `microvm`, …
    var name: String { get }
    /// How strongly it isolates.
    var level: IsolationLevel { get }
    /// What the probe found, for `gatehouse sandbox backends`.
    var details: [String: String] { get }

    /// Runs `run.spec`: streams output to `run.output`, enforces the limits, and tears
    /// everything down before returning, also when the task is cancelled.
    func run(_ run: SandboxRun) async throws -> SandboxResult

    /// Releases what the backend keeps ready between sandboxes (processes started ahead of
    /// time); called once at shutdown.
    func shutdown() async
}

extension SandboxBackend {
    /// Nothing kept ready.
    public func shutdown() async {}
}

/// One sandbox to run.
public struct SandboxRun: Sendable {
    /// The sandbox id (also the name of its control group and state directory).
    public var id: String
    /// What to run.
    public var spec: SandboxSpec
    /// The egress proxy's Unix socket on the host, when the network is `proxy`.
    public var proxySocket: String?
    /// The certificate (PEM) of the sandbox's own egress CA, which the sandbox trusts besides
    /// the system's authorities; with the proxy only.
    public var egressCA: String?
    /// Receives output as it comes.
    public var output: @Sendable (SandboxOutput) -> Void
    /// Told when the command is running (the `launched` transition).
    public var launched: @Sendable () -> Void
    /// The command's standard input, for interactive sandboxes (a tool server on stdio); nil:
    /// it reads `/dev/null`.
    public var input: SandboxInput?

    /// Creates a run.
    public init(
        id: String, spec: SandboxSpec, proxySocket: String? = nil, egressCA: String? = nil,
        input: SandboxInput? = nil, output: @escaping @Sendable (SandboxOutput) -> Void,
        launched: @escaping @Sendable () -> Void = {}
    ) {
        self.input = input
        self.id = id
        self.spec = spec
        self.proxySocket = proxySocket
        self.egressCA = egressCA
        self.output = output
        self.launched = launched
    }
}

/// A chunk of output.
public enum SandboxOutput: Sendable, Hashable {
    case stdout(Data)
    case stderr(Data)
}

/// How a sandbox ended.
public struct SandboxResult: Sendable, Hashable {
    /// Why it stopped.
    public var reason: SandboxLifecycle.StopReason
    /// The backend that ran it.
    public var backend: String
    /// Whether the memory limit killed it.
    public var outOfMemory: Bool
    /// Microseconds the whole run took, teardown included.
    public var totalMicros: Int64

    /// The exit status a shell would report: the command's status, 128 + the signal, or 124
    /// for the time limit (as `timeout` does).
    public var exitStatus: Int32 {
        switch reason {
        case .exited(let code): code
        case .signalled(let signal): 128 + signal
        case .timedOut: 124
        case .removed: 137
        case .failedToStart: 125
        }
    }

    /// Creates a result.
    public init(
        reason: SandboxLifecycle.StopReason, backend: String, outOfMemory: Bool = false,
        totalMicros: Int64 = 0
    ) {
        self.reason = reason
        self.backend = backend
        self.outOfMemory = outOfMemory
        self.totalMicros = totalMicros
    }
}

extension SandboxRun {
    /// The authorities the sandbox trusts, PEM: the host's bundle, then its own egress CA; nil
    /// without the proxy.
    var trustBundle: String? {
        guard proxySocket != nil, let egressCA else { return nil }
        let system = (try? String(contentsOfFile: Self.systemBundle, encoding: .utf8)) ?? ""
        return system + (system.isEmpty || system.hasSuffix("\n") ? "" : "\n") + egressCA
    }

    /// Debian's bundle of trusted authorities.
    static let systemBundle = "/etc/ssl/certs/ca-certificates.crt"

    /// Variables that point common TLS clients (OpenSSL, curl, git, Python requests, Node) at `path`.
    static func trustVariables(_ path: String) -> [String: String] {
        Dictionary(
            uniqueKeysWithValues: [
                "SSL_CERT_FILE", "CURL_CA_BUNDLE", "GIT_SSL_CAINFO", "REQUESTS_CA_BUNDLE", "NODE_EXTRA_CA_CERTS",
            ]
            .map { ($0, path) })
    }
}
