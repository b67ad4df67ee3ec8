/// The `registry` section: how the pull-through proxy reaches upstream registries and how much
/// it caches. Who may pull what is the policy's (`image.pull` on `registry/repository:tag`).
public struct RegistryConfig: Sendable, Hashable {
    /// Per-registry settings, first match wins; a registry with none is reached anonymously
    /// over HTTPS.
    public var upstreams: [RegistryUpstream] = []
    /// The cache directory; nil: `registry` under the data directory.
    public var cacheDir: String?
    /// The cache's bound in bytes (`cache_max_bytes`, default 10 GiB).
    public var cacheMaxBytes: Int64 = 10 << 30
    /// How long a tag's digest is trusted before upstream is asked again (`tag_ttl_seconds`).
    public var tagTTLSeconds: Int = 300
    /// How long a registry bearer token is valid (`token_ttl_seconds`, default 5 minutes).
    public var tokenTTLSeconds: Int = 300
    /// Repositories whose images must be signed (`signatures`), each rule with its keys.
    public var signatures: [SignatureRule] = []
    /// Attestation requirements (`attestations`): covered images must carry each listed kind.
    public var attestations: [AttestationRule] = []
    /// Hardened-image requirements (`hardened`): covered images must pass each listed fact.
    public var hardened: [HardeningRule] = []
    /// Image classes over repositories (`classes`), first match wins. When any are defined, a
    /// pull must also be allowed `image.pull` on `class:NAME` (`class:unclassified` when none
    /// matches), so groups allow or deny whole classes.
    public var classes: [ImageClass] = []

    /// The class of `repository` (`registry/path`): the first that matches, else `unclassified`;
    /// nil when no classes are defined.
    public func imageClass(of repository: String) -> String? {
        guard !classes.isEmpty else { return nil }
        return classes.first { $0.repositories.contains { Glob($0).matches(repository) } }?.name ?? "unclassified"
    }

    /// The defaults.
    public init() {}

    /// The settings for `registry` (`host[:port]`), if any entry matches.
    public func upstream(for registry: String) -> RegistryUpstream? {
        upstreams.first { Glob($0.host).matches(registry) }
    }
}

/// A requirement over repositories: covered images must have every listed property
/// (attestation kinds, hardened-image facts).
public struct RequirementRule: RepositoryRule {
    /// A name shown in refusals and the audit trail (default: its place, `hardened[0]`).
    public var id: String
    /// Globs over `registry/repository`.
    public var repositories: [String]
    /// What must hold.
    public var require: [String]

    /// Creates a rule.
    public init(id: String, repositories: [String], require: [String]) {
        self.id = id
        self.repositories = repositories
        self.require = require
    }
}

/// An attestation requirement: `require` from ``RegistryConfig/attestationKinds``.
public typealias AttestationRule = RequirementRule
/// A hardened-image requirement: `require` from ``RegistryConfig/hardeningFacts``.
public typealias HardeningRule = RequirementRule

extension RegistryConfig {
    /// The attestation kinds a rule can require.
    public static let attestationKinds = ["sbom", "provenance"]
    /// The hardened-image facts a rule can require.
    public static let hardeningFacts = ["non_root", "no_shell", "no_package_manager"]
}

/// An image class the organisation defines (official, verified, org, community, …).
public struct ImageClass: Sendable, Hashable {
    /// The name policies refer to as `class:NAME`.
    public var name: String
    /// Globs over `registry/repository`.
    public var repositories: [String]

    /// Creates a class.
    public init(name: String, repositories: [String]) {
        self.name = name
        self.repositories = repositories
    }
}

/// A signature requirement: images in matching repositories are served only with a cosign
/// signature of their digest by one of the keys.
public struct SignatureRule: RepositoryRule {
    /// A name shown in refusals and the audit trail (default: its place, `signatures[0]`).
    public var id: String
    /// Globs over `registry/repository`.
    public var repositories: [String]
    /// PEM files of ECDSA P-256 public keys.
    public var keys: [String]

    /// Creates a rule.
    public init(id: String, repositories: [String], keys: [String]) {
        self.id = id
        self.repositories = repositories
        self.keys = keys
    }

}

/// How to reach one upstream registry.
public struct RegistryUpstream: Sendable, Hashable {
    /// A glob over `host[:port]`, lower-case.
    public var host: String
    /// `https` (default) or `http` (`plain_http: true`; only for a registry on a trusted network).
    public var plainHTTP: Bool = false
    /// The user name for basic credentials or the token service.
    public var username: String?
    /// The password or token, as a secret reference.
    public var password: SecretRef?

    /// Creates settings.
    public init(host: String, plainHTTP: Bool = false, username: String? = nil, password: SecretRef? = nil) {
        self.host = host
        self.plainHTTP = plainHTTP
        self.username = username
        self.password = password
    }
}

/// A registry rule that applies to repositories by glob.
public protocol RepositoryRule: Sendable, Hashable {
    /// Globs over `registry/repository`.
    var repositories: [String] { get }
}

extension RepositoryRule {
    /// Whether the rule covers `repository` (`registry/path`).
    public func covers(_ repository: String) -> Bool { repositories.contains { Glob($0).matches(repository) } }
}
