public import NIOCore

/// One member of a layer's tar stream, after the reader's checks: a relative, normalised path
/// without `..`, and a kind the reader accepts.
public struct TarEntry: Sendable, Hashable {
    /// What the member is.
    public enum Kind: Sendable, Hashable {
        case file
        case directory
        case symlink(target: String)
        case hardlink(target: String)
    }

    /// The normalised path, relative to the root (`usr/bin/sh`).
    public let path: String
    /// The kind.
    public let kind: Kind
    /// Permission bits.
    public let mode: UInt32
    /// Content size in bytes (files only).
    public let size: Int64
}

/// Limits that keep a hostile layer from exhausting memory or disk.
public struct TarLimits: Sendable, Hashable {
    /// Largest single member.
    public var maxEntryBytes: Int64 = 8 << 30
    /// Largest total of member sizes in one layer.
    public var maxTotalBytes: Int64 = 32 << 30
    /// Most members in one layer.
    public var maxEntries: Int = 1_000_000
    /// Longest path.
    public var maxPathBytes: Int = 4096
    /// Whether device nodes are passed over (a scan, an unpack that never makes them) rather
    /// than refused (the default).
    public var skipDevices = false

    /// The defaults.
    public init() {}
}

/// What ``TarReader/read(_:content:_:)`` reports: an entry, or a piece of the content of the
/// file entry reported last.
public enum TarEvent: Sendable {
    case entry(TarEntry)
    case data(ByteBuffer)
}
