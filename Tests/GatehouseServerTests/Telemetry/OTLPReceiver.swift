import Foundation
import GatehouseCore
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization

/// An OTLP/HTTP collector written for the tests, on 127.0.0.1: it takes `POST /v1/traces` and
/// `/v1/logs` in the JSON encoding and keeps the spans and log records it was sent.
final class OTLPReceiver: Sendable {
    struct ReceivedSpan: Sendable, Hashable {
        var traceID: String
        var spanID: String
        var parentSpanID: String
        var name: String
        var kind: Int64
    }

    struct ReceivedLog: Sendable {
        var traceID: String
        var body: String
        var seq: Int64?
        var severity: String
        var contentType: String
    }

    private let received = Mutex<(spans: [ReceivedSpan], logs: [ReceivedLog])>(([], []))

    var spans: [ReceivedSpan] { received.withLock { $0.spans } }
    var logs: [ReceivedLog] { received.withLock { $0.logs } }

    /// Runs the collector for `body`, with its base URL.
    func run(_ body: @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.post("/v1/traces") { request, _ in
            let json = try await Self.body(request)
            let spans = Self.items(json, "resourceSpans", "scopeSpans", "spans").map { span in
                ReceivedSpan(
                    traceID: Self.hexID(span["traceId"]), spanID: Self.hexID(span["spanId"]),
                    parentSpanID: Self.hexID(span["parentSpanId"]), name: span["name"]?.stringValue ?? "",
                    kind: span["kind"]?.intValue ?? 0)
            }
            self.received.withLock { $0.spans += spans }
            return Self.accepted
        }
        router.post("/v1/logs") { request, _ in
            let json = try await Self.body(request)
            let logs = Self.items(json, "resourceLogs", "scopeLogs", "logRecords").map { record in
                let seq = record["attributes"]?.arrayValue?.first { $0["key"]?.stringValue == "gatehouse.audit.seq" }
                return ReceivedLog(
                    traceID: Self.hexID(record["traceId"]), body: record["body"]?["stringValue"]?.stringValue ?? "",
                    seq: seq?["value"]?["intValue"]?.stringValue.flatMap { Int64($0) },
                    severity: record["severityText"]?.stringValue ?? "",
                    contentType: request.headers[.contentType] ?? "")
            }
            self.received.withLock { $0.logs += logs }
            return Self.accepted
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in try await body("http://127.0.0.1:\(client.port!)") }
    }

    /// Waits (at most `seconds`) until `condition` holds of what was received; true if it did.
    func wait(seconds: Int = 20, until condition: (OTLPReceiver) -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while !condition(self) {
            guard ContinuousClock.now < deadline else { return false }
            try await Task.sleep(for: .milliseconds(50))
        }
        return true
    }

    private static let accepted = Response(
        status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: "{}")))

    private static func body(_ request: Request) async throws -> JSONValue {
        var request = request
        let buffer = try await request.collectBody(upTo: 16 << 20)
        return JSONValue.parse(Data(buffer.readableBytesView)) ?? .null
    }

    /// The innermost items of `resource → scope → items` nesting.
    private static func items(_ json: JSONValue, _ outer: String, _ middle: String, _ inner: String) -> [JSONValue] {
        (json[outer]?.arrayValue ?? []).flatMap { resource in
            (resource[middle]?.arrayValue ?? []).flatMap { scope in scope[inner]?.arrayValue ?? [] }
        }
    }

    /// An id as lowercase hex: OTLP's JSON encoding writes hex, protobuf's generic JSON mapping
    /// base64; both are read.
    static func hexID(_ value: JSONValue?) -> String {
        guard let text = value?.stringValue, !text.isEmpty else { return "" }
        if text.count == 32 || text.count == 16, Hex.decode(text.lowercased()) != nil { return text.lowercased() }
        return Data(base64Encoded: text).map { Hex.encode($0) } ?? text
    }
}
