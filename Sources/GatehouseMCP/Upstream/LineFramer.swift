import Foundation

/// Splits a byte stream into newline-delimited messages (MCP's stdio framing). A line longer
/// than the limit is an error: a server cannot make the gateway buffer without bound.
struct LineFramer {
    /// The longest line accepted.
    let limit: Int
    private var buffer = Data()
    /// Where the search for the next newline resumes (the bytes before it have none).
    private var scanned = 0

    init(limit: Int = 16 << 20) {
        self.limit = limit
    }

    /// Takes a chunk; returns the complete lines in it (without the newline, empty lines
    /// dropped), or nil when the pending line has grown past the limit.
    mutating func push(_ chunk: Data) -> [Data]? {
        buffer.append(chunk)
        var lines: [Data] = []
        var start = buffer.startIndex
        var from = buffer.startIndex + scanned
        while let newline = buffer[from...].firstIndex(of: UInt8(ascii: "\n")) {
            var line = buffer[start..<newline]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if !line.isEmpty { lines.append(Data(line)) }
            start = buffer.index(after: newline)
            from = start
        }
        // Only the unfinished line is kept, and it is not searched again.
        if start != buffer.startIndex { buffer = Data(buffer[start...]) }
        scanned = buffer.count
        guard buffer.count <= limit else {
            buffer = Data()
            scanned = 0
            return nil
        }
        return lines
    }
}
