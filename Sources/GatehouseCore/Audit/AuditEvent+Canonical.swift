/// The canonical encoding hashed into the chain.
///
/// A fixed magic and version, then every field in a fixed order: integers as 8 bytes
/// big-endian, strings as a 4-byte big-endian length and their UTF-8 bytes. It is unambiguous
/// (no two events share an encoding) and independent of any JSON or database representation.
extension AuditEvent {
    /// The encoding's magic prefix, including its version.
    static let canonicalMagic: [UInt8] = Array("GHAUDIT1".utf8)

    /// The canonical bytes of this event.
    public var canonicalBytes: [UInt8] {
        withCanonicalBytes { Array($0) }
    }

    /// Calls `body` with the canonical bytes, without keeping them.
    func withCanonicalBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        out.append(contentsOf: Self.canonicalMagic)
        Self.append(timeMicros, to: &out)
        for field in [issuer, subject, authMethod, groups, action, resource, decision, rule] {
            Self.append(field, to: &out)
        }
        Self.append(reason, to: &out)
        Self.append(outcome, to: &out)
        Self.append(durationMicros, to: &out)
        Self.append(traceID, to: &out)
        Self.append(payloadShape, to: &out)
        Self.append(payloadHash, to: &out)
        return out.withUnsafeBytes(body)
    }

    private static func append(_ value: Int64, to out: inout [UInt8]) {
        let bits = UInt64(bitPattern: value)
        for shift in stride(from: 56, through: 0, by: -8) {
            out.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift)))
        }
    }

    private static func append(_ value: String, to out: inout [UInt8]) {
        var value = value
        value.withUTF8 { utf8 in
            let count = UInt32(truncatingIfNeeded: utf8.count)
            out.append(UInt8(truncatingIfNeeded: count >> 24))
            out.append(UInt8(truncatingIfNeeded: count >> 16))
            out.append(UInt8(truncatingIfNeeded: count >> 8))
            out.append(UInt8(truncatingIfNeeded: count))
            out.append(contentsOf: utf8)
        }
    }
}
