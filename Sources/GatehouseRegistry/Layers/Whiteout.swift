/// An OCI whiteout member of a layer: it removes what lower layers put somewhere.
package enum Whiteout: Sendable, Hashable {
    /// `DIR/.wh..wh..opq`: the lower layers' contents of DIR (not DIR itself; "" is the root).
    case opaque(directory: String)
    /// `DIR/.wh.NAME`: DIR/NAME and everything under it. NAME is as written; whoever removes
    /// files refuses an empty one, `.` or `..`.
    case remove(path: String, name: String)

    /// The whiteout the member at `path` is, or nil for an ordinary member.
    package static func of(_ path: String) -> Whiteout? {
        let (directory, name) = ImageFilesystem.split(path)
        if name == ".wh..wh..opq" { return .opaque(directory: directory) }
        guard name.hasPrefix(".wh.") else { return nil }
        let target = String(name.dropFirst(4))
        return .remove(path: directory.isEmpty ? target : directory + "/" + target, name: target)
    }
}
