import Foundation
import GatehouseCore
import GatehouseStore

/// `/Users`.
extension SCIMDirectory {
    /// `POST /Users`: 201 with the new user; 409 when the userName is taken.
    public func createUser(_ body: SCIMJSON, base: String) async throws -> SCIMResult {
        try Self.requireSchema(body, .user)
        let document = try SCIMResourceType.user.normalize(body)
        let fields = try Self.userFields(document)
        let now = WallClock.nowMicros()
        let user = DirectoryUser(
            id: Self.newID(), userName: fields.userName, externalID: fields.externalID, active: fields.active,
            createdMicros: now, modifiedMicros: now, document: Self.encode(document))
        try await store.insertUser(user)
        let rendered = renderUser(user, groups: [], base: base)
        return Self.single(
            rendered, version: user.version, type: .user, status: 201,
            location: base + SCIMResourceType.user.endpoint + "/" + user.id)
    }

    /// `GET /Users/{id}`.
    public func user(
        id: String, projection: SCIMProjection, preconditions: SCIMPreconditions, base: String
    ) async throws -> SCIMResult {
        guard let user = try await store.user(id: id) else { throw Self.notFound(.user, id) }
        let groups = try await store.groups(.member(id))
        return Self.single(
            renderUser(user, groups: groups, base: base), version: user.version, type: .user, projection: projection,
            preconditions: preconditions)
    }

    /// `GET /Users` and `POST /Users/.search`.
    public func listUsers(_ query: SCIMListQuery, base: String) async throws -> SCIMResult {
        var users: [DirectoryUser]
        if let id = query.filter?.equalityHint(for: "id") {
            users = try await store.user(id: id).map { [$0] } ?? []
        } else if let name = query.filter?.equalityHint(for: "userName") {
            users = try await store.users(.userName(name))
        } else if let external = query.filter?.equalityHint(for: "externalId") {
            users = try await store.users(.externalID(external))
        } else {
            users = try await store.users(.all)
        }
        var groupsByMember: [String: [DirectoryGroup]] = [:]
        if !users.isEmpty {
            let groups = users.count == 1 ? try await store.groups(.member(users[0].id)) : try await store.groups(.all)
            for group in groups {
                for member in group.members { groupsByMember[member, default: []].append(group) }
            }
        }
        let rendered = users.map { renderUser($0, groups: groupsByMember[$0.id] ?? [], base: base) }
        return SCIMResult(status: 200, body: query.run(rendered, type: .user))
    }

    /// `PUT /Users/{id}`: replaces every writable attribute.
    public func replaceUser(
        id: String, body: SCIMJSON, preconditions: SCIMPreconditions, base: String
    ) async throws -> SCIMResult {
        try Self.requireSchema(body, .user)
        let document = try SCIMResourceType.user.normalize(body)
        return try await changeUser(id: id, preconditions: preconditions, base: base) {
            _ throws(GatehouseError) in document
        }
    }

    /// `PATCH /Users/{id}`: 200 with the changed user.
    public func patchUser(
        id: String, body: SCIMJSON, preconditions: SCIMPreconditions, base: String
    ) async throws -> SCIMResult {
        let patch = try SCIMPatch(body, type: .user)
        return try await changeUser(id: id, preconditions: preconditions, base: base) {
            current throws(GatehouseError) in
            let patched = try patch.apply(to: current, type: .user)
            return try SCIMResourceType.user.normalize(.object(patched))
        }
    }

    /// `DELETE /Users/{id}`: removes the user and revokes every session and token first.
    public func deleteUser(id: String, preconditions: SCIMPreconditions) async throws -> SCIMResult {
        var expected: Int64?
        if preconditions.ifMatch != nil {
            guard let current = try await store.user(id: id) else { throw Self.notFound(.user, id) }
            expected = try preconditions.requiredVersion(current: current.version)
        }
        guard try await store.deleteUser(id: id, expectedVersion: expected, nowMicros: WallClock.nowMicros()) != nil
        else { throw Self.notFound(.user, id) }
        return SCIMResult(status: 204)
    }

    /// Reads, changes and writes back a user, retrying when another writer got in between
    /// (so concurrent changes are never lost); with `If-Match`, a race is a 412 instead.
    private func changeUser(
        id: String, preconditions: SCIMPreconditions, base: String,
        change: ([String: SCIMJSON]) throws(GatehouseError) -> [String: SCIMJSON]
    ) async throws -> SCIMResult {
        for _ in 0..<Self.patchAttempts {
            guard let current = try await store.user(id: id) else { throw Self.notFound(.user, id) }
            let pinned = try preconditions.requiredVersion(current: current.version)
            let document = try change(Self.decode(current.document))
            let fields = try Self.userFields(document)
            var updated = current
            updated.userName = fields.userName
            updated.externalID = fields.externalID
            updated.active = fields.active
            updated.document = Self.encode(document)
            updated.version = current.version + 1
            updated.modifiedMicros = WallClock.nowMicros()
            if try await store.updateUser(updated, expectedVersion: current.version, nowMicros: updated.modifiedMicros)
            {
                let groups = try await store.groups(.member(id))
                return Self.single(
                    renderUser(updated, groups: groups, base: base), version: updated.version, type: .user)
            }
            if pinned != nil {
                throw GatehouseError(.preconditionFailed, "the user changed while this request was applied")
            }
        }
        throw GatehouseError(.conflict, "the user is being changed by too many requests at once; retry")
    }

    /// The indexed fields of a normalized user document.
    static func userFields(_ document: [String: SCIMJSON]) throws(GatehouseError) -> (
        userName: String, externalID: String?, active: Bool
    ) {
        guard case .string(let userName)? = document["userName"],
            !userName.trimmingCharacters(in: .whitespaces).isEmpty
        else { throw GatehouseError(.invalidValue, "userName is required") }
        var externalID: String?
        if case .string(let value)? = document["externalId"] { externalID = value }
        var active = true
        if case .bool(let value)? = document["active"] { active = value }
        return (userName, externalID, active)
    }

    /// The full SCIM representation of a user.
    func renderUser(_ user: DirectoryUser, groups: [DirectoryGroup], base: String) -> [String: SCIMJSON] {
        var resource = Self.decode(user.document)
        var schemas: [SCIMJSON] = [.string(SCIMURN.user)]
        if resource[SCIMURN.enterpriseUser] != nil { schemas.append(.string(SCIMURN.enterpriseUser)) }
        resource["schemas"] = .array(schemas)
        resource["id"] = .string(user.id)
        resource["meta"] = Self.meta(
            type: .user, id: user.id, created: user.createdMicros, modified: user.modifiedMicros,
            version: user.version, base: base)
        if !groups.isEmpty {
            resource["groups"] = .array(
                groups.map { group in
                    .object([
                        "value": .string(group.id), "$ref": .string(base + "/Groups/" + group.id),
                        "display": .string(group.displayName), "type": .string("direct"),
                    ])
                })
        }
        return resource
    }
}

/// The root `/.search`, across Users and Groups.
extension SCIMDirectory {
    /// `POST /.search`: users first, then groups, filtered, sorted and paged together.
    public func searchAll(_ body: SCIMJSON, base: String) async throws -> SCIMResult {
        let query = try SCIMListQuery(search: body, types: [.user, .group])
        let users = try await store.users(.all)
        let groups = try await store.groups(.all)
        var groupsByMember: [String: [DirectoryGroup]] = [:]
        for group in groups {
            for member in group.members { groupsByMember[member, default: []].append(group) }
        }
        let resources =
            users.map { (renderUser($0, groups: groupsByMember[$0.id] ?? [], base: base), SCIMResourceType.user) }
            + groups.map { (renderGroup($0, base: base), SCIMResourceType.group) }
        return SCIMResult(status: 200, body: query.run(resources))
    }
}
