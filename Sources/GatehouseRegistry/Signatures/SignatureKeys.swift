import Crypto
public import Foundation
public import GatehouseCore

/// Public keys signatures are verified with: ECDSA P-256 in PEM (what `cosign generate-key-pair`
/// and `gatehouse image sign` use), each named by the file it came from.
public struct SignatureKeys: Sendable {
    let keys: [(name: String, key: P256.Signing.PublicKey)]

    /// Loads PEM public keys; a file that is missing or not a P-256 public key is an error naming it.
    public init(files: [String]) throws(GatehouseError) {
        var keys: [(String, P256.Signing.PublicKey)] = []
        for file in files {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw GatehouseError(.invalidConfig, "cannot read the signature key \(file)")
            }
            guard let key = try? P256.Signing.PublicKey(pemRepresentation: text) else {
                throw GatehouseError(.invalidConfig, "\(file) is not an ECDSA P-256 public key in PEM")
            }
            keys.append((file, key))
        }
        self.keys = keys
    }

    /// The name of the key whose signature (DER or raw) over `payload` is valid; nil if none.
    public func signer(of payload: Data, signature: Data) -> String? {
        let parsed =
            (try? P256.Signing.ECDSASignature(derRepresentation: signature))
            ?? (try? P256.Signing.ECDSASignature(rawRepresentation: signature))
        guard let parsed else { return nil }
        return keys.first { $0.key.isValidSignature(parsed, for: payload) }?.name
    }
}
