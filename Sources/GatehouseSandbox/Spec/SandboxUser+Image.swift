import Foundation
public import GatehouseCore

extension SandboxUser {
    /// The user an image's `User` names (`name`, `uid`, `name:group`, `uid:gid`, …), looked up
    /// in the unpacked image's own `/etc/passwd` and `/etc/group` as Docker does: a numeric
    /// user absent from `passwd` gets group 0, a name or group that is not there is an error.
    /// Nil when the image names no user: it then runs as ``standard``, never as root by default.
    ///
    /// The image's files are untrusted: `etc`, `passwd` and `group` must be a real directory and
    /// regular files (a symlink could point at the host's files), at most 1 MiB each.
    public init?(imageUser: String, root: String) throws(GatehouseError) {
        let spec = imageUser.trimmingCharacters(in: .whitespaces)
        guard !spec.isEmpty else { return nil }
        guard spec.utf8.count <= 256, spec.split(separator: ":", omittingEmptySubsequences: false).count <= 2 else {
            throw GatehouseError(.badRequest, "the image's User \(spec.prefix(64)) is not USER or USER:GROUP")
        }
        let parts = spec.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let (user, group) = (parts[0], parts.count == 2 ? parts[1] : nil)
        guard !user.isEmpty, group.map({ !$0.isEmpty }) ?? true else {
            throw GatehouseError(.badRequest, "the image's User \(spec.prefix(64)) has an empty part")
        }
        let passwd = try Self.entries(root: root, file: "passwd")
        let uid: UInt32
        var primary: UInt32?
        if let number = try Self.id(user) {
            uid = number
            primary = passwd.first { Self.number($0, 2) == number }.flatMap { Self.number($0, 3) }
        } else {
            guard let entry = passwd.first(where: { $0.first == user }), let number = Self.number(entry, 2) else {
                throw GatehouseError(.badRequest, "the image's user \(user.prefix(64)) is not in its /etc/passwd")
            }
            uid = number
            primary = Self.number(entry, 3)
        }
        var gid = primary ?? 0
        if let group {
            if let number = try Self.id(group) {
                gid = number
            } else {
                let groups = try Self.entries(root: root, file: "group")
                guard let entry = groups.first(where: { $0.first == group }), let number = Self.number(entry, 2) else {
                    throw GatehouseError(.badRequest, "the image's group \(group.prefix(64)) is not in its /etc/group")
                }
                gid = number
            }
        }
        self.init(uid: uid, gid: gid)
    }

    /// A numeric id, nil for a name; an out-of-range number is an error.
    private static func id(_ text: String) throws(GatehouseError) -> UInt32? {
        guard text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        guard let value = UInt32(text), value <= maxID else {
            throw GatehouseError(.badRequest, "the image's user or group id \(text.prefix(20)) is out of range")
        }
        return value
    }

    private static func number(_ fields: [String], _ index: Int) -> UInt32? {
        guard fields.count > index, let value = UInt32(fields[index]), value <= maxID else { return nil }
        return value
    }

    /// The colon-separated lines of the image's `/etc/FILE`; none when the image has no such file.
    static func entries(root: String, file: String) throws(GatehouseError) -> [[String]] {
        guard let text = try readEtcFile(root: root, file: file) else { return [] }
        return text.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("#") }.map {
            $0.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// The image's `/etc/FILE`, read without following a symlink anywhere on the way. The
    /// checks use Foundation's attributes (taken without following a link) rather than `stat`'s
    /// fields, whose defining C module differs between builds.
    private static func readEtcFile(root: String, file: String) throws(GatehouseError) -> String? {
        let etc = root + "/etc"
        guard let etcType = try? FileManager.default.attributesOfItem(atPath: etc)[.type] as? FileAttributeType else {
            return nil
        }
        guard etcType == .typeDirectory else {
            throw GatehouseError(.badRequest, "the image's /etc is not a directory (a symlink is not followed)")
        }
        let path = etc + "/" + file
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? Int.max
        guard attributes[.type] as? FileAttributeType == .typeRegular, size <= 1 << 20 else {
            throw GatehouseError(.badRequest, "the image's /etc/\(file) is not a regular file of at most 1 MiB")
        }
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw GatehouseError(.badRequest, "cannot read the image's /etc/\(file)")
        }
        let data = (try? FileHandle(fileDescriptor: descriptor, closeOnDealloc: true).read(upToCount: size)) ?? nil
        return String(decoding: data ?? Data(), as: UTF8.self)
    }
}
