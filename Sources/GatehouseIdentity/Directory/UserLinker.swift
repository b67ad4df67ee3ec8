public import GatehouseCore
public import GatehouseStore

/// Finds (or creates) the directory user a sign-in belongs to.
///
/// A person is linked once, at their first sign-in, by `identity.scim.link`: the user whose
/// `externalId` (or `userName`) equals the configured ID-token claim. From then on the link
/// (issuer + subject) finds them. With no provisioned user, just-in-time provisioning creates
/// one when enabled. SCIM's data always wins: a sign-in never changes a provisioned user's
/// attributes, only links them.
public struct UserLinker: Sendable {
    let store: any GatehouseStore
    let identity: IdentityConfig

    /// Creates a linker.
    public init(store: any GatehouseStore, identity: IdentityConfig) {
        self.store = store
        self.identity = identity
    }

    /// The active user for `token`; ``GatehouseError/Code/forbidden`` when the person is not
    /// provisioned (and may not be created) or is deactivated.
    public func user(for token: VerifiedIDToken) async throws -> DirectoryUser {
        let link = DirectoryUser.Link(issuer: token.issuer, subject: token.subject)
        for _ in 0..<8 {
            if let user = try await store.users(.linked(link)).first {
                return try await refreshed(try Self.requireActive(user), token: token)
            }
            if let user = try await provisioned(token) {
                var linked = user
                linked.link = link
                linked.version += 1
                linked.modifiedMicros = WallClock.nowMicros()
                if !identity.scimEnabled { linked.claimGroups = token.groups }
                if try await store.updateUser(linked, expectedVersion: user.version, nowMicros: linked.modifiedMicros) {
                    return try Self.requireActive(linked)
                }
                continue  // changed meanwhile: look again
            }
            guard identity.jitProvisioning else {
                throw GatehouseError(
                    .forbidden, "you are not provisioned in Gatehouse; ask your administrator to assign you the app")
            }
            let created = Self.justInTime(
                token, link: link, linkRule: identity.link, claimGroups: !identity.scimEnabled)
            do {
                try await store.insertUser(created)
                return created
            } catch let error as GatehouseError where error.code == .conflict {
                if try await store.users(.linked(link)).first != nil { continue }  // a parallel sign-in won
                throw GatehouseError(
                    .forbidden,
                    "another user already has the userName \"\(created.userName)\"; ask your administrator to link your account"
                )
            }
        }
        throw GatehouseError(.unavailable, "your account is being changed; sign in again")
    }

    /// The provisioned, not yet linked user the link rule names, if exactly one.
    private func provisioned(_ token: VerifiedIDToken) async throws -> DirectoryUser? {
        guard let value = token.stringClaims[identity.link.claim] else { return nil }
        let candidates =
            switch identity.link.attribute {
            case .externalId: try await store.users(.externalID(value))
            case .userName: try await store.users(.userName(value))
            }
        guard !candidates.isEmpty else { return nil }
        guard candidates.count == 1, let user = candidates.first else {
            throw GatehouseError(
                .forbidden,
                "several users have \(identity.link.attribute.rawValue) \"\(value.prefix(80))\"; ask your administrator"
            )
        }
        guard user.link == nil else {
            throw GatehouseError(
                .forbidden,
                "the user matching your account is linked to another sign-in identity; ask your administrator")
        }
        return user
    }

    /// Without SCIM, the groups the provider names at each sign-in are kept for later requests.
    private func refreshed(_ user: DirectoryUser, token: VerifiedIDToken) async throws -> DirectoryUser {
        guard !identity.scimEnabled, Set(user.claimGroups) != Set(token.groups) else { return user }
        var updated = user
        updated.claimGroups = token.groups
        updated.version += 1
        updated.modifiedMicros = WallClock.nowMicros()
        return try await store.updateUser(updated, expectedVersion: user.version, nowMicros: updated.modifiedMicros)
            ? updated : user
    }

    static func requireActive(_ user: DirectoryUser) throws -> DirectoryUser {
        guard user.active else { throw GatehouseError(.forbidden, "your Gatehouse access has been deactivated") }
        return user
    }

    /// A user made from the ID token: userName from `preferred_username`, else the email, else
    /// the subject.
    static func justInTime(
        _ token: VerifiedIDToken, link: DirectoryUser.Link, linkRule: UserLink, claimGroups: Bool
    ) -> DirectoryUser {
        let userName = token.stringClaims["preferred_username"] ?? token.email ?? token.subject
        var document: [String: SCIMJSON] = ["userName": .string(userName), "active": .bool(true)]
        if let name = token.name { document["displayName"] = .string(name) }
        if let email = token.email {
            document["emails"] = .array([
                .object(["value": .string(email), "type": .string("work"), "primary": .bool(true)])
            ])
        }
        let externalID = linkRule.attribute == .externalId ? token.stringClaims[linkRule.claim] : nil
        if let externalID { document["externalId"] = .string(externalID) }
        let now = WallClock.nowMicros()
        return DirectoryUser(
            id: SCIMDirectory.newID(), userName: userName, externalID: externalID, createdMicros: now,
            modifiedMicros: now, document: SCIMDirectory.encode(document), link: link,
            claimGroups: claimGroups ? token.groups : [])
    }
}
