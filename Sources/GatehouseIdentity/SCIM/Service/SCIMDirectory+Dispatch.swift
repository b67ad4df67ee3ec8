public import GatehouseCore

/// The operations by resource type, so routes and bulk requests handle Users and Groups alike.
extension SCIMDirectory {
    /// The resource types served, by endpoint name (`Users`, `Groups`).
    public static func type(named endpoint: String) -> SCIMResourceType? {
        SCIMDiscovery.resourceTypes.first { $0.endpoint == "/" + endpoint }
    }

    /// Lists resources of `type`.
    public func list(_ type: SCIMResourceType, _ query: SCIMListQuery, base: String) async throws -> SCIMResult {
        type == .user ? try await listUsers(query, base: base) : try await listGroups(query, base: base)
    }

    /// Creates a resource of `type`.
    public func create(_ type: SCIMResourceType, _ body: SCIMJSON, base: String) async throws -> SCIMResult {
        type == .user ? try await createUser(body, base: base) : try await createGroup(body, base: base)
    }

    /// Reads one resource of `type`.
    public func get(
        _ type: SCIMResourceType, id: String, projection: SCIMProjection, preconditions: SCIMPreconditions,
        base: String
    ) async throws -> SCIMResult {
        type == .user
            ? try await user(id: id, projection: projection, preconditions: preconditions, base: base)
            : try await group(id: id, projection: projection, preconditions: preconditions, base: base)
    }

    /// Replaces one resource of `type` (PUT).
    public func replace(
        _ type: SCIMResourceType, id: String, body: SCIMJSON, preconditions: SCIMPreconditions, base: String
    ) async throws -> SCIMResult {
        type == .user
            ? try await replaceUser(id: id, body: body, preconditions: preconditions, base: base)
            : try await replaceGroup(id: id, body: body, preconditions: preconditions, base: base)
    }

    /// Patches one resource of `type`.
    public func patch(
        _ type: SCIMResourceType, id: String, body: SCIMJSON, preconditions: SCIMPreconditions, base: String
    ) async throws -> SCIMResult {
        type == .user
            ? try await patchUser(id: id, body: body, preconditions: preconditions, base: base)
            : try await patchGroup(id: id, body: body, preconditions: preconditions, base: base)
    }

    /// Deletes one resource of `type`.
    public func delete(_ type: SCIMResourceType, id: String, preconditions: SCIMPreconditions) async throws
        -> SCIMResult
    {
        type == .user
            ? try await deleteUser(id: id, preconditions: preconditions)
            : try await deleteGroup(id: id, preconditions: preconditions)
    }

    /// The action a change is decided as: deactivating a user is a deprovisioning.
    public static func changeAction(_ type: SCIMResourceType, body: SCIMJSON?) -> ActionKind {
        type == .user && body.map(deactivates) == true ? .userDeprovision : .userProvision
    }
}
