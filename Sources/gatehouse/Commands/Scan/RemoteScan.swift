import AsyncHTTPClient
import Foundation
import GatehouseScan
import NIOCore

/// Asks a server to scan an image it pulls: `POST /api/v1/images/scan` answers one JSON object
/// per line — progress while layers download and are read, then the report (or an error).
enum RemoteScan {
    /// One line of the server's answer.
    struct Line: Decodable {
        struct Failure: Decodable {
            let code: String
            let message: String
        }
        let progress: ScanProgress?
        let stage: String?
        let report: ScanReport?
        let error: Failure?
    }

    static func report(_ image: String, client: ServerClient) async throws -> ScanReport {
        let response = try await client.postStreaming("api/v1/images/scan", body: ["image": image], timeout: .hours(2))
        let bar = ProgressLine()
        defer { bar.done() }
        var pending = Data()
        for try await chunk in response.body {
            pending.append(contentsOf: chunk.readableBytesView)
            guard pending.count <= 64 << 20 else { throw CLIFailure("the server's answer is too large") }
            while let newline = pending.firstIndex(of: 0x0a) {
                let line = pending[pending.startIndex..<newline]
                pending = Data(pending[pending.index(after: newline)...])
                guard !line.isEmpty else { continue }
                guard let decoded = try? JSONDecoder().decode(Line.self, from: Data(line)) else {
                    throw CLIFailure("the server sent a line that is not JSON")
                }
                if let error = decoded.error { throw CLIFailure("\(error.message) (\(error.code))") }
                if let report = decoded.report { return report }
                if let progress = decoded.progress { bar.show(progress) }
                if let stage = decoded.stage { bar.text(stage) }
            }
        }
        throw CLIFailure("the server ended its answer without a report")
    }
}
