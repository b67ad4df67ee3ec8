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

    /// Calls `body` with the canonical bytes, built in one temporary allocation.
    func withCanonicalBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        var event = self
        let strings = 14 * 4
        let size =
            Self.canonicalMagic.count + 2 * 8 + strings + event.issuer.utf8.count + event.subject.utf8.count
            + event.authMethod.utf8.count + event.groups.utf8.count + event.action.utf8.count
            + event.resource.utf8.count + event.decision.utf8.count + event.rule.utf8.count
            + event.reason.utf8.count + event.outcome.utf8.count + event.traceID.utf8.count
            + event.payloadShape.utf8.count + event.payloadHash.utf8.count
        return withUnsafeTemporaryAllocation(byteCount: size, alignment: 8) { buffer in
            var writer = CanonicalWriter(buffer: buffer)
            for byte in Self.canonicalMagic { writer.byte(byte) }
            writer.int(event.timeMicros)
            writer.string(&event.issuer)
            writer.string(&event.subject)
            writer.string(&event.authMethod)
            writer.string(&event.groups)
            writer.string(&event.action)
            writer.string(&event.resource)
            writer.string(&event.decision)
            writer.string(&event.rule)
            writer.string(&event.reason)
            writer.string(&event.outcome)
            writer.int(event.durationMicros)
            writer.string(&event.traceID)
            writer.string(&event.payloadShape)
            writer.string(&event.payloadHash)
            return body(UnsafeRawBufferPointer(rebasing: buffer[0..<writer.offset]))
        }
    }
}

/// Writes the canonical encoding into a preallocated buffer.
private struct CanonicalWriter {
    let buffer: UnsafeMutableRawBufferPointer
    var offset = 0

    mutating func byte(_ value: UInt8) {
        buffer[offset] = value
        offset += 1
    }

    mutating func int(_ value: Int64) {
        let bits = UInt64(bitPattern: value)
        for shift in stride(from: 56, through: 0, by: -8) { byte(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }

    mutating func string(_ value: inout String) {
        value.withUTF8 { utf8 in
            let count = UInt32(truncatingIfNeeded: utf8.count)
            for shift in stride(from: 24, through: 0, by: -8) {
                byte(UInt8(truncatingIfNeeded: count >> UInt32(shift)))
            }
            UnsafeMutableRawBufferPointer(rebasing: buffer[offset..<offset + utf8.count])
                .copyMemory(from: UnsafeRawBufferPointer(utf8))
            offset += utf8.count
        }
    }
}
