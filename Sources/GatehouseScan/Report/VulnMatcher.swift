/// Matches an image's packages against vulnerability data by ecosystem and package name — never
/// by CPE, so a finding always names the advisory's own package — and applies VEX statements.
public struct VulnMatcher: Sendable {
    let index: VulnIndex
    /// Advisory id → when it was published (for policies' age thresholds).
    let published: [String: String]
    let vex: [VEXDocument]

    /// A matcher over `records` (withdrawn ones never match) with `vex` applied.
    public init(records: [OSVRecord], vex: [VEXDocument] = []) {
        index = VulnIndex(records: records)
        var published: [String: String] = [:]
        for record in records { published[record.id] = record.published ?? record.modified }
        self.published = published
        self.vex = vex
    }

    /// The findings of `result`, VEX-suppressed ones marked with why.
    public func findings(for result: ScanResult) -> [Finding] {
        var out: [Finding] = []
        for package in result.packages {
            guard let query = Self.query(package, distro: result.distro) else { continue }
            for match in index.matches(ecosystem: query.ecosystem, name: query.name, version: query.version) {
                var finding = Finding(
                    id: match.id, aliases: match.aliases, severity: match.severity.rawValue, score: match.score,
                    summary: match.summary ?? "", package: package.name, version: package.version, purl: package.purl,
                    ecosystem: query.ecosystem, fixedVersion: match.fixedVersion, layer: package.layer,
                    published: published[match.id])
                for document in vex {
                    if let why = document.suppression(of: finding, imageDigest: result.digest) {
                        finding.suppressed = why
                        break
                    }
                }
                out.append(finding)
            }
        }
        return out
    }

    /// The OSV ecosystem, name and version a package is filed under: Debian advisories name the
    /// source package (and its version), Alpine's the origin; the release comes from the
    /// image's os-release (`Debian:12`, `Alpine:v3.19`, `Ubuntu:22.04`).
    static func query(_ package: Package, distro: Distro?) -> (ecosystem: String, name: String, version: String)? {
        switch package.kind {
        case .deb:
            let version = distro?.versionID ?? ""
            let ecosystem: String
            if distro?.id == "ubuntu" {
                ecosystem = version.isEmpty ? "Ubuntu" : "Ubuntu:" + version
            } else {
                let major = version.split(separator: ".").first.map(String.init) ?? ""
                ecosystem = major.isEmpty ? "Debian" : "Debian:" + major
            }
            return (ecosystem, package.sourceName ?? package.name, package.sourceVersion ?? package.version)
        case .apk:
            let parts = (distro?.versionID ?? "").split(separator: ".")
            let ecosystem = parts.count >= 2 ? "Alpine:v\(parts[0]).\(parts[1])" : "Alpine"
            return (ecosystem, package.sourceName ?? package.name, package.version)
        case .python: return ("PyPI", package.name, package.version)
        case .npm: return ("npm", package.name, package.version)
        case .golang: return ("Go", package.name, package.version)
        }
    }
}
