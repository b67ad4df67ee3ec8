import Foundation
import GatehouseCore
import Hummingbird
import NIOCore

/// OAuth 2.0 protected-resource metadata (RFC 9728) for the MCP endpoint: Gatehouse is the
/// resource server; clients get tokens from Gatehouse (its device or browser sign-in through the
/// organisation's OpenID provider), and those tokens never travel on to tool servers.
struct ProtectedResourceRoutes: Sendable {
    let config: ConfigHolder

    struct Metadata: Encodable {
        let resource: String
        let resourceName: String
        let authorizationServers: [String]
        let bearerMethodsSupported: [String]

        enum CodingKeys: String, CodingKey {
            case resource
            case resourceName = "resource_name"
            case authorizationServers = "authorization_servers"
            case bearerMethodsSupported = "bearer_methods_supported"
        }
    }

    func register(on router: Router<some RequestContext>) {
        for path in ["/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/mcp"] {
            router.get(RouterPath(path)) { request, _ -> Response in
                let loaded = config.loaded.config
                let base = try PublicURL.base(request, config: loaded)
                let metadata = Metadata(
                    resource: base + "/mcp", resourceName: "Gatehouse MCP gateway",
                    authorizationServers: [base] + (loaded.identity.oidc.map { [$0.issuer] } ?? []),
                    bearerMethodsSupported: ["header"])
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                return Response(
                    status: .ok, headers: [.contentType: "application/json"],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(metadata))))
            }
        }
    }
}
