import Foundation
import GatehouseCore
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import GatehouseServer

/// `telemetry` against a real OTLP/HTTP collector on 127.0.0.1: one model request through a
/// live Gatehouse is one trace (server span → spine steps → the model call → the upstream
/// call), the upstream gets a `traceparent` naming Gatehouse's span, the audit record carries
/// the trace's id, and audit records arrive as OTLP log records in chain order.
@Suite struct TelemetryTraceTests {
    static func telemetry(_ endpoint: String) -> String {
        """

        telemetry:
          otlp_endpoint: \(endpoint)
          protocol: http/json
          service_name: gatehouse-test
          audit_logs: true
          export_interval: 1s
        """
    }

    static let chat = #"{"model": "fast", "messages": [{"role": "user", "content": "hi"}]}"#

    /// Parts of a `traceparent` header: trace id and parent span id.
    static func parts(_ traceparent: String?) -> (trace: String, parent: String)? {
        let parts = traceparent?.split(separator: "-").map(String.init) ?? []
        guard parts.count == 4, parts[0] == "00" else { return nil }
        return (parts[1], parts[2])
    }

    @Test func aModelRequestIsOneTraceContinuedFromTheCallerAndNamedToTheUpstream() async throws {
        let receiver = OTLPReceiver()
        try await receiver.run { endpoint in
            try await InferenceHarness.withGateway(extra: Self.telemetry(endpoint)) { context, upstream, tokens in
                let incomingTrace = "4bf92f3577b34da6a3ce929d0e0e4736"
                let incomingSpan = "00f067aa0ba902b7"
                var headers = ServerHarness.bearer(tokens["dev"]!)
                headers[.contentType] = "application/json"
                headers[HTTPField.Name("traceparent")!] = "00-\(incomingTrace)-\(incomingSpan)-01"
                let response = try await context.client.execute(
                    uri: "/v1/chat/completions", method: .post, headers: headers, body: ByteBuffer(string: Self.chat))
                #expect(response.status == .ok)

                // The audit record continues the caller's trace.
                let records = try await InferenceHarness.audit(context.client, action: "model.use")
                #expect(records.first?["trace_id"]?.stringValue == incomingTrace)

                // The upstream was told Gatehouse's span, in the same trace.
                let sent = try #require(Self.parts(upstream.requests.last?.traceparent))
                #expect(sent.trace == incomingTrace)

                let names = [
                    "POST /v1/chat/completions", "authenticate", "policy.decide", "model.use",
                    "inference.upstream", "audit.append",
                ]
                let arrived = try await receiver.wait { receiver in
                    let seen = Set(receiver.spans.filter { $0.traceID == incomingTrace }.map(\.name))
                    return names.allSatisfy(seen.contains)
                }
                #expect(arrived, "spans: \(receiver.spans.map(\.name))")
                let spans = receiver.spans.filter { $0.traceID == incomingTrace }
                func span(_ name: String) -> OTLPReceiver.ReceivedSpan? { spans.first { $0.name == name } }
                let server = try #require(span("POST /v1/chat/completions"))
                #expect(server.parentSpanID == incomingSpan)
                #expect(server.kind == 2)  // SPAN_KIND_SERVER
                for child in ["authenticate", "policy.decide", "model.use", "audit.append"] {
                    #expect(span(child)?.parentSpanID == server.spanID, "\(child)")
                }
                let call = try #require(span("inference.upstream"))
                #expect(call.parentSpanID == span("model.use")?.spanID)
                #expect(call.kind == 3)  // SPAN_KIND_CLIENT
                #expect(sent.parent == call.spanID)
            }
        }
    }

    @Test func withoutATraceparentTheAuditRecordNamesTheNewTraceAndRecordsArriveAsLogs() async throws {
        let receiver = OTLPReceiver()
        try await receiver.run { endpoint in
            try await InferenceHarness.withGateway(extra: Self.telemetry(endpoint)) { context, upstream, tokens in
                let response = try await InferenceHarness.post(
                    context.client, "/v1/chat/completions", token: tokens["dev"]!, Self.chat)
                #expect(response.status == .ok)
                let denied = try await InferenceHarness.post(
                    context.client, "/v1/chat/completions", token: tokens["homebody"]!, Self.chat)
                #expect(denied.status != .ok)

                let record = try #require(try await InferenceHarness.audit(context.client, action: "model.use").last)
                let traceID = try #require(record["trace_id"]?.stringValue)
                #expect(Self.parts(upstream.requests.last?.traceparent)?.trace == traceID)
                let arrived = try await receiver.wait { receiver in
                    receiver.spans.contains { $0.traceID == traceID && $0.name == "inference.upstream" }
                }
                #expect(arrived)

                // Every committed record, in chain order, once, with its trace id and JSON line.
                let trail = try await context.client.execute(
                    uri: "/api/v1/audit?limit=1000", method: .get,
                    headers: ServerHarness.bearer(ServerHarness.adminToken))
                let all = InferenceHarness.json(trail)["records"]?.arrayValue ?? []
                let newest = all.compactMap { $0["seq"]?.intValue }.max() ?? 0
                let caughtUp = try await receiver.wait { ($0.logs.last?.seq ?? 0) >= newest }
                #expect(caughtUp)
                let logs = receiver.logs
                #expect(logs.compactMap(\.seq) == Array(1...Int64(logs.count)))
                #expect(logs.allSatisfy { $0.contentType == "application/json" })
                for entry in all {
                    guard let seq = entry["seq"]?.intValue, let log = logs.first(where: { $0.seq == seq }) else {
                        Issue.record("record \(entry["seq"]?.intValue ?? -1) was not exported")
                        continue
                    }
                    #expect(log.traceID == entry["trace_id"]?.stringValue)
                    #expect(JSONValue.parse(Data(log.body.utf8))?["hash"] == entry["hash"])
                }
                #expect(logs.contains { $0.severity == "WARN" })  // the denial
                // The cursor is saved after the collector accepts the batch, so it may trail the logs briefly.
                let cursorPath = context.dataDir + "/audit-otlp.cursor"
                let saved = try await receiver.wait { _ in (AuditLogExport.cursor(at: cursorPath) ?? 0) >= newest }
                #expect(saved, "cursor \(AuditLogExport.cursor(at: cursorPath) ?? 0) < \(newest)")
            }
        }
    }
}
