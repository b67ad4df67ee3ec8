import Foundation
public import GatehouseCore

/// A `/Bulk` request (RFC 7644 §3.7): operations run in order, `bulkId:` references resolved
/// to the ids of resources created earlier in the same request, stopping after
/// `failOnErrors` failures.
public struct SCIMBulk: Sendable, Hashable {
    /// One operation.
    public struct Operation: Sendable, Hashable {
        /// POST, PUT, PATCH or DELETE.
        public var method: String
        /// The resource path, such as `/Users` or `/Groups/{id}`.
        public var path: String
        /// The client's name for a resource this operation creates.
        public var bulkID: String?
        /// The request body.
        public var data: SCIMJSON?
        /// An ETag the resource must still have.
        public var version: String?
    }

    /// The operations, in order.
    public var operations: [Operation]
    /// Stop after this many failures; nil runs every operation.
    public var failOnErrors: Int?

    /// Parses a BulkRequest message.
    public init(_ body: SCIMJSON) throws(GatehouseError) {
        guard case .object = body else {
            throw GatehouseError(.invalidSyntax, "the bulk request must be a JSON object")
        }
        guard case .array(let schemas)? = body[attribute: "schemas"], schemas.contains(.string(SCIMURN.bulkRequest))
        else {
            throw GatehouseError(.invalidSyntax, "the bulk request's schemas must include \(SCIMURN.bulkRequest)")
        }
        guard case .array(let items)? = body[attribute: "Operations"] else {
            throw GatehouseError(.invalidSyntax, "the bulk request needs an Operations array")
        }
        guard items.count <= SCIMLimits.maxBulkOperations else {
            throw GatehouseError(
                .payloadTooLarge,
                "the bulk request has \(items.count) operations; at most \(SCIMLimits.maxBulkOperations)")
        }
        switch body[attribute: "failOnErrors"] {
        case nil, .null?: failOnErrors = nil
        case .number(let value)? where value >= 1 && value.rounded() == value && value < 1e9: failOnErrors = Int(value)
        default: throw GatehouseError(.invalidValue, "failOnErrors must be a positive integer")
        }
        var operations: [Operation] = []
        for (index, item) in items.enumerated() {
            guard case .string(let method)? = item[attribute: "method"],
                ["POST", "PUT", "PATCH", "DELETE"].contains(method.uppercased())
            else {
                throw GatehouseError(.invalidSyntax, "Operations[\(index)].method must be POST, PUT, PATCH or DELETE")
            }
            guard case .string(let path)? = item[attribute: "path"], path.hasPrefix("/") else {
                throw GatehouseError(.invalidSyntax, "Operations[\(index)].path must be a path such as /Users")
            }
            var bulkID: String?
            if case .string(let value)? = item[attribute: "bulkId"] { bulkID = value }
            if method.uppercased() == "POST", bulkID == nil {
                throw GatehouseError(.invalidSyntax, "Operations[\(index)]: a POST needs a bulkId")
            }
            var version: String?
            if case .string(let value)? = item[attribute: "version"] { version = value }
            operations.append(
                Operation(
                    method: method.uppercased(), path: path, bulkID: bulkID, data: item[attribute: "data"],
                    version: version))
        }
        self.operations = operations
    }

    /// Runs every operation through `perform` and builds the BulkResponse.
    public func run(
        perform: (Operation) async -> SCIMResult, failure: (GatehouseError) -> SCIMResult
    ) async -> SCIMJSON {
        var created: [String: String] = [:]
        var results: [SCIMJSON] = []
        var failures = 0
        for original in operations {
            if let limit = failOnErrors, failures >= limit { break }
            var result: SCIMResult
            var operation = original
            do throws(GatehouseError) {
                operation.path = try Self.resolve(original.path, created)
                operation.data = try original.data.map { data throws(GatehouseError) in try Self.resolve(data, created)
                }
                result = await perform(operation)
            } catch {
                result = failure(error)
            }
            if result.status >= 400 { failures += 1 }
            var entry: [String: SCIMJSON] = [
                "method": .string(operation.method), "status": .string(String(result.status)),
            ]
            if let bulkID = operation.bulkID { entry["bulkId"] = .string(bulkID) }
            if let etag = result.etag { entry["version"] = .string(etag) }
            if let location = result.location ?? result.body?[attribute: "meta"]?[attribute: "location"]?.stringValue {
                entry["location"] = .string(location)
                if operation.method == "POST", let bulkID = operation.bulkID, result.status < 400,
                    let id = location.split(separator: "/").last
                {
                    created[bulkID] = String(id)
                }
            }
            if result.status >= 400, let body = result.body { entry["response"] = body }
            results.append(.object(entry))
        }
        return .object([
            "schemas": .array([.string(SCIMURN.bulkResponse)]),
            "Operations": .array(results),
        ])
    }

    static func resolve(_ text: String, _ created: [String: String]) throws(GatehouseError) -> String {
        guard let range = text.range(of: "bulkId:") else { return text }
        let name = String(text[range.upperBound...].prefix { $0 != "/" && $0 != "\"" })
        guard let id = created[name] else {
            throw GatehouseError(.invalidValue, "bulkId:\(name.prefix(60)) does not name a resource created earlier")
        }
        return text.replacingCharacters(
            in: range.lowerBound..<text.index(range.upperBound, offsetBy: name.count), with: id)
    }

    static func resolve(_ value: SCIMJSON, _ created: [String: String]) throws(GatehouseError) -> SCIMJSON {
        switch value {
        case .string(let text): return .string(try resolve(text, created))
        case .array(let items):
            var out: [SCIMJSON] = []
            for item in items { out.append(try resolve(item, created)) }
            return .array(out)
        case .object(let members):
            var out: [String: SCIMJSON] = [:]
            for (key, member) in members { out[key] = try resolve(member, created) }
            return .object(out)
        default: return value
        }
    }
}

extension SCIMJSON {
    /// The string, when this is one.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}
