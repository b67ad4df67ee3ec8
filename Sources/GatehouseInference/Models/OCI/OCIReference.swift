package import GatehouseCore

/// A registry reference `host[:port]/repository[:tag][@digest]`, as used by `docker model push`.
///
/// A reference without a registry host (its first component has no `.` or `:` and is not
/// `localhost`) points at Docker Hub, reached at `registry-1.docker.io`.
package struct OCIReference: Hashable, Sendable, CustomStringConvertible {
    /// The registry's host and optional port, e.g. `127.0.0.1:5055`.
    package var host: String
    /// The repository path, e.g. `ai/smollm2`.
    package var repository: String
    /// The tag; `latest` when neither a tag nor a digest was given.
    package var tag: String?
    /// The manifest digest, when the reference pins one.
    package var digest: OCIDigest?

    /// Parses and validates `string`.
    /// - Throws: `.badRequest` saying which part is malformed.
    package init(parsing string: String) throws(GatehouseError) {
        func reject(_ why: String) -> GatehouseError {
            GatehouseError(.badRequest, "registry reference \"\(DMRManifest.excerpt(string))\" \(why)")
        }
        guard !string.isEmpty, string.utf8.count <= 512 else { throw reject("is empty or too long") }
        var rest = Substring(string)
        if let at = rest.firstIndex(of: "@") {
            digest = try OCIDigest(validating: String(rest[rest.index(after: at)...]))
            rest = rest[..<at]
        }
        var components = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if components.count > 1, let first = components.first,
            first.contains(".") || first.contains(":") || first == "localhost"
        {
            host = first
            components.removeFirst()
        } else {
            host = "registry-1.docker.io"
        }
        guard Self.isValidHost(host) else { throw reject("has an invalid registry host") }
        var last = components.removeLast()
        if let colon = last.lastIndex(of: ":") {
            let tag = String(last[last.index(after: colon)...])
            guard Self.isValidTag(tag) else { throw reject("has an invalid tag") }
            self.tag = tag
            last = String(last[..<colon])
        } else if digest == nil {
            tag = "latest"
        }
        components.append(last)
        guard components.allSatisfy(Self.isValidComponent) else {
            throw reject("has an invalid repository (lowercase letters, digits and . _ - separators)")
        }
        repository = components.joined(separator: "/")
        guard repository.utf8.count <= 255 else { throw reject("has a repository longer than 255 characters") }
    }

    /// The tag or digest a manifest is addressed by.
    package var manifestReference: String { tag ?? digest!.description }

    package var description: String {
        host + "/" + repository + (tag.map { ":" + $0 } ?? "") + (digest.map { "@" + $0.description } ?? "")
    }

    private static func isValidComponent(_ component: String) -> Bool {
        let bytes = Array(component.utf8)
        guard let first = bytes.first, let last = bytes.last, isLowerAlphanumeric(first), isLowerAlphanumeric(last)
        else { return false }
        return bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == 0x2e || $0 == 0x5f || $0 == 0x2d }
    }

    private static func isValidTag(_ tag: String) -> Bool {
        let bytes = Array(tag.utf8)
        guard let first = bytes.first, bytes.count <= 128, first != 0x2e, first != 0x2d else { return false }
        return bytes.allSatisfy {
            isLowerAlphanumeric($0) || (0x41...0x5a).contains($0) || $0 == 0x2e || $0 == 0x5f || $0 == 0x2d
        }
    }

    private static func isValidHost(_ host: String) -> Bool {
        !host.isEmpty && host.utf8.count <= 255
            && host.utf8.allSatisfy {
                isLowerAlphanumeric($0) || (0x41...0x5a).contains($0) || $0 == 0x2e || $0 == 0x2d || $0 == 0x3a
                    || $0 == 0x5b || $0 == 0x5d
            }
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39)
    }
}
