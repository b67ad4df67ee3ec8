import Foundation
import GatehouseCore

/// A sigstore bundle (v0.3) attached to an image as a referrer, in the key-based forms: a
/// `messageSignature` over the manifest's bytes, or a DSSE envelope over an in-toto statement
/// whose subject is the manifest's digest. Certificates and transparency-log entries are not
/// checked here: verification is against the configured keys only.
enum SigstoreBundle {
    static let artifactTypes = [
        "application/vnd.dev.sigstore.bundle.v0.3+json", "application/vnd.dev.sigstore.bundle+json;version=0.3",
    ]
    static let maxBytes = 1 << 20

    /// The key that signed `manifest` in `bundle`, or why none did.
    static func signer(of manifest: Manifest, bundle: Data, keys: SignatureKeys) -> Result<String, Failure> {
        guard bundle.count <= maxBytes, let object = try? JSONSerialization.jsonObject(with: bundle) as? [String: Any]
        else { return .failure(.malformed) }
        if let message = object["messageSignature"] as? [String: Any] {
            guard let digest = message["messageDigest"] as? [String: Any], digest["algorithm"] as? String == "SHA2_256",
                let encoded = digest["digest"] as? String, let bytes = Data(base64Encoded: encoded),
                let signature = (message["signature"] as? String).flatMap({ Data(base64Encoded: $0) })
            else { return .failure(.malformed) }
            guard Hex.encode(bytes) == manifest.digest.hex, manifest.digest.algorithm == .sha256 else {
                return .failure(.otherDigest)
            }
            return keys.signer(of: manifest.bytes, signature: signature).map { .success($0) } ?? .failure(.unknownKey)
        }
        if let envelope = object["dsseEnvelope"] as? [String: Any] {
            guard let type = envelope["payloadType"] as? String,
                let payload = (envelope["payload"] as? String).flatMap({ Data(base64Encoded: $0) }),
                let signatures = envelope["signatures"] as? [[String: Any]]
            else { return .failure(.malformed) }
            guard subjects(payload).contains(manifest.digest.hex) else { return .failure(.otherDigest) }
            let signed = pae(type: type, payload: payload)
            for entry in signatures.prefix(8) {
                if let signature = (entry["sig"] as? String).flatMap({ Data(base64Encoded: $0) }),
                    let signer = keys.signer(of: signed, signature: signature)
                {
                    return .success(signer)
                }
            }
            return .failure(.unknownKey)
        }
        return .failure(.malformed)
    }

    enum Failure: Error {
        case malformed, otherDigest, unknownKey

        var detail: String {
            switch self {
            case .malformed: "a sigstore bundle that cannot be read"
            case .otherDigest: "a signature over another digest"
            case .unknownKey: "a signature by an unknown key"
            }
        }
    }

    /// DSSE's pre-authentication encoding of an envelope.
    static func pae(type: String, payload: Data) -> Data {
        Data("DSSEv1 \(type.utf8.count) \(type) \(payload.count) ".utf8) + payload
    }

    /// The sha256 digests an in-toto statement names as its subjects.
    static func subjects(_ statement: Data) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: statement) as? [String: Any],
            let subjects = object["subject"] as? [[String: Any]]
        else { return [] }
        return subjects.compactMap { ($0["digest"] as? [String: String])?["sha256"] }
    }
}
