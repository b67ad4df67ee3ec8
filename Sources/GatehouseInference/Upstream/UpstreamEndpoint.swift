/// Where an OpenAI-compatible API answers: a remote upstream from the configuration, or a local
/// engine's loopback port. The key, when there is one, is only ever sent to that URL.
public struct UpstreamEndpoint: Sendable, Hashable {
    /// The name in errors and the audit trail (`openai`, `local/ai/smollm2:latest`).
    public var name: String
    /// The API's base, up to and including `/v1`, without a trailing slash.
    public var baseURL: String
    /// The bearer key; never logged, never shown, never sent anywhere else.
    public var apiKey: String?
    /// How long one request may take in all (a streamed answer included).
    public var timeout: Duration
    /// Whether failures are the local engine's (`engine_unavailable`) rather than a remote's.
    public var isLocal: Bool

    /// An endpoint.
    public init(name: String, baseURL: String, apiKey: String? = nil, timeout: Duration = .seconds(600), isLocal: Bool)
    {
        self.name = name
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.apiKey = apiKey
        self.timeout = timeout
        self.isLocal = isLocal
    }
}
