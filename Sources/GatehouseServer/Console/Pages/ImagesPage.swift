import GatehouseCore
import GatehouseRegistry
import GatehouseScan
import GatehouseStore

/// `/console/images`: the images scanned as they were pulled, with their findings by severity
/// and how often they were pulled or refused this week; one image's findings and SBOMs at
/// `/console/images/DIGEST`.
struct ImagesPage {
    let sources: ConsoleSources

    init(_ sources: ConsoleSources) { self.sources = sources }

    /// The most images listed.
    static let maxImages = 100

    struct Model {
        let images: [Image]
        let denials: [AuditTrailPage.Row]
    }

    struct Image {
        let name: String
        let digest: String
        let distro: String
        let packages: Int
        let critical: Int
        let high: Int
        let other: Int
        let pulls: Int
    }

    struct Detail {
        let name: String
        let digest: String
        let distro: String
        let packages: Int
        let findings: [Finding]
        let notes: [String]
        let pulls: [AuditTrailPage.Row]
    }

    func view(_ visit: ConsoleRoutes.Visit) async throws -> ConsoleRoutes.View {
        let week = try await AuditWindow.read(
            sources.store, hours: 24 * 7, action: ActionKind.imagePull.rawValue, nowMicros: WallClock.nowMicros())
        var pulls: [String: Int] = [:]
        for record in week.records where record.event.decision == "allow" {
            if let at = record.event.resource.lastIndex(of: "@") {
                pulls[String(record.event.resource[record.event.resource.index(after: at)...]), default: 0] += 1
            }
        }
        var images: [Image] = []
        for digest in sources.scans.scanned(limit: Self.maxImages) {
            guard let result = sources.scans.known(digest) else { continue }
            let report = try await sources.vulns.report(result)
            let severities = report.findings.map { $0.severity.lowercased() }
            images.append(
                Image(
                    name: result.name, digest: digest.description, distro: report.distro ?? "—",
                    packages: result.packages.count, critical: severities.filter { $0 == "critical" }.count,
                    high: severities.filter { $0 == "high" }.count,
                    other: severities.filter { $0 != "critical" && $0 != "high" }.count,
                    pulls: pulls[digest.description] ?? 0))
        }
        let denials = week.records.filter { $0.event.decision == "deny" }.prefix(200).map(AuditTrailPage.row)
        return ConsoleRoutes.View(template: "images", model: Model(images: images, denials: Array(denials)))
    }

    func detail(_ text: String, _ visit: ConsoleRoutes.Visit) async throws -> ConsoleRoutes.View {
        let digest = try ScanRoutes.digest(text)
        let result = try sources.scans.scanned(digest)
        let report = try await sources.vulns.report(result)
        let pulls = try await sources.store.queryAudit(AuditQuery(action: ActionKind.imagePull.rawValue, limit: 2_000))
            .filter { $0.event.resource.hasSuffix("@" + digest.description) }.prefix(50).map(AuditTrailPage.row)
        let detail = Detail(
            name: result.name, digest: digest.description, distro: report.distro ?? "—",
            packages: result.packages.count, findings: report.findings, notes: report.notes, pulls: Array(pulls))
        return ConsoleRoutes.View(template: "image", model: detail)
    }
}
