import Foundation
import GatehouseCore
import GatehouseStore
import HTTPTypes
import Hummingbird

/// The web console at `/console`: server-rendered pages for people signed in through the
/// browser flow (the `gh_session` cookie).
///
/// Each page is the action `console.view` on the page's name, decided by the policy and
/// recorded like any other request, so an admin-only page is refused on the server whatever
/// the browser asks for. Forms change state through the same actions as the API (a token is
/// revoked as `token.revoke`), after a CSRF check.
struct ConsoleRoutes: Sendable {
    let spine: Spine
    let sources: ConsoleSources
    let csrf: ConsoleCSRF
    let renderer = ConsoleRenderer()

    /// The pages, in the navigation's order: name (the `console.view` resource) and label.
    static let pages: [(name: String, label: String)] = [
        ("home", "You"), ("overview", "Overview"), ("audit", "Audit trail"), ("people", "People"),
        ("spend", "Spend"), ("mcp", "MCP"), ("sandboxes", "Sandboxes"), ("images", "Images"), ("policy", "Policy"),
    ]

    /// What a page shows: its template and the values it is rendered with.
    struct View {
        let template: String
        let model: Any
        var status: HTTPResponse.Status = .ok
    }

    /// One signed-in request to a page.
    struct Visit: Sendable {
        let caller: Caller
        let session: String
        let query: [String: String]
        let traceID: String
        /// The CSRF token for this page's forms.
        let csrf: String
    }

    func register(on router: Router<some RequestContext>) {
        ConsoleAssets.register(on: router)
        router.get("/console") { request, _ in await show(request, "home") { try await HomePage(sources).view($0) } }
        router.get("/console/overview") { request, _ in
            await show(request, "overview") { try await OverviewPage(sources).view($0) }
        }
        router.get("/console/audit") { request, _ in
            await show(request, "audit") { try await AuditTrailPage(sources, spine: spine).view($0) }
        }
        router.get("/console/audit/export") { request, _ in await exportAudit(request) }
        router.get("/console/people") { request, _ in
            await show(request, "people") { try await PeoplePage(sources).view($0) }
        }
        router.get("/console/spend") { request, _ in
            await show(request, "spend") { try await SpendPage(sources).view($0) }
        }
        router.get("/console/mcp") { request, _ in await show(request, "mcp") { try await MCPPage(sources).view($0) } }
        router.get("/console/sandboxes") { request, _ in
            await show(request, "sandboxes") { try await SandboxesPage(sources).view($0) }
        }
        router.get("/console/images") { request, _ in
            await show(request, "images") { try await ImagesPage(sources).view($0) }
        }
        router.get("/console/images/{digest}") { request, context in
            let digest = context.parameters.get("digest") ?? ""
            return await show(request, "images") { try await ImagesPage(sources).detail(digest, $0) }
        }
        router.get("/console/policy") { request, _ in
            await show(request, "policy") { try await PolicyPage(sources).view($0) }
        }
        registerForms(on: router)
    }

    /// Runs a page for a signed-in person: decided as `console.view` on `page`, recorded, and
    /// rendered; someone not signed in is sent to sign in and comes back here.
    func show(_ request: Request, _ page: String, build: (Visit) async throws -> View) async -> Response {
        guard let session = request.cookies[BrowserLoginRoutes.sessionCookie]?.value, !session.isEmpty else {
            return signInRedirect(request)
        }
        let spineRequest = Spine.Request(
            authorization: nil, sessionCookie: session, traceparent: request.headers[HTTPField.Name("traceparent")!],
            action: Action(.consoleView, resource: page))
        let traceID = TraceID.from(traceparent: spineRequest.traceparent) ?? TraceID.random()
        do {
            return try await spine.handle(spineRequest) { caller, _ in
                let visit = Visit(
                    caller: caller, session: session, query: Self.query(request), traceID: traceID,
                    csrf: csrf.token(session: session))
                let view = try await build(visit)
                return renderer.page(
                    view.template, model: view.model, frame: frame(caller, page: page, session: session),
                    status: view.status)
            }
        } catch {
            return await failure(error, request, page: page, session: session)
        }
    }

    /// The layout's values for `caller` on `page`. The navigation lists the pages the policy
    /// would show them; hiding a link is a courtesy, the page itself is decided on request.
    func frame(_ caller: Caller?, page: String, session: String?) -> ConsoleRenderer.Frame {
        let policy = spine.config.policy
        let nav = Self.pages.compactMap { entry -> ConsoleRenderer.NavItem? in
            guard let caller,
                policy.decide(caller.principal, Action(.consoleView, resource: entry.name), scopes: caller.scopes)
                    .isAllowed
            else { return nil }
            return ConsoleRenderer.NavItem(name: entry.name, label: entry.label, current: entry.name == page)
        }
        let label = Self.pages.first { $0.name == page }?.label ?? "Console"
        return ConsoleRenderer.Frame(
            title: label, page: page,
            person: caller.map { $0.principal.displayName ?? $0.principal.subject } ?? "",
            csrf: session.map { csrf.token(session: $0) } ?? "", nav: nav)
    }

    /// Where someone not signed in goes: the identity provider when one is configured, else the
    /// console's token sign-in; either way back to the page asked for.
    func signInRedirect(_ request: Request) -> Response {
        let back = BrowserLoginRoutes.safeReturn(request.uri.path + (request.uri.query.map { "?" + $0 } ?? ""))
        let encoded = back.addingPercentEncoding(
            withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "/-_.")))
        let target = sources.browserSignIn ? "/auth/login" : "/console/signin"
        var response = Response(status: .seeOther, headers: [.location: "\(target)?return_to=\(encoded ?? "/console")"])
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// An error as a console page: sign in again when the session is gone, else the status and
    /// the caller-safe message of the one mapping every route shares.
    func failure(_ error: any Error, _ request: Request, page: String, session: String?) async -> Response {
        if let error = error as? GatehouseError, error.code == .unauthenticated {
            var response = signInRedirect(request)
            response.setCookie(
                Cookie(
                    name: BrowserLoginRoutes.sessionCookie, value: "", maxAge: 0, path: "/", httpOnly: true,
                    sameSite: .lax))
            return response
        }
        let (status, shown) = ErrorMiddleware<BasicRequestContext>.public(error, logger: spine.logger)
        let model = ErrorModel(status: Int(status.code), reason: status.reasonPhrase, message: shown.message)
        // The page around the error still shows who is signed in and where they may go (a
        // lookup for display only; the refusal was decided and recorded already).
        var caller: Caller?
        if let session {
            caller = try? await spine.authenticator.authenticate(
                authorization: "Bearer " + session, nowMicros: WallClock.nowMicros())
        }
        return renderer.page("error", model: model, frame: frame(caller, page: page, session: session), status: status)
    }

    struct ErrorModel {
        let status: Int
        let reason: String
        let message: String
    }

    /// The query string as single values (the first of repeated names), each at most 512
    /// bytes.
    static func query(_ request: Request) -> [String: String] {
        var values: [String: String] = [:]
        for (name, value) in request.uri.queryParameters where values[String(name)] == nil {
            values[String(name)] = String(value.prefix(512))
        }
        return values
    }
}
