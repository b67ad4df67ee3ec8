public import AsyncHTTPClient
import Foundation
import GatehouseCore
public import GatehouseSandbox
public import Logging

/// Starts one process (or connection) of a catalog server.
public protocol ServerLauncher: Sendable {
    /// Starts `server` and connects to it.
    func start(_ server: CatalogServer) async throws -> any UpstreamTransport
}

/// Starts a catalog server: a `command` server in a sandbox (an empty environment plus exactly
/// the server's secrets and `env`, no network unless the catalog allows hosts, then only the
/// egress proxy, which decides and audits each connection; the server's read-only paths and
/// limits); an `image` server the same way with its unpacked image as the sandbox's root (the
/// image's environment below the catalog's); a `remote` one over streamable HTTP with its
/// headers' secrets filled in.
public struct SandboxLauncher: ServerLauncher {
    let manager: SandboxManager
    /// The weakest isolation any server may run with.
    let minimum: IsolationLevel?
    /// The values of the catalog's secrets, by secret name; read when a server starts.
    let secrets: @Sendable (CatalogServer) async throws -> [String: String]
    /// Decides the egress connections of `server`'s sandboxes.
    let egress: @Sendable (CatalogServer) -> SandboxManager.EgressDecider
    let logger: Logger
    /// Reaches remote servers.
    let http: HTTPClient?
    /// Pulls and unpacks the images of image servers.
    let images: (any ImageProvider)?

    /// Creates a launcher.
    public init(
        manager: SandboxManager, minimum: IsolationLevel? = nil, http: HTTPClient? = nil,
        images: (any ImageProvider)? = nil,
        secrets: @escaping @Sendable (CatalogServer) async throws -> [String: String],
        egress: @escaping @Sendable (CatalogServer) -> SandboxManager.EgressDecider, logger: Logger
    ) {
        self.http = http
        self.images = images
        self.manager = manager
        self.minimum = minimum
        self.secrets = secrets
        self.egress = egress
        self.logger = logger
    }

    public func start(_ server: CatalogServer) async throws -> any UpstreamTransport {
        let values = try await secrets(server)
        let missing = server.missingSecrets(in: values)
        guard missing.isEmpty else {
            throw GatehouseError(
                .badRequest,
                "the \(server.name) tool server needs secrets that have no value: " + missing.joined(separator: ", "))
        }
        var spec: SandboxSpec
        var environment: [String: String] = [:]
        switch server.kind {
        case .command(let command):
            spec = SandboxSpec(command: command)
        case .remote(let url, _, _):
            guard let http else { throw GatehouseError(.unavailable, "no HTTP client for remote tool servers") }
            return RemoteUpstream(url: url, headers: server.resolvedHeaders(secrets: values), http: http)
        case .image(let reference, let arguments):
            guard let images else {
                throw GatehouseError(.unavailable, "this gateway has no registry to pull the \(server.name) image from")
            }
            let image = try await images.prepare(server, reference: reference, arguments: arguments)
            guard !image.command.isEmpty else {
                throw GatehouseError(
                    .badRequest,
                    "the \(server.name) image \(reference) names no entrypoint or command; give one with command:")
            }
            spec = SandboxSpec(command: image.command)
            spec.root = .image(image.root)
            spec.workingDirectory = image.workingDirectory
            spec.user = image.user
            environment = image.environment
        }
        spec.environment = environment.merging(server.resolvedEnvironment(secrets: values)) { $1 }
        spec.readOnlyPaths = server.readOnlyPaths
        if let workdir = server.workdir { spec.workingDirectory = workdir }
        if !server.disableNetwork, !server.allowHosts.isEmpty {
            spec.network = .proxy(allow: try server.allowHosts.map { try HostRule(parsing: $0) })
        }
        if let limits = server.limits {
            if let memory = limits.memoryBytes { spec.limits.memoryBytes = memory }
            if let pids = limits.pids { spec.limits.pids = pids }
            if let cpus = limits.cpus { spec.limits.cpus = cpus }
            if let cpuSeconds = limits.cpuSeconds { spec.limits.cpuSeconds = cpuSeconds }
        }
        // A long-lived server is stopped by the pool when idle, not by a wall-clock limit.
        spec.limits.wallSeconds = 7 * 24 * 3600
        let required = server.isolation.flatMap { IsolationLevel(rawValue: $0.rawValue) } ?? minimum
        let backend = try await manager.choose(required == nil ? "namespaces" : nil, minimum: required)
        return try await StdioUpstream(
            spec: spec, manager: manager, backend: backend, owner: "mcp:" + server.name, egress: egress(server),
            logger: logger)
    }
}
