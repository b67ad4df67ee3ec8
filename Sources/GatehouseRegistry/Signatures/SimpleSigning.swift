public import Foundation
import GatehouseCore

/// Cosign's legacy, key-based signature form: a manifest tagged `sha256-<hex>.sig` in the
/// image's repository, one layer per signature. Each layer is a "simple signing" JSON payload
/// naming the signed manifest's digest, with the signature over the payload's exact bytes in the
/// layer's `dev.cosignproject.cosign/signature` annotation (base64, ECDSA P-256 with SHA-256).
public enum SimpleSigning {
    /// The layer media type of a signature payload.
    public static let payloadType = "application/vnd.dev.cosign.simplesigning.v1+json"
    /// The annotation holding the signature.
    public static let signatureAnnotation = "dev.cosignproject.cosign/signature"
    /// The `critical.type` every payload carries.
    public static let signatureType = "cosign container image signature"
    /// Largest payload read.
    static let maxPayloadBytes = 64 << 10

    /// The tag of the signatures of `digest`.
    public static func tag(for digest: Digest) -> String { "\(digest.algorithm.rawValue)-\(digest.hex).sig" }

    /// A payload for `digest` of `reference` (what `gatehouse image sign` writes): compact JSON
    /// with sorted keys, so the bytes are stable.
    public static func payload(reference: String, digest: Digest) -> Data {
        let object: [String: Any] = [
            "critical": [
                "identity": ["docker-reference": reference],
                "image": ["docker-manifest-digest": digest.description],
                "type": signatureType,
            ],
            "optional": [String: String](),
        ]
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
    }

    /// The digest a payload signs; nil unless it is a well-formed cosign payload.
    public static func signedDigest(_ payload: Data) -> Digest? {
        guard payload.count <= maxPayloadBytes,
            let object = try? JSONSerialization.jsonObject(with: payload) as? [String: Any],
            let critical = object["critical"] as? [String: Any], critical["type"] as? String == signatureType,
            let image = critical["image"] as? [String: Any],
            let text = image["docker-manifest-digest"] as? String
        else { return nil }
        return try? Digest(parsing: text)
    }
}
