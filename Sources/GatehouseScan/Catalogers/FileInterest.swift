/// Which cataloger reads a file the scanner keeps.
public enum CatalogerKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// `etc/os-release` or `usr/lib/os-release`: gives the image's ``Distro`` (no packages).
    case osRelease
    /// `var/lib/dpkg/status` or one file of `var/lib/dpkg/status.d/`.
    case dpkg
    /// `usr/share/doc/<package>/copyright`: licences of one Debian package (no packages).
    case debianCopyright
    /// `lib/apk/db/installed`.
    case apk
    /// `*.dist-info/METADATA`, `*.egg-info/PKG-INFO` or a `*.egg-info` file.
    case python
    /// A `package-lock.json` outside `node_modules`.
    case npmLockfile
    /// `node_modules/<name>/package.json` or `node_modules/@scope/<name>/package.json`.
    case npmPackage
    /// An executable regular file that may be a Go binary.
    case goBinary
}

/// The scanner's instructions for one file it should keep.
public struct FileInterest: Sendable, Hashable {
    /// The cataloger that reads the file.
    public var cataloger: CatalogerKind
    /// The most bytes to keep.
    public var maxBytes: Int
    /// Whether a prefix of `maxBytes` is still useful when the file is larger. When false and the file is
    /// larger, the scanner should skip the file and record a note (``Catalogers/packages(in:path:distro:)``
    /// refuses content beyond `maxBytes`).
    public var acceptsPrefix: Bool

    /// Creates an interest.
    public init(cataloger: CatalogerKind, maxBytes: Int, acceptsPrefix: Bool) {
        self.cataloger = cataloger
        self.maxBytes = maxBytes
        self.acceptsPrefix = acceptsPrefix
    }
}

extension CatalogerKind {
    /// The size limit for this cataloger's files.
    var maxBytes: Int {
        switch self {
        case .osRelease: 64 << 10
        case .dpkg, .apk, .npmLockfile: 64 << 20
        case .debianCopyright: 4 << 20
        case .python, .npmPackage: 1 << 20
        case .goBinary: 256 << 20
        }
    }

    /// Whether a prefix of a larger file is still useful (headers first, or a blob anywhere).
    var acceptsPrefix: Bool {
        switch self {
        case .python, .goBinary, .debianCopyright: true
        case .osRelease, .dpkg, .apk, .npmLockfile, .npmPackage: false
        }
    }
}
