public import Foundation

/// What an SBOM describes: one container image and the packages found in its filesystem.
///
/// The writers read only this value (and the per-document UUID they are given), so the same
/// subject always yields the same document apart from its per-document unique identifier.
public struct SBOMSubject: Sendable, Hashable {
    /// The image reference as the caller gave it, e.g. `docker.io/library/debian:12`.
    public var name: String
    /// The manifest digest, `sha256:<64 hex>`.
    public var digest: String
    /// The distribution the image is built on, if one was recognised.
    public var distro: Distro?
    /// The packages found; the writers sort them and drop exact duplicates.
    public var packages: [Package]
    /// When the scan ran; written, to the second, as the document's creation time.
    public var created: Date
    /// The tool's name, written as the SBOM's creator (`Tool: <name>-<version>`).
    public var toolName: String
    /// The tool's version.
    public var toolVersion: String

    /// Creates a subject.
    public init(
        name: String, digest: String, distro: Distro? = nil, packages: [Package], created: Date,
        toolName: String = "gatehouse", toolVersion: String
    ) {
        self.name = name
        self.digest = digest
        self.distro = distro
        self.packages = packages
        self.created = created
        self.toolName = toolName
        self.toolVersion = toolVersion
    }
}

extension SBOMSubject {
    /// The packages in the order both writers emit them, without exact duplicates.
    var sortedPackages: [Package] {
        var unique: [Package] = []
        for package in packages.sorted(by: SBOMSubject.precedes) where unique.last != package {
            unique.append(package)
        }
        return unique
    }

    /// The hex of a well-formed `sha256:` digest (lower-cased), or nil.
    var sha256Hex: String? {
        let prefix = "sha256:"
        guard digest.hasPrefix(prefix) else { return nil }
        let hex = digest.dropFirst(prefix.count).lowercased()
        guard hex.count == 64, hex.allSatisfy({ $0.isHexDigit && $0.isASCII }) else { return nil }
        return hex
    }

    /// The creation time as ISO 8601 UTC to the second, e.g. `2024-05-01T12:00:00Z`.
    var createdText: String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: created)
    }

    /// A total order on packages, so that output never depends on the order they were found in.
    static func precedes(_ lhs: Package, _ rhs: Package) -> Bool {
        let left = sortKey(lhs)
        let right = sortKey(rhs)
        return left.lexicographicallyPrecedes(right)
    }

    /// Every field, lists prefixed by their length so that distinct packages never share a key.
    private static func sortKey(_ package: Package) -> [String] {
        let optionals = [package.architecture, package.layer, package.sourceName, package.sourceVersion]
        return [package.kind.rawValue, package.name, package.version, package.purl]
            + optionals.flatMap { $0.map { ["1", $0] } ?? ["0"] }
            + [String(package.locations.count)] + package.locations
            + [String(package.licenses.count)] + package.licenses
    }
}
