/// Reading the `telemetry` section.
extension ConfigParser {
    static func readTelemetry(_ value: YAMLValue) -> TelemetryConfig {
        var telemetry = TelemetryConfig()
        value.mapping { section in
            if let url = section.optional("otlp_endpoint"), let text = url.string() {
                if let problem = otlpEndpointProblem(text) {
                    url.report(problem)
                } else {
                    telemetry.otlpEndpoint = text.hasSuffix("/") ? String(text.dropLast()) : text
                }
            }
            if let wire = section.optional("protocol")?.choice(OTLPWireProtocol.allCases) {
                telemetry.wireProtocol = wire
            }
            if let name = section.optional("service_name")?.string() { telemetry.serviceName = name }
            if let traces = section.optional("traces")?.boolean() { telemetry.traces = traces }
            if let ratio = section.optional("sample_ratio")?.ratio() { telemetry.sampleRatio = ratio }
            if let logs = section.optional("audit_logs")?.boolean() { telemetry.auditLogs = logs }
            if let node = section.optional("export_interval"), let interval = node.duration() {
                if interval > .seconds(3600) {
                    node.report("expected 1s to 1h")
                } else {
                    telemetry.exportInterval = interval
                }
            }
            if let headers = section.optional("headers") {
                headers.mapping { headers in
                    for entry in headers.takeAll() {
                        guard isHeaderName(entry.name) else {
                            entry.value.report("invalid header name (use letters, digits and \"-\")")
                            continue
                        }
                        if let reference = entry.value.secretRef() {
                            telemetry.headers.append(.init(name: entry.name, value: reference))
                        }
                    }
                }
            }
            if telemetry.otlpEndpoint == nil, telemetry.auditLogs {
                value.report("audit_logs needs telemetry.otlp_endpoint")
            }
        }
        return telemetry
    }

    /// `otlp_endpoint` must be an absolute http(s) URL without query or fragment.
    static func otlpEndpointProblem(_ text: String) -> String? {
        absoluteURLProblem(
            text, expected: "expected the http(s) URL of an OTLP/HTTP collector, such as http://127.0.0.1:4318",
            what: "the endpoint")
    }

    /// An HTTP header name: letters, digits and `-`, 1 to 128 of them.
    static func isHeaderName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 128
            && name.unicodeScalars.allSatisfy {
                $0.isASCII && ($0 == "-" || $0.properties.isAlphabetic || ("0"..."9").contains($0))
            }
    }
}
