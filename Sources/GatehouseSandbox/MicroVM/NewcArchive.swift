import Foundation

/// A cpio archive in the "new ASCII" (newc) format the Linux kernel unpacks as an initramfs.
/// Only what the microVM needs: regular files and directories, owned by root.
struct NewcArchive {
    /// One member.
    struct Entry {
        /// The path inside the archive, relative (no leading slash).
        let path: String
        /// The permission bits and file type (`S_IFREG | 0o755`, `S_IFDIR | 0o755`).
        let mode: UInt32
        /// The content; empty for a directory.
        let contents: Data
    }

    private(set) var bytes = Data()
    private var inode: UInt32 = 1

    /// Appends one member.
    mutating func append(_ entry: Entry) {
        precondition(!entry.path.hasPrefix("/") && !entry.path.split(separator: "/").contains(".."))
        write(
            name: entry.path, mode: entry.mode, links: entry.mode & UInt32(S_IFMT) == UInt32(S_IFDIR) ? 2 : 1,
            contents: entry.contents)
        inode += 1
    }

    /// The archive with its trailer.
    func finished() -> Data {
        var copy = self
        copy.inode = 0
        copy.write(name: "TRAILER!!!", mode: 0, links: 1, contents: Data())
        return copy.bytes
    }

    private mutating func write(name: String, mode: UInt32, links: UInt32, contents: Data) {
        let nameBytes = Data(name.utf8) + [0]
        let fields: [UInt32] = [
            inode, mode, 0, 0, links, 0, UInt32(contents.count), 0, 0, 0, 0, UInt32(nameBytes.count), 0,
        ]
        bytes += Data(("070701" + fields.map { Self.hex($0) }.joined()).utf8)
        bytes += nameBytes
        pad()
        bytes += contents
        pad()
    }

    private mutating func pad() {
        let remainder = bytes.count % 4
        if remainder != 0 { bytes += Data(count: 4 - remainder) }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
