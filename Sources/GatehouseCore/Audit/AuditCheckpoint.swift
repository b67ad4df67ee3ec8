public import Crypto

/// A signed statement "the chain had this record at this position", made every N records
/// so that cutting records off the end of the trail is detectable.
public struct AuditCheckpoint: Sendable, Hashable, Codable {
    /// Position of the record the checkpoint covers.
    public var seq: Int64
    /// That record's hash.
    public var hash: AuditHash
    /// When the checkpoint was made, microseconds since the epoch.
    public var timeMicros: Int64
    /// Identifies the signing key: hex of the first 8 bytes of SHA-256 of its public key.
    public var keyID: String
    /// Ed25519 signature over ``signedBytes``, hex.
    public var signature: String

    /// Creates a checkpoint from stored fields.
    public init(seq: Int64, hash: AuditHash, timeMicros: Int64, keyID: String, signature: String) {
        self.seq = seq
        self.hash = hash
        self.timeMicros = timeMicros
        self.keyID = keyID
        self.signature = signature
    }

    /// The bytes that are signed: a magic, the position, the hash and the time.
    public static func signedBytes(seq: Int64, hash: AuditHash, timeMicros: Int64) -> [UInt8] {
        var out = Array("GHCKPT1".utf8)
        for value in [UInt64(bitPattern: seq), UInt64(bitPattern: timeMicros)] {
            for shift in stride(from: 56, through: 0, by: -8) {
                out.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
            }
        }
        out.append(contentsOf: hash.bytes)
        return out
    }

    /// Signs a checkpoint for `head` with `key`.
    public static func sign(
        head: AuditHead, timeMicros: Int64, key: Curve25519.Signing.PrivateKey
    ) throws -> AuditCheckpoint {
        let message = signedBytes(seq: head.seq, hash: head.hash, timeMicros: timeMicros)
        let signature = try key.signature(for: message)
        return AuditCheckpoint(
            seq: head.seq, hash: head.hash, timeMicros: timeMicros,
            keyID: keyID(of: key.publicKey), signature: Hex.encode(signature))
    }

    /// The key identifier of a public key.
    public static func keyID(of key: Curve25519.Signing.PublicKey) -> String {
        Hex.encode(SHA256.hash(data: key.rawRepresentation).prefix(8))
    }

    /// Whether the signature is valid for `key`.
    public func isValid(for key: Curve25519.Signing.PublicKey) -> Bool {
        guard let signatureBytes = Hex.decode(signature) else { return false }
        let message = Self.signedBytes(seq: seq, hash: hash, timeMicros: timeMicros)
        return key.isValidSignature(signatureBytes, for: message)
    }
}
