/// The kinds of attestation a rule can require, and how each is recognised: in-toto predicate
/// types (buildx attestation manifests, in-toto referrers) and referrer artifact types.
public enum AttestationKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A software bill of materials (SPDX or CycloneDX).
    case sbom
    /// SLSA build provenance.
    case provenance

    /// The kind an in-toto predicate type names, if any.
    static func of(predicateType: String) -> AttestationKind? {
        let type = predicateType.lowercased()
        if type.hasPrefix("https://spdx.dev/document") || type.hasPrefix("https://cyclonedx.org/bom") { return .sbom }
        if type.hasPrefix("https://slsa.dev/provenance/") { return .provenance }
        return nil
    }

    /// The kind a referrer's artifact type names, if any (in-toto artifacts are decided by their
    /// predicate-type annotation instead).
    static func of(artifactType: String) -> AttestationKind? {
        let type = artifactType.lowercased()
        if type.hasPrefix("application/spdx") || type.hasPrefix("application/vnd.cyclonedx") || type.contains("sbom") {
            return .sbom
        }
        if type.contains("slsa") || type.contains("provenance") { return .provenance }
        return nil
    }
}
