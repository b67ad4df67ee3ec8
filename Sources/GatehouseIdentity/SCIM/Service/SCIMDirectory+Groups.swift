import Foundation
import GatehouseCore
import GatehouseStore

/// `/Groups`. Members are users, referred to by their SCIM id.
extension SCIMDirectory {
    /// `POST /Groups`: 201 with the new group.
    public func createGroup(_ body: SCIMJSON, base: String) async throws -> SCIMResult {
        try Self.requireSchema(body, .group)
        let parts = try Self.groupParts(try SCIMResourceType.group.normalize(body))
        let now = WallClock.nowMicros()
        let group = DirectoryGroup(
            id: Self.newID(), displayName: parts.displayName, externalID: parts.externalID, createdMicros: now,
            modifiedMicros: now, document: Self.encode(parts.document), members: parts.members)
        try await store.insertGroup(group)
        return Self.single(
            renderGroup(group, base: base), version: group.version, type: .group, status: 201,
            location: base + SCIMResourceType.group.endpoint + "/" + group.id)
    }

    /// `GET /Groups/{id}`.
    public func group(
        id: String, projection: SCIMProjection, preconditions: SCIMPreconditions, base: String
    ) async throws -> SCIMResult {
        guard let group = try await store.group(id: id) else { throw Self.notFound(.group, id) }
        return Self.single(
            renderGroup(group, base: base), version: group.version, type: .group, projection: projection,
            preconditions: preconditions)
    }

    /// `GET /Groups` and `POST /Groups/.search`.
    public func listGroups(_ query: SCIMListQuery, base: String) async throws -> SCIMResult {
        let groups: [DirectoryGroup]
        if let id = query.filter?.equalityHint(for: "id") {
            groups = try await store.group(id: id).map { [$0] } ?? []
        } else if let name = query.filter?.equalityHint(for: "displayName") {
            groups = try await store.groups(.displayName(name))
        } else if let external = query.filter?.equalityHint(for: "externalId") {
            groups = try await store.groups(.externalID(external))
        } else {
            groups = try await store.groups(.all)
        }
        return SCIMResult(status: 200, body: query.run(groups.map { renderGroup($0, base: base) }, type: .group))
    }

    /// `PUT /Groups/{id}`.
    public func replaceGroup(
        id: String, body: SCIMJSON, preconditions: SCIMPreconditions, base: String
    ) async throws -> SCIMResult {
        try Self.requireSchema(body, .group)
        let document = try SCIMResourceType.group.normalize(body)
        return try await changeGroup(id: id, preconditions: preconditions, base: base) {
            _ throws(GatehouseError) in document
        }
    }

    /// `PATCH /Groups/{id}`: 200 with the changed group. Concurrent PATCHes (one adding, one
    /// removing members) are applied one after the other, never lost.
    public func patchGroup(
        id: String, body: SCIMJSON, preconditions: SCIMPreconditions, base: String
    ) async throws -> SCIMResult {
        let patch = try SCIMPatch(body, type: .group)
        return try await changeGroup(id: id, preconditions: preconditions, base: base) {
            current throws(GatehouseError) in
            try SCIMResourceType.group.normalize(.object(try patch.apply(to: current, type: .group)))
        }
    }

    /// `DELETE /Groups/{id}`.
    public func deleteGroup(id: String, preconditions: SCIMPreconditions) async throws -> SCIMResult {
        var expected: Int64?
        if preconditions.ifMatch != nil {
            guard let current = try await store.group(id: id) else { throw Self.notFound(.group, id) }
            expected = try preconditions.requiredVersion(current: current.version)
        }
        guard try await store.deleteGroup(id: id, expectedVersion: expected) else { throw Self.notFound(.group, id) }
        return SCIMResult(status: 204)
    }

    private func changeGroup(
        id: String, preconditions: SCIMPreconditions, base: String,
        change: ([String: SCIMJSON]) throws(GatehouseError) -> [String: SCIMJSON]
    ) async throws -> SCIMResult {
        for _ in 0..<Self.patchAttempts {
            guard let current = try await store.group(id: id) else { throw Self.notFound(.group, id) }
            let pinned = try preconditions.requiredVersion(current: current.version)
            var document = Self.decode(current.document)
            if !current.members.isEmpty {
                document["members"] = .array(current.members.map { .object(["value": .string($0)]) })
            }
            let parts = try Self.groupParts(try change(document))
            var updated = current
            updated.displayName = parts.displayName
            updated.externalID = parts.externalID
            updated.document = Self.encode(parts.document)
            updated.members = Array(Set(parts.members)).sorted()
            updated.version = current.version + 1
            updated.modifiedMicros = WallClock.nowMicros()
            if try await store.updateGroup(updated, expectedVersion: current.version) {
                return Self.single(renderGroup(updated, base: base), version: updated.version, type: .group)
            }
            if pinned != nil {
                throw GatehouseError(.preconditionFailed, "the group changed while this request was applied")
            }
        }
        throw GatehouseError(.conflict, "the group is being changed by too many requests at once; retry")
    }

    /// A normalized group document split into the stored document, the name and the members.
    static func groupParts(_ normalized: [String: SCIMJSON]) throws(GatehouseError) -> (
        document: [String: SCIMJSON], displayName: String, externalID: String?, members: [String]
    ) {
        var document = normalized
        guard case .string(let name)? = document["displayName"], !name.trimmingCharacters(in: .whitespaces).isEmpty
        else { throw GatehouseError(.invalidValue, "displayName is required") }
        var members: [String] = []
        if case .array(let items)? = document.removeValue(forKey: "members") {
            for item in items {
                guard case .string(let value)? = item[attribute: "value"], !value.isEmpty else {
                    throw GatehouseError(.invalidValue, "every member needs a value: the id of a User")
                }
                if case .string(let kind)? = item[attribute: "type"], kind.lowercased() == "group" {
                    throw GatehouseError(.invalidValue, "groups cannot be members of groups in Gatehouse")
                }
                members.append(value)
            }
        }
        var externalID: String?
        if case .string(let value)? = document["externalId"] { externalID = value }
        return (document, name, externalID, members)
    }

    /// The full SCIM representation of a group.
    func renderGroup(_ group: DirectoryGroup, base: String) -> [String: SCIMJSON] {
        var resource = Self.decode(group.document)
        resource["schemas"] = .array([.string(SCIMURN.group)])
        resource["id"] = .string(group.id)
        resource["meta"] = Self.meta(
            type: .group, id: group.id, created: group.createdMicros, modified: group.modifiedMicros,
            version: group.version, base: base)
        if !group.members.isEmpty {
            resource["members"] = .array(
                group.members.map { member in
                    .object([
                        "value": .string(member), "$ref": .string(base + "/Users/" + member), "type": .string("User"),
                    ])
                })
        }
        return resource
    }
}
