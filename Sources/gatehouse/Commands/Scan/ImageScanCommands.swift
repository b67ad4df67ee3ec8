import ArgumentParser
import Foundation
import GatehouseCore
import GatehouseScan

extension ImageCommand {
    /// `gatehouse image sbom REF|OCI-LAYOUT-DIR`.
    struct SBOM: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sbom",
            abstract:
                "Print the SBOM of an image: a local OCI layout (DIR or DIR:TAG) is read here; a reference is pulled and read by the server, under its registry rules."
        )

        @OptionGroup var server: ServerOptions
        @Argument(help: "REGISTRY/REPOSITORY:TAG, or an OCI image layout directory (DIR or DIR:TAG).") var image: String
        @Option(help: "spdx-json or cyclonedx-json.") var format: SBOMFormat = .spdxJSON
        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?

        func run() async throws {
            try LocalScan.refuseMissingLayout(image)
            let document: Data
            if OCILayout.isLayout(image) {
                let result = try LocalScan.scan(image)
                document = try format.write(result)
            } else {
                document = try await server.client().call(
                    "POST", "api/v1/images/sbom", body: ["image": image, "format": format.rawValue])
            }
            try LocalScan.emit(document, to: output)
        }
    }

    /// `gatehouse image scan REF|OCI-LAYOUT-DIR`.
    struct Scan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Match an image's packages against the vulnerability data; exits 2 when --fail-on finds something. A local OCI layout is read here with the store's data; a reference is scanned by the server."
        )

        @OptionGroup var server: ServerOptions
        @OptionGroup var store: StoreOptions
        @Argument(help: "REGISTRY/REPOSITORY:TAG, or an OCI image layout directory (DIR or DIR:TAG).") var image: String
        @Option(help: "table, json or sarif.") var format: ReportFormat = .table
        @Option(help: "Exit 2 when a finding is at least this severe: critical, high, medium or low.")
        var failOn: FailOn?
        @Option(help: "An OpenVEX document whose not_affected statements suppress findings (repeatable; local scans).")
        var vex: [String] = []
        @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.") var output:
            String?

        func run() async throws {
            try LocalScan.refuseMissingLayout(image)
            let report: ScanReport
            if OCILayout.isLayout(image) {
                let result = try LocalScan.scan(image)
                report = try await LocalScan.report(result, store: store, vex: vex)
            } else {
                guard vex.isEmpty else {
                    throw CLIFailure("--vex applies to local scans; a server applies its scan.vex documents")
                }
                report = try await RemoteScan.report(image, client: try server.client())
            }
            let data: Data
            switch format {
            case .table: data = Data(report.table().utf8)
            case .json: data = try report.json()
            case .sarif: data = try report.sarif(toolVersion: GatehouseVersion.current)
            }
            try LocalScan.emit(data, to: output)
            if let failOn, report.fails(at: failOn.rawValue) { throw ExitCode(2) }
        }
    }

    enum SBOMFormat: String, ExpressibleByArgument, CaseIterable {
        case spdxJSON = "spdx-json"
        case cyclonedxJSON = "cyclonedx-json"

        func write(_ result: ScanResult) throws -> Data {
            let subject = SBOMSubject(
                name: result.name, digest: result.digest, distro: result.distro, packages: result.packages,
                created: Date(), toolVersion: GatehouseVersion.current)
            switch self {
            case .spdxJSON: return try SPDXWriter().write(subject)
            case .cyclonedxJSON: return try CycloneDXWriter().write(subject)
            }
        }
    }

    enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json, sarif
    }

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case critical, high, medium, low
    }
}
