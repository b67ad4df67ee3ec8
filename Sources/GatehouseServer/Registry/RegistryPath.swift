import GatehouseCore
import GatehouseRegistry

/// A request path under `/v2/`, split from its end, since repository names contain slashes:
/// `NAME/manifests/REF`, `NAME/blobs/DIGEST`, `NAME/tags/list`, `NAME/referrers/DIGEST`.
enum RegistryPath: Sendable, Equatable {
    case manifest(Repository, ManifestReference)
    case blob(Repository, Digest)
    case tags(Repository)
    case referrers(Repository, Digest)

    /// Parses the path after `/v2/`; anything else is a `NAME_INVALID` or not found.
    init(_ rest: String) throws(GatehouseError) {
        let parts = rest.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 4 else { throw GatehouseError(.notFound, "no such registry endpoint") }
        let last = parts[parts.count - 1]
        let kind = parts[parts.count - 2]
        func repository(dropping count: Int) throws(GatehouseError) -> Repository {
            try Repository(proxyName: parts.dropLast(count).joined(separator: "/"))
        }
        switch kind {
        case "manifests": self = .manifest(try repository(dropping: 2), try ManifestReference(parsing: last))
        case "blobs": self = .blob(try repository(dropping: 2), try Digest(parsing: last))
        case "referrers": self = .referrers(try repository(dropping: 2), try Digest(parsing: last))
        case "tags" where last == "list": self = .tags(try repository(dropping: 2))
        default: throw GatehouseError(.notFound, "no such registry endpoint")
        }
    }

    /// The repository name in a `/v2/...` path, for the challenge's scope; nil when none parses.
    static func name(_ path: String) -> String? {
        guard path.hasPrefix("/v2/"), let parsed = try? RegistryPath(String(path.dropFirst(4))) else { return nil }
        return parsed.repository.description
    }

    /// The repository.
    var repository: Repository {
        switch self {
        case .manifest(let repository, _), .blob(let repository, _), .tags(let repository),
            .referrers(let repository, _):
            repository
        }
    }
}
