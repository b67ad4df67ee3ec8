import Foundation
package import GatehouseCore

/// An incremental reader of `text/event-stream` bodies: bytes go in as they arrive, whole
/// events come out. Only `data:` fields matter (joined with `\n` per the SSE rules); comments
/// and other fields are skipped. Lines may end in LF, CRLF or CR, split anywhere across chunks.
///
/// Bounded: a line or an event larger than `maxEventBytes` throws instead of growing without end.
package struct SSEDecoder: Sendable {
    /// The largest event (its data plus the line being read) accepted.
    package let maxEventBytes: Int
    private var line: [UInt8] = []
    private var data: [UInt8] = []
    private var hasData = false
    private var afterCR = false

    /// Creates a decoder refusing events over `maxEventBytes` (default 8 MiB).
    package init(maxEventBytes: Int = 8 << 20) {
        self.maxEventBytes = max(1, maxEventBytes)
    }

    /// Consumes `bytes` and returns the events they complete, in order.
    package mutating func feed(_ bytes: some Sequence<UInt8>) throws(GatehouseError) -> [SSEEvent] {
        var events: [SSEEvent] = []
        for byte in bytes {
            if afterCR {
                afterCR = false
                if byte == 0x0A { continue }
            }
            switch byte {
            case 0x0A, 0x0D:
                afterCR = byte == 0x0D
                if let event = endLine() { events.append(event) }
            default:
                guard line.count + data.count < maxEventBytes else {
                    throw GatehouseError(.payloadTooLarge, "stream event exceeds \(maxEventBytes) bytes")
                }
                line.append(byte)
            }
        }
        return events
    }

    /// The event still open when the stream ended, if it has complete `data:` lines. (The SSE
    /// rules drop it; engines that close without the final blank line are forgiven here.)
    package mutating func finish() -> SSEEvent? {
        line.removeAll()
        return dispatch()
    }

    private mutating func endLine() -> SSEEvent? {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty { return dispatch() }
        if line[0] == UInt8(ascii: ":") { return nil }
        let colon = line.firstIndex(of: UInt8(ascii: ":")) ?? line.endIndex
        guard line[..<colon].elementsEqual("data".utf8) else { return nil }
        var start = colon < line.endIndex ? colon + 1 : colon
        if start < line.endIndex, line[start] == UInt8(ascii: " ") { start += 1 }
        if hasData { data.append(0x0A) }
        data.append(contentsOf: line[start...])
        hasData = true
        return nil
    }

    private mutating func dispatch() -> SSEEvent? {
        guard hasData else { return nil }
        let event = SSEEvent(data: Data(data))
        data.removeAll(keepingCapacity: true)
        hasData = false
        return event
    }
}
