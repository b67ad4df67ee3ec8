public import GatehouseCore
public import NIOCore

/// Reads a tar stream (ustar, GNU long names, PAX path/size records) incrementally and refuses
/// what could hurt whoever unpacks it: paths that escape the root (absolute after
/// normalisation is fine, `..` is not), device nodes, bad header checksums, sizes past the
/// limits, and truncation. Contents are skipped, or handed on with their entries for an unpacker.
public struct TarReader: Sendable {
    let limits: TarLimits
    private var pending = ByteBuffer()
    private var skipping: Int64 = 0
    /// Bytes of the current file's content not yet passed over (the rest of `skipping` is padding).
    private var contentLeft: Int64 = 0
    private var longName: String?
    private var longLink: String?
    private var pax: [String: String] = [:]
    /// Whether a metadata record (long name, long link, PAX) awaits the member it describes.
    private var metadataPending = false
    /// Metadata records read, held to the member limit like members (each is a 512-byte block
    /// at least, so a stream of them is bounded work).
    private var metadataRecords = 0
    private var entries = 0
    private var total: Int64 = 0
    private var zeroBlocks = 0
    /// Whether the end-of-archive marker (two zero blocks) was read.
    public private(set) var finished = false

    /// A reader with `limits`.
    public init(limits: TarLimits = TarLimits()) { self.limits = limits }

    /// Reads more of the stream; returns the entries it completed (contents are skipped).
    public mutating func feed(_ bytes: ByteBuffer) throws -> [TarEntry] {
        var out: [TarEntry] = []
        try read(bytes, content: false) { event in
            if case .entry(let entry) = event { out.append(entry) }
        }
        return out
    }

    /// Reads more of the stream, handing `handle` each completed entry and, with `content`, the
    /// bytes of each file after its entry (in as many pieces as they arrive; padding excluded).
    public mutating func read(_ bytes: ByteBuffer, content: Bool, _ handle: (TarEvent) throws -> Void) throws {
        var input = bytes
        pending.writeBuffer(&input)
        reading: while !finished {
            if skipping > 0 {
                let step = Int(min(skipping, Int64(pending.readableBytes)))
                guard step > 0 else { break reading }
                let data = Int(min(Int64(step), contentLeft))
                if content, data > 0, let slice = pending.readSlice(length: data) {
                    try handle(.data(slice))
                    pending.moveReaderIndex(forwardBy: step - data)
                } else {
                    pending.moveReaderIndex(forwardBy: step)
                }
                contentLeft -= Int64(data)
                skipping -= Int64(step)
                continue
            }
            guard let block = pending.readSlice(length: 512) else { break reading }
            switch try header(block) {
            case .entry(let entry): try handle(.entry(entry))
            case .nothing: continue
            case .needMore:
                // A metadata record whose content has not all arrived: read its header again later.
                pending.moveReaderIndex(to: pending.readerIndex - 512)
                break reading
            }
        }
        pending.discardReadBytes()
    }

    /// Checks that the stream ended where a tar archive may end.
    public func finish() throws(GatehouseError) {
        guard skipping == 0, !metadataPending else {
            throw GatehouseError(.ociManifestInvalid, "the layer's tar stream is truncated")
        }
    }

    private enum Step {
        case entry(TarEntry)
        case nothing
        case needMore
    }

    private mutating func header(_ block: ByteBuffer) throws(GatehouseError) -> Step {
        let bytes = Array(block.readableBytesView)
        if bytes.allSatisfy({ $0 == 0 }) {
            zeroBlocks += 1
            if zeroBlocks == 2 { finished = true }
            return .nothing
        }
        zeroBlocks = 0
        guard let stored = Self.octal(bytes[148..<156]) else { throw Self.bad("a header has no checksum") }
        let sum = bytes.enumerated().reduce(0) { $0 + Int64((148..<156).contains($1.offset) ? 32 : $1.element) }
        guard sum == stored else { throw Self.bad("a header's checksum does not match (not a tar stream?)") }
        let type = bytes[156]
        var size = Self.octal(bytes[124..<136]) ?? -1
        if let paxSize = pax["size"] { size = Int64(paxSize) ?? -1 }
        guard size >= 0, size <= limits.maxEntryBytes else {
            throw Self.bad("a member is larger than \(limits.maxEntryBytes) bytes")
        }
        let padded = (size + 511) / 512 * 512
        switch type {
        case UInt8(ascii: "L"), UInt8(ascii: "K"), UInt8(ascii: "x"), UInt8(ascii: "g"):
            // Metadata for the next member: read its (bounded) content now.
            guard size <= Int64(limits.maxPathBytes) * 4 + 1024 else {
                throw Self.bad("a metadata record is too large")
            }
            guard let content = pending.readSlice(length: Int(padded)) else { return .needMore }
            metadataRecords += 1
            guard metadataRecords <= limits.maxEntries else {
                throw Self.bad("the layer has more than \(limits.maxEntries) metadata records")
            }
            let text = String(decoding: content.readableBytesView.prefix(Int(size)), as: UTF8.self)
            switch type {
            case UInt8(ascii: "L"): longName = String(text.prefix { $0 != "\0" })
            case UInt8(ascii: "K"): longLink = String(text.prefix { $0 != "\0" })
            case UInt8(ascii: "x"):
                // Only what Gatehouse reads is kept, so repeated records cannot grow memory.
                pax.merge(try Self.paxRecords(text).filter { Self.paxKeys.contains($0.key) }) { $1 }
            default: return .nothing  // global PAX records: nothing Gatehouse uses
            }
            metadataPending = true
            return .nothing
        default: break
        }
        entries += 1
        total += size
        guard entries <= limits.maxEntries else {
            throw Self.bad("the layer has more than \(limits.maxEntries) members")
        }
        guard total <= limits.maxTotalBytes else {
            throw Self.bad("the layer unpacks to more than \(limits.maxTotalBytes) bytes")
        }
        let rawName = pax["path"] ?? longName ?? Self.name(bytes)
        let rawLink = pax["linkpath"] ?? longLink ?? Self.string(bytes[157..<257])
        longName = nil
        longLink = nil
        pax = [:]
        metadataPending = false
        skipping = padded
        contentLeft = 0
        let path = try normalise(rawName)
        let mode = UInt32(truncatingIfNeeded: Self.octal(bytes[100..<108]) ?? 0o644) & 0o7777
        let kind: TarEntry.Kind
        switch type {
        case 0, UInt8(ascii: "0"), UInt8(ascii: "7"): kind = .file
        case UInt8(ascii: "5"): kind = .directory
        case UInt8(ascii: "2"):
            guard !rawLink.isEmpty, rawLink.utf8.count <= limits.maxPathBytes else {
                throw Self.bad("\(path): a bad symlink")
            }
            kind = .symlink(target: rawLink)
        case UInt8(ascii: "1"): kind = .hardlink(target: try normalise(rawLink))
        case UInt8(ascii: "3"), UInt8(ascii: "4"):
            guard limits.skipDevices else { throw Self.bad("\(path) is a device node; layers may not carry devices") }
            return .nothing
        case UInt8(ascii: "6"): return .nothing  // a FIFO: harmless, not reported
        default: throw Self.bad("\(path) has an unknown member type \(type)")
        }
        if kind == .file { contentLeft = size }
        return .entry(TarEntry(path: path, kind: kind, mode: mode, size: kind == .file ? size : 0))
    }

    /// `./a//b/` → `a/b`; a leading `/` is dropped; `..` anywhere is refused.
    private func normalise(_ raw: String) throws(GatehouseError) -> String {
        guard raw.utf8.count <= limits.maxPathBytes, !raw.contains("\0") else { throw Self.bad("a path is too long") }
        var parts: [Substring] = []
        for part in raw.split(separator: "/") where part != "." {
            guard part != ".." else { throw Self.bad("\(raw.prefix(200)) leads out of the root") }
            parts.append(part)
        }
        return parts.joined(separator: "/")
    }

    /// The PAX keys Gatehouse reads.
    static let paxKeys: Set<String> = ["path", "linkpath", "size"]

    static func paxRecords(_ text: String) throws(GatehouseError) -> [String: String] {
        var out: [String: String] = [:]
        var rest = Substring(text)
        while !rest.isEmpty {
            guard let space = rest.firstIndex(of: " "), let length = Int(rest[..<space]), length > 0,
                length <= rest.utf8.count
            else { throw bad("a PAX record is malformed") }
            let record = rest.utf8.prefix(length)
            rest = Substring(rest.utf8.dropFirst(length))
            let body = String(decoding: record, as: UTF8.self).drop { $0 != " " }.dropFirst().dropLast()
            guard let equals = body.firstIndex(of: "=") else { throw bad("a PAX record has no =") }
            out[String(body[..<equals])] = String(body[body.index(after: equals)...])
        }
        return out
    }

    static func name(_ bytes: [UInt8]) -> String {
        let name = string(bytes[0..<100])
        let prefix = bytes[257..<263].starts(with: Array("ustar".utf8)) ? string(bytes[345..<500]) : ""
        return prefix.isEmpty ? name : prefix + "/" + name
    }

    static func string(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// An octal field (NUL/space padded), or the base-256 form GNU tar uses for large sizes.
    static func octal(_ bytes: ArraySlice<UInt8>) -> Int64? {
        if let first = bytes.first, first & 0x80 != 0 {
            var value: Int64 = Int64(first & 0x7f)
            for byte in bytes.dropFirst() {
                guard value < Int64.max >> 8 else { return nil }
                value = value << 8 | Int64(byte)
            }
            return value
        }
        let digits = bytes.drop { $0 == 32 }.prefix { $0 != 0 && $0 != 32 }
        guard !digits.isEmpty, digits.count <= 21 else { return digits.isEmpty ? 0 : nil }
        var value: Int64 = 0
        for digit in digits {
            guard (48...55).contains(digit) else { return nil }
            value = value * 8 + Int64(digit - 48)
        }
        return value
    }

    static func bad(_ message: String) -> GatehouseError {
        GatehouseError(.ociManifestInvalid, "unsafe layer: " + message)
    }
}
