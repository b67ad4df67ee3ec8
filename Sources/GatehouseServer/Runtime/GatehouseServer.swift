import Crypto
import Foundation
public import GatehouseCore
import GatehouseIdentity
import GatehouseSandbox
public import GatehouseStore
public import Hummingbird
public import Logging
import Prometheus
import ServiceLifecycle

/// Everything `gatehouse serve` runs, assembled from a configuration: the store, the audit
/// writer, the config reloader and the HTTP application, as services of one group. On
/// shutdown the HTTP server stops first, then the audit writer drains, then the store closes.
public struct GatehouseServer: Sendable {
    /// Options from the command line.
    public struct Options: Sendable {
        /// Listen address.
        public var host: String
        /// Listen port (0 picks a free one).
        public var port: Int
        /// The data directory (SQLite file, signing key, checkpoint mirror).
        public var dataDir: String
        /// The config file, nil for the embedded default.
        public var configPath: String?
        /// Where sandboxes keep their state and proxy sockets (short: socket paths are limited
        /// to 107 bytes).
        public var sandboxStateRoot = NSTemporaryDirectory() + "gatehouse-sandboxes-\(getuid())"
        /// Whether to probe the microVM backend (in the background; it boots a guest).
        public var probeMicroVM = ProcessInfo.processInfo.environment["GATEHOUSE_SANDBOX_MICROVM"] != "off"

        /// Creates options.
        public init(host: String, port: Int, dataDir: String, configPath: String?) {
            self.host = host
            self.port = port
            self.dataDir = dataDir
            self.configPath = configPath
        }
    }

    /// Builds the application. Opening the SQLite file happens here; PostgreSQL is reached
    /// when the services start, and a store that does not answer stops the start-up (told to
    /// `onStartFailed` too: a runner waiting for `onServerRunning` would otherwise wait forever).
    public static func build(
        config: GatehouseConfig, options: Options, secrets: SecretResolver = SecretResolver(),
        logger: Logger, announceAdminToken: @escaping @Sendable (String) -> Void,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in },
        onStartFailed: @escaping @Sendable (any Error) -> Void = { _ in }
    ) async throws -> some ApplicationProtocol {
        try DataDirectory.ensure(options.dataDir)
        let location = try StoreLocation.parse(url: config.store.url, dataDir: options.dataDir)
        let password = try config.store.password.map { try secrets.resolve($0) }
        let store = try await StoreFactory.open(
            location, password: password, maxConnections: config.store.maxConnections,
            logger: logger)
        let signingKey = try AuditSigningKey.loadOrCreate(dataDir: options.dataDir)
        let audit = AuditLog(
            store: store,
            sealer: AuditSealer(checkpointEvery: config.audit.checkpointEvery, signingKey: signingKey),
            batchMax: config.audit.batchMax, dataDir: options.dataDir, logger: logger)
        let holder = ConfigHolder(config, path: options.configPath)
        let telemetry = try TelemetrySetup(
            config: config.telemetry, store: store, secrets: secrets, dataDir: options.dataDir, logger: logger)
        let spine = Spine(
            config: holder, authenticator: Authenticator(store: store, scimEnabled: config.identity.scimEnabled),
            audit: audit, logger: logger, telemetry: telemetry.telemetry)
        let registry = MetricsSetup.registry()

        let router = Router()
        telemetry.addMiddleware(to: router)
        // Metrics outermost, so it counts the status the error mapping produced (401, 403, 503).
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: ErrorMiddleware())
        HealthRoutes(store: store, registry: registry).register(on: router)
        AdminRoutes(
            spine: spine, store: store,
            verifier: AuditVerifierSource(publicKey: signingKey.publicKey, dataDir: options.dataDir)
        ).register(on: router)
        TokenRoutes(spine: spine, store: store).register(on: router)
        if let oidc = config.identity.oidc {
            let secret = try oidc.clientSecret.map { try secrets.resolve($0) }
            let runtime = OIDCRuntime(client: OIDCClient(config: oidc, clientSecret: secret))
            let signIn = SignIn(spine: spine, store: store, identity: config.identity)
            let key = Array(signingKey.rawRepresentation)
            DeviceLoginRoutes(
                signIn: signIn, runtime: runtime, handles: SealedHandle(secret: key, purpose: "device login")
            ).register(on: router)
            BrowserLoginRoutes(
                signIn: signIn, spine: spine, runtime: runtime,
                handles: SealedHandle(secret: key, purpose: "browser login")
            ).register(on: router)
        }
        if let reference = config.identity.scimToken {
            let token = try secrets.resolve(reference)
            guard token.utf8.count >= 24, token.utf8.count <= Authenticator.maxTokenLength else {
                throw GatehouseError(
                    .invalidConfig,
                    "identity.scim.token must resolve to 24 to \(Authenticator.maxTokenLength) characters")
            }
            SCIMRoutes(spine: spine, directory: SCIMDirectory(store: store), token: token).register(on: router)
        }

        let sandboxes = await SandboxManager.probed(
            stateRoot: options.sandboxStateRoot, microVM: options.probeMicroVM, privatePaths: [options.dataDir])
        SandboxRoutes(spine: spine, manager: sandboxes, secrets: secrets).register(on: router)
        let registryRuntime = try RegistryRuntime(config: holder, secrets: secrets, dataDir: options.dataDir)
        let signatureGate = SignatureGate(config: holder, proxy: registryRuntime.proxy)
        let hardeningGate = HardeningGate(config: holder, proxy: registryRuntime.proxy)
        let attestationGate = AttestationGate(config: holder, proxy: registryRuntime.proxy)
        let vulns = VulnDatabase(store: store, config: holder, logger: logger)
        let scans = try ImageScans(
            proxy: registryRuntime.proxy, directory: options.dataDir + "/scans", logger: logger)
        let scanPolicies = ScanPolicyGate(config: holder, proxy: registryRuntime.proxy, scans: scans, vulns: vulns)
        RegistryRoutes(
            spine: spine, proxy: registryRuntime.proxy,
            tokens: SealedHandle(secret: Array(signingKey.rawRepresentation), purpose: "registry token"),
            signatures: signatureGate, hardening: hardeningGate, attestations: attestationGate,
            scanPolicies: scanPolicies, scans: scans
        ).register(on: router)
        ScanRoutes(spine: spine, proxy: registryRuntime.proxy, scans: scans, vulns: vulns).register(on: router)
        ImageCheckRoutes(
            spine: spine, proxy: registryRuntime.proxy, signatures: signatureGate, hardening: hardeningGate,
            attestations: attestationGate
        ).register(on: router)

        let images = try MCPImageProvider(
            spine: spine, proxy: registryRuntime.proxy, signatures: signatureGate, hardening: hardeningGate,
            attestations: attestationGate, scanPolicies: scanPolicies, root: options.dataDir + "/mcp/images")
        let mcp = try MCPRuntime(
            config: holder, dataDir: options.dataDir, manager: sandboxes, secrets: secrets, images: images,
            egress: MCPEgressGate(spine: spine).decider(for:), logger: logger)
        let mcpRoutes = MCPRoutes(
            spine: spine, runtime: mcp, sessions: MCPSessions(),
            handles: SealedHandle(secret: Array(signingKey.rawRepresentation), purpose: "mcp session"))
        mcpRoutes.register(on: router)
        await mcpRoutes.forwardListChanges()
        mcpRoutes.registerAdmin(on: router)
        ProtectedResourceRoutes(config: holder).register(on: router)
        let inference = try InferenceRuntime(
            config: holder, store: store, secrets: secrets, dataDir: options.dataDir, logger: logger)
        let registryPulls = RegistryPulls(
            spine: spine, proxy: registryRuntime.proxy, signatures: signatureGate, attestations: attestationGate)
        InferenceRoutes(
            spine: spine, runtime: inference, pulls: ModelPulls(registry: registryPulls, models: inference.models)
        ).register(on: router)
        AgentPullRoutes(spine: spine, registry: registryPulls).register(on: router)
        UsageRoutes(spine: spine, store: store).register(on: router)
        let agents = AgentService(
            spine: spine, inference: inference, mcp: mcp, manager: sandboxes, store: store, secrets: secrets,
            dataDir: options.dataDir, logger: logger)
        AgentRoutes(spine: spine, service: agents, store: store).register(on: router)
        let sampler = SandboxSampler(manager: sandboxes)
        ConsoleRoutes(
            spine: spine,
            sources: ConsoleSources(
                store: store, config: holder,
                verifier: AuditVerifierSource(publicKey: signingKey.publicKey, dataDir: options.dataDir),
                mcp: mcp, sandboxes: sandboxes, scans: scans, vulns: vulns, sampler: sampler,
                browserSignIn: config.identity.oidc != nil,
                sessionTTLMicros: config.identity.sessionTTLMicros),
            csrf: ConsoleCSRF(secret: Array(signingKey.rawRepresentation))
        ).register(on: router)

        var services: [any Service] = [
            store, audit, sandboxes, registryRuntime, mcp, vulns, scans, inference, sampler,
            ConfigReloader(holder: holder, audit: audit, logger: logger),
        ]
        services += telemetry.services
        if let file = config.audit.exportFile {
            services.append(
                AuditFileExport(
                    store: store, path: file.hasPrefix("/") ? file : options.dataDir + "/" + file,
                    maxBytes: config.audit.exportMaxBytes, keep: config.audit.exportKeep, logger: logger))
        }
        var app = Application(
            router: router,
            configuration: .init(
                address: .hostname(options.host, port: options.port), serverName: "gatehouse"),
            services: services,
            onServerRunning: { channel in
                logger.notice(
                    "gatehouse is listening",
                    metadata: ["address": "\(channel.localAddress?.description ?? "?")"])
                await onServerRunning(channel.localAddress?.port ?? options.port)
            },
            logger: logger)
        app.beforeServerStarts {
            do {
                try await StartupCheck.run(
                    store: store, location: location,
                    signingKeyID: AuditCheckpoint.keyID(of: signingKey.publicKey), dataDir: options.dataDir,
                    logger: logger)
                try await AdminBootstrap(
                    store: store, audit: audit, secrets: secrets, logger: logger,
                    announce: announceAdminToken
                ).run(config: config)
            } catch {
                onStartFailed(error)
                throw error
            }
        }
        return app
    }
}
