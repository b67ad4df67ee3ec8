import Crypto

/// A SHA-256 digest in the audit chain, stored inline (no heap allocation).
public struct AuditHash: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The digest's 32 bytes in memory order.
    private var storage: SIMD4<UInt64>

    private init(storage: SIMD4<UInt64>) { self.storage = storage }

    /// Wraps 32 bytes; returns nil for any other length.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        var storage = SIMD4<UInt64>()
        withUnsafeMutableBytes(of: &storage) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        self.storage = storage
    }

    /// Parses exactly 64 hex digits (either case).
    public init?(hex: String) {
        var storage = SIMD4<UInt64>()
        let ok = withUnsafeMutableBytes(of: &storage) { Hex.decode(hex, into: $0) }
        guard ok else { return nil }
        self.storage = storage
    }

    /// 32 zero bytes: the predecessor of the first record.
    public static let zero = AuditHash(storage: SIMD4<UInt64>())

    /// The 32 digest bytes.
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// Calls `body` with the 32 digest bytes.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try Swift.withUnsafeBytes(of: storage, body)
    }

    /// Lowercase hex.
    public var hex: String { withUnsafeBytes { Hex.encode($0) } }
    /// Lowercase hex.
    public var description: String { hex }

    /// SHA-256 over `prev` followed by the canonical encoding of `event`.
    public static func compute(prev: AuditHash, event: AuditEvent) -> AuditHash {
        var hasher = SHA256()
        prev.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        event.withCanonicalBytes { hasher.update(bufferPointer: $0) }
        let digest = hasher.finalize()
        var storage = SIMD4<UInt64>()
        withUnsafeMutableBytes(of: &storage) { raw in digest.withUnsafeBytes { raw.copyMemory(from: $0) } }
        return AuditHash(storage: storage)
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
