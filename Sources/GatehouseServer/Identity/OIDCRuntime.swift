import GatehouseCore
import GatehouseIdentity

/// The configured OpenID provider, discovered on first use and kept: its metadata and an
/// ID-token verifier with its key cache. A failed discovery is retried on the next use.
actor OIDCRuntime {
    let client: OIDCClient
    private var cached: (OIDCProviderMetadata, IDTokenVerifier)?

    init(client: OIDCClient) { self.client = client }

    func provider() async throws -> (metadata: OIDCProviderMetadata, verifier: IDTokenVerifier) {
        if let cached { return cached }
        let metadata = try await client.discover()
        let verifier = IDTokenVerifier(
            issuer: client.config.issuer, clientID: client.config.clientID, groupsClaim: client.config.groupsClaim,
            source: client.jwksSource(metadata.jwksURI))
        cached = (metadata, verifier)
        return (metadata, verifier)
    }
}
