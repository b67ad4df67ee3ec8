import Foundation
import GatehouseCore
import GatehouseIdentity
import GatehouseStore
import Hummingbird

/// Browser sign-in: `/auth/login` → provider (code + PKCE S256 + state + nonce) →
/// `/auth/callback` → a server-side, revocable session in an HttpOnly, SameSite=Lax cookie.
///
/// The one-time values travel in a sealed, short-lived cookie scoped to `/auth`, so nothing is
/// stored before the person comes back and any replica can finish the sign-in. The session is
/// an access-token record of kind `sso_session`: revoking it ends the session at once.
struct BrowserLoginRoutes: Sendable {
    let signIn: SignIn
    let spine: Spine
    let runtime: OIDCRuntime
    let handles: SealedHandle

    static let loginCookie = "gh_login"
    static let sessionCookie = "gh_session"

    struct PendingLogin: Codable {
        let state: String
        let nonce: String
        let verifier: String
        let redirectURI: String
        let returnTo: String
        let expiresMicros: Int64
    }

    func register(on router: Router<some RequestContext>) {
        router.get("/auth/login") { request, _ -> Response in
            let (metadata, _) = try await runtime.provider()
            let redirectURI = try callbackURL(request)
            let pending = PendingLogin(
                state: PKCE.random(bytes: 24), nonce: PKCE.random(bytes: 24), verifier: PKCE().verifier,
                redirectURI: redirectURI,
                returnTo: Self.safeReturn(request.uri.queryParameters["return_to"].map(String.init)),
                expiresMicros: WallClock.nowMicros() + 600_000_000)
            let url = runtime.client.authorizationURL(
                metadata: metadata, redirectURI: redirectURI, state: pending.state, nonce: pending.nonce,
                pkce: PKCE(verifier: pending.verifier))
            var response = Response(status: .found, headers: [.location: url])
            response.setCookie(
                Cookie(
                    name: Self.loginCookie, value: try handles.seal(pending), maxAge: 600, path: "/auth",
                    secure: redirectURI.hasPrefix("https:"), httpOnly: true, sameSite: .lax))
            return response
        }
        router.get("/auth/callback") { request, _ -> Response in
            try await callback(request)
        }
    }

    private func callback(_ request: Request) async throws -> Response {
        var pendingLogin: PendingLogin?
        let (_, secret) = try await signIn.admit(
            resource: "browser", traceparent: request.headers[.init("traceparent")!], authMethod: .ssoSession,
            name: "browser session"
        ) {
            let pending = try Self.pending(request, handles: handles)
            pendingLogin = pending
            guard let code = request.uri.queryParameters["code"].map(String.init), !code.isEmpty,
                code.utf8.count <= 2_048
            else { throw GatehouseError(.badRequest, "the identity provider sent no code") }
            let (metadata, _) = try await runtime.provider()
            let tokens = try await runtime.client.exchange(
                code: code, verifier: pending.verifier, redirectURI: pending.redirectURI, metadata: metadata)
            return try await runtime.person(from: tokens, nonce: pending.nonce)
        }
        guard let pending = pendingLogin else { throw GatehouseError(.internal, "sign-in state lost") }
        let secure = pending.redirectURI.hasPrefix("https:")
        var response = Response(status: .found, headers: [.location: pending.returnTo])
        response.setCookie(
            Cookie(
                name: Self.sessionCookie, value: secret, maxAge: Int(signIn.identity.sessionTTLMicros / 1_000_000),
                path: "/", secure: secure, httpOnly: true, sameSite: .lax))
        response.setCookie(
            Cookie(
                name: Self.loginCookie, value: "", maxAge: 0, path: "/auth", secure: secure, httpOnly: true,
                sameSite: .lax))
        return response
    }

    /// The sign-in this browser started, checked against the callback: cookie present and
    /// unaltered, not expired, same state (compared in constant time), no provider error.
    static func pending(_ request: Request, handles: SealedHandle) throws -> PendingLogin {
        guard let sealed = request.cookies[loginCookie]?.value else {
            throw GatehouseError(.badRequest, "no sign-in is in progress in this browser; start again at /auth/login")
        }
        let pending = try handles.open(sealed, as: PendingLogin.self)
        let query = request.uri.queryParameters
        guard WallClock.nowMicros() < pending.expiresMicros else {
            throw GatehouseError(.badRequest, "the sign-in took too long; start again at /auth/login")
        }
        guard let state = query["state"].map(String.init), constantTimeEqual(state, pending.state) else {
            throw GatehouseError(.badRequest, "the sign-in state does not match; start again at /auth/login")
        }
        if let error = query["error"] {
            throw GatehouseError(.unauthenticated, "the identity provider refused the sign-in: \(error.prefix(40))")
        }
        return pending
    }

    /// `http://HOST/auth/callback` from the request's Host; the provider accepts only registered
    /// redirect URIs, so a forged Host cannot send codes elsewhere.
    func callbackURL(_ request: Request) throws -> String {
        try PublicURL.base(request, config: spine.config.loaded.config) + "/auth/callback"
    }

    /// Only a local path may follow sign-in (no open redirect): `/…` but not `//…` or `/\…`.
    static func safeReturn(_ path: String?) -> String {
        guard let path, path.hasPrefix("/"), !path.hasPrefix("//"), !path.hasPrefix("/\\"), path.utf8.count <= 512,
            path.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7f })
        else { return "/" }
        return path
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
