import Foundation
import GatehouseCore
import GatehouseStore

/// `/console/policy`: the rules in force, group by group, and "explain": what the policy
/// decides for a person (from the directory, with their groups as Gatehouse sees them now) or
/// a set of groups, on an action and resource.
struct PolicyPage {
    let sources: ConsoleSources
    var config: ConfigHolder { sources.config }

    init(_ sources: ConsoleSources) { self.sources = sources }

    struct Model {
        let groups: [Group]
        let actions: [String]
        let person: String
        let groupsText: String
        let action: String
        let resource: String
        let explained: Explained?
    }

    struct Group {
        let name: String
        let description: String?
        let rules: [Rule]
    }

    struct Rule {
        let id: String
        let effect: String
        let denies: Bool
        let actions: String
        let resources: String
        let reason: String
        let obligations: String
    }

    struct Explained {
        let who: String
        let groups: String
        let effect: String
        let allowed: Bool
        let rule: String
        let reason: String
        let obligations: String?
    }

    func view(_ visit: ConsoleRoutes.Visit) async throws -> ConsoleRoutes.View {
        let loaded = config.loaded.config
        let groups = loaded.groups.map { group in
            Group(
                name: group.name, description: group.description,
                rules: group.rules.map { rule in
                    Rule(
                        id: rule.id, effect: rule.effect.rawValue, denies: rule.effect == .deny,
                        actions: rule.actions.map(\.pattern).joined(separator: ", "),
                        resources: rule.resources.map(\.pattern).joined(separator: ", "), reason: rule.reason ?? "",
                        obligations: rule.obligations.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                            .joined(separator: ", "))
                })
        }
        let query = visit.query
        let action = query["action"]?.trimmingCharacters(in: .whitespaces) ?? ""
        var explained: Explained?
        if !action.isEmpty {
            explained = try await explain(
                person: query["person"] ?? "", groups: query["groups"] ?? "", action: action,
                resource: query["resource"].flatMap { $0.isEmpty ? nil : $0 } ?? "*")
        }
        let model = Model(
            groups: groups, actions: ActionKind.allNames, person: query["person"] ?? "",
            groupsText: query["groups"] ?? "", action: action, resource: query["resource"] ?? "",
            explained: explained)
        return ConsoleRoutes.View(template: "policy", model: model)
    }

    /// The decision for a directory person (by user name) or for the groups given.
    func explain(person: String, groups: String, action: String, resource: String) async throws -> Explained {
        guard let kind = ActionKind(rawValue: action) else {
            let hint = DidYouMean.suggestion(for: action, among: ActionKind.allNames).map { " (did you mean \($0)?)" }
            throw GatehouseError(.badRequest, "unknown action \"\(action.prefix(60))\"\(hint ?? "")")
        }
        var principal: Principal
        let person = person.trimmingCharacters(in: .whitespaces)
        if !person.isEmpty {
            guard let user = try await sources.store.users(.userName(person)).first else {
                throw GatehouseError(.notFound, "nobody called \(person.prefix(60)) is in the directory")
            }
            principal = Principal(
                issuer: user.link?.issuer ?? "directory", subject: user.link?.subject ?? user.userName,
                authMethod: .accessToken)
            principal.groups = try await Authenticator.groups(
                of: user, store: sources.store, scimEnabled: config.loaded.config.identity.scimEnabled)
            guard user.active else {
                return Explained(
                    who: person, groups: principal.groups.joined(separator: ", "), effect: "deny", allowed: false,
                    rule: "directory", reason: "the person is deprovisioned: every request is refused", obligations: nil
                )
            }
        } else {
            principal = Principal(issuer: "explain", subject: "someone", authMethod: .accessToken)
            principal.groups = groups.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        }
        let decision = config.policy.decide(principal, Action(kind, resource: resource))
        return Explained(
            who: person.isEmpty ? "a member of \(principal.groups.joined(separator: ", "))" : person,
            groups: (principal.groups + ["authenticated"]).joined(separator: ", "), effect: decision.effect.rawValue,
            allowed: decision.isAllowed, rule: decision.rule, reason: decision.reason,
            obligations: decision.obligations.isEmpty
                ? nil
                : decision.obligations.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                    .joined(separator: ", "))
    }
}
