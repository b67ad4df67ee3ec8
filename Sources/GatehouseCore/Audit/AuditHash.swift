public import Crypto

/// A SHA-256 digest in the audit chain.
public struct AuditHash: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The 32 digest bytes.
    public let bytes: [UInt8]

    /// Wraps 32 bytes; returns nil for any other length.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    /// Parses 64 lowercase or uppercase hex digits.
    public init?(hex: String) {
        guard let bytes = Hex.decode(hex), bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    private init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    /// 32 zero bytes: the predecessor of the first record.
    public static let zero = AuditHash(unchecked: [UInt8](repeating: 0, count: 32))

    /// Lowercase hex.
    public var hex: String { Hex.encode(bytes) }
    /// Lowercase hex.
    public var description: String { hex }

    /// SHA-256 over `prev` followed by the canonical encoding of `event`.
    public static func compute(prev: AuditHash, event: AuditEvent) -> AuditHash {
        var hasher = SHA256()
        hasher.update(data: prev.bytes)
        event.withCanonicalBytes { hasher.update(bufferPointer: $0) }
        return AuditHash(unchecked: Array(hasher.finalize()))
    }

    /// Encodes as a hex string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }

    /// Decodes from a hex string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let hash = AuditHash(hex: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not a 64-digit hex SHA-256")
        }
        self = hash
    }
}
