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

    /// The person the provider's tokens prove: the ID token verified (with `nonce` when the
    /// flow sent one), completed from UserInfo when it lacks groups or email.
    func person(from tokens: OIDCTokenResponse, nonce: String?) async throws -> VerifiedIDToken {
        let (metadata, verifier) = try await provider()
        guard let idToken = tokens.idToken else {
            throw GatehouseError(.unauthenticated, "the identity provider returned no ID token")
        }
        var verified = try await verifier.verify(idToken, nonce: nonce)
        if verified.groups.isEmpty || verified.email == nil {
            let info = try await client.userinfo(
                accessToken: tokens.accessToken, subject: verified.subject, metadata: metadata)
            if verified.groups.isEmpty { verified.groups = info.groups }
            if verified.email == nil { verified.email = info.email }
        }
        return verified
    }
}
