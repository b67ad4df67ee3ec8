import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// A console visitor over the test client: signs in with an access token, keeps the session
/// cookie, and reads the CSRF token from the pages it gets.
struct ConsoleSession {
    let client: any TestClientProtocol
    var cookie: String?

    /// The response's status, headers and body as text.
    struct Page {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: String

        /// The CSRF token of the page's first form.
        var csrf: String? {
            guard let range = body.range(of: #"name="csrf" value=""#) else { return nil }
            return String(body[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    /// Signs in at `/console/signin` with `token`; the session cookie is kept.
    static func signIn(_ client: any TestClientProtocol, token: String) async throws -> (ConsoleSession, Page) {
        var session = ConsoleSession(client: client, cookie: nil)
        let page = try await session.post("/console/signin", form: ["token": token, "return_to": "/console"])
        if let header = page.headers[values: .setCookie].first(where: { $0.hasPrefix("gh_session=") }) {
            session.cookie = String(header.dropFirst("gh_session=".count).prefix { $0 != ";" })
        }
        return (session, page)
    }

    func get(_ path: String) async throws -> Page {
        var headers = HTTPFields()
        if let cookie { headers[.cookie] = "gh_session=\(cookie)" }
        let response = try await client.execute(uri: path, method: .get, headers: headers)
        return Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }

    func post(_ path: String, form: [String: String], headers extra: HTTPFields = [:]) async throws -> Page {
        var headers = extra
        headers[.contentType] = "application/x-www-form-urlencoded"
        if let cookie { headers[.cookie] = "gh_session=\(cookie)" }
        let body = form.sorted { $0.key < $1.key }.map { key, value in
            key + "=" + (value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        }.joined(separator: "&")
        let response = try await client.execute(
            uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
        return Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }
}
