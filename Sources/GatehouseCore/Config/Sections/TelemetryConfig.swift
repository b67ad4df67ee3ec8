/// The `telemetry` section: OpenTelemetry traces and the audit trail as OTLP log records, sent
/// over OTLP/HTTP to a collector. Off unless `otlp_endpoint` is set.
public struct TelemetryConfig: Sendable, Hashable {
    /// The collector's base URL (`otlp_endpoint`, such as `http://127.0.0.1:4318`): spans go to
    /// `/v1/traces`, audit records to `/v1/logs`; nil for no telemetry.
    public var otlpEndpoint: String?
    /// The wire encoding (`protocol`).
    public var wireProtocol: OTLPWireProtocol = .protobuf
    /// The `service.name` resource attribute (`service_name`).
    public var serviceName = "gatehouse"
    /// Whether spans are exported (`traces`, default true when an endpoint is set).
    public var traces = true
    /// The share of new traces sampled, 0...1 (`sample_ratio`); an incoming `traceparent`'s
    /// sampled flag is followed.
    public var sampleRatio = 1.0
    /// Whether each committed audit record is exported as an OTLP log record (`audit_logs`).
    public var auditLogs = false
    /// How often batched spans and new audit records are sent (`export_interval`).
    public var exportInterval: Duration = .seconds(5)
    /// HTTP headers sent with every export, as secret references (`headers`), in file order.
    public var headers: [Header] = []

    /// One export header: its name and where its value comes from.
    public struct Header: Sendable, Hashable {
        /// The header's name.
        public var name: String
        /// The header's value, referenced.
        public var value: SecretRef

        /// Creates a header.
        public init(name: String, value: SecretRef) {
            self.name = name
            self.value = value
        }
    }

    /// Whether spans are exported.
    public var tracesEnabled: Bool { otlpEndpoint != nil && traces }
    /// Whether audit records are exported.
    public var auditLogsEnabled: Bool { otlpEndpoint != nil && auditLogs }

    /// Creates the section; the defaults are those of an empty section (telemetry off).
    public init() {}
}

/// OTLP/HTTP's two encodings.
public enum OTLPWireProtocol: String, Sendable, Hashable, CaseIterable {
    /// Binary protobuf (`application/x-protobuf`), the OTLP default.
    case protobuf = "http/protobuf"
    /// Protobuf's JSON mapping (`application/json`).
    case json = "http/json"
}
