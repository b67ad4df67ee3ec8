/// The build information the Go linker embeds in binaries (Go ≥ 1.18 inline format).
///
/// Layout: the 14-byte magic `\xff Go buildinf:`, a pointer-size byte (4 or 8), a flags byte, padding to
/// 32 bytes; when flags bit 2 (`0x2`) is set, two strings follow, each prefixed by its length as an
/// unsigned LEB128 varint: the Go version (`go1.21.5`), then the module info framed by 16-byte sentinels.
/// Older binaries store pointers instead; they are not read.
struct GoBuildInfo: Sendable, Hashable {
    /// The toolchain version, e.g. `go1.21.5`.
    var goVersion: String
    /// The module info text (sentinels removed), empty when the binary was built without modules.
    var modInfo: String

    /// `\xff Go buildinf:`.
    static let magic: [UInt8] = [0xFF] + Array(" Go buildinf:".utf8)
    private static let headerSize = 32
    private static let inlineFlag: UInt8 = 0x2

    /// The build info in `binary`: the first valid inline blob at a 16-byte-aligned offset, else at any
    /// offset; nil when there is none (not a Go binary, or a pre-1.18 pointer format).
    static func find(in binary: [UInt8]) -> GoBuildInfo? {
        binary.withUnsafeBufferPointer { buffer in
            for stride in [16, 1] {
                var offset = 0
                while offset + headerSize <= buffer.count {
                    if buffer[offset] == 0xFF, matchesMagic(buffer, at: offset), let info = decode(buffer, at: offset) {
                        return info
                    }
                    offset += stride
                }
            }
            return nil
        }
    }

    private static func matchesMagic(_ buffer: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        for index in 1..<magic.count where buffer[offset + index] != magic[index] { return false }
        return true
    }

    /// Decodes the blob whose magic is at `offset`; nil when it is not a valid inline blob.
    static func decode(_ buffer: UnsafeBufferPointer<UInt8>, at offset: Int) -> GoBuildInfo? {
        let pointerSize = buffer[offset + 14]
        let flags = buffer[offset + 15]
        guard pointerSize == 4 || pointerSize == 8, flags & inlineFlag != 0 else { return nil }
        var cursor = offset + headerSize
        guard let version = readString(buffer, &cursor, max: 256),
            version.hasPrefix("go") || version.hasPrefix("devel"),
            ScanText.isToken(version.prefix { $0 != " " }),
            let framed = readBytes(buffer, &cursor, max: 16 << 20)
        else { return nil }
        var modInfo = ""
        // The module info is framed by two 16-byte sentinels and ends in a newline before the second.
        if framed.count >= 33, framed[framed.count - 17] == UInt8(ascii: "\n") {
            modInfo = String(decoding: framed[16..<(framed.count - 16)], as: UTF8.self)
        }
        return GoBuildInfo(goVersion: version, modInfo: modInfo)
    }

    private static func readString(_ buffer: UnsafeBufferPointer<UInt8>, _ cursor: inout Int, max: Int) -> String? {
        readBytes(buffer, &cursor, max: max).map { String(decoding: $0, as: UTF8.self) }
    }

    /// A varint-length-prefixed byte string at `cursor`, advancing it; nil when truncated or over `max`.
    private static func readBytes(_ buffer: UnsafeBufferPointer<UInt8>, _ cursor: inout Int, max: Int) -> [UInt8]? {
        var length: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard cursor < buffer.count, shift < 64 else { return nil }
            let byte = buffer[cursor]
            cursor += 1
            length |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
        }
        guard length <= UInt64(max), Int(length) <= buffer.count - cursor else { return nil }
        let bytes = Array(buffer[cursor..<(cursor + Int(length))])
        cursor += Int(length)
        return bytes
    }
}
