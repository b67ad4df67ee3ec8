/// Reading the `scan` section.
extension ConfigParser {
    static let severities = ["critical", "high", "medium", "low"]

    static func readScan(_ value: YAMLValue) -> ScanConfig {
        var scan = ScanConfig()
        value.mapping { section in
            if let background = section.optional("background")?.boolean() { scan.background = background }
            if let files = section.optional("vex")?.stringOrSequence() {
                scan.vex = files.compactMap { file in
                    guard let path = file.string() else { return nil }
                    guard path.hasPrefix("/") else {
                        file.report("expected an absolute path to an OpenVEX document")
                        return nil
                    }
                    return path
                }
            }
            if let policies = section.optional("policies")?.sequence() {
                scan.policies = policies.enumerated().compactMap { index, item in readScanPolicy(item, index: index) }
            }
        }
        return scan
    }

    private static func readScanPolicy(_ item: YAMLValue, index: Int) -> ScanPolicy? {
        item.mapping { entry -> ScanPolicy? in
            let id = entry.optional("id")?.string() ?? "scan.policies[\(index)]"
            guard let repositories = entry.required("repositories")?.stringOrSequence()?.compactMap({ $0.string() })
            else { return nil }
            var policy = ScanPolicy(id: id, repositories: repositories)
            policy.groups = entry.optional("groups")?.stringOrSequence()?.compactMap { $0.string() } ?? []
            if let node = entry.optional("max_fixable"), let severity = node.string() {
                if severities.contains(severity) {
                    policy.maxFixable = severity
                } else {
                    node.report("expected one of: \(severities.joined(separator: ", "))")
                }
            }
            if let days = entry.optional("fixable_age_days")?.integer(in: 0...3650) { policy.fixableAgeDays = days }
            policy.deniedLicenses =
                entry.optional("denied_licenses")?.stringOrSequence()?.compactMap { $0.string() } ?? []
            policy.nonRoot = entry.optional("non_root")?.boolean() ?? false
            if let kinds = entry.optional("attestations")?.stringOrSequence() {
                policy.attestations = kinds.compactMap { kind in
                    guard let name = kind.string() else { return nil }
                    guard RegistryConfig.attestationKinds.contains(name) else {
                        kind.report(
                            "unknown attestation \(name) (expected one of: \(RegistryConfig.attestationKinds.joined(separator: ", ")))"
                        )
                        return nil
                    }
                    return name
                }
            }
            policy.baseImages = entry.optional("base_images")?.stringOrSequence()?.compactMap { $0.string() } ?? []
            policy.baseUpToDate = entry.optional("base_up_to_date")?.boolean() ?? false
            guard !repositories.isEmpty else {
                item.report("a policy needs at least one repository pattern")
                return nil
            }
            guard
                policy.maxFixable != nil || !policy.deniedLicenses.isEmpty || policy.nonRoot
                    || !policy.attestations.isEmpty || !policy.baseImages.isEmpty || policy.baseUpToDate
            else {
                item.report(
                    "a policy needs at least one requirement: max_fixable, denied_licenses, non_root, attestations, base_images or base_up_to_date"
                )
                return nil
            }
            return policy
        } ?? nil
    }
}
