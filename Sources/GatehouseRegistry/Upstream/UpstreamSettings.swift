import Foundation

/// How Gatehouse reaches one upstream registry: the scheme (HTTPS unless configured
/// otherwise, for a registry on a private network) and the credentials it presents when
/// challenged, resolved from the secret store. Credentials are never logged or audited.
public struct UpstreamSettings: Sendable, Hashable {
    /// `https` or `http`.
    public var scheme: String
    /// Basic credentials for the registry or its token service; nil: anonymous.
    public var username: String?
    /// The password or token, resolved.
    public var password: String?

    /// Anonymous over HTTPS.
    public static let anonymous = UpstreamSettings(scheme: "https")

    /// Creates settings.
    public init(scheme: String, username: String? = nil, password: String? = nil) {
        self.scheme = scheme
        self.username = username
        self.password = password
    }

    /// `Basic base64(user:password)`, when there are credentials.
    var basicAuthorization: String? {
        guard let username, let password else { return nil }
        return "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
    }
}
