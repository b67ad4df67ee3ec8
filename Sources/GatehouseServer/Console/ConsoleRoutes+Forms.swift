import Foundation
import GatehouseCore
import GatehouseStore
import HTTPTypes
import Hummingbird

/// The console's state-changing forms. Each one is checked for CSRF, then decided and recorded
/// as the same action the API uses, so the console can do nothing the policy would refuse a
/// CLI.
extension ConsoleRoutes {
    func registerForms(on router: Router<some RequestContext>) {
        router.post("/console/tokens") { request, _ in
            await submit(request, .tokenCreate, resource: { _, _ in "self" }) { form, visit in
                let create = try TokenCreateRequest.validated(
                    name: form["name"] ?? "",
                    ttl: form["ttl"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultTTL(visit.caller),
                    scopes: (form["scopes"] ?? "").split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init))
                let (secret, record) = try TokenIssuer.issue(
                    create, for: visit.caller, nowMicros: WallClock.nowMicros())
                try await sources.store.insertToken(record)
                let view = try await HomePage(sources).view(visit, created: (record, secret))
                return renderer.page(
                    view.template, model: view.model, frame: frame(visit.caller, page: "home", session: visit.session),
                    status: .created)
            }
        }
        router.post("/console/tokens/{id}/revoke") { request, context in
            let id = String((context.parameters.get("id") ?? "").prefix(64))
            return await submit(request, .tokenRevoke, resource: { caller, _ in try await revokeResource(id, caller) })
            {
                form, _ in
                if let record = try await sources.store.token(id: id), record.revokedMicros == nil {
                    _ = try await sources.store.revokeToken(id: id, atMicros: WallClock.nowMicros())
                }
                return Response(
                    status: .seeOther,
                    headers: [.location: BrowserLoginRoutes.safeReturn(form["return_to"] ?? "/console")])
            }
        }
        registerSignIn(on: router)
    }

    /// A new token's lifetime when the form leaves it empty: a day, or what is left of the
    /// session it is made from when that is less (a token never outlives its maker's).
    static func defaultTTL(_ caller: Caller) -> String {
        guard let expires = caller.token?.expiresMicros else { return "24h" }
        let minutes = (expires - WallClock.nowMicros()) / 60_000_000
        return minutes >= 1_440 ? "24h" : "\(max(1, minutes))m"
    }

    /// A token is revoked as `token.revoke` on `self` when it is the caller's, else on
    /// `user:ISSUER#SUBJECT` (an administrator's act); a token nobody has is `not_found`.
    func revokeResource(_ id: String, _ caller: Caller) async throws -> String {
        guard let record = try await sources.store.token(id: id) else {
            throw GatehouseError(.notFound, "no token \(id.prefix(40))")
        }
        return record.principal.key == caller.principal.key ? "self" : "user:\(record.principal.key)"
    }

    /// Runs a form for a signed-in person: the session identified (a stale one is recorded and
    /// sent to sign in), the CSRF token and origin checked (a failure is recorded as a denial by
    /// the rule `csrf`), then `kind` on `resource` decided, performed and recorded.
    func submit(
        _ request: Request, _ kind: ActionKind, resource: (Caller, ConsoleForm) async throws -> String,
        perform: (ConsoleForm, Visit) async throws -> Response
    ) async -> Response {
        guard let session = request.cookies[BrowserLoginRoutes.sessionCookie]?.value, !session.isEmpty else {
            return signInRedirect(request)
        }
        let traceparent = request.headers[HTTPField.Name("traceparent")!]
        let traceID = TraceID.from(traceparent: traceparent) ?? TraceID.random()
        do {
            let caller = try await spine.identify(
                Spine.Request(
                    authorization: nil, sessionCookie: session, traceparent: traceparent,
                    action: Action(kind, resource: "console")), traceID: traceID)
            let form = try await ConsoleForm.read(request)
            let named = try await resource(caller, form)
            do {
                let base = try PublicURL.base(request, config: spine.config.loaded.config)
                try csrf.check(request, session: session, presented: form["csrf"], base: base)
            } catch let error as GatehouseError {
                try await spine.refuse(
                    caller.principal, action: kind, resource: named, reason: error.message, rule: "csrf",
                    traceID: traceID)
                throw error
            }
            var spineRequest = Spine.Request(
                authorization: nil, sessionCookie: session, traceparent: traceparent,
                action: Action(kind, resource: named))
            spineRequest.payload = PayloadDigest(parameters: form.fields.filter { $0.key != "csrf" })
            return try await spine.authorize(caller, spineRequest, traceID: traceID) { caller, _ in
                try await perform(
                    form,
                    Visit(
                        caller: caller, session: session, query: [:], traceID: traceID,
                        csrf: csrf.token(session: session)))
            }
        } catch {
            return await failure(error, request, page: "home", session: session)
        }
    }
}
