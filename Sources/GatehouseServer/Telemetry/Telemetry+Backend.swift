import GatehouseCore
import GatehouseStore
import Logging
import OTel
import ServiceLifecycle

extension Telemetry {
    /// The tracer `config` asks for, with the service that batches and exports its spans (run
    /// it in the server's group); `.off` and no service when traces are not configured. The
    /// `OTEL_*` environment variables of the OpenTelemetry specification still override.
    static func make(
        _ config: TelemetryConfig, headers: [(String, String)], logger: Logger
    ) throws -> (Telemetry, (any Service)?) {
        guard config.tracesEnabled, let endpoint = config.otlpEndpoint else { return (.off, nil) }
        var otel = OTel.Configuration.default
        otel.serviceName = config.serviceName
        otel.diagnosticLogger = .custom(logger)
        otel.metrics.enabled = false
        otel.logs.enabled = false
        otel.traces.sampler = .parentBasedTraceIDRatio(ratio: config.sampleRatio) ?? .parentBasedAlwaysOn
        otel.traces.batchSpanProcessor.scheduleDelay = config.exportInterval
        otel.traces.otlpExporter.endpoint = endpoint + "/v1/traces"
        otel.traces.otlpExporter.protocol = config.wireProtocol == .json ? .httpJSON : .httpProtobuf
        otel.traces.otlpExporter.headers = headers
        let backend = try OTel.makeTracingBackend(configuration: otel)
        return (Telemetry(tracer: backend.factory), backend.service)
    }

    /// The export headers' values, resolved; an unresolvable one is an error naming the header
    /// and its reference, never a value.
    static func headers(_ config: TelemetryConfig, secrets: SecretResolver) throws -> [(String, String)] {
        try config.headers.map { header in
            do {
                return (header.name, try secrets.resolve(header.value))
            } catch {
                let reason = (error as? GatehouseError)?.message ?? "\(header.value) could not be resolved"
                throw GatehouseError(.invalidConfig, "telemetry.headers.\(header.name): \(reason)")
            }
        }
    }
}
