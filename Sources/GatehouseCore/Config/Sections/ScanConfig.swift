/// The `scan` section: what Gatehouse does with images pulled through it — SBOMs and
/// vulnerability findings, OpenVEX statements, and policies enforced at pull.
public struct ScanConfig: Sendable, Hashable {
    /// Whether images pulled through the proxy are scanned in the background (default true).
    public var background = true
    /// OpenVEX documents whose `not_affected` statements suppress findings.
    public var vex: [String] = []
    /// Policies, each enforced at pull for the repositories (and groups) it covers.
    public var policies: [ScanPolicy] = []

    /// The defaults: background scans, no VEX, no policies.
    public init() {}
}

/// One image policy, the equivalent of one of Docker Scout's built-ins. Every requirement
/// given must hold for a covered pull to be served.
public struct ScanPolicy: RepositoryRule {
    /// The rule id shown in refusals and the audit trail.
    public var id: String
    /// Globs over `registry/repository`.
    public var repositories: [String]
    /// The groups whose pulls it applies to; empty means every puller.
    public var groups: [String] = []
    /// No finding at or above this severity (`critical`, `high`, `medium`, `low`) that has a fix…
    public var maxFixable: String?
    /// …whose advisory is at least this many days old (0: any age).
    public var fixableAgeDays = 0
    /// Licences no package may declare (SPDX identifiers, compared case-insensitively).
    public var deniedLicenses: [String] = []
    /// The image must name a non-root default user.
    public var nonRoot = false
    /// Attestations that must be attached (`sbom`, `provenance`).
    public var attestations: [String] = []
    /// Where the image's provenance names its base image, the base must match one of these
    /// globs over `registry/repository:tag` (empty: any base).
    public var baseImages: [String] = []
    /// Where the image's provenance names its base image by tag and digest, the tag must still
    /// point to that digest (the image was built on the current base).
    public var baseUpToDate = false

    /// Creates a policy covering `repositories`.
    public init(id: String, repositories: [String]) {
        self.id = id
        self.repositories = repositories
    }

    /// Whether the policy applies to a pull by a principal in `groups`.
    public func applies(toGroups groups: [String]) -> Bool {
        self.groups.isEmpty || self.groups.contains { groups.contains($0) }
    }
}
