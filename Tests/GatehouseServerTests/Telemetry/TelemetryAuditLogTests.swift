import Foundation
import GatehouseCore
import GatehouseStore
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import GatehouseServer

/// `telemetry.audit_logs`: the export resumes after the last record the collector accepted, and
/// the protobuf encoding carries what the JSON one does.
@Suite struct TelemetryAuditLogTests {
    @Test func aRestartedExportResumesAfterItsCursor() async throws {
        let first = OTLPReceiver()
        let second = OTLPReceiver()
        try await first.run { firstEndpoint in
            try await second.run { secondEndpoint in
                let config = ServerHarness.config + TelemetryTraceTests.telemetry(firstEndpoint)
                try await ServerHarness.withServer(config: config) { context in
                    let admin = ServerHarness.bearer(ServerHarness.adminToken)
                    _ = try await context.client.execute(uri: "/api/v1/whoami", method: .get, headers: admin)
                    let cursorPath = context.dataDir + "/audit-otlp.cursor"
                    let caughtUp = try await first.wait { _ in (AuditLogExport.cursor(at: cursorPath) ?? 0) >= 2 }
                    #expect(caughtUp)
                    let cursor = try #require(AuditLogExport.cursor(at: cursorPath))

                    // A second exporter (as after a restart) starts after the cursor. It gets a
                    // directory of its own holding that cursor, since the server's exporter keeps
                    // moving the shared one.
                    let restartDir = context.dataDir + "/restarted"
                    try FileManager.default.createDirectory(atPath: restartDir, withIntermediateDirectories: true)
                    try AuditLogExport.save(cursor: cursor, at: restartDir + "/audit-otlp.cursor")
                    let store = try await SQLiteStore.open(
                        path: context.dataDir + "/gatehouse.db", logger: ServerHarness.logger)
                    var telemetry = TelemetryConfig()
                    telemetry.otlpEndpoint = secondEndpoint
                    telemetry.wireProtocol = .json
                    telemetry.exportInterval = .seconds(1)
                    let restarted = AuditLogExport(
                        store: store, config: telemetry, endpoint: secondEndpoint, headers: [],
                        dataDir: restartDir, logger: ServerHarness.logger)
                    let task = Task { try await restarted.run() }
                    _ = try await context.client.execute(uri: "/api/v1/whoami", method: .get, headers: admin)
                    let resumed = try await second.wait { $0.logs.contains { ($0.seq ?? 0) > cursor } }
                    task.cancel()
                    _ = try? await task.value
                    await store.shutdown()
                    #expect(resumed)
                    let seqs = second.logs.compactMap(\.seq)
                    #expect(seqs.first == cursor + 1, "\(seqs) after \(cursor)")
                    #expect(seqs == Array((cursor + 1)...(seqs.last ?? cursor)))
                }
            }
        }
    }

    @Test func theProtobufEncodingCarriesTheRecord() throws {
        let event = AuditEvent(
            timeMicros: 1_700_000_000_000_000, principal: .anonymous, action: "model.use", resource: "fast",
            decision: Decision(effect: .deny, rule: "r1", reason: "no"), outcome: "denied", durationMicros: 5,
            traceID: "4bf92f3577b34da6a3ce929d0e0e4736", payload: nil)
        let record = AuditRecord.seal(event, seq: 42, after: .zero)
        let batch = OTLPLogBatch(
            resource: [("service.name", .string("gatehouse"))], scope: ("gatehouse.audit", "1"),
            records: [OTLPLogRecord(audit: record, observedMicros: 1)])
        // ExportLogsServiceRequest → ResourceLogs (1) → ScopeLogs (2) → LogRecord (2).
        let resourceLogs = try #require(ProtobufFields(batch.protobuf)[1]?.first)
        let scopeLogs = try #require(ProtobufFields(resourceLogs)[2]?.first)
        let logRecord = ProtobufFields(try #require(ProtobufFields(scopeLogs)[2]?.first))
        #expect(logRecord[9]?.first.map { Hex.encode($0) } == event.traceID)
        #expect(logRecord[3]?.first.map { String(decoding: $0, as: UTF8.self) } == "WARN")
        let body = try #require(logRecord[5]?.first.flatMap { ProtobufFields($0)[1]?.first })
        #expect(String(decoding: body, as: UTF8.self) == AuditRecordBody.jsonLine(record))
        let keys = (logRecord[6] ?? []).compactMap { ProtobufFields($0)[1]?.first }.map {
            String(decoding: $0, as: UTF8.self)
        }
        #expect(keys.contains("gatehouse.audit.seq") && keys.contains("gatehouse.audit.rule"))
    }
}

/// The length-delimited fields of a protobuf message by number (enough to walk OTLP's nesting);
/// varint and fixed fields are skipped.
struct ProtobufFields {
    private var fields: [Int: [[UInt8]]] = [:]

    init(_ bytes: [UInt8]) {
        var index = 0
        func varint() -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { break }
                shift += 7
            }
            return value
        }
        while index < bytes.count {
            let tag = varint()
            switch tag & 7 {
            case 0: _ = varint()
            case 1: index += 8
            case 5: index += 4
            case 2:
                let length = Int(varint())
                let end = min(index + length, bytes.count)
                fields[Int(tag >> 3), default: []].append(Array(bytes[index..<end]))
                index = end
            default: return
            }
        }
    }

    subscript(number: Int) -> [[UInt8]]? { fields[number] }
}
