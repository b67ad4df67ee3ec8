import Crypto
import Foundation
import GatehouseCore
import GatehouseStore
import Logging
import SQLiteNIO

/// `gatehouse-bench-audit`: audit appends/s (single and batched) and verify records/s on
/// SQLite and PostgreSQL, each as a ratio against a baseline measured in the same run:
/// raw INSERTs of the same rows in the same transaction sizes (no hashing, no signing), and
/// raw SHA-256 over the same canonical bytes.
@main
struct AuditBench {
    static let logger: Logger = {
        var logger = Logger(label: "bench")
        logger.logLevel = .critical
        return logger
    }()

    static func main() async throws {
        let arguments = CommandLine.arguments
        func option(_ name: String, _ fallback: Int) -> Int {
            guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return fallback }
            return Int(arguments[index + 1]) ?? fallback
        }
        let batched = option("--records", 100_000)
        let single = option("--single", 1_000)
        let postgresURL = ProcessInfo.processInfo.environment["GATEHOUSE_TEST_POSTGRES_URL"]

        var report = BenchReport()
        let directory = NSTemporaryDirectory() + "gatehouse-bench-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let sqlite = try await SQLiteStore.open(path: directory + "/bench.db", logger: logger)
        try await Scenario(
            name: "SQLite", store: sqlite, baseline: try await SQLiteBaseline.open(directory + "/raw.db")
        )
        .run(single: single, batched: batched, into: &report)

        if let postgresURL {
            let bench = try await PostgresBench.prepare(url: postgresURL)
            try await Scenario(name: "PostgreSQL", store: bench.store, baseline: bench.baseline)
                .run(single: single / 2, batched: batched / 2, into: &report)
            try await bench.finish()
        } else {
            report.note("PostgreSQL skipped: GATEHOUSE_TEST_POSTGRES_URL is not set (run scripts/test-deps.sh)")
        }
        report.print()
    }

    static func events(_ count: Int) -> [AuditEvent] {
        (0..<count).map { n in
            AuditEvent(
                timeMicros: 1_800_000_000_000_000 + Int64(n), issuer: "https://login.example.com",
                subject: "user-\(n % 500)", authMethod: "access_token", groups: "developers,platform",
                action: "model.use", resource: "llama-3.1-8b-instruct", decision: "allow", rule: "dev-models",
                reason: "allowed by rule dev-models", outcome: "ok", durationMicros: 1234,
                traceID: "4bf92f3577b34da6a3ce929d0e0e4736", payloadShape: #"{"messages":[{"content":string}]}"#,
                payloadHash: String(repeating: "ab", count: 32))
        }
    }
}
