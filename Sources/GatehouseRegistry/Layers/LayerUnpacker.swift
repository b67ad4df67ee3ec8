import Foundation
import GatehouseCore
import NIOCore

#if canImport(Glibc)
    import Glibc
#endif

/// Writes the layers of an image, in order, into a directory the caller created, so that no
/// member can write, link or remove anything outside it, whatever the layers hold:
///
/// - every path is resolved from the root directory's descriptor one component at a time, and a
///   symlink met on the way is followed *inside* the root (an absolute target starts again at
///   the root, `..` stops there), as the image will see it;
/// - files are created with `O_NOFOLLOW | O_EXCL` after whatever was at their path is removed,
///   so a planted symlink is replaced, never written through;
/// - hardlinks link only to members already in the root;
/// - set-user-ID, set-group-ID and sticky bits are dropped, ownership is not applied (the
///   sandbox maps everything to one unprivileged user), devices are refused (or passed over) by the reader, never made;
/// - OCI whiteouts remove lower layers' files (`.wh.NAME`) or a directory's lower contents
///   (`.wh..wh..opq`).
///
/// Not thread-safe: one unpacker runs on one thread (NIO's thread pool).
final class LayerUnpacker {
    /// `O_PATH` (Glibc leaves it out without `_GNU_SOURCE`): a descriptor that only names a
    /// directory, for the `*at` calls; the same value on every Linux architecture Swift runs on.
    static let openPath: Int32 = 0o10_000_000

    /// The root directory (`O_PATH`).
    let root: Int32
    /// The file being written and the bytes it still expects.
    private var file: Int32 = -1
    private var fileLeft: Int64 = 0
    /// Paths the current layer created (a `.wh..wh..opq` keeps them).
    var created: Set<String> = []
    /// The last parent directory resolved, reused by the next member in the same directory. A
    /// member elsewhere replaces it, so a directory on its path cannot have changed meanwhile:
    /// only a member whose parent is that directory's ancestor could change one.
    var lastParent: (path: String, fd: Int32)?

    /// Opens `directory`, which must exist and be a directory (not a symlink to one).
    init(directory: String) throws {
        root = open(directory, Self.openPath | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard root >= 0 else { throw Self.failure("cannot open the unpack directory", errno) }
    }

    deinit {
        forgetParent()
        if file >= 0 { close(file) }
        close(root)
    }

    /// Starts a new layer.
    func beginLayer() {
        created = []
    }

    /// Applies one event of the layer's tar stream.
    func apply(_ event: TarEvent) throws {
        switch event {
        case .entry(let entry):
            try finishFile()
            try apply(entry)
        case .data(let bytes):
            guard file >= 0, Int64(bytes.readableBytes) <= fileLeft else {
                throw Self.unsafe("content arrived for no file")
            }
            try bytes.withUnsafeReadableBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = write(file, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0, errno == EINTR { continue }
                    guard written > 0 else { throw Self.failure("cannot write an unpacked file", errno) }
                    offset += written
                }
            }
            fileLeft -= Int64(bytes.readableBytes)
        }
    }

    /// Ends the current layer: the last file must be complete.
    func endLayer() throws {
        try finishFile()
    }

    private func finishFile() throws {
        guard file >= 0 else { return }
        let complete = fileLeft == 0
        close(file)
        file = -1
        guard complete else { throw Self.unsafe("a file's content is truncated") }
    }

    private func apply(_ entry: TarEntry) throws {
        guard !entry.path.isEmpty else { return }  // the layer's own root
        switch Whiteout.of(entry.path) {
        case .opaque(let directory):
            try emptyDirectory(try parentDirectory(directory), keeping: directory)
            return
        case .remove(let path, let target):
            guard !target.isEmpty, target != ".", target != ".." else { throw Self.unsafe("a bad whiteout") }
            let (directory, _) = ImageFilesystem.split(path)
            try removeTree(try parentDirectory(directory), target)
            return
        case nil: break
        }
        let (directory, name) = ImageFilesystem.split(entry.path)
        let parent = try parentDirectory(directory)
        let mode = mode_t(entry.mode & 0o777)
        switch entry.kind {
        case .directory:
            var info = stat()
            if fstatat(parent, name, &info, AT_SYMLINK_NOFOLLOW) == 0, info.st_mode & S_IFMT == S_IFDIR {
                _ = fchmodat(parent, name, mode | 0o700, 0)
            } else {
                try removeTree(parent, name)
                guard mkdirat(parent, name, 0o700) == 0 else {
                    throw Self.failure("cannot create \(entry.path.prefix(200))", errno)
                }
                _ = fchmodat(parent, name, mode | 0o700, 0)
            }
        case .file:
            try removeTree(parent, name)
            let fd = openat(parent, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw Self.failure("cannot create \(entry.path.prefix(200))", errno) }
            _ = fchmod(fd, mode | 0o600)
            file = fd
            fileLeft = entry.size
        case .symlink(let target):
            try removeTree(parent, name)
            guard symlinkat(target, parent, name) == 0 else {
                throw Self.failure("cannot create the symlink \(entry.path.prefix(200))", errno)
            }
        case .hardlink(let target):
            let (targetDirectory, targetName) = ImageFilesystem.split(target)
            let source = try resolveDirectory(targetDirectory)
            defer { close(source) }
            try removeTree(parent, name)
            guard linkat(source, targetName, parent, name, 0) == 0 else {
                throw Self.unsafe("\(entry.path.prefix(200)) links to \(target.prefix(200)), which is not in the image")
            }
        }
        created.insert(entry.path)
    }

    static func unsafe(_ message: String) -> GatehouseError {
        GatehouseError(.ociManifestInvalid, "unsafe layer: " + message)
    }

    static func failure(_ message: String, _ code: Int32) -> GatehouseError {
        GatehouseError(.internal, message + ": " + String(cString: strerror(code)))
    }
}
