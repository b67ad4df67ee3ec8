extension PackageURL {
    /// `pkg:deb/<vendor>/<name>@<version>?arch=…&distro=…&upstream=…`.
    ///
    /// The vendor is the distro's ID (default `debian`); vendor and name are lower-cased as the deb type
    /// requires. `distro` is ``distroQualifier(_:)``. `upstream` names the source package when it differs
    /// from the binary (`glibc`, or `glibc@2.36-9` when the source version differs too), the convention
    /// SBOM tools such as Syft use; it is not part of the deb type's registered qualifiers.
    public static func deb(
        name: String, version: String, architecture: String?, distro: Distro?, upstream: String? = nil
    ) -> PackageURL {
        var qualifiers: [String: String] = [:]
        qualifiers["arch"] = architecture
        qualifiers["distro"] = distroQualifier(distro)
        qualifiers["upstream"] = upstream
        let vendor = (distro?.id).flatMap { $0.isEmpty ? nil : $0 } ?? "debian"
        return PackageURL(
            type: "deb", namespace: [vendor.lowercased()], name: name.lowercased(), version: version,
            qualifiers: qualifiers)
    }

    /// `pkg:apk/<vendor>/<name>@<version>?arch=…&distro=…`; the vendor is the distro's ID (default `alpine`).
    public static func apk(name: String, version: String, architecture: String?, distro: Distro?) -> PackageURL {
        var qualifiers: [String: String] = [:]
        qualifiers["arch"] = architecture
        qualifiers["distro"] = distroQualifier(distro)
        let vendor = (distro?.id).flatMap { $0.isEmpty ? nil : $0 } ?? "alpine"
        return PackageURL(
            type: "apk", namespace: [vendor.lowercased()], name: name.lowercased(), version: version,
            qualifiers: qualifiers)
    }

    /// `pkg:pypi/<PEP 503 name>@<version>`.
    public static func pypi(name: String, version: String) -> PackageURL {
        PackageURL(type: "pypi", name: pep503(name), version: version)
    }

    /// `pkg:npm/<%40scope>/<name>@<version>`: a scoped name `@scope/name` puts `@scope` in the namespace.
    public static func npm(name: String, version: String) -> PackageURL {
        if name.hasPrefix("@"), let slash = name.firstIndex(of: "/") {
            let scope = String(name[..<slash])
            let bare = String(name[name.index(after: slash)...])
            return PackageURL(type: "npm", namespace: [scope], name: bare, version: version)
        }
        return PackageURL(type: "npm", name: name, version: version)
    }

    /// `pkg:golang/<module path>@<version>`: the path's last segment is the name, the others the namespace.
    ///
    /// Case is kept although the golang type asks for lower case: Go module paths are case-sensitive and
    /// vulnerability databases (OSV, the Go vulndb) key on the exact path, as other SBOM tools do.
    public static func golang(modulePath: String, version: String?) -> PackageURL {
        var segments = modulePath.split(separator: "/").map(String.init)
        let name = segments.popLast() ?? modulePath
        return PackageURL(type: "golang", namespace: segments, name: name, version: version)
    }

    /// The `distro` qualifier: `<id>-<VERSION_ID>`, or `<id>-<codename>` for a release without a version
    /// (Debian testing), or nil when neither is known.
    public static func distroQualifier(_ distro: Distro?) -> String? {
        guard let distro, !distro.id.isEmpty else { return nil }
        if !distro.versionID.isEmpty { return "\(distro.id)-\(distro.versionID)" }
        if let codename = distro.codename, !codename.isEmpty { return "\(distro.id)-\(codename)" }
        return nil
    }

    /// A Python project name normalised per PEP 503: lower case, each run of `-`, `_`, `.` replaced by `-`.
    public static func pep503(_ name: String) -> String {
        var out = ""
        var inRun = false
        for char in name.lowercased() {
            if char == "-" || char == "_" || char == "." {
                if !inRun { out.append("-") }
                inRun = true
            } else {
                out.append(char)
                inRun = false
            }
        }
        return out
    }
}
