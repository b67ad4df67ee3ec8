import Foundation
import Testing

@testable import GatehouseCore

/// The `telemetry` section: off by default, every key read, bad values named by key.
@Suite struct TelemetryConfigTests {
    @Test func itIsOffByDefaultAndEveryKeyIsRead() throws {
        #expect(try ConfigParser.parse("version: 1\n", file: "g.yaml").telemetry == TelemetryConfig())
        #expect(!TelemetryConfig().tracesEnabled && !TelemetryConfig().auditLogsEnabled)
        let telemetry = try ConfigParser.parse(
            """
            version: 1
            telemetry:
              otlp_endpoint: https://otel.corp.example:4318/
              protocol: http/json
              service_name: gatehouse-eu
              traces: false
              sample_ratio: 0.25
              audit_logs: true
              export_interval: 2s
              headers:
                Authorization: env:OTLP_AUTH
                X-Scope-OrgID: file:/run/secrets/org
            """, file: "g.yaml"
        ).telemetry
        #expect(telemetry.otlpEndpoint == "https://otel.corp.example:4318")
        #expect(telemetry.wireProtocol == .json && telemetry.serviceName == "gatehouse-eu")
        #expect(!telemetry.tracesEnabled && telemetry.auditLogsEnabled)
        #expect(telemetry.sampleRatio == 0.25 && telemetry.exportInterval == .seconds(2))
        #expect(
            telemetry.headers == [
                .init(name: "Authorization", value: .env("OTLP_AUTH")),
                .init(name: "X-Scope-OrgID", value: .file("/run/secrets/org")),
            ])
    }

    @Test func theExampleSectionParsesOnceUncommented() throws {
        let lines = DefaultConfig.text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "# telemetry:") else {
            Issue.record("examples/gatehouse.yaml documents no telemetry section")
            return
        }
        let section = lines[start...].prefix { $0.hasPrefix("# ") }.map { $0.dropFirst(2) }
        let telemetry = try ConfigParser.parse("version: 1\n" + section.joined(separator: "\n"), file: "g.yaml")
            .telemetry
        #expect(telemetry.otlpEndpoint == "http://127.0.0.1:4318" && telemetry.tracesEnabled)
        #expect(telemetry.headers.map(\.name) == ["Authorization"])
    }

    @Test(arguments: [
        (
            "otlp_endpoint: 127.0.0.1:4318",
            "telemetry.otlp_endpoint: expected the http(s) URL of an OTLP/HTTP collector"
        ),
        ("otlp_endpoint: http://x?y=1", "telemetry.otlp_endpoint: the endpoint must not have a query"),
        ("protocol: grpc", "telemetry.protocol: invalid value \"grpc\""),
        ("sample_ratio: 1.5", "telemetry.sample_ratio: 1.5 is out of range (expected 0 to 1)"),
        ("sample_ratio: half", "telemetry.sample_ratio: expected a number from 0 to 1"),
        ("traces: yes", "telemetry.traces: expected true or false"),
        ("audit_logs: true", "telemetry: audit_logs needs telemetry.otlp_endpoint"),
        ("export_interval: 2h", "telemetry.export_interval: expected 1s to 1h"),
        ("headers: {Authorization: Bearer abc}", "telemetry.headers.Authorization: "),
        ("headers: {\"bad header\": env:X}", "telemetry.headers.bad header: invalid header name"),
        ("trace: true", "telemetry.trace: unknown key (did you mean \"traces\"?)"),
    ])
    func badValuesAreNamedByKey(line: String, expected: String) {
        let problems = ConfigTestSupport.diagnostics("version: 1\ntelemetry:\n  \(line)\n")
        #expect(problems.contains { $0.contains(expected) }, "\(problems)")
        #expect(!problems.joined().contains("abc"), "a secret value is never repeated")
    }
}
