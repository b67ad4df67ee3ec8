import AsyncHTTPClient
import Foundation
import GatehouseCore
import GatehouseIdentity
import GatehouseStore
import HTTPTypes
import HummingbirdTesting
import NIOHTTP1
import Testing

/// Single sign-on with SCIM in charge: only provisioned people get in, linked by the
/// configured claim; their groups are SCIM's; deprovisioning ends their session at once.
@Suite(
    .enabled(
        if: ProcessInfo.processInfo.environment["GATEHOUSE_TEST_OIDC_ISSUER"] != nil,
        "GATEHOUSE_TEST_OIDC_ISSUER is not set: run scripts/test.sh, which starts nanoidp"))
struct SCIMSignInTests {
    static var config: String {
        BrowserLoginTests.config.replacingOccurrences(
            of: "  session_ttl: 1h\n",
            with: """
                  session_ttl: 1h
                  jit_provisioning: false
                  scim:
                    token: env:GATEHOUSE_SCIM_TOKEN
                    link: {attribute: externalId, claim: sub}

                """
        ).replacingOccurrences(
            of: "groups:\n  developers:",
            with: """
                groups:
                  scim:
                    rules:
                      - {id: scim-all, effect: allow, actions: [user.read, user.provision, user.deprovision]}
                  developers:
                """)
    }

    /// Signs alice in through the provider; returns the callback's status.
    static func signIn(_ browser: BrowserLoginTests.Browser, base: String) async throws -> Int {
        let (_, headers, _) = try await browser.send(base + "/auth/login")
        let authorize = try #require(headers["Location"].first)
        let (_, back, _) = try await browser.send(
            authorize, method: .POST, form: "username=alice&password=alice-password")
        return try await browser.send(try #require(back["Location"].first)).0
    }

    @Test func onlyProvisionedPeopleSignInWithSCIMGroups() async throws {
        try await ServerHarness.withServer(
            config: Self.config, environment: ["GATEHOUSE_SCIM_TOKEN": SCIMHarness.token]
        ) { context in
            let base = "http://127.0.0.1:\(try #require(context.client.port))"
            let browser = BrowserLoginTests.Browser()
            do {
                #expect(try await Self.signIn(browser, base: base) == 403)  // not provisioned

                let user = try await SCIMHarness.send(
                    context.client, .post, "/Users", SCIMHarness.user("alice@example.test", externalID: "alice"))
                let group = try await SCIMHarness.send(
                    context.client, .post, "/Groups", SCIMHarness.group("developers", members: [user.id]))
                #expect(group.status == 201)
                #expect(try await Self.signIn(browser, base: base) == 302)
                let (who, _, body) = try await browser.send(base + "/api/v1/whoami")
                #expect(who == 200)
                #expect(body.contains(#""groups":["developers"]"#))  // SCIM's, not the claim's

                let off = try await SCIMHarness.send(
                    context.client, .patch, "/Users/\(user.id)",
                    SCIMHarness.patch(#"{"op": "replace", "path": "active", "value": false}"#))
                #expect(off.status == 200)
                #expect(try await browser.send(base + "/api/v1/whoami").0 == 401)
                #expect(try await Self.signIn(browser, base: base) == 403)
            } catch {
                await browser.shutdown()
                throw error
            }
            await browser.shutdown()
            let store = try await SCIMHarness.openStore(context)
            let refusals = try await store.queryAudit(AuditQuery(action: "identity.login", decision: "deny"))
            #expect(refusals.count == 2)
            #expect(refusals.allSatisfy { $0.event.subject == "alice" && $0.event.rule == "directory" })
            #expect(try await store.users(.externalID("alice")).first?.link?.subject == "alice")
            await store.shutdown()
        }
    }

    @Test func justInTimeProvisioningCreatesTheUser() async throws {
        let config = Self.config.replacingOccurrences(of: "jit_provisioning: false", with: "jit_provisioning: true")
        try await ServerHarness.withServer(
            config: config, environment: ["GATEHOUSE_SCIM_TOKEN": SCIMHarness.token]
        ) { context in
            let base = "http://127.0.0.1:\(try #require(context.client.port))"
            let browser = BrowserLoginTests.Browser()
            // Created, but SCIM has put alice in no group yet, so the policy (which lets only
            // developers sign in) refuses: the provider's groups claim does not count.
            #expect(try await Self.signIn(browser, base: base) == 403)
            let found = try await SCIMHarness.send(context.client, .get, "/Users?filter=externalId%20eq%20%22alice%22")
            #expect(found["totalResults"] == .number(1))
            guard case .array(let items)? = found["Resources"], let user = items.first else { return }
            #expect(user[attribute: "userName"] == .string("alice@example.test"))  // preferred_username
            #expect(user[attribute: "groups"] == nil)
            let id = user[attribute: "id"]?.stringValue ?? ""
            _ = try await SCIMHarness.send(
                context.client, .post, "/Groups", SCIMHarness.group("developers", members: [id]))
            #expect(try await Self.signIn(browser, base: base) == 302)  // the same user, now in the group
            await browser.shutdown()
            #expect(try await SCIMHarness.send(context.client, .get, "/Users")["totalResults"] == .number(1))
            let store = try await SCIMHarness.openStore(context)
            let denial = try await store.queryAudit(AuditQuery(action: "identity.login", decision: "deny")).first
            #expect(denial?.event.rule == Decision.defaultDenyRule)
            await store.shutdown()
        }
    }
}
