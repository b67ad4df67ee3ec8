import Foundation
import GatehouseCore

/// The initramfs a microVM boots: the image's busybox archive with a second, uncompressed
/// archive appended that adds `gatehouse-sandbox-init` (the kernel unpacks concatenated
/// archives in order). The guest's init uses it to run the command as the workspace's owner
/// with no capabilities, so the command cannot unmount the read-only protections.
///
/// The combined file is written once per image and helper build, next to the sandboxes' state.
enum MicroVMInitrd {
    /// The combined initramfs for `image` and `helper`, made in `directory` if it is not there.
    static func path(image: String, helper: String, directory: String) throws(GatehouseError) -> String {
        let base = image + "/initrd.gz"
        guard let key = identity(base).flatMap({ b in identity(helper).map { b + "-" + $0 } }) else {
            throw GatehouseError(.sandboxUnavailable, "the microVM image or gatehouse-sandbox-init is missing")
        }
        let target = directory + "/initrd-" + key + ".img"
        if FileManager.default.fileExists(atPath: target) { return target }
        guard var combined = FileManager.default.contents(atPath: base),
            let program = FileManager.default.contents(atPath: helper)
        else {
            throw GatehouseError(.sandboxUnavailable, "cannot read the microVM image or gatehouse-sandbox-init")
        }
        // The next archive must start on a four-byte boundary; the kernel skips zero padding.
        if combined.count % 4 != 0 { combined += Data(count: 4 - combined.count % 4) }
        var archive = NewcArchive()
        archive.append(.init(path: "bin", mode: UInt32(S_IFDIR) | 0o755, contents: Data()))
        archive.append(.init(path: "bin/gatehouse-sandbox-init", mode: UInt32(S_IFREG) | 0o755, contents: program))
        combined += archive.finished()
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            // Older combinations (an earlier helper build) are no longer needed.
            for name in try FileManager.default.contentsOfDirectory(atPath: directory)
            where name.hasPrefix("initrd-") && name.hasSuffix(".img") {
                try? FileManager.default.removeItem(atPath: directory + "/" + name)
            }
            try combined.write(to: URL(fileURLWithPath: target), options: .atomic)
        } catch {
            throw GatehouseError(.sandboxUnavailable, "cannot write the microVM's initramfs: \(error)")
        }
        return target
    }

    /// Device, inode, size and modification time: changes whenever the file is rebuilt.
    private static func identity(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        return String(
            format: "%llx%llx%llx%llx", UInt64(info.st_dev), UInt64(info.st_ino), UInt64(info.st_size),
            UInt64(bitPattern: modified))
    }
}
