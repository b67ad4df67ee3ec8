import AsyncHTTPClient
import Foundation
import GatehouseCore
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// One registry session: sends requests to a registry, answering `401` challenges once per
/// request (basic credentials, or a bearer token fetched from the challenge's realm).
///
/// The `Authorization` header is only sent to the registry's own host, never to another host a
/// `Location` header points at, and credentials never appear in error messages.
actor RegistryClient {
    let http: HTTPClient
    let host: String
    let scheme: String
    let credentials: RegistryCredentials?
    let plainHTTP: Bool
    let timeout: TimeAmount
    private var authorization: String?

    init(http: HTTPClient, host: String, credentials: RegistryCredentials?, plainHTTP: Bool, timeout: TimeAmount) {
        self.http = http
        self.host = host
        self.scheme = plainHTTP ? "http" : "https"
        self.credentials = credentials
        self.plainHTTP = plainHTTP
        self.timeout = timeout
    }

    /// `scheme://host`.
    nonisolated var base: String { "\(scheme)://\(host)" }

    /// Sends a request built by `make` (called again for the retry after a challenge) and
    /// returns the response; `step` names the request in errors.
    func send(
        _ step: String, method: HTTPMethod, url: String, headers: HTTPHeaders = [:], timeout: TimeAmount? = nil,
        body: @Sendable () -> HTTPClientRequest.Body? = { nil }
    ) async throws(GatehouseError) -> HTTPClientResponse {
        var challenged = false
        while true {
            var request = HTTPClientRequest(url: url)
            request.method = method
            request.headers = headers
            if let authorization, Self.host(of: url) == host.lowercased() {
                request.headers.replaceOrAdd(name: "Authorization", value: authorization)
            }
            request.body = body()
            let response: HTTPClientResponse
            do {
                response = try await http.execute(request, timeout: timeout ?? self.timeout)
            } catch {
                throw GatehouseError(.upstreamFailed, "\(step): cannot reach the registry \(host): \(error)")
            }
            guard response.status == .unauthorized, !challenged else { return response }
            let header = response.headers.first(name: "WWW-Authenticate")
            _ = await Self.collect(response, limit: 64 << 10)
            guard let header, let challenge = AuthChallenge(header) else {
                throw GatehouseError(.unauthenticated, "\(step): the registry \(host) answered 401 with no challenge")
            }
            try await answer(challenge, step: step)
            challenged = true
        }
    }

    /// Sets ``authorization`` for `challenge`.
    private func answer(_ challenge: AuthChallenge, step: String) async throws(GatehouseError) {
        switch challenge.scheme {
        case "basic":
            guard let credentials else {
                throw GatehouseError(
                    .unauthenticated, "\(step): the registry \(host) wants credentials; none were given")
            }
            authorization = credentials.basicAuthorization
        case "bearer":
            authorization = "Bearer " + (try await fetchToken(challenge, step: step))
        default:
            throw GatehouseError(
                .unauthenticated, "\(step): the registry \(host) wants unsupported authentication \(challenge.scheme)")
        }
    }

    /// Gets a bearer token from the challenge's realm, with basic credentials when given.
    private func fetchToken(_ challenge: AuthChallenge, step: String) async throws(GatehouseError) -> String {
        guard let realm = challenge.parameters["realm"], var components = URLComponents(string: realm),
            components.scheme == "https" || (plainHTTP && components.scheme == "http"), components.host != nil
        else {
            throw GatehouseError(
                .unauthenticated, "\(step): the registry \(host) sent a bearer challenge with a bad realm")
        }
        var query = components.queryItems ?? []
        if let service = challenge.parameters["service"] { query.append(URLQueryItem(name: "service", value: service)) }
        if let scope = challenge.parameters["scope"] { query.append(URLQueryItem(name: "scope", value: scope)) }
        components.queryItems = query.isEmpty ? nil : query
        guard let url = components.string else {
            throw GatehouseError(.unauthenticated, "\(step): cannot build the token request for \(host)")
        }
        var request = HTTPClientRequest(url: url)
        if let credentials { request.headers.add(name: "Authorization", value: credentials.basicAuthorization) }
        let tokenStep = "\(step): getting a token from \(components.host ?? "the realm")"
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: timeout)
        } catch {
            throw GatehouseError(.upstreamFailed, "\(tokenStep): \(error)")
        }
        let body = await Self.collect(response, limit: 1 << 20)
        guard response.status == .ok, let body else {
            let code: GatehouseError.Code = response.status == .unauthorized ? .unauthenticated : .upstreamFailed
            throw GatehouseError(code, "\(tokenStep): answered \(response.status.code)")
        }
        struct TokenResponse: Decodable {
            var token: String?
            var access_token: String?
        }
        guard let decoded = try? JSONDecoder().decode(TokenResponse.self, from: Data(buffer: body)),
            let token = decoded.token ?? decoded.access_token, !token.isEmpty
        else { throw GatehouseError(.upstreamFailed, "\(tokenStep): the answer holds no token") }
        return token
    }
}
