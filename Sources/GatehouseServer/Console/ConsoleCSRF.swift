import Crypto
import Foundation
import GatehouseCore
import HTTPTypes
import Hummingbird

/// Cross-site request forgery protection for the console's forms.
///
/// Every form carries a token bound to the browser's session: an HMAC of the session secret
/// under a server key, so it needs no storage, changes with each sign-in and cannot be made
/// without the cookie's value. A state-changing request must carry it, and, when the browser
/// says where the request came from (`Origin`, `Sec-Fetch-Site`), come from this site. The
/// session cookie is also `SameSite=Lax`; the token does not rely on that.
struct ConsoleCSRF: Sendable {
    let key: SymmetricKey

    /// A key derived from the server's secret for this purpose only.
    init(secret: [UInt8]) {
        key = SymmetricKey(
            data: HMAC<SHA256>.authenticationCode(
                for: Array("gatehouse console csrf".utf8), using: SymmetricKey(data: secret)))
    }

    /// The token for forms shown to the holder of `session`.
    func token(session: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array(session.utf8), using: key)
        return Data(code).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Throws `forbidden` unless `presented` is this session's token and the request did not
    /// come from another site.
    func check(_ request: Request, session: String, presented: String?, base: String) throws {
        try Self.checkOrigin(request, base: base)
        guard let presented, BrowserLoginRoutes.constantTimeEqual(presented, token(session: session)) else {
            throw GatehouseError(.forbidden, "the form's CSRF token is missing or out of date; reload the page")
        }
    }

    /// Throws `forbidden` when the browser says the request came from another site or origin.
    static func checkOrigin(_ request: Request, base: String) throws {
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!], site != "same-origin", site != "none" {
            throw GatehouseError(.forbidden, "the form was sent from another site (Sec-Fetch-Site: \(site.prefix(20)))")
        }
        if let origin = request.headers[HTTPField.Name("Origin")!], origin != "null", origin != base {
            throw GatehouseError(.forbidden, "the form was sent from another origin (\(origin.prefix(80)))")
        }
    }
}
