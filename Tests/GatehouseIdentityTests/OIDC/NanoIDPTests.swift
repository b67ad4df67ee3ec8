import AsyncHTTPClient
import Foundation
import GatehouseCore
import NIOCore
import NIOHTTP1
import Testing

@testable import GatehouseIdentity

/// The relying party against a real OpenID provider (nanoidp from PyPI, started by
/// scripts/test-deps.sh on 127.0.0.1): discovery, the code flow with PKCE, the device grant,
/// and ID tokens verified with keys fetched over HTTP.
@Suite(
    .enabled(
        if: NanoIDP.issuer != nil,
        "GATEHOUSE_TEST_OIDC_ISSUER is not set: run scripts/test.sh, which starts nanoidp"),
    .serialized)
struct NanoIDPTests {
    @Test func discoveryMatchesTheIssuerAndRefusesAnother() async throws {
        let metadata = try await NanoIDP.client().discover()
        #expect(metadata.issuer == NanoIDP.issuer)
        #expect(metadata.deviceAuthorizationEndpoint != nil)
        var wrong = NanoIDP.config
        wrong.issuer = NanoIDP.issuer! + "/other"
        let error = await #expect(throws: GatehouseError.self) {
            _ = try await OIDCClient(config: wrong, clientSecret: NanoIDP.secret).discover()
        }
        #expect(error?.code == .unavailable)
    }

    @Test func codeFlowWithPKCEYieldsAVerifiedPrincipal() async throws {
        let client = NanoIDP.client()
        let metadata = try await client.discover()
        let (state, nonce, pkce) = (PKCE.random(bytes: 16), PKCE.random(bytes: 16), PKCE())
        let redirect = "http://127.0.0.1:18080/auth/callback"
        let url = client.authorizationURL(
            metadata: metadata, redirectURI: redirect, state: state, nonce: nonce, pkce: pkce)
        let location = try await NanoIDP.signIn(url, user: "alice", password: "alice-password")
        let callback = try #require(URLComponents(string: location))
        #expect(location.hasPrefix(redirect + "?"))
        #expect(callback.queryItems?.first { $0.name == "state" }?.value == state)
        let code = try #require(callback.queryItems?.first { $0.name == "code" }?.value)

        // A wrong verifier is refused by the provider (and does not use up the code).
        let refused = await #expect(throws: GatehouseError.self) {
            _ = try await client.exchange(
                code: code, verifier: PKCE().verifier, redirectURI: redirect, metadata: metadata)
        }
        #expect(refused?.message == "the identity provider refused the sign-in code: invalid_grant")

        let tokens = try await client.exchange(
            code: code, verifier: pkce.verifier, redirectURI: redirect, metadata: metadata)
        let idToken = try #require(tokens.idToken)
        let verifier = IDTokenVerifier(
            issuer: NanoIDP.issuer!, clientID: "gatehouse", source: client.jwksSource(metadata.jwksURI))
        let verified = try await verifier.verify(idToken, nonce: nonce)
        #expect(verified.principal.key == "\(NanoIDP.issuer!)#alice")
        #expect(verified.groups.sorted() == ["auditors", "developers"])
        #expect(verified.email == "alice@example.test")
        let replay = await #expect(throws: GatehouseError.self) {
            _ = try await verifier.verify(idToken, nonce: "other")
        }
        #expect(replay?.message == "the ID token's nonce does not match this sign-in")
        // The code was redeemed once; a second exchange is refused.
        await #expect(throws: GatehouseError.self) {
            _ = try await client.exchange(
                code: code, verifier: pkce.verifier, redirectURI: redirect, metadata: metadata)
        }
    }

    @Test func deviceGrantPollsUntilApproved() async throws {
        let client = NanoIDP.client()
        let metadata = try await client.discover()
        let authorization = try await client.startDeviceAuthorization(metadata: metadata)
        #expect(authorization.userCode.count >= 6)
        guard case .pending = try await client.pollDevice(authorization, metadata: metadata) else {
            Issue.record("expected authorization_pending before approval")
            return
        }
        try await NanoIDP.approveDevice(authorization.userCode, user: "bob", password: "bob-password")
        guard case .tokens(let tokens) = try await client.pollDevice(authorization, metadata: metadata),
            let idToken = tokens.idToken
        else {
            Issue.record("expected tokens after approval")
            return
        }
        let verifier = IDTokenVerifier(
            issuer: NanoIDP.issuer!, clientID: "gatehouse", source: client.jwksSource(metadata.jwksURI))
        #expect(try await verifier.verify(idToken, nonce: nil).subject == "bob")
    }
}

/// The test provider's settings, from scripts/nanoidp.sh's environment.
enum NanoIDP {
    static var issuer: String? { ProcessInfo.processInfo.environment["GATEHOUSE_TEST_OIDC_ISSUER"] }
    static var secret: String { ProcessInfo.processInfo.environment["GATEHOUSE_TEST_OIDC_CLIENT_SECRET"] ?? "" }

    static var config: OIDCConfig {
        OIDCConfig(
            issuer: issuer ?? "", clientID: "gatehouse", scopes: ["openid", "email", "profile", "groups"])
    }

    static func client() -> OIDCClient { OIDCClient(config: config, clientSecret: secret) }

    /// A client that does not follow redirects: the test reads `Location` itself.
    static func withBrowser<T: Sendable>(_ body: (HTTPClient) async throws -> T) async throws -> T {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        let browser = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let result = try await body(browser)
            try await browser.shutdown()
            return result
        } catch {
            try? await browser.shutdown()
            throw error
        }
    }

    /// Posts the login form for the authorize URL (nanoidp's direct POST) and returns `Location`.
    static func signIn(_ url: String, user: String, password: String) async throws -> String {
        try await withBrowser { browser in
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(
                ByteBuffer(string: FormEncoding.encode([("username", user), ("password", password)])))
            let response = try await browser.execute(request, timeout: .seconds(10))
            _ = try await response.body.collect(upTo: 1 << 20)
            guard response.status.code == 302, let location = response.headers.first(name: "Location") else {
                throw GatehouseError(.unauthenticated, "sign-in did not redirect (\(response.status.code))")
            }
            return location
        }
    }

    /// Approves a device code as `user` on the provider's verification page.
    static func approveDevice(_ userCode: String, user: String, password: String) async throws {
        try await withBrowser { browser in
            var request = HTTPClientRequest(url: (issuer ?? "") + "/device")
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(
                ByteBuffer(
                    string: FormEncoding.encode([
                        ("user_code", userCode), ("username", user), ("password", password), ("action", "authorize"),
                    ])))
            let response = try await browser.execute(request, timeout: .seconds(10))
            let page = String(buffer: try await response.body.collect(upTo: 1 << 20))
            guard page.contains("authorized") else {
                throw GatehouseError(.unauthenticated, "the device approval page did not confirm")
            }
        }
    }
}
