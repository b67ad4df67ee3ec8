import ArgumentParser
import Foundation
import GatehouseCore
import GatehouseScan
import GatehouseStore

/// `gatehouse vulndb`: load OSV vulnerability records into the store, and say what is loaded.
struct VulnDBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vulndb",
        abstract: "Load OSV vulnerability records into the store and show what is loaded.",
        subcommands: [Import.self, Status.self])

    /// `gatehouse vulndb import DIR|ZIP`.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Import OSV records (a directory of *.json, or a ZIP such as osv.dev's per-ecosystem all.zip); all or nothing. Running servers pick them up within a minute."
        )

        @OptionGroup var store: StoreOptions
        @Argument(help: "A directory of OSV JSON files, or a ZIP archive of them.") var source: String

        func run() async throws {
            let started = ContinuousClock.now
            let items: [OSVSource.Item]
            do {
                items = try OSVSource.read(source)
            } catch let error as GatehouseError {
                throw CLIFailure(error.message)
            }
            guard !items.isEmpty else { throw CLIFailure("\(source) holds no OSV records (*.json)") }
            let rows = items.map { item in
                VulnRecordRow(
                    id: item.record.id, ecosystem: item.record.ecosystemFamily, modified: item.record.modified,
                    document: item.document)
            }
            let name = URL(fileURLWithPath: source).lastPathComponent
            let status = try await store.withStore(createIfMissing: true) { store, _, _ in
                try await store.importVulnRecords(rows, source: name, nowMicros: WallClock.nowMicros())
            }
            let seconds =
                Double((ContinuousClock.now - started).components.attoseconds) / 1e18
                + Double((ContinuousClock.now - started).components.seconds)
            let distinct = Set(rows.map(\.id)).count
            print(
                "imported \(distinct) records from \(name) in \(String(format: "%.1f", seconds)) s"
                    + (distinct < rows.count ? " (\(rows.count - distinct) repeated)" : "")
                    + "; the store holds \(status.records) (generation \(status.generation))")
        }
    }

    /// `gatehouse vulndb status`.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what vulnerability data is loaded and how old it is.")

        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let status = try await store.withStore { store, _, _ in try await store.vulnStatus() }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
                print(String(decoding: try encoder.encode(status), as: UTF8.self))
                return
            }
            guard let micros = status.lastImportMicros else {
                print("no vulnerability data loaded: run gatehouse vulndb import DIR|ZIP")
                throw ExitCode(1)
            }
            print("records     \(status.records)")
            for (ecosystem, count) in status.ecosystems.sorted(by: { $0.key < $1.key }) {
                print("  \(ecosystem.padding(toLength: 10, withPad: " ", startingAt: 0)) \(count)")
            }
            let age = max(0, WallClock.nowMicros() - micros) / 1_000_000
            print("generation  \(status.generation)")
            print("imported    \(Self.iso(micros)) from \(status.lastSource ?? "?") (\(Self.age(age)) ago)")
        }

        static func iso(_ micros: Int64) -> String {
            ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(micros) / 1e6))
        }

        static func age(_ seconds: Int64) -> String {
            if seconds < 120 { return "\(seconds) s" }
            if seconds < 7200 { return "\(seconds / 60) min" }
            if seconds < 172_800 { return "\(seconds / 3600) h" }
            return "\(seconds / 86400) days"
        }
    }
}
