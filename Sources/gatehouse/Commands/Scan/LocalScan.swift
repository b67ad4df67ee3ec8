import ArgumentParser
import Foundation
import GatehouseCore
import GatehouseScan
import GatehouseStore

/// Scans an OCI layout on this machine, with a progress line on standard error when it is a
/// terminal.
enum LocalScan {
    static func scan(_ layout: String) throws -> ScanResult {
        do {
            let input = try OCILayout.input(layout)
            let bar = ProgressLine()
            let result = try ImageScanner().scan(input) { bar.show($0) }
            bar.done()
            return result
        } catch let error as GatehouseError {
            throw CLIFailure(error.message)
        }
    }

    /// The report of `result` with the store's vulnerability data and `vex` documents.
    static func report(_ result: ScanResult, store: StoreOptions, vex: [String]) async throws -> ScanReport {
        let documents = try vex.map { path in
            guard let data = FileManager.default.contents(atPath: path) else { throw CLIFailure("cannot read \(path)") }
            do {
                return try VEXDocument(json: data)
            } catch let error as GatehouseError {
                throw CLIFailure("\(path): \(error.message)")
            }
        }
        let (parsed, status) = try await store.withStore { store, _, _ in
            var records: [OSVRecord] = []
            try await store.forEachVulnRecordPage { records += OSVRecord.parsing($0.map(\.document)) }
            return (records, try await store.vulnStatus())
        }
        let matcher = VulnMatcher(records: parsed, vex: documents)
        return ScanReport(
            result: result, findings: matcher.findings(for: result), vulnGeneration: status.generation,
            vulnImported: status.lastImportMicros.map {
                ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double($0) / 1e6))
            })
    }

    /// A path (`/…`, `./…`, `../…`) that is no layout is a mistake, not a reference to pull.
    static func refuseMissingLayout(_ image: String) throws {
        guard image.hasPrefix("/") || image.hasPrefix("./") || image.hasPrefix("../"), !OCILayout.isLayout(image)
        else { return }
        throw CLIFailure("\(image) is not an OCI image layout (it has no oci-layout file)")
    }

    static func emit(_ data: Data, to output: String?) throws {
        guard let output else {
            FileHandle.standardOutput.write(data)
            return
        }
        do {
            try data.write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw CLIFailure("cannot write \(output)")
        }
    }
}

/// One self-rewriting line on standard error (only when it is a terminal).
final class ProgressLine: Sendable {
    let enabled = isatty(2) != 0

    func show(_ progress: ScanProgress) {
        guard enabled else { return }
        let percent = progress.bytesTotal > 0 ? Int(progress.bytesRead * 100 / progress.bytesTotal) : 100
        let layer = min(progress.layer + 1, progress.layers)
        let line =
            "\rreading layer \(layer)/\(progress.layers)  \(percent)%  \(progress.bytesRead >> 20) of \(progress.bytesTotal >> 20) MiB   "
        FileHandle.standardError.write(Data(line.utf8))
    }

    func text(_ text: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data(("\r" + text + "          ").utf8))
    }

    func done() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1b}[K".utf8))
    }
}
