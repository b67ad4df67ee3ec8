import Foundation
import GatehouseCore
import GatehouseRegistry
import GatehouseScan

/// Enforces `scan.policies` at pull, for the pullers' groups each policy applies to. An image
/// manifest is scanned (once per digest; the first pull waits for it) and matched against the
/// vulnerability data in force, so a verdict changes when the data does. Attestations are
/// checked on an index (where builders attach them; its platform manifests then pass) or on
/// the manifest itself. A failed requirement refuses the pull naming the policy and why.
struct ScanPolicyGate: Sendable {
    let config: ConfigHolder
    let proxy: RegistryProxy
    let scans: ImageScans
    let vulns: VulnDatabase
    let attested = VerifiedDigests()
    /// Images whose base passed a policy (and the platform manifests of such an index).
    let based = VerifiedDigests()

    /// Throws a ``Spine/Refusal`` when a policy covering `repository` for `principal` fails.
    func check(_ manifest: Manifest, in repository: Repository, for principal: Principal) async throws {
        let policies = config.loaded.config.scan.policies.filter {
            $0.covers(repository.description) && $0.applies(toGroups: principal.groups)
        }
        guard !policies.isEmpty else { return }
        for policy in policies where !policy.attestations.isEmpty {
            if await attested.contains(repository.description + "#" + policy.id, manifest.digest) { continue }
            let facts = try await proxy.attestations(of: manifest, in: repository)
            let missing = facts.missing(policy.attestations.compactMap(AttestationKind.init(rawValue:)))
            guard missing.isEmpty else {
                throw Spine.Refusal(
                    rule: policy.id,
                    reason:
                        "\(repository)@\(manifest.digest) lacks attestations: \(missing.map(\.rawValue).joined(separator: ", "))"
                )
            }
            if manifest.isIndex {
                await attested.insert(repository.description + "#" + policy.id, manifest.references.map(\.digest))
            }
        }
        for policy in policies where !policy.baseImages.isEmpty || policy.baseUpToDate {
            try await checkBase(policy, manifest, in: repository)
        }
        guard !manifest.isIndex else { return }
        let needsScan = policies.contains { $0.maxFixable != nil || !$0.deniedLicenses.isEmpty || $0.nonRoot }
        guard needsScan else { return }
        let result = try await scans.result(manifest, in: repository, name: "\(repository)@\(manifest.digest)")
        let report = try await vulns.report(result)
        let now = Date().timeIntervalSince1970
        for policy in policies {
            let failures = Self.failures(of: policy, result: result, report: report, nowSeconds: now)
            guard failures.isEmpty else {
                throw Spine.Refusal(
                    rule: policy.id,
                    reason: "\(repository)@\(manifest.digest) fails: " + failures.joined(separator: "; "))
            }
        }
    }

    /// The base images the image's provenance names must be approved and current; an index
    /// that passes lets its platform manifests pass.
    private func checkBase(_ policy: ScanPolicy, _ manifest: Manifest, in repository: Repository) async throws {
        let key = repository.description + "#" + policy.id
        if await based.contains(key, manifest.digest) { return }
        for base in try await proxy.baseImages(of: manifest, in: repository) {
            if !policy.baseImages.isEmpty, !policy.baseImages.contains(where: { Glob($0).matches(base.reference) }) {
                throw Spine.Refusal(
                    rule: policy.id,
                    reason:
                        "\(repository)@\(manifest.digest) is built on \(base.reference), which is not an approved base")
            }
            guard policy.baseUpToDate, let tag = base.tag, let digest = base.digest,
                let slash = base.repository.firstIndex(of: "/")
            else { continue }
            let baseRepository = try Repository(
                registry: String(base.repository[..<slash]),
                path: String(base.repository[base.repository.index(after: slash)...]))
            let current = try await proxy.manifest(baseRepository, .tag(tag), accept: MediaTypes.manifests)
            guard
                current.digest.description == digest
                    || current.references.contains(where: { $0.digest.description == digest })
            else {
                throw Spine.Refusal(
                    rule: policy.id,
                    reason:
                        "\(repository)@\(manifest.digest) is built on \(base.reference)@\(digest), but that tag is now \(current.digest): rebuild on the current base"
                )
            }
        }
        if manifest.isIndex { await based.insert(key, manifest.references.map(\.digest)) }
        await based.insert(key, [manifest.digest])
    }

    /// What `policy` finds wrong with a scanned image, at most a few items per requirement.
    static func failures(of policy: ScanPolicy, result: ScanResult, report: ScanReport, nowSeconds: Double)
        -> [String]
    {
        var out: [String] = []
        if let threshold = policy.maxFixable {
            let fixable = report.active.filter { finding in
                guard finding.fixedVersion != nil, Finding.rank(finding.severity) >= Finding.rank(threshold) else {
                    return false
                }
                guard policy.fixableAgeDays > 0 else { return true }
                guard let published = finding.published.flatMap(Self.date) else { return true }
                return nowSeconds - published >= Double(policy.fixableAgeDays) * 86_400
            }
            if !fixable.isEmpty {
                let age = policy.fixableAgeDays > 0 ? " older than \(policy.fixableAgeDays) days" : ""
                let sample = fixable.prefix(5).map {
                    "\($0.id) in \($0.package) \($0.version) (fixed in \($0.fixedVersion ?? "?"))"
                }
                out.append(
                    "\(fixable.count) fixable \(threshold)-or-worse vulnerabilities\(age): "
                        + sample.joined(separator: ", ") + (fixable.count > 5 ? ", …" : ""))
            }
        }
        if !policy.deniedLicenses.isEmpty {
            let denied = Set(policy.deniedLicenses.map { $0.lowercased() })
            let offenders = result.packages.filter { package in
                package.licenses.contains { license in Self.tokens(license).contains { denied.contains($0) } }
            }
            if !offenders.isEmpty {
                out.append(
                    "denied licences in \(offenders.count) packages: "
                        + offenders.prefix(5).map { "\($0.name) (\($0.licenses.joined(separator: ", ")))" }
                        .joined(separator: ", ") + (offenders.count > 5 ? ", …" : ""))
            }
        }
        if policy.nonRoot, !Self.isNonRoot(result.config.user) {
            out.append("its default user is root (\(result.config.user.isEmpty ? "unset" : result.config.user))")
        }
        return out
    }

    /// The identifiers of a licence expression, lower-cased (`MIT OR (GPL-3.0-only WITH X)`).
    static func tokens(_ expression: String) -> [String] {
        expression.split(whereSeparator: { " ()".contains($0) }).map { $0.lowercased() }
            .filter { !["and", "or", "with"].contains($0) }
    }

    /// A user that is neither empty, `root` nor UID 0 (with any group).
    static func isNonRoot(_ user: String) -> Bool {
        let name = user.split(separator: ":").first.map(String.init) ?? ""
        return !name.isEmpty && name != "root" && name != "0"
    }

    static func date(_ text: String) -> Double? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date.timeIntervalSince1970 }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)?.timeIntervalSince1970
    }
}
