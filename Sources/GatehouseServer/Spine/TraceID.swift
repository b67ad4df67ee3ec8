import Foundation
import GatehouseCore
import GatehouseStore

/// W3C trace-context identifiers.
enum TraceID {
    /// A new random 32-hex-digit trace id.
    static func random() -> String {
        Hex.encode(RandomPool.bytes(16))
    }

    /// A new random 16-hex-digit span id.
    static func span() -> String {
        Hex.encode(RandomPool.bytes(8))
    }

    /// The trace id of a valid `traceparent` header (`00-<32 hex>-<16 hex>-<2 hex>`), else nil.
    static func from(traceparent: String?) -> String? {
        guard let header = traceparent, header.utf8.count == 55 else { return nil }
        let parts = header.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "00", parts[1].count == 32, parts[2].count == 16,
            parts[1].allSatisfy(\.isHexDigit), parts[1].lowercased() == parts[1],
            parts[1] != Substring(String(repeating: "0", count: 32))
        else { return nil }
        return String(parts[1])
    }
}

extension ContinuousClock.Instant {
    /// Whole microseconds elapsed since this instant.
    var microsecondsSince: Int64 {
        let elapsed = ContinuousClock.now - self
        return elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
    }
}
