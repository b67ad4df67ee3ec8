import Foundation
public import GatehouseCore

/// What a SCIM operation answers: a status, a body, and the headers SCIM clients read.
public struct SCIMResult: Sendable, Hashable {
    /// The HTTP status.
    public var status: Int
    /// The JSON body; nil for 204 and 304.
    public var body: SCIMJSON?
    /// The resource's ETag, such as `W/"3"`.
    public var etag: String?
    /// The resource's URL, for 201 responses.
    public var location: String?

    /// Creates a result.
    public init(status: Int, body: SCIMJSON? = nil, etag: String? = nil, location: String? = nil) {
        self.status = status
        self.body = body
        self.etag = etag
        self.location = location
    }
}

/// HTTP preconditions (RFC 7232) as SCIM uses them with `meta.version`.
public struct SCIMPreconditions: Sendable, Hashable {
    /// `If-Match`: the change proceeds only if the current ETag is listed (or `*`).
    public var ifMatch: String?
    /// `If-None-Match`: a read answers 304 when the current ETag is listed (or `*`).
    public var ifNoneMatch: String?

    /// Creates preconditions.
    public init(ifMatch: String? = nil, ifNoneMatch: String? = nil) {
        self.ifMatch = ifMatch
        self.ifNoneMatch = ifNoneMatch
    }

    /// The ETag of a version.
    public static func etag(_ version: Int64) -> String { "W/\"\(version)\"" }

    /// Whether `header` (a list of ETags, or `*`) names `version`; weak and strong forms match.
    public static func matches(_ header: String, version: Int64) -> Bool {
        let wanted = "\"\(version)\""
        return header.split(separator: ",").contains { item in
            let tag = item.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == wanted || tag == "W/" + wanted
        }
    }

    /// The version `If-Match` requires: nil when absent or `*`; fails with 412 when it names
    /// another version than `current`.
    public func requiredVersion(current: Int64) throws(GatehouseError) -> Int64? {
        guard let ifMatch else { return nil }
        guard Self.matches(ifMatch, version: current) else {
            throw GatehouseError(
                .preconditionFailed, "the resource has changed (its version is now \(Self.etag(current)))")
        }
        return ifMatch.trimmingCharacters(in: .whitespaces) == "*" ? nil : current
    }
}
