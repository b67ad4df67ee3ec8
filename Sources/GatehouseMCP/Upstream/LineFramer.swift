import Foundation

/// Splits a byte stream into newline-delimited messages (MCP's stdio framing). A line longer
/// than the limit is an error: a server cannot make the gateway buffer without bound.
struct LineFramer {
    /// The longest line accepted.
    let limit: Int
    private var buffer = Data()

    init(limit: Int = 16 << 20) {
        self.limit = limit
    }

    /// Takes a chunk; returns the complete lines in it (without the newline, empty lines
    /// dropped), or nil when the pending line has grown past the limit.
    mutating func push(_ chunk: Data) -> [Data]? {
        buffer.append(chunk)
        var lines: [Data] = []
        var start = buffer.startIndex
        while let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
            var line = buffer[start..<newline]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if !line.isEmpty { lines.append(Data(line)) }
            start = buffer.index(after: newline)
        }
        buffer = Data(buffer[start...])
        return buffer.count > limit ? nil : lines
    }
}
