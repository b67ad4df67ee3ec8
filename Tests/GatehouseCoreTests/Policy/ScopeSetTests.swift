import Testing

@testable import GatehouseCore

@Suite struct ScopeSetTests {
    static let developer = Principal(issuer: "i", subject: "s", groups: ["admins"], authMethod: .accessToken)
    static let policy = Policy(groups: [
        GroupPolicy(name: "admins", rules: [PolicyRule(id: "all", effect: .allow, actions: [Glob("*")])])
    ])

    @Test func scopesNarrowAnAllowButNeverWidenADeny() throws {
        let scopes = try ScopeSet(["audit.*"])
        #expect(Self.policy.decide(Self.developer, Action(.auditRead), scopes: scopes).rule == "all")
        let refused = Self.policy.decide(Self.developer, Action(.modelUse), scopes: scopes)
        #expect(refused.rule == Policy.tokenScopeRule)
        #expect(refused.reason == "the token's scopes (audit.*) do not include model.use")
        let outsider = Principal(issuer: "i", subject: "x", authMethod: .accessToken)
        #expect(!Self.policy.decide(outsider, Action(.auditRead), scopes: scopes).isAllowed)
    }

    @Test func coverageIsExactOverTheClosedActionSet() throws {
        let audit = try ScopeSet(["audit.*"])
        #expect(audit.covers(try ScopeSet(["audit.read", "audit.verify"])))
        #expect(!audit.covers(try ScopeSet(["audit.read", "model.use"])))
        #expect(!audit.covers(.unrestricted))
        #expect(ScopeSet.unrestricted.covers(audit))
        #expect(try ScopeSet(["*"]).covers(.unrestricted))
    }

    @Test func scopesThatMatchNoActionAreRefused() {
        #expect(throws: GatehouseError.self) { try ScopeSet(["audit.reed"]) }
        #expect(throws: GatehouseError.self) { try ScopeSet(["nothing.*"]) }
    }

    @Test(arguments: [("30m", Int64(1_800_000_000)), ("24h", 86_400_000_000), ("365d", 31_536_000_000_000)])
    func lifetimesParse(text: String, micros: Int64) throws {
        #expect(try TokenLifetime.micros(text) == micros)
    }

    @Test(arguments: ["", "0h", "-1d", "366d", "1y", "h", "1.5h", "99999999999d"])
    func badLifetimesAreRefused(text: String) {
        #expect(throws: GatehouseError.self) { try TokenLifetime.micros(text) }
    }
}
