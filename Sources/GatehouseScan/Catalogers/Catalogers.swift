public import GatehouseCore

/// The scanner's entry points to the catalogers: which files to keep, and what they contain.
///
/// Use: for every file in the image's final filesystem, ask ``interest(path:mode:size:)``; keep the
/// content of those with an interest (at most `maxBytes`; see ``FileInterest/acceptsPrefix``). Read the
/// distro with ``distro(osRelease:)`` (prefer `etc/os-release`, else `usr/lib/os-release`), then call
/// ``catalog(_:path:distro:)`` for each kept file. Errors are per file: when it throws, record the error's
/// message as a note on that file and go on with the next. Entries skipped inside a readable file come
/// back in ``CatalogResult/notes``. For `.debianCopyright` files, call ``debianCopyrightLicenses(_:)`` and
/// attach the names to the deb packages named by ``debianCopyrightPackage(path:)``.
public enum Catalogers {
    /// Whether the scanner should keep the file at `path` (relative, normalised, no leading slash, e.g.
    /// `var/lib/dpkg/status`) with mode `mode` and `size` bytes; nil when no cataloger reads it.
    ///
    /// `mode` holds the permission bits, optionally with the `S_IFMT` file-type bits; when type bits are
    /// present only regular files qualify. Go binaries need an executable bit and at least 1 KiB.
    public static func interest(path: String, mode: UInt32, size: Int64) -> FileInterest? {
        let fileType = mode & 0o170000
        guard fileType == 0 || fileType == 0o100000, size >= 0 else { return nil }
        guard let kind = kind(forPath: path) ?? (isGoCandidate(mode: mode, size: size) ? .goBinary : nil) else {
            return nil
        }
        return FileInterest(cataloger: kind, maxBytes: kind.maxBytes, acceptsPrefix: kind.acceptsPrefix)
    }

    /// The distro from an os-release file's content; nil when it has no `ID` or is unreadable.
    public static func distro(osRelease: [UInt8]) -> Distro? {
        OSRelease.distro(osRelease)
    }

    /// The packages in one kept file of the final filesystem, with notes about entries skipped inside it.
    ///
    /// `path` selects the cataloger (as in ``interest(path:mode:size:)``; a path no cataloger names is
    /// read as a possible Go binary). `distro` is the image's, used in deb and apk package URLs. os-release
    /// and copyright files yield no packages. Throws `.scanInputInvalid` when the file as a whole cannot be
    /// read (too large, binary where text is expected, invalid JSON, no name/version): a per-file error.
    public static func catalog(_ content: [UInt8], path: String, distro: Distro?) throws(GatehouseError)
        -> CatalogResult
    {
        switch kind(forPath: path) ?? .goBinary {
        case .osRelease, .debianCopyright: CatalogResult()
        case .dpkg: try DpkgCataloger.catalog(content, path: path, distro: distro)
        case .apk: try ApkCataloger.catalog(content, path: path, distro: distro)
        case .python: try PythonMetadataCataloger.catalog(content, path: path)
        case .npmLockfile: try NpmLockfileCataloger.catalog(content, path: path)
        case .npmPackage: try NpmPackageJSONCataloger.catalog(content, path: path)
        case .goBinary: GoBinaryCataloger.catalog(content, path: path)
        }
    }

    /// The packages in one kept file: ``catalog(_:path:distro:)`` without the notes.
    public static func packages(in content: [UInt8], path: String, distro: Distro?) throws(GatehouseError)
        -> [Package]
    {
        try catalog(content, path: path, distro: distro).packages
    }

    /// The Debian package a `usr/share/doc/<package>/copyright` path belongs to.
    public static func debianCopyrightPackage(path: String) -> String? {
        DebianCopyright.packageName(path: path)
    }

    /// The distinct licence short names (the first line of each `License:` field, e.g. `GPL-2+`,
    /// `BSD-3-clause`, in order of appearance, at most 100) of a machine-readable (DEP-5) Debian copyright
    /// file; empty when the file is not DEP-5. Never throws: a copyright file only adds licences.
    public static func debianCopyrightLicenses(_ content: [UInt8]) -> [String] {
        DebianCopyright.licenses(content)
    }
}
