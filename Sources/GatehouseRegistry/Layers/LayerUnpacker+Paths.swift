import GatehouseCore

#if canImport(Glibc)
    import Glibc
#endif

extension LayerUnpacker {
    /// Most symlinks followed while resolving one path (the kernel's own limit is 40).
    static let maxLinks = 40

    /// The directory `path` (relative to the root), resolved inside the root and kept for the
    /// next member; the unpacker owns the descriptor.
    func parentDirectory(_ path: String) throws -> Int32 {
        if let lastParent, lastParent.path == path { return lastParent.fd }
        forgetParent()
        let fd = try resolveDirectory(path)
        lastParent = (path, fd)
        return fd
    }

    func forgetParent() {
        if let lastParent { close(lastParent.fd) }
        lastParent = nil
    }

    /// Opens the directory `path` (relative to the root) as the image will see it: symlinks on
    /// the way are followed inside the root, `..` stops at the root, and missing directories
    /// are created (tar streams may leave out parents). The caller closes the result.
    func resolveDirectory(_ path: String) throws -> Int32 {
        var stack: [Int32] = []  // the directories walked into, below the root
        defer { for fd in stack { close(fd) } }
        var queue = path.split(separator: "/").reversed().map(String.init)
        var links = 0
        while let part = queue.popLast() {
            if part == "." || part.isEmpty { continue }
            if part == ".." {
                if let fd = stack.popLast() { close(fd) }
                continue
            }
            let current = stack.last ?? root
            var fd = openat(current, part, Self.openPath | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if fd < 0, errno == ENOENT {
                guard mkdirat(current, part, 0o755) == 0 || errno == EEXIST else {
                    throw Self.failure("cannot create the directory \(path.prefix(200))", errno)
                }
                fd = openat(current, part, Self.openPath | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            }
            if fd >= 0 {
                stack.append(fd)
                continue
            }
            // Not a directory: a symlink to follow inside the root, or something in the way.
            var buffer = [CChar](repeating: 0, count: 4097)
            let length = readlinkat(current, part, &buffer, 4096)
            guard length > 0 else { throw Self.unsafe("\(path.prefix(200)) passes through a file") }
            links += 1
            guard links <= Self.maxLinks else { throw Self.unsafe("\(path.prefix(200)) has too many symlinks") }
            let target = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if target.hasPrefix("/") {
                for fd in stack { close(fd) }
                stack = []
            }
            queue.append(contentsOf: target.split(separator: "/").reversed().map(String.init))
        }
        let result = stack.popLast() ?? dup(root)
        guard result >= 0 else { throw Self.failure("cannot open the unpack directory", errno) }
        return result
    }

    /// Removes `name` in `directory`, whatever it is, without following symlinks; nothing there
    /// is fine.
    func removeTree(_ directory: Int32, _ name: String) throws {
        var info = stat()
        guard fstatat(directory, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return }
        if info.st_mode & S_IFMT == S_IFDIR {
            let fd = openat(directory, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { throw Self.failure("cannot open a directory to remove", errno) }
            try removeChildren(fd) { _ in false }
            guard unlinkat(directory, name, AT_REMOVEDIR) == 0 else {
                throw Self.failure("cannot remove a directory", errno)
            }
        } else if unlinkat(directory, name, 0) != 0, errno != ENOENT {
            throw Self.failure("cannot remove a file", errno)
        }
    }

    /// Removes what lower layers put in `directory` (opened from `path`), keeping what this
    /// layer created.
    func emptyDirectory(_ directory: Int32, keeping path: String) throws {
        let fd = openat(directory, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw Self.failure("cannot open a directory to empty", errno) }
        let prefix = path.isEmpty ? "" : path + "/"
        try removeChildren(fd) { [created] name in created.contains(prefix + name) }
    }

    /// Removes every child of the directory `fd` (which this closes) that `keep` does not keep.
    private func removeChildren(_ fd: Int32, keep: (String) -> Bool) throws {
        guard let stream = fdopendir(fd) else {
            close(fd)
            throw Self.failure("cannot list a directory", errno)
        }
        defer { closedir(stream) }
        var names: [String] = []
        while let item = readdir(stream) {
            let name = withUnsafeBytes(of: item.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != "..", !keep(name) { names.append(name) }
        }
        for name in names { try removeTree(dirfd(stream), name) }
    }
}
