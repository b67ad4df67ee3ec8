import GatehouseCore
import GatehouseStore

/// `/console/people`: the directory (from SCIM or sign-in), each person's groups, tokens and
/// sessions with revoke, and the groups with their members.
struct PeoplePage {
    let sources: ConsoleSources

    init(_ sources: ConsoleSources) { self.sources = sources }

    /// The most people shown on one page.
    static let maxPeople = 500

    struct Model {
        let people: [Person]
        let groups: [Group]
        let csrf: String
        let truncated: Bool
    }

    struct Person {
        let userName: String
        let active: Bool
        let subject: String
        let groups: String
        let tokens: [TokenRow]
    }

    struct Group {
        let name: String
        let members: Int
    }

    func view(_ visit: ConsoleRoutes.Visit) async throws -> ConsoleRoutes.View {
        let users = try await sources.store.users(.all)
        let groups = try await sources.store.groups(.all)
        let now = WallClock.nowMicros()
        let scimEnabled = sources.config.loaded.config.identity.scimEnabled
        var people: [Person] = []
        for user in users.prefix(Self.maxPeople) {
            var tokens: [AccessTokenRecord] = []
            if let link = user.link {
                tokens = try await sources.store.tokens(issuer: link.issuer, subject: link.subject)
            }
            // The groups the policy sees for them (SCIM's when it provisions, else the claims).
            let memberOf = try await Authenticator.groups(of: user, store: sources.store, scimEnabled: scimEnabled)
            people.append(
                Person(
                    userName: user.userName, active: user.active, subject: user.link?.subject ?? "—",
                    groups: memberOf.joined(separator: ", "),
                    tokens: tokens.sorted { $0.createdMicros > $1.createdMicros }.map {
                        TokenRow($0, nowMicros: now, currentID: visit.caller.token?.id)
                    }))
        }
        let model = Model(
            people: people, groups: groups.map { Group(name: $0.displayName, members: $0.members.count) },
            csrf: visit.csrf, truncated: users.count > Self.maxPeople)
        return ConsoleRoutes.View(template: "people", model: model)
    }
}
