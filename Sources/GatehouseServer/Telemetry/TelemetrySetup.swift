import GatehouseCore
import GatehouseStore
import Hummingbird
import Logging
import ServiceLifecycle

/// What `telemetry` adds to a server: the spine's tracer, the request-span middleware, and the
/// services that export spans and audit records. Nothing at all when it is not configured.
struct TelemetrySetup: Sendable {
    let telemetry: Telemetry
    let services: [any Service]

    init(
        config: TelemetryConfig, store: any GatehouseStore, secrets: SecretResolver, dataDir: String, logger: Logger
    ) throws {
        guard let endpoint = config.otlpEndpoint else {
            (telemetry, services) = (.off, [])
            return
        }
        let headers = try Telemetry.headers(config, secrets: secrets)
        let (telemetry, tracing) = try Telemetry.make(config, headers: headers, logger: logger)
        var services: [any Service] = tracing.map { [$0] } ?? []
        if config.auditLogsEnabled {
            services.append(
                AuditLogExport(
                    store: store, config: config, endpoint: endpoint, headers: headers, dataDir: dataDir,
                    logger: logger))
        }
        (self.telemetry, self.services) = (telemetry, services)
    }

    /// Adds the request-span middleware (outermost) when spans are made.
    func addMiddleware<Context: RequestContext>(to router: Router<Context>) {
        if telemetry.isTracing { router.add(middleware: RequestSpanMiddleware(telemetry: telemetry)) }
    }
}
