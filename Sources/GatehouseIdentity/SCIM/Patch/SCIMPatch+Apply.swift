public import GatehouseCore

/// Applying a PATCH to a resource's attributes (extension attributes nested under their URN).
/// The result still goes through ``SCIMResourceType/normalize(_:)``, which checks types.
extension SCIMPatch {
    /// `resource` with every operation applied, in order.
    public func apply(to resource: [String: SCIMJSON], type: SCIMResourceType) throws(GatehouseError)
        -> [String: SCIMJSON]
    {
        var document = resource
        for operation in operations {
            if let path = operation.path {
                try Self.apply(operation.kind, path: path, value: operation.value, to: &document, type: type)
                continue
            }
            // Path-less add or replace: each member of the value is an operation on that name.
            guard case .object(let members)? = operation.value else { continue }
            for (key, value) in members.sorted(by: { $0.key < $1.key }) {
                if let extensionSchema = type.extensionSchema(key) {
                    guard case .object(let inner) = value else {
                        throw GatehouseError(.invalidValue, "\(extensionSchema.id) must be a JSON object")
                    }
                    for (name, innerValue) in inner.sorted(by: { $0.key < $1.key }) where name.lowercased() != "schemas"
                    {
                        let path = SCIMPatchPath(attribute: SCIMAttributePath(schema: extensionSchema.id, name: name))
                        try Self.apply(operation.kind, path: path, value: innerValue, to: &document, type: type)
                    }
                    continue
                }
                let path = try SCIMPatchPath.parse(key, type: type)
                try Self.apply(operation.kind, path: path, value: value, to: &document, type: type)
            }
        }
        return document
    }

    static func apply(
        _ kind: Operation.Kind, path: SCIMPatchPath, value: SCIMJSON?, to document: inout [String: SCIMJSON],
        type: SCIMResourceType
    ) throws(GatehouseError) {
        if path.attribute.name.isEmpty, let urn = path.attribute.schema {
            // The whole extension object.
            switch kind {
            case .remove: document[urn] = nil
            case .add, .replace:
                guard case .object(let inner)? = value else {
                    throw GatehouseError(.invalidValue, "\(urn) must be a JSON object")
                }
                var current: [String: SCIMJSON] = [:]
                if case .object(let existing)? = document[urn] { current = existing }
                for (name, innerValue) in inner where name.lowercased() != "schemas" {
                    guard let attribute = type.extensionSchema(urn)?.attribute(name) else {
                        throw GatehouseError(.invalidPath, "unknown attribute \"\(urn):\(name.prefix(60))\"")
                    }
                    current[attribute.name] = innerValue
                }
                document[urn] = .object(current)
            }
            return
        }
        guard let resolved = type.resolve(path.attribute) else {
            throw GatehouseError(.invalidPath, "unknown attribute \"\(path.attribute.description.prefix(120))\"")
        }
        var target = PatchTarget(resolved: resolved, document: document)
        if resolved.target.mutability == .readOnly || resolved.attribute.mutability == .readOnly {
            throw GatehouseError(.mutability, "\(resolved.attribute.name) is read-only")
        }
        if let filter = path.filter {
            try target.applyFiltered(kind, filter: filter, sub: path.subAttribute, value: value)
        } else if let sub = resolved.subAttribute {
            try target.applySub(kind, sub: sub, value: value)
        } else {
            try target.applyWhole(kind, value: value)
        }
        target.store(into: &document)
    }
}
