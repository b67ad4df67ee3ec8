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
    /// Why Gatehouse will not contact this registry at all, when it will not.
    public var refusal: String?

    /// Anonymous over HTTPS.
    public static let anonymous = UpstreamSettings(scheme: "https")

    /// Creates settings.
    public init(scheme: String, username: String? = nil, password: String? = nil) {
        self.scheme = scheme
        self.username = username
        self.password = password
    }

    /// Settings that refuse every request to the registry, with `reason`.
    public static func refused(_ reason: String) -> UpstreamSettings {
        var settings = UpstreamSettings(scheme: "https")
        settings.refusal = reason
        return settings
    }

    /// Whether `registry` (`host[:port]`) names a loopback, private, link-local or otherwise
    /// internal address literal (or `localhost`), which only an explicit upstream entry may reach.
    public static func isInternal(_ registry: String) -> Bool {
        var host = registry
        if let colon = host.lastIndex(of: ":") { host = String(host[..<colon]) }
        if host == "localhost" || host.hasSuffix(".localhost") { return true }
        let parts = host.split(separator: ".").compactMap { UInt8($0) }
        guard parts.count == 4, host.split(separator: ".").count == 4 else { return false }
        switch (parts[0], parts[1]) {
        case (0, _), (10, _), (127, _), (169, 254), (192, 168), (100, 64...127), (198, 18...19): return true
        case (172, 16...31): return true
        default: return parts[0] >= 224
        }
    }

    /// `Basic base64(user:password)`, when there are credentials.
    var basicAuthorization: String? {
        guard let username, let password else { return nil }
        return "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
    }
}
