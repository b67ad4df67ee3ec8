public import AsyncHTTPClient
import Foundation
public import GatehouseCore
import NIOCore
import NIOHTTP1

/// Gatehouse's side of the OpenID provider: discovery, keys, code exchange and the device
/// grant. Every response is size-capped and strictly decoded; failures are
/// ``GatehouseError/Code/unavailable`` errors naming the step, never the secret.
public struct OIDCClient: Sendable {
    /// The relying party's registration.
    public let config: OIDCConfig
    /// The client secret, resolved from its reference.
    let clientSecret: String?
    let http: HTTPClient
    /// Largest response accepted from the provider.
    static let maxResponse = 1 << 20

    /// Creates a client using `http` (shared; its owner shuts it down).
    public init(config: OIDCConfig, clientSecret: String?, http: HTTPClient = .shared) {
        self.config = config
        self.clientSecret = clientSecret
        self.http = http
    }

    /// Fetches and checks the discovery document: its issuer must equal the configured one.
    public func discover() async throws -> OIDCProviderMetadata {
        let base = config.issuer.hasSuffix("/") ? String(config.issuer.dropLast()) : config.issuer
        let data = try await get(base + "/.well-known/openid-configuration", step: "discovery")
        guard let metadata = try? JSONDecoder().decode(OIDCProviderMetadata.self, from: data) else {
            throw GatehouseError(.unavailable, "the identity provider's discovery document is not valid")
        }
        guard metadata.issuer == config.issuer else {
            throw GatehouseError(
                .unavailable, "the provider says its issuer is \(metadata.issuer.prefix(200)), not \(config.issuer)")
        }
        return metadata
    }

    /// The JWKS at `url` as a ``JWKSSource``.
    public func jwksSource(_ url: String) -> any JWKSSource { HTTPJWKSSource(client: self, url: url) }

    /// Exchanges an authorization code (with its PKCE verifier) for tokens.
    public func exchange(code: String, verifier: String, redirectURI: String, metadata: OIDCProviderMetadata)
        async throws -> OIDCTokenResponse
    {
        try await tokenRequest(
            metadata.tokenEndpoint,
            form: [
                ("grant_type", "authorization_code"), ("code", code), ("code_verifier", verifier),
                ("redirect_uri", redirectURI),
            ], step: "code exchange", refusal: "the identity provider refused the sign-in code")
    }

    /// Starts the device grant (RFC 8628).
    public func startDeviceAuthorization(metadata: OIDCProviderMetadata) async throws -> DeviceAuthorization {
        guard let endpoint = metadata.deviceAuthorizationEndpoint else {
            throw GatehouseError(.unavailable, "the identity provider does not support the device grant")
        }
        let data = try await post(
            endpoint, form: clientForm([("scope", config.scopes.joined(separator: " "))]), step: "device authorization")
        guard let authorization = try? JSONDecoder().decode(DeviceAuthorization.self, from: data) else {
            throw GatehouseError(.unavailable, "the identity provider's device authorization response is not valid")
        }
        return authorization
    }

    /// Polls once for the device grant's tokens; `.pending` and `.slowDown` mean ask again later.
    public func pollDevice(_ authorization: DeviceAuthorization, metadata: OIDCProviderMetadata) async throws
        -> DevicePoll
    {
        try await pollDevice(deviceCode: authorization.deviceCode, metadata: metadata)
    }

    /// Polls once for the tokens of the device grant with `deviceCode`.
    public func pollDevice(deviceCode: String, metadata: OIDCProviderMetadata) async throws -> DevicePoll {
        do {
            return .tokens(
                try await tokenRequest(
                    metadata.tokenEndpoint,
                    form: [
                        ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
                        ("device_code", deviceCode),
                    ], step: "device token", refusal: nil))
        } catch let error as OAuthError {
            switch error.code {
            case "authorization_pending": return .pending
            case "slow_down": return .slowDown
            case "access_denied": return .denied
            case "expired_token": return .expired
            default: throw GatehouseError(.unauthenticated, "the identity provider refused: \(error.code)")
            }
        }
    }

    /// The UserInfo claims for `accessToken` (OIDC Core §5.3): used when the ID token lacks the
    /// email or groups claims (a device grant carries no `claims` request). The `sub` must be
    /// the ID token's, or the answer is refused.
    public func userinfo(accessToken: String, subject: String, metadata: OIDCProviderMetadata) async throws
        -> (email: String?, groups: [String])
    {
        guard let endpoint = metadata.userinfoEndpoint else { return (nil, []) }
        let data = try await get(endpoint, step: "userinfo", authorization: "Bearer " + accessToken)
        guard let claims = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            claims["sub"] as? String == subject
        else { throw GatehouseError(.unauthenticated, "the identity provider's userinfo is not for this person") }
        let groups = (claims[config.groupsClaim] as? [Any])?.compactMap { $0 as? String } ?? []
        return (claims["email"] as? String, groups)
    }

    // MARK: HTTP

    /// A token-endpoint call; an OAuth error becomes `refusal` (when given) naming its code.
    private func tokenRequest(_ endpoint: String, form: [(String, String)], step: String, refusal: String?)
        async throws -> OIDCTokenResponse
    {
        let data: Data
        do {
            data = try await post(endpoint, form: clientForm(form), step: step)
        } catch let error as OAuthError where refusal != nil {
            throw GatehouseError(.unauthenticated, "\(refusal ?? ""): \(error.code.prefix(40))")
        }
        guard let response = try? JSONDecoder().decode(OIDCTokenResponse.self, from: data) else {
            throw GatehouseError(.unavailable, "the identity provider's \(step) response is not valid")
        }
        return response
    }

    /// The form with `client_id`; the secret goes in the Basic header (`client_secret_basic`,
    /// the method every provider must support), never in the body.
    private func clientForm(_ form: [(String, String)]) -> [(String, String)] {
        form + [("client_id", config.clientID)]
    }

    /// `Basic base64(urlencode(id):urlencode(secret))` (RFC 6749 §2.3.1), for confidential clients.
    private var basicAuthorization: String? {
        guard let clientSecret else { return nil }
        let user = FormEncoding.component(config.clientID) + ":" + FormEncoding.component(clientSecret)
        return "Basic " + Data(user.utf8).base64EncodedString()
    }

    /// The URL to send a browser to: code flow with PKCE S256, state and nonce, asking for the
    /// email and groups claims in the ID token itself.
    public func authorizationURL(
        metadata: OIDCProviderMetadata, redirectURI: String, state: String, nonce: String, pkce: PKCE
    ) -> String {
        let claims = #"{"id_token":{"email":null,"email_verified":null,"\#(config.groupsClaim)":null}}"#
        let query = FormEncoding.encode([
            ("response_type", "code"), ("client_id", config.clientID), ("redirect_uri", redirectURI),
            ("scope", config.scopes.joined(separator: " ")), ("state", state), ("nonce", nonce),
            ("code_challenge", pkce.challenge), ("code_challenge_method", "S256"), ("claims", claims),
        ])
        let separator = metadata.authorizationEndpoint.contains("?") ? "&" : "?"
        return metadata.authorizationEndpoint + separator + query
    }

    func get(_ url: String, step: String, authorization: String? = nil) async throws -> Data {
        try await send(url, step: step, authorization: authorization)
    }

    private func post(_ url: String, form: [(String, String)], step: String) async throws -> Data {
        try await send(url, step: step, authorization: basicAuthorization, form: form)
    }

    /// One JSON request: GET, or POST of `form`; the answer capped and checked.
    private func send(_ url: String, step: String, authorization: String?, form: [(String, String)]? = nil)
        async throws -> Data
    {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "application/json")
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        if let form {
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: FormEncoding.encode(form)))
        }
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await http.execute(request, timeout: .seconds(10))
            body = try await response.body.collect(upTo: Self.maxResponse)
        } catch {
            throw GatehouseError(.unavailable, "the identity provider did not answer the \(step) request")
        }
        let data = Data(body.readableBytesView)
        guard (200..<300).contains(response.status.code) else {
            if let error = try? JSONDecoder().decode(OAuthError.self, from: data) { throw error }
            throw GatehouseError(
                .unavailable, "the identity provider answered the \(step) request with \(response.status.code)")
        }
        return data
    }
}

/// An OAuth error response (`{"error": "..."}`); its description is not trusted or shown.
struct OAuthError: Error, Decodable {
    let code: String
    enum CodingKeys: String, CodingKey { case code = "error" }
}

/// Tokens from the provider's token endpoint.
public struct OIDCTokenResponse: Decodable, Sendable {
    /// The ID token (present for the openid scope).
    public let idToken: String?
    /// The provider's access token (never passed on by Gatehouse).
    public let accessToken: String
    /// Token type, normally Bearer.
    public let tokenType: String?

    enum CodingKeys: String, CodingKey {
        case idToken = "id_token"
        case accessToken = "access_token"
        case tokenType = "token_type"
    }
}

/// The provider's answer to a device authorization request.
public struct DeviceAuthorization: Codable, Sendable, Hashable {
    /// The secret device code (kept by Gatehouse).
    public let deviceCode: String
    /// The code the person types.
    public let userCode: String
    /// Where the person goes.
    public let verificationURI: String
    /// The same with the code filled in, when offered.
    public let verificationURIComplete: String?
    /// Seconds until the codes expire.
    public let expiresIn: Int
    /// Minimum seconds between polls (default 5).
    public let interval: Int?

    enum CodingKeys: String, CodingKey {
        case deviceCode = "device_code"
        case userCode = "user_code"
        case verificationURI = "verification_uri"
        case verificationURIComplete = "verification_uri_complete"
        case expiresIn = "expires_in"
        case interval
    }
}

/// One poll of the device grant.
public enum DevicePoll: Sendable {
    case tokens(OIDCTokenResponse)
    case pending
    case slowDown
    case denied
    case expired
}

/// The provider's JWKS over HTTP(S).
struct HTTPJWKSSource: JWKSSource {
    let client: OIDCClient
    let url: String

    func fetchJWKS() async throws -> String {
        String(decoding: try await client.get(url, step: "JWKS"), as: UTF8.self)
    }
}

/// `application/x-www-form-urlencoded`.
enum FormEncoding {
    static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func encode(_ form: [(String, String)]) -> String {
        form.map { key, value in component(key) + "=" + component(value) }.joined(separator: "&")
    }

    static func component(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }
}
