public import AsyncHTTPClient
public import Foundation
import GatehouseCore
public import NIOCore
public import NIOHTTP1

/// Talks to upstream registries (distribution spec 1.1): anonymous, basic, or the bearer token
/// flow when challenged, with each registry's settings. Redirects (blob storage on another
/// host) are followed by hand, and credentials never follow a redirect to another host.
public struct UpstreamClient: Sendable {
    let http: HTTPClient
    let settings: @Sendable (String) -> UpstreamSettings
    let tokens = TokenCache()

    /// Largest manifest accepted (the OCI spec's 4 MiB).
    public static let maxManifestBytes = 4 << 20
    /// Largest tag list or referrers index accepted.
    public static let maxListBytes = 8 << 20
    /// Largest token response accepted.
    static let maxTokenBytes = 64 << 10

    /// A client over `http` (which must not follow redirects itself), with per-registry settings.
    public init(http: HTTPClient, settings: @escaping @Sendable (String) -> UpstreamSettings) {
        self.http = http
        self.settings = settings
    }

    /// A response whose body is still to be read.
    public struct Response: Sendable {
        public let status: Int
        public let headers: HTTPHeaders
        public let body: HTTPClientResponse.Body
    }

    /// Sends `method` to `/v2/<repository>/<path>` of the repository's registry, authenticating
    /// as challenged and following redirects.
    public func send(
        _ method: HTTPMethod, _ repository: Repository, _ path: String, headers: [(String, String)] = [],
        body: Data? = nil, push: Bool = false, timeout: TimeAmount = .seconds(60)
    ) async throws -> Response {
        let upstream = settings(repository.registry)
        return try await send(
            method, url: "\(upstream.scheme)://\(repository.endpoint)/v2/\(repository.path)/\(path)", repository,
            headers: headers, body: body, push: push, timeout: timeout)
    }

    /// Sends `method` to `url` (on the repository's registry, such as an upload location);
    /// `push` asks the token service for `pull,push` rather than `pull`.
    public func send(
        _ method: HTTPMethod, url start: String, _ repository: Repository, headers: [(String, String)] = [],
        body: Data? = nil, push: Bool = false, timeout: TimeAmount = .seconds(60)
    ) async throws -> Response {
        let upstream = settings(repository.registry)
        if let refusal = upstream.refusal { throw GatehouseError(.forbidden, refusal) }
        let base = "\(upstream.scheme)://\(repository.endpoint)"
        var url = start
        let scope = "repository:\(repository.path):" + (push ? "pull,push" : "pull")
        var authorization = await cachedAuthorization(repository.registry, scope: scope)
        var challenged = false
        for _ in 0..<6 {
            var request = HTTPClientRequest(url: url)
            request.method = method
            for (name, value) in headers { request.headers.add(name: name, value: value) }
            if let traceparent = OutgoingTrace.traceparent {
                request.headers.add(name: "traceparent", value: traceparent)
            }
            if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
            let sameHost = URL(string: url)?.host == URL(string: base)?.host
            if let authorization, sameHost { request.headers.replaceOrAdd(name: "Authorization", value: authorization) }
            let response: HTTPClientResponse
            do {
                response = try await http.execute(request, timeout: timeout)
            } catch {
                throw GatehouseError(.ociUpstreamFailed, "cannot reach \(repository.registry): \(Self.describe(error))")
            }
            let status = Int(response.status.code)
            if status == 401, !challenged, sameHost,
                let header = response.headers.first(name: "WWW-Authenticate"),
                let challenge = AuthChallenge(header: header)
            {
                challenged = true
                _ = try? await response.body.collect(upTo: 64 << 10)
                authorization = try await answer(
                    challenge, registry: repository.registry, scope: scope, upstream: upstream)
                continue
            }
            if [301, 302, 303, 307, 308].contains(status), let location = response.headers.first(name: "Location") {
                _ = try? await response.body.collect(upTo: 64 << 10)
                guard let next = URL(string: location, relativeTo: URL(string: url)), let scheme = next.scheme,
                    scheme == "https" || (scheme == "http" && upstream.scheme == "http")
                else {
                    throw GatehouseError(
                        .ociUpstreamFailed, "\(repository.registry) redirected to an unusable location")
                }
                url = next.absoluteString
                continue
            }
            return Response(status: status, headers: response.headers, body: response.body)
        }
        throw GatehouseError(.ociUpstreamFailed, "\(repository.registry) redirected or challenged too often")
    }

    /// Reads a whole body of at most `limit` bytes.
    public static func collect(_ response: Response, limit: Int, what: String) async throws -> Data {
        do {
            return Data(try await response.body.collect(upTo: limit).readableBytesView)
        } catch let error as NIOTooManyBytesError {
            _ = error
            throw GatehouseError(.ociManifestInvalid, "the upstream \(what) is larger than \(limit) bytes")
        } catch {
            throw GatehouseError(.ociUpstreamFailed, "the upstream \(what) was cut off: \(describe(error))")
        }
    }

    // MARK: Authentication

    private func cachedAuthorization(_ registry: String, scope: String) async -> String? {
        // Only a cached token: none is fetched before the registry challenges.
        await tokens.cached(registry + " " + scope, nowMicros: WallClock.nowMicros()).map { "Bearer " + $0 }
    }

    private func answer(
        _ challenge: AuthChallenge, registry: String, scope: String, upstream: UpstreamSettings
    ) async throws -> String {
        switch challenge.scheme {
        case .basic:
            guard let basic = upstream.basicAuthorization else {
                throw GatehouseError(.ociUpstreamFailed, "\(registry) wants credentials and none are configured")
            }
            return basic
        case .bearer:
            guard let realm = challenge.realm, var components = URLComponents(string: realm),
                let realmScheme = components.scheme,
                realmScheme == "https" || (realmScheme == "http" && upstream.scheme == "http")
            else {
                throw GatehouseError(.ociUpstreamFailed, "\(registry) sent a bearer challenge without a usable realm")
            }
            var items = components.queryItems ?? []
            if let service = challenge.parameters["service"] {
                items.append(URLQueryItem(name: "service", value: service))
            }
            items.append(URLQueryItem(name: "scope", value: challenge.parameters["scope"] ?? scope))
            components.queryItems = items
            guard let tokenURL = components.url?.absoluteString else {
                throw GatehouseError(.ociUpstreamFailed, "\(registry) sent an unusable token realm")
            }
            let key = registry + " " + scope
            await tokens.drop(key)
            let token = try await tokens.token(for: key, nowMicros: WallClock.nowMicros()) {
                try await fetchToken(tokenURL, registry: registry, basic: upstream.basicAuthorization)
            }
            return "Bearer " + token
        }
    }

    private func fetchToken(_ url: String, registry: String, basic: String?) async throws -> (String, Int) {
        var request = HTTPClientRequest(url: url)
        if let basic { request.headers.add(name: "Authorization", value: basic) }
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: .seconds(30))
        } catch {
            throw GatehouseError(
                .ociUpstreamFailed, "cannot reach the token service of \(registry): \(Self.describe(error))")
        }
        guard response.status == .ok else {
            throw GatehouseError(
                .ociUpstreamFailed, "the token service of \(registry) refused (HTTP \(response.status.code))")
        }
        let body = try await Self.collect(
            Response(status: 200, headers: response.headers, body: response.body), limit: Self.maxTokenBytes,
            what: "token response")
        struct TokenResponse: Decodable {
            let token: String?
            let accessToken: String?
            let expiresIn: Int?
            enum CodingKeys: String, CodingKey {
                case token
                case accessToken = "access_token"
                case expiresIn = "expires_in"
            }
        }
        guard let parsed = try? JSONDecoder().decode(TokenResponse.self, from: body),
            let token = parsed.token ?? parsed.accessToken, !token.isEmpty, token.utf8.count <= 16384,
            token.allSatisfy({ $0.isASCII && !$0.isWhitespace })
        else {
            throw GatehouseError(.ociUpstreamFailed, "the token service of \(registry) answered without a usable token")
        }
        return (token, min(max(parsed.expiresIn ?? 60, 10), 3600))
    }

    /// An error's description without anything that could carry a credential.
    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError { return "\(error)".prefix(120).description }
        return String(describing: type(of: error))
    }
}
