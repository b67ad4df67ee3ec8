import ArgumentParser
import Crypto
import Foundation
import GatehouseCore
import GatehouseServer
import GatehouseStore

/// `gatehouse audit`.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Verify, read and export the audit trail.",
        subcommands: [Verify.self, Tail.self, Query.self, Export.self])

    /// `gatehouse audit verify`.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the hash chain and signed checkpoints: exit 0 if intact, 1 naming the first bad record.")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let report = try await store.withStore { store, _, dataDir in
                let keyPath = dataDir + "/" + AuditSigningKey.fileName
                var keys: [Curve25519PublicKey] = []
                if FileManager.default.fileExists(atPath: keyPath) {
                    keys.append(try AuditSigningKey.load(path: keyPath).publicKey)
                }
                return try await AuditVerification.verify(store: store, trustedKeys: keys, dataDir: dataDir)
            }
            if let fault = report.fault {
                printError("audit trail BROKEN at record \(fault.seq): \(fault)")
                printError("\(report.verifiedRecords) records verified before it")
                throw ExitCode(1)
            }
            print(
                "audit trail intact: \(report.verifiedRecords) records, \(report.checkpointsChecked) signed checkpoints, head \(report.head.seq) \(report.head.hash.hex.prefix(16))"
            )
        }
    }

    /// `gatehouse audit tail`.
    struct Tail: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the newest records, oldest first.")

        @OptionGroup var store: StoreOptions

        @Option(name: [.customShort("n"), .long], help: "How many records.")
        var lines: Int = 20

        func run() async throws {
            let limit = lines
            let records = try await store.withStore { store, _, _ in
                try await store.queryAudit(AuditQuery(limit: limit))
            }
            for record in records.reversed() { print(AuditFormat.line(record)) }
        }
    }

    /// `gatehouse audit query`.
    struct Query: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Find records, newest first.")

        @OptionGroup var store: StoreOptions
        @Option(help: "Exact subject.") var subject: String?
        @Option(help: "Exact action, e.g. audit.read.") var action: String?
        @Option(help: "allow or deny.") var decision: String?
        @Option(help: "RFC 3339 time or a duration ago (15m, 2h, 7d).") var since: String?
        @Option(help: "RFC 3339 time or a duration ago.") var until: String?
        @Option(help: "At most this many records (1-10000).") var limit: Int = 100
        @Flag(help: "Print JSON lines instead of text.") var json = false

        func run() async throws {
            var parameters: [String: String] = ["limit": String(limit)]
            parameters["subject"] = subject
            parameters["action"] = action
            parameters["decision"] = decision
            parameters["since"] = since
            parameters["until"] = until
            let query: AuditQuery
            do {
                query = try AuditQueryParameters.parse(parameters, nowMicros: WallClock.nowMicros())
            } catch let error as GatehouseError {
                throw CLIFailure(error.message)
            }
            let records = try await store.withStore { store, _, _ in try await store.queryAudit(query) }
            for record in records {
                print(json ? try AuditFormat.json(record) : AuditFormat.line(record))
            }
        }
    }

    /// `gatehouse audit export`.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Export the whole trail in order.")

        @OptionGroup var store: StoreOptions
        @Option(help: "Output format: jsonl.") var format: String = "jsonl"
        @Option(help: "Write to this file instead of standard output (replaced atomically).")
        var output: String?

        func run() async throws {
            guard format == "jsonl" else { throw CLIFailure("unknown format \"\(format)\" (supported: jsonl)") }
            let destination = output
            let count = try await store.withStore { store, _, _ in
                try await AuditFormat.export(store: store, to: destination)
            }
            if destination != nil { printError("exported \(count) records") }
        }
    }
}
