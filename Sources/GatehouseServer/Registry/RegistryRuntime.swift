import AsyncHTTPClient
import GatehouseCore
import GatehouseRegistry
import GatehouseStore
import ServiceLifecycle

/// The registry proxy's long-lived parts: its HTTP client (shut down with the service group)
/// and its cache, built from the configuration.
struct RegistryRuntime: Service {
    let http: HTTPClient
    let proxy: RegistryProxy

    /// Builds the proxy; upstream settings and credentials are read from the configuration in
    /// force at each request (so a reload applies), credentials from the secret store. Loopback,
    /// private and link-local address literals are reached only when an upstream entry names
    /// them, so the proxy is no way into the internal network.
    init(config: ConfigHolder, secrets: SecretResolver, dataDir: String) throws {
        let initial = config.loaded.config.registry
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        let client = UpstreamClient(http: http) { registry in
            guard let upstream = config.loaded.config.registry.upstream(for: registry) else {
                // Not a way into the internal network: internal addresses need an explicit entry.
                return UpstreamSettings.isInternal(registry)
                    ? .refused("\(registry) is an internal address; only a registry.upstreams entry may name it")
                    : .anonymous
            }
            return UpstreamSettings(
                scheme: upstream.plainHTTP ? "http" : "https", username: upstream.username,
                password: upstream.password.flatMap { try? secrets.resolve($0) })
        }
        let store = try BlobStore(root: initial.cacheDir ?? dataDir + "/registry", maxBytes: initial.cacheMaxBytes)
        proxy = RegistryProxy(client: client, store: store, tagTTLSeconds: initial.tagTTLSeconds)
    }

    func run() async throws {
        try? await gracefulShutdown()
        try await http.shutdown()
    }
}
