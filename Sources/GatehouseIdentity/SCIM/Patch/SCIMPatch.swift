public import GatehouseCore

/// A SCIM PATCH request (RFC 7644 §3.5.2), as the real clients send it: operation names in any
/// case (Entra's "Replace"), paths optional for add and replace (Okta's path-less
/// `{"active": false}`).
public struct SCIMPatch: Sendable, Hashable {
    /// One operation.
    public struct Operation: Sendable, Hashable {
        /// add, remove or replace.
        public enum Kind: String, Sendable, Hashable {
            case add, remove, replace
        }
        /// What to do.
        public var kind: Kind
        /// Where; nil for a path-less add or replace.
        public var path: SCIMPatchPath?
        /// The value; nil only for remove.
        public var value: SCIMJSON?
    }

    /// The operations, applied in order, all or nothing.
    public var operations: [Operation]

    /// Parses a PatchOp message.
    public init(_ body: SCIMJSON, type: SCIMResourceType) throws(GatehouseError) {
        guard case .object = body else { throw GatehouseError(.invalidSyntax, "the PATCH body must be a JSON object") }
        guard case .array(let schemas)? = body[attribute: "schemas"], schemas.contains(.string(SCIMURN.patchOp)) else {
            throw GatehouseError(.invalidSyntax, "the PATCH body's schemas must include \(SCIMURN.patchOp)")
        }
        guard case .array(let items)? = body[attribute: "Operations"], !items.isEmpty else {
            throw GatehouseError(.invalidSyntax, "the PATCH body needs a non-empty Operations array")
        }
        guard items.count <= SCIMLimits.maxPatchOperations else {
            throw GatehouseError(.tooMany, "at most \(SCIMLimits.maxPatchOperations) operations per PATCH")
        }
        var operations: [Operation] = []
        for (index, item) in items.enumerated() {
            guard case .string(let name)? = item[attribute: "op"],
                let kind = Operation.Kind(rawValue: name.lowercased())
            else {
                throw GatehouseError(.invalidSyntax, "Operations[\(index)].op must be add, remove or replace")
            }
            var path: SCIMPatchPath?
            switch item[attribute: "path"] {
            case .string(let text)?: path = try SCIMPatchPath.parse(text, type: type)
            case nil, .null?: path = nil
            default: throw GatehouseError(.invalidPath, "Operations[\(index)].path must be a string")
            }
            let value = item[attribute: "value"]
            if kind == .remove, path == nil {
                throw GatehouseError(.noTarget, "Operations[\(index)]: remove needs a path")
            }
            if kind != .remove, value == nil {
                throw GatehouseError(.invalidValue, "Operations[\(index)]: \(kind.rawValue) needs a value")
            }
            if kind != .remove, path == nil {
                guard case .object? = value else {
                    throw GatehouseError(
                        .invalidValue, "Operations[\(index)]: a \(kind.rawValue) without a path needs an object value")
                }
            }
            operations.append(Operation(kind: kind, path: path, value: value))
        }
        self.operations = operations
    }
}
