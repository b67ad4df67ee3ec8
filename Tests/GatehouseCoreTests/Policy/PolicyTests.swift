import Testing

@testable import GatehouseCore

@Suite struct PolicyTests {
    static func rule(
        _ id: String, _ effect: Decision.Effect, _ actions: [String], _ resources: [String] = ["*"],
        obligations: [String: String] = [:]
    ) -> PolicyRule {
        PolicyRule(
            id: id, effect: effect, actions: actions.map(Glob.init), resources: resources.map(Glob.init),
            obligations: obligations)
    }

    static let policy = Policy(groups: [
        GroupPolicy(name: "admins", rules: [rule("admins-all", .allow, ["*"])]),
        GroupPolicy(
            name: "developers",
            rules: [
                rule("dev-models", .allow, ["model.use"], obligations: ["max_tokens": "4096"]),
                rule("dev-images", .allow, ["image.pull"]),
                rule("no-latest", .deny, ["image.pull"], ["docker.io/*:latest"]),
            ]),
        GroupPolicy(name: "contractors", rules: [rule("contractors-no-models", .deny, ["model.*"])]),
        GroupPolicy(name: "authenticated", rules: [rule("everyone-whoami", .allow, ["identity.whoami"])]),
    ])

    static func principal(_ groups: [String], method: Principal.AuthMethod = .accessToken) -> Principal {
        Principal(issuer: "https://idp.example", subject: "u1", groups: groups, authMethod: method)
    }

    @Test func defaultDenyNamesTheGroups() {
        let decision = Self.policy.decide(Self.principal(["nobody"]), Action(.toolCall, resource: "x"))
        #expect(!decision.isAllowed)
        #expect(decision.rule == Decision.defaultDenyRule)
        #expect(decision.reason == "no rule allows tool.call on x for groups [authenticated, nobody]")
    }

    @Test func allowCarriesRuleAndObligations() {
        let decision = Self.policy.decide(Self.principal(["developers"]), Action(.modelUse, resource: "llama"))
        #expect(decision.isAllowed)
        #expect(decision.rule == "dev-models")
        #expect(decision.obligations == ["max_tokens": "4096"])
    }

    @Test func denyWinsOverAllowInSameGroup() {
        let decision = Self.policy.decide(
            Self.principal(["developers"]), Action(.imagePull, resource: "docker.io/alpine:latest"))
        #expect(!decision.isAllowed)
        #expect(decision.rule == "no-latest")
        let other = Self.policy.decide(
            Self.principal(["developers"]), Action(.imagePull, resource: "docker.io/alpine:3.20"))
        #expect(other.rule == "dev-images")
    }

    @Test func denyWinsAcrossGroupsEvenForAdmins() {
        let decision = Self.policy.decide(Self.principal(["admins", "contractors"]), Action(.modelUse))
        #expect(!decision.isAllowed)
        #expect(decision.rule == "contractors-no-models")
    }

    @Test func authenticatedPseudoGroupAppliesToEveryoneButAnonymous() {
        #expect(Self.policy.decide(Self.principal([]), Action(.whoami)).rule == "everyone-whoami")
        #expect(!Self.policy.decide(.anonymous, Action(.whoami)).isAllowed)
    }

    @Test func adminsAllowedEverything() {
        for kind in ActionKind.allCases {
            #expect(Self.policy.decide(Self.principal(["admins"]), Action(kind)).isAllowed)
        }
    }

    @Test func principalGroupsAreSortedAndUnique() {
        let principal = Principal(issuer: "i", subject: "s", groups: ["b", "a", "b"], authMethod: .ssoSession)
        #expect(principal.groups == ["a", "b"])
        #expect(principal.key == "i#s")
    }
}
