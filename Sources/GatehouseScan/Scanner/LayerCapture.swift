import GatehouseCore
import GatehouseRegistry
import NIOCore

/// Keeps, from one layer's tar stream, the content of the files the catalogers want, and applies
/// the layer's whiteouts and replacements to what lower layers kept.
struct LayerCapture {
    let layer: Int
    /// The file being kept: its path, interest and bytes so far.
    private var current: (path: String, interest: FileInterest, bytes: [UInt8], tooLarge: Bool)?
    /// A Go binary being searched for its build info.
    private var goSearch: (path: String, interest: FileInterest, window: GoBuildInfoWindow)?

    init(layer: Int) { self.layer = layer }

    mutating func handle(_ event: TarEvent, state: inout ScanState) throws {
        switch event {
        case .entry(let entry):
            finish(state: &state)
            begin(entry, state: &state)
        case .data(let buffer):
            if var kept = current {
                current = nil
                if !kept.tooLarge {
                    let room = kept.interest.maxBytes - kept.bytes.count
                    if buffer.readableBytes <= room {
                        kept.bytes.append(contentsOf: buffer.readableBytesView)
                    } else if kept.interest.acceptsPrefix {
                        kept.bytes.append(contentsOf: buffer.readableBytesView.prefix(room))
                    } else {
                        kept.tooLarge = true
                        kept.bytes = []
                    }
                }
                current = kept
            } else if var search = goSearch {
                goSearch = nil
                search.window.feed(buffer.readableBytesView)
                goSearch = search
            }
        }
    }

    /// Stores the file being kept, if any.
    mutating func finish(state: inout ScanState) {
        if let kept = current {
            current = nil
            if kept.tooLarge {
                state.notes.append("\(kept.path): larger than \(kept.interest.maxBytes) bytes, not read")
            } else {
                state.keep(kept.path, KeptFile(content: kept.bytes, layer: layer))
            }
        }
        if let search = goSearch {
            goSearch = nil
            if let found = search.window.found { state.keep(search.path, KeptFile(content: found, layer: layer)) }
        }
    }

    private mutating func begin(_ entry: TarEntry, state: inout ScanState) {
        switch Whiteout.of(entry.path) {
        case .opaque(let directory):
            state.removeBelow(directory, lowerThan: layer)
            return
        case .remove(let path, _):
            state.remove(path)
            return
        case nil: break
        }
        state.replace(entry.path)
        guard entry.kind == .file,
            let interest = Catalogers.interest(path: entry.path, mode: entry.mode, size: entry.size)
        else { return }
        if interest.cataloger == .goBinary {
            goSearch = (entry.path, interest, GoBuildInfoWindow())
        } else {
            current = (entry.path, interest, [], false)
        }
    }
}

/// Finds a Go build-info blob (`\xff Go buildinf:`) in a binary streamed in pieces, and keeps
/// the 64 KiB from it on: the build info is a few kilobytes right after its magic, so the rest
/// of a large binary never needs to be held.
struct GoBuildInfoWindow {
    static let magic = GoBuildInfo.magic
    static let keep = 64 << 10
    /// The tail of the previous piece (a magic may straddle two pieces).
    private var tail: [UInt8] = []
    /// The bytes from the magic on, once found (the first 16-byte aligned occurrence).
    private(set) var found: [UInt8]?
    /// Bytes seen before `tail`.
    private var offset = 0

    mutating func feed(_ bytes: some Collection<UInt8>) {
        if var found {
            if found.count < Self.keep {
                found.append(contentsOf: bytes.prefix(Self.keep - found.count))
                self.found = found
            }
            return
        }
        let window = tail + bytes
        if let start = Self.search(window, base: offset) {
            found = Array(window[start...].prefix(Self.keep))
            tail = []
            return
        }
        let keepTail = min(window.count, Self.magic.count - 1)
        offset += window.count - keepTail
        tail = Array(window.suffix(keepTail))
    }

    /// The index in `window` of a magic that starts at a 16-byte aligned file offset.
    private static func search(_ window: [UInt8], base: Int) -> Int? {
        guard window.count >= magic.count else { return nil }
        var index = 0
        while index <= window.count - magic.count {
            guard let first = window[index...].firstIndex(of: 0xff), first <= window.count - magic.count else {
                return nil
            }
            if (base + first) % 16 == 0, window[first..<first + magic.count].elementsEqual(magic) { return first }
            index = first + 1
        }
        return nil
    }
}
