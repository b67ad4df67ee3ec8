/// The kinds of package the catalogers find.
public enum PackageKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Debian packages (`var/lib/dpkg/status`, `var/lib/dpkg/status.d/*`).
    case deb
    /// Alpine packages (`lib/apk/db/installed`).
    case apk
    /// Python distributions (`*.dist-info/METADATA`, `*.egg-info/PKG-INFO`).
    case python
    /// npm packages (`package-lock.json`, `node_modules/*/package.json`).
    case npm
    /// Go modules built into a binary (its embedded build info).
    case golang
}

/// One package found in an image's filesystem.
public struct Package: Sendable, Hashable, Codable {
    /// What kind of package.
    public var kind: PackageKind
    /// Its name as its ecosystem writes it (Go: the module path).
    public var name: String
    /// Its version as its ecosystem writes it (Go: `v1.2.3`).
    public var version: String
    /// The package URL (github.com/package-url/purl-spec), e.g.
    /// `pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12`.
    public var purl: String
    /// Licences as the package declares them (SPDX identifiers or expressions where it uses them).
    public var licenses: [String] = []
    /// Debian's source package, when it differs from the binary's name (advisories name it).
    public var sourceName: String?
    /// Debian's source version, when it differs from the binary's version.
    public var sourceVersion: String?
    /// The architecture (`amd64`, `x86_64`, `all`), where the ecosystem records it.
    public var architecture: String?
    /// The paths, inside the image, where it was found.
    public var locations: [String] = []
    /// The digest of the layer that introduced it, once known.
    public var layer: String?

    /// Creates a package.
    public init(kind: PackageKind, name: String, version: String, purl: String) {
        self.kind = kind
        self.name = name
        self.version = version
        self.purl = purl
    }
}

/// The distribution an image is built on, from its `etc/os-release` (or `usr/lib/os-release`).
public struct Distro: Sendable, Hashable, Codable {
    /// `ID`: `debian`, `alpine`, `ubuntu`.
    public var id: String
    /// `VERSION_ID`: `12`, `3.19.1`, `22.04`; empty for a release without one (Debian testing).
    public var versionID: String
    /// `VERSION_CODENAME`, if given.
    public var codename: String?
    /// `PRETTY_NAME`, if given.
    public var prettyName: String?

    /// Creates a distro.
    public init(id: String, versionID: String, codename: String? = nil, prettyName: String? = nil) {
        self.id = id
        self.versionID = versionID
        self.codename = codename
        self.prettyName = prettyName
    }
}
