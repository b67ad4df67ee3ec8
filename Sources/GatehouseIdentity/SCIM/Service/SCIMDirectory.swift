import Foundation
import GatehouseCore
public import GatehouseStore

/// The SCIM service provider over the store: Users and Groups, with SCIM's rules for
/// uniqueness, versions, PATCH and listing. Routes authenticate, authorize and audit; this type
/// does the work.
public struct SCIMDirectory: Sendable {
    let store: any GatehouseStore
    /// Attempts at a PATCH that races with other writers before giving up.
    static let patchAttempts = 64

    /// Creates the service.
    public init(store: any GatehouseStore) {
        self.store = store
    }

    /// The `meta` of a resource.
    static func meta(
        type: SCIMResourceType, id: String, created: Int64, modified: Int64, version: Int64, base: String
    ) -> SCIMJSON {
        .object([
            "resourceType": .string(type.name),
            "created": .string(timestamp(created)),
            "lastModified": .string(timestamp(modified)),
            "location": .string(base + type.endpoint + "/" + id),
            "version": .string(SCIMPreconditions.etag(version)),
        ])
    }

    /// RFC 3339 time with milliseconds, in UTC.
    static func timestamp(_ micros: Int64) -> String {
        Date(timeIntervalSince1970: Double(micros) / 1e6).formatted(
            .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    /// Parses a stored document; a corrupt one reads as empty rather than failing the listing.
    static func decode(_ document: String) -> [String: SCIMJSON] {
        guard let data = document.data(using: .utf8),
            case .object(let members)? = try? JSONDecoder().decode(SCIMJSON.self, from: data)
        else { return [:] }
        return members
    }

    static func encode(_ document: [String: SCIMJSON]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(SCIMJSON.object(document))).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }

    /// A new resource id.
    static func newID() -> String { UUID().uuidString.lowercased() }

    /// The body must carry the resource's core schema URN.
    static func requireSchema(_ body: SCIMJSON, _ type: SCIMResourceType) throws(GatehouseError) {
        guard case .object = body else {
            throw GatehouseError(.invalidSyntax, "the \(type.name) must be a JSON object")
        }
        guard case .array(let schemas)? = body[attribute: "schemas"],
            schemas.contains(where: { $0 == .string(type.schema.id) })
        else {
            throw GatehouseError(.invalidSyntax, "the \(type.name)'s schemas must include \(type.schema.id)")
        }
    }

    static func notFound(_ type: SCIMResourceType, _ id: String) -> GatehouseError {
        GatehouseError(.notFound, "no \(type.name) with id \"\(id.prefix(80))\"")
    }

    /// The result for one resource, answering 304 when `If-None-Match` names its version.
    static func single(
        _ resource: [String: SCIMJSON], version: Int64, type: SCIMResourceType, status: Int = 200,
        projection: SCIMProjection = SCIMProjection(), preconditions: SCIMPreconditions = .init(),
        location: String? = nil
    ) -> SCIMResult {
        let etag = SCIMPreconditions.etag(version)
        if let ifNoneMatch = preconditions.ifNoneMatch, SCIMPreconditions.matches(ifNoneMatch, version: version) {
            return SCIMResult(status: 304, etag: etag)
        }
        return SCIMResult(
            status: status, body: .object(projection.apply(resource, type: type)), etag: etag, location: location)
    }

    /// Whether a request body turns a user inactive: PUT `active: false`, or a PATCH that
    /// replaces `active` with false (Okta's path-less form and Entra's `"False"` included).
    public static func deactivates(_ body: SCIMJSON) -> Bool {
        func isFalse(_ value: SCIMJSON?) -> Bool {
            switch value {
            case .bool(false)?: true
            case .string(let text)?: text.lowercased() == "false"
            default: false
            }
        }
        if isFalse(body[attribute: "active"]) { return true }
        guard case .array(let operations)? = body[attribute: "Operations"] else { return false }
        return operations.contains { operation in
            guard case .string(let op)? = operation[attribute: "op"], op.lowercased() != "remove" else { return false }
            if case .string(let path)? = operation[attribute: "path"] {
                return path.lowercased() == "active" && isFalse(operation[attribute: "value"])
            }
            return isFalse(operation[attribute: "value"]?[attribute: "active"])
        }
    }
}
