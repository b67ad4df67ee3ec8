import Foundation
import GatehouseCore
import GatehouseIdentity
import GatehouseRegistry

/// The short-lived bearer token `/v2/token` issues (the distribution token flow): which access
/// token it came from, the repositories it may pull, and when it expires; sealed (AES-GCM, a
/// key derived for this purpose), so clients cannot read or alter it, and any replica sharing
/// the signing key can open it. Each use re-checks the access token, so revoking that ends
/// every registry token made from it at once.
struct RegistryToken: Codable, Sendable {
    /// The access token's id.
    let tid: String
    /// `registry/path` names it may pull.
    let repos: [String]
    /// Expiry, seconds since 1970.
    let exp: Int64

    /// `repository:NAME:ACTIONS` scopes asked for: the names whose actions include `pull`.
    /// Other actions are never granted (the proxy is read-only); a malformed scope is refused.
    static func pullScopes(_ scopes: [String]) throws(GatehouseError) -> [String] {
        var names: [String] = []
        for scope in scopes.flatMap({ $0.split(separator: " ") }) {
            guard scope.hasPrefix("repository:"), let lastColon = scope.lastIndex(of: ":"),
                lastColon > scope.index(scope.startIndex, offsetBy: 11)
            else {
                throw GatehouseError(.badRequest, "scope must be repository:NAME:pull, got \(scope.prefix(120))")
            }
            let name = scope[scope.index(scope.startIndex, offsetBy: 11)..<lastColon]
            let actions = scope[scope.index(after: lastColon)...].split(separator: ",")
            guard actions.contains("pull") else { continue }
            names.append(try Repository(proxyName: name).description)
        }
        return Array(Set(names)).sorted()
    }

    /// Whether it may pull `repository` at `now`.
    func allows(_ repository: Repository, nowSeconds: Int64) -> Bool {
        exp > nowSeconds && repos.contains(repository.description)
    }
}
