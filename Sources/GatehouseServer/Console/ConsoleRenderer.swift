import GatehouseCore
import HTTPTypes
import Hummingbird
import Mustache

/// Renders console pages: a page's own template inside the shared layout, as HTML with the
/// headers every console response carries (no caching, a strict content security policy, no
/// framing).
struct ConsoleRenderer: Sendable {
    let library: MustacheLibrary

    /// The templates, parsed once; a template that does not parse is a programming error caught
    /// by the tests.
    init() {
        var library = MustacheLibrary()
        for (name, text) in ConsoleTemplates.all {
            do {
                try library.register(text, named: name)
            } catch {
                preconditionFailure("console template \(name) does not parse: \(error)")
            }
        }
        self.library = library
    }

    /// Whether a template of this name was parsed.
    func has(template name: String) -> Bool { library.getTemplate(named: name) != nil }

    /// What the layout needs besides the page's own content.
    struct Frame {
        let title: String
        let page: String
        let person: String
        let csrf: String
        let nav: [NavItem]
    }

    /// One entry of the navigation bar.
    struct NavItem {
        let name: String
        let label: String
        let current: Bool
        /// Mustache sees stored properties only, so this is one.
        let isHome: Bool

        init(name: String, label: String, current: Bool) {
            self.name = name
            self.label = label
            self.current = current
            self.isHome = name == "home"
        }
    }

    /// The page `template` rendered with `model`, inside the layout.
    func page(
        _ template: String, model: Any, frame: Frame, status: HTTPResponse.Status = .ok
    ) -> Response {
        let content = library.render(model, withTemplate: template) ?? ""
        let html =
            library.render(
                LayoutModel(frame: frame, content: content, signedIn: !frame.person.isEmpty), withTemplate: "layout")
            ?? ""
        return Self.html(html, status: status)
    }

    struct LayoutModel {
        let frame: Frame
        let content: String
        let signedIn: Bool
    }

    /// An HTML response with the console's security headers.
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("Content-Security-Policy")!] =
            "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        return Response(status: status, headers: headers, body: .init(byteBuffer: .init(string: text)))
    }
}
