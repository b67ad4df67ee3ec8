import AsyncHTTPClient
import Foundation
import GatehouseCore
import GatehouseStore
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle

/// `telemetry.audit_logs`: every committed audit record, in chain order, sent as one OTLP log
/// record to the collector's `/v1/logs` (a SIEM's intake). The `seq` of the last record the
/// collector accepted is kept in `DATA/audit-otlp.cursor`, written after each accepted batch,
/// so a restart resumes after it: nothing is lost, and a record is sent twice only when the
/// process stops between the collector's answer and that write (each record carries its `seq`
/// and hash to tell). A batch the collector refuses is sent again after `export_interval`.
final class AuditLogExport: Service, Sendable {
    /// The batch the collector is sent at most.
    static let batch = 500

    let store: any GatehouseStore
    let url: String
    let wireProtocol: OTLPWireProtocol
    let headers: [(String, String)]
    let resource: [(key: String, value: OTLPLogRecord.Value)]
    let interval: Duration
    let cursorPath: String
    let logger: Logger

    init(
        store: any GatehouseStore, config: TelemetryConfig, endpoint: String, headers: [(String, String)],
        dataDir: String, logger: Logger
    ) {
        self.store = store
        self.url = endpoint + "/v1/logs"
        self.wireProtocol = config.wireProtocol
        self.headers = headers
        self.resource = [
            ("service.name", .string(config.serviceName)), ("service.version", .string(GatehouseVersion.current)),
        ]
        self.interval = config.exportInterval
        self.cursorPath = dataDir + "/audit-otlp.cursor"
        self.logger = logger
    }

    func run() async throws {
        let follower = AuditFollower(
            store: store, interval: interval, logger: logger,
            failure: "audit records could not be sent to the collector")
        await follower.run(after: Self.cursor(at: cursorPath) ?? Int64.min) { records in
            var start = records.startIndex
            while start < records.endIndex {
                let end = min(start + Self.batch, records.endIndex)
                try await send(Array(records[start..<end]))
                try Self.save(cursor: records[end - 1].seq, at: cursorPath)
                start = end
            }
        }
    }

    /// POSTs one batch; throws unless the collector answers 2xx.
    private func send(_ records: [AuditRecord]) async throws {
        let now = WallClock.nowMicros()
        let batch = OTLPLogBatch(
            resource: resource, scope: ("gatehouse.audit", GatehouseVersion.current),
            records: records.map { OTLPLogRecord(audit: $0, observedMicros: now) })
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        switch wireProtocol {
        case .protobuf:
            request.headers.replaceOrAdd(name: "Content-Type", value: "application/x-protobuf")
            request.body = .bytes(ByteBuffer(bytes: batch.protobuf))
        case .json:
            request.headers.replaceOrAdd(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: batch.json))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        _ = try? await response.body.collect(upTo: 1 << 20)
        guard (200..<300).contains(response.status.code) else {
            throw GatehouseError(.internal, "the collector answered \(response.status.code) to \(url)")
        }
    }

    /// The `seq` of the last record the collector accepted, nil when none was sent yet.
    static func cursor(at path: String) -> Int64? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return Int64(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Replaces the cursor file (0600) atomically.
    static func save(cursor seq: Int64, at path: String) throws {
        let temporary = path + ".tmp"
        guard
            FileManager.default.createFile(
                atPath: temporary, contents: Data("\(seq)\n".utf8), attributes: [.posixPermissions: 0o600])
        else { throw GatehouseError(.storeUnavailable, "cannot write \(temporary)") }
        guard rename(temporary, path) == 0 else { throw GatehouseError(.storeUnavailable, "cannot replace \(path)") }
    }
}
