import AsyncHTTPClient
import Foundation
import GatehouseCore
import GatehouseStore
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOHTTP1
import Testing

/// Browser sign-in against the real nanoidp provider, driven like a browser that does not
/// follow redirects on its own: every hop and cookie is checked.
@Suite(
    .enabled(
        if: ProcessInfo.processInfo.environment["GATEHOUSE_TEST_OIDC_ISSUER"] != nil,
        "GATEHOUSE_TEST_OIDC_ISSUER is not set: run scripts/test.sh, which starts nanoidp"))
struct BrowserLoginTests {
    static let issuer = ProcessInfo.processInfo.environment["GATEHOUSE_TEST_OIDC_ISSUER"] ?? ""

    /// Sign-in through nanoidp, with one-hour sessions.
    static var identity: String {
        """
        identity:
          oidc:
            issuer: "\(issuer)"
            client_id: gatehouse
            client_secret: env:GATEHOUSE_TEST_OIDC_CLIENT_SECRET
            scopes: [openid, email, profile, groups]
          session_ttl: 1h
        """
    }

    static var config: String {
        ServerHarness.config.replacingOccurrences(
            of: "groups:\n",
            with: identity + """

                groups:
                  developers:
                    rules:
                      - {id: dev-login, effect: allow, actions: [identity.login]}

                """)
    }

    /// A minimal browser: no automatic redirects, one cookie jar per host.
    final class Browser: @unchecked Sendable {
        let client: HTTPClient
        var jar: [String: [String: String]] = [:]

        init() {
            var configuration = HTTPClient.Configuration()
            configuration.redirectConfiguration = .disallow
            client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        }

        func send(_ url: String, method: HTTPMethod = .GET, form: String? = nil) async throws -> (
            Int, HTTPHeaders, String
        ) {
            var request = HTTPClientRequest(url: url)
            request.method = method
            let host = URL(string: url)?.host.map { $0 + ":\(URL(string: url)?.port ?? 80)" } ?? ""
            if let cookies = jar[host], !cookies.isEmpty {
                request.headers.add(
                    name: "Cookie", value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
            }
            if let form {
                request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
                request.body = .bytes(ByteBuffer(string: form))
            }
            let response = try await client.execute(request, timeout: .seconds(10))
            let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
            for header in response.headers["Set-Cookie"] {
                let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
                guard pair.count == 2 else { continue }
                let maxAgeZero = header.contains("Max-Age=0")
                jar[host, default: [:]][String(pair[0])] = maxAgeZero ? nil : String(pair[1])
            }
            return (Int(response.status.code), response.headers, body)
        }

        func shutdown() async { try? await client.shutdown() }
    }

    @Test func signInCreatesARevocableSessionCookie() async throws {
        try await ServerHarness.withServer(config: Self.config) { context in
            let base = "http://127.0.0.1:\(try #require(context.client.port))"
            let browser = Browser()
            do {
                // 1. Gatehouse sends the browser to the provider with PKCE, state and nonce.
                let (status, headers, _) = try await browser.send(base + "/auth/login?return_to=/console/audit")
                #expect(status == 302)
                let authorize = try #require(headers["Location"].first)
                #expect(authorize.hasPrefix(Self.issuer + "/authorize?"))
                #expect(authorize.contains("code_challenge_method=S256"))
                let login = try #require(headers["Set-Cookie"].first { $0.hasPrefix("gh_login=") })
                #expect(login.contains("HttpOnly") && login.contains("SameSite=Lax") && login.contains("Path=/auth"))

                // 2. The person signs in at the provider, which sends the browser back.
                let (back, backHeaders, _) = try await browser.send(
                    authorize, method: .POST, form: "username=alice&password=alice-password")
                #expect(back == 302)
                let callback = try #require(backHeaders["Location"].first)
                #expect(callback.hasPrefix(base + "/auth/callback?"))

                // A callback with another state is refused.
                let forged = callback.replacingOccurrences(of: "state=", with: "state=x")
                #expect(try await browser.send(forged).0 == 400)

                // 3. Gatehouse verifies everything and starts the session.
                let (done, doneHeaders, _) = try await browser.send(callback)
                #expect(done == 302)
                #expect(doneHeaders["Location"].first == "/console/audit")
                let session = try #require(doneHeaders["Set-Cookie"].first { $0.hasPrefix("gh_session=") })
                #expect(
                    session.contains("HttpOnly") && session.contains("SameSite=Lax") && session.contains("Max-Age=3600")
                )

                let (who, _, body) = try await browser.send(base + "/api/v1/whoami")
                #expect(who == 200)
                #expect(body.contains(#""subject":"alice""#))
                #expect(body.contains(#""auth_method":"sso_session""#))
                #expect(body.contains(#""groups":["auditors","developers"]"#))

                // The cookie does not authorize state-changing requests (no CSRF through it).
                #expect(try await browser.send(base + "/api/v1/tokens", method: .POST, form: "{}").0 == 401)

                // 4. Signing out is a form with the session's CSRF token (a plain link, as another
                // site could place, does nothing); it revokes the session on the server.
                let cookie = try #require(browser.jar["127.0.0.1:\(context.client.port!)"]?["gh_session"])
                #expect(try await browser.send(base + "/auth/logout").0 == 404)
                #expect(try await browser.send(base + "/console/signout", method: .POST, form: "csrf=forged").0 == 403)
                let (_, _, console) = try await browser.send(base + "/console")
                let csrf = try #require(ConsoleSession.Page(status: .ok, headers: [:], body: console).csrf)
                let (signedOut, outHeaders, _) = try await browser.send(
                    base + "/console/signout", method: .POST, form: "csrf=" + csrf)
                #expect(signedOut == 303)
                #expect(outHeaders["Location"].first == "/console/signin")
                #expect(outHeaders["Set-Cookie"].contains { $0.hasPrefix("gh_session=;") })
                var request = HTTPClientRequest(url: base + "/api/v1/whoami")
                request.headers.add(name: "Cookie", value: "gh_session=\(cookie)")
                #expect(try await browser.client.execute(request, timeout: .seconds(5)).status == .unauthorized)
            } catch {
                await browser.shutdown()
                throw error
            }
            await browser.shutdown()
            // The sign-in was decided and recorded.
            let store = try await SQLiteStore.open(
                path: context.dataDir + "/gatehouse.db", logger: ServerHarness.logger)
            let logins = try await store.queryAudit(AuditQuery(action: "identity.login"))
            #expect(logins.first?.event.subject == "alice")
            #expect(logins.first?.event.resource == "browser")
            #expect(logins.first?.event.rule == "dev-login")
            await store.shutdown()
        }
    }

    @Test func callbackWithoutASignInInProgressIsRefused() async throws {
        try await ServerHarness.withServer(config: Self.config) { context in
            try await context.client.execute(uri: "/auth/callback?code=x&state=y", method: .get) { response in
                #expect(response.status == .badRequest)
                let body = try ServerHarness.decode(ServerHarness.ErrorBody.self, response.body)
                #expect(body.error.message == "no sign-in is in progress in this browser; start again at /auth/login")
            }
        }
    }
}
