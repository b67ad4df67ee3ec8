import Foundation
import GatehouseCore
import GatehouseStore
import HTTPTypes
import Hummingbird

/// Signing in to the console without the browser flow: with an access token (the bootstrap
/// administrator's, or one made with `gatehouse token create`), for installations without an
/// identity provider. The token itself never goes into the cookie: a new session is made for
/// the same principal, with no more scopes and no longer life than the token, and revoked with
/// it (the session names the token as its parent).
extension ConsoleRoutes {
    func registerSignIn(on router: Router<some RequestContext>) {
        router.get("/console/signin") { request, _ -> Response in
            let model = SignInModel(
                returnTo: BrowserLoginRoutes.safeReturn(request.uri.queryParameters["return_to"].map(String.init)),
                browserSignIn: sources.browserSignIn, message: nil)
            return renderer.page("signin", model: model, frame: frame(nil, page: "signin", session: nil))
        }
        // Signing out is a form like the others (the session's CSRF token, this site only), so
        // no other site can end someone's session with a link. The session is revoked on the
        // server as `identity.logout`; the cookie is cleared.
        router.post("/console/signout") { request, _ in
            await submit(request, .logout, resource: { _, _ in "self" }) { _, visit in
                if let token = visit.caller.token {
                    _ = try await sources.store.revokeToken(id: token.id, atMicros: WallClock.nowMicros())
                }
                var response = Response(
                    status: .seeOther, headers: [.location: "/console/signin"])
                response.setCookie(
                    Cookie(
                        name: BrowserLoginRoutes.sessionCookie, value: "", maxAge: 0, path: "/", httpOnly: true,
                        sameSite: .lax))
                return response
            }
        }
        router.post("/console/signin") { request, _ -> Response in
            do {
                return try await signIn(request)
            } catch {
                let (status, shown) = ErrorMiddleware<BasicRequestContext>.public(error, logger: spine.logger)
                let model = SignInModel(
                    returnTo: "/console", browserSignIn: sources.browserSignIn, message: shown.message)
                return renderer.page(
                    "signin", model: model, frame: frame(nil, page: "signin", session: nil), status: status)
            }
        }
    }

    struct SignInModel {
        let returnTo: String
        let browserSignIn: Bool
        let message: String?
    }

    private func signIn(_ request: Request) async throws -> Response {
        let base = try PublicURL.base(request, config: spine.config.loaded.config)
        try ConsoleCSRF.checkOrigin(request, base: base)
        let form = try await ConsoleForm.read(request)
        let token = (form["token"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw GatehouseError(.badRequest, "enter an access token") }
        let spineRequest = Spine.Request(
            authorization: "Bearer " + token, traceparent: request.headers[HTTPField.Name("traceparent")!],
            action: Action(.login, resource: "console"))
        let ttl = sources.sessionTTLMicros
        let (secret, expires) = try await spine.handle(spineRequest) { caller, _ in
            let now = WallClock.nowMicros()
            var principal = caller.principal
            principal.authMethod = .ssoSession
            let expires = min(now + ttl, caller.token?.expiresMicros ?? Int64.max)
            let secret = TokenGenerator.secret()
            let record = AccessTokenRecord(
                id: TokenGenerator.id(), tokenHash: Authenticator.hash(secret),
                name: "console session (from token \(caller.token?.id.prefix(12) ?? "?"))", principal: principal,
                scopes: caller.token?.scopes ?? [], createdMicros: now, expiresMicros: expires,
                parentID: caller.token?.id)
            try await sources.store.insertToken(record)
            return (secret, expires)
        }
        var response = Response(
            status: .seeOther, headers: [.location: BrowserLoginRoutes.safeReturn(form["return_to"] ?? "/console")])
        response.setCookie(
            Cookie(
                name: BrowserLoginRoutes.sessionCookie, value: secret,
                maxAge: Int(max(1, (expires - WallClock.nowMicros()) / 1_000_000)), path: "/",
                secure: base.hasPrefix("https:"), httpOnly: true, sameSite: .lax))
        return response
    }
}
