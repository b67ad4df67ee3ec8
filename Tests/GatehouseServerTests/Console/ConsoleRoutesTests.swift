import Foundation
import GatehouseCore
import GatehouseStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The console over HTTP, signed in with an access token: every page renders for someone the
/// policy lets see it, is refused (and recorded) for someone it does not, and no form acts
/// without the session's CSRF token.
@Suite struct ConsoleRoutesTests {
    static let pages = [
        "/console", "/console/overview", "/console/audit", "/console/people", "/console/spend", "/console/mcp",
        "/console/sandboxes", "/console/images", "/console/policy",
    ]

    @Test func someoneSignedOutIsSentToSignInAndBack() async throws {
        try await ServerHarness.withServer { context in
            let anonymous = ConsoleSession(client: context.client, cookie: nil)
            let page = try await anonymous.get("/console/audit?action=tool.call")
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/console/signin?return_to=/console/audit%3Faction%3Dtool.call")
            let signIn = try await anonymous.get("/console/signin?return_to=/console/audit")
            #expect(signIn.status == .ok)
            #expect(signIn.body.contains(#"name="return_to" value="/console/audit""#))
            // A stale cookie is sent to sign in as well, and cleared.
            let stale = try await ConsoleSession(client: context.client, cookie: "gth_not-a-session").get("/console")
            #expect(stale.status == .seeOther)
            #expect(
                stale.headers[values: .setCookie].contains { $0.hasPrefix("gh_session=;") && $0.contains("Max-Age=0") })
        }
    }

    @Test func everyPageRendersForAnAdministratorAndIsRecorded() async throws {
        try await ServerHarness.withServer { context in
            let (session, signedIn) = try await ConsoleSession.signIn(context.client, token: ServerHarness.adminToken)
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.location] == "/console")
            let cookie = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("gh_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
            #expect(session.cookie != ServerHarness.adminToken)
            for path in Self.pages {
                let page = try await session.get(path)
                #expect(page.status == .ok, "\(path): \(page.body.prefix(300))")
                #expect(page.body.hasPrefix("<!doctype html>"), "\(path)")
                #expect(
                    page.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("default-src 'none'") == true)
                #expect(page.headers[.cacheControl] == "no-store")
                #expect(page.body.contains(#"aria-current="page""#), "\(path) marks its own navigation entry")
            }
            let overview = try await session.get("/console/overview")
            #expect(overview.body.contains("<svg class=\"chart\""))
            let store = try await SQLiteStore.open(
                path: context.dataDir + "/gatehouse.db", logger: ServerHarness.logger)
            let views = try await store.queryAudit(AuditQuery(action: "console.view", limit: 100))
            #expect(Set(views.map(\.event.resource)).isSuperset(of: ["home", "overview", "audit", "policy", "images"]))
            #expect(views.allSatisfy { $0.event.decision == "allow" && $0.event.subject == "admin" })
            let logins = try await store.queryAudit(AuditQuery(action: "identity.login"))
            #expect(logins.first?.event.resource == "console")
            await store.shutdown()
        }
    }

    @Test func aSessionWithoutConsoleScopeIsRefusedEveryPageEvenByDirectURL() async throws {
        try await ServerHarness.withServer { context in
            // A token limited to signing in: its session carries the same limit.
            let created = try await context.client.execute(
                uri: "/api/v1/tokens", method: .post, headers: ServerHarness.bearer(ServerHarness.adminToken),
                body: .init(string: #"{"name": "narrow", "scopes": ["identity.login"]}"#))
            struct Created: Decodable { let token: String }
            let token = try ServerHarness.decode(Created.self, created.body).token
            let (session, _) = try await ConsoleSession.signIn(context.client, token: token)
            for path in ["/console/audit", "/console/people", "/console/policy"] {
                let page = try await session.get(path)
                #expect(page.status == .forbidden, "\(path)")
                #expect(page.body.contains("id=\"error-message\""))
                #expect(!page.body.contains("<table id=\"audit-records\""))
            }
            let store = try await SQLiteStore.open(
                path: context.dataDir + "/gatehouse.db", logger: ServerHarness.logger)
            let refused = try await store.queryAudit(AuditQuery(action: "console.view", decision: "deny"))
            #expect(Set(refused.map(\.event.resource)) == ["audit", "people", "policy"])
            await store.shutdown()
        }
    }

    @Test func formsNeedTheSessionsCSRFTokenAndThisSite() async throws {
        try await ServerHarness.withServer { context in
            let (session, _) = try await ConsoleSession.signIn(context.client, token: ServerHarness.adminToken)
            let home = try await session.get("/console")
            let csrf = try #require(home.csrf)

            // No token, another session's token, another origin: refused and recorded.
            #expect(try await session.post("/console/tokens", form: ["name": "cli"]).status == .forbidden)
            let (other, _) = try await ConsoleSession.signIn(context.client, token: ServerHarness.adminToken)
            let otherCSRF = try #require(try await other.get("/console").csrf)
            #expect(otherCSRF != csrf)
            #expect(
                try await session.post("/console/tokens", form: ["name": "cli", "csrf": otherCSRF]).status == .forbidden
            )
            let crossSite = try await session.post(
                "/console/tokens", form: ["name": "cli", "csrf": csrf],
                headers: [HTTPField.Name("Origin")!: "https://evil.example"])
            #expect(crossSite.status == .forbidden)

            // With it, the token is made and shown once.
            let created = try await session.post("/console/tokens", form: ["name": "cli", "ttl": "1h", "csrf": csrf])
            #expect(created.status == .created)
            let secretStart = try #require(created.body.range(of: #"<code id="new-token-secret">"#))
            let secret = String(created.body[secretStart.upperBound...].prefix { $0 != "<" })
            #expect(secret.hasPrefix("gth_"))
            let who = try await context.client.execute(
                uri: "/api/v1/whoami", method: .get, headers: ServerHarness.bearer(secret))
            #expect(who.status == .ok)

            // Revoking it from the console refuses it at once.
            let rowStart = try #require(created.body.range(of: #"<tr data-token=""#))
            let id = String(created.body[rowStart.upperBound...].prefix { $0 != "\"" })
            let revoked = try await session.post(
                "/console/tokens/\(id)/revoke", form: ["csrf": csrf, "return_to": "/console"])
            #expect(revoked.status == .seeOther)
            #expect(revoked.headers[.location] == "/console")
            let after = try await context.client.execute(
                uri: "/api/v1/whoami", method: .get, headers: ServerHarness.bearer(secret))
            #expect(after.status == .unauthorized)

            let store = try await SQLiteStore.open(
                path: context.dataDir + "/gatehouse.db", logger: ServerHarness.logger)
            let csrfRefusals = try await store.queryAudit(AuditQuery(action: "token.create", decision: "deny"))
            #expect(csrfRefusals.count == 3)
            #expect(csrfRefusals.allSatisfy { $0.event.rule == "csrf" })
            let revocations = try await store.queryAudit(AuditQuery(action: "token.revoke", decision: "allow"))
            #expect(revocations.first?.event.resource == "self")
            await store.shutdown()
        }
    }

    @Test func signingOutNeedsTheFormAndRevokesTheSessionAtOnce() async throws {
        try await ServerHarness.withServer { context in
            let (session, _) = try await ConsoleSession.signIn(context.client, token: ServerHarness.adminToken)
            let home = try await session.get("/console")
            #expect(home.body.contains(#"action="/console/signout""#))
            let csrf = try #require(home.csrf)
            // A link or a form from elsewhere ends nothing.
            #expect(try await session.get("/auth/logout").status == .notFound)
            #expect(try await session.post("/console/signout", form: [:]).status == .forbidden)
            let crossSite = try await session.post(
                "/console/signout", form: ["csrf": csrf], headers: [HTTPField.Name("Origin")!: "https://evil.example"])
            #expect(crossSite.status == .forbidden)
            #expect(try await session.get("/console").status == .ok)

            let out = try await session.post("/console/signout", form: ["csrf": csrf])
            #expect(out.status == .seeOther)
            #expect(out.headers[.location] == "/console/signin")
            #expect(
                out.headers[values: .setCookie].contains { $0.hasPrefix("gh_session=;") && $0.contains("Max-Age=0") })
            // The old cookie is worthless now, even if the browser kept it.
            #expect(try await session.get("/console").status == .seeOther)

            let store = try await SQLiteStore.open(
                path: context.dataDir + "/gatehouse.db", logger: ServerHarness.logger)
            let signOuts = try await store.queryAudit(AuditQuery(action: "identity.logout"))
            #expect(signOuts.map(\.event.decision) == ["allow", "deny", "deny"])  // newest first
            #expect(signOuts.dropFirst().allSatisfy { $0.event.rule == "csrf" })
            await store.shutdown()
        }
    }

    @Test func aSessionSignedInWithATokenEndsWhenTheTokenIsRevoked() async throws {
        try await ServerHarness.withServer { context in
            let (created, _) = try await TokenRoutesTests.create(
                context.client, token: ServerHarness.adminToken, #"{"name": "laptop", "ttl": "2h"}"#)
            let (id, secret) = (try #require(created?.id), try #require(created?.token))
            let (session, _) = try await ConsoleSession.signIn(context.client, token: secret)
            #expect(try await session.get("/console").status == .ok)

            let revoked = try await context.client.execute(
                uri: "/api/v1/tokens/\(id)", method: .delete, headers: ServerHarness.bearer(ServerHarness.adminToken))
            #expect(revoked.status == .ok || revoked.status == .noContent)
            let after = try await session.get("/console")
            #expect(after.status == .seeOther)
            #expect(after.headers[.location]?.hasPrefix("/console/signin") == true)
        }
    }

    @Test func someoneElsesTokenIsRevokedAsTheirsAndAnUnknownOneIsNotFound() async throws {
        try await ServerHarness.withServer { context in
            let store = try await SQLiteStore.open(
                path: context.dataDir + "/gatehouse.db", logger: ServerHarness.logger)
            let carol = Principal(issuer: "https://idp.example", subject: "carol", authMethod: .accessToken)
            let now = WallClock.nowMicros()
            try await store.insertToken(
                AccessTokenRecord(
                    id: "tok_carol", tokenHash: "h", name: "carol's laptop", principal: carol, createdMicros: now,
                    expiresMicros: now + 3_600_000_000))
            let (session, _) = try await ConsoleSession.signIn(context.client, token: ServerHarness.adminToken)
            let csrf = try #require(try await session.get("/console").csrf)
            let revoked = try await session.post(
                "/console/tokens/tok_carol/revoke", form: ["csrf": csrf, "return_to": "/console/people"])
            #expect(revoked.status == .seeOther)
            #expect(revoked.headers[.location] == "/console/people")
            #expect(try await store.token(id: "tok_carol")?.revokedMicros != nil)
            let missing = try await session.post("/console/tokens/tok_nobody/revoke", form: ["csrf": csrf])
            #expect(missing.status == .notFound)
            let records = try await store.queryAudit(AuditQuery(action: "token.revoke"))
            #expect(records.first?.event.resource == "user:https://idp.example#carol")
            #expect(records.first?.event.decision == "allow")
            await store.shutdown()
        }
    }

    /// The record numbers listed on an audit page.
    static func seqs(_ body: String) -> [Int] {
        body.components(separatedBy: #"<tr data-decision=""#).dropFirst().compactMap { row in
            guard let cell = row.range(of: #"<td class="num">"#) else { return nil }
            return Int(row[cell.upperBound...].prefix { $0.isNumber })
        }
    }

    @Test func whatPeopleTypeIsEscapedAndExplainNamesTheRule() async throws {
        try await ServerHarness.withServer { context in
            let (session, _) = try await ConsoleSession.signIn(context.client, token: ServerHarness.adminToken)
            let audit = try await session.get("/console/audit?subject=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
            #expect(audit.status == .ok)
            #expect(!audit.body.contains("<script>alert"))
            #expect(audit.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            // A full page links to the older records before its last one.
            let firstPage = try await session.get("/console/audit?limit=2")
            let older = try #require(firstPage.body.range(of: #"<a id="older" href="/console/audit?"#))
            let link = String(firstPage.body[older.upperBound...].prefix { $0 != "\"" })
            #expect(link.contains("limit=2") && link.contains("until="))
            let secondPage = try await session.get(
                "/console/audit?" + link.replacingOccurrences(of: "&amp;", with: "&"))
            #expect(secondPage.status == .ok)
            let firstSeqs = Self.seqs(firstPage.body)
            let secondSeqs = Self.seqs(secondPage.body)
            #expect(firstSeqs.count == 2)
            #expect(!secondSeqs.isEmpty && secondSeqs.allSatisfy { $0 < firstSeqs.min()! })
            let bad = try await session.get("/console/audit?since=yesterday")
            #expect(bad.status == .badRequest)
            #expect(bad.body.contains("since must be an RFC 3339 time"))

            let explained = try await session.get("/console/policy?groups=auditors&action=audit.verify&resource=x")
            #expect(explained.body.contains(#"id="explained-effect">deny"#))
            #expect(explained.body.contains(#"id="explained-rule">auditors-no-verify"#))
            let allowed = try await session.get("/console/policy?groups=auditors&action=audit.read")
            #expect(allowed.body.contains(#"id="explained-effect">allow"#))
            let typo = try await session.get("/console/policy?groups=auditors&action=audit.reed")
            #expect(typo.status == .badRequest)
            #expect(typo.body.contains("did you mean audit.read?"))
        }
    }
}
