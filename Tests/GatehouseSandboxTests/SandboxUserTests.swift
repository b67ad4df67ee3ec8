import Foundation
import GatehouseCore
import Testing

@testable import GatehouseSandbox

/// An image's `User`, resolved in the image's own files as Docker does, and applied inside the
/// sandbox's user namespace.
@Suite struct SandboxUserTests {
    /// A root with `/etc/passwd` and `/etc/group` as an image might ship them.
    static func imageRoot() throws -> String {
        let root = NSTemporaryDirectory() + "gatehouse-image-user-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/etc", withIntermediateDirectories: true)
        try "root:x:0:0:root:/root:/bin/sh\n# a comment\napp:x:4242:4343:app:/srv:/bin/sh\nbroken:x:nope\n"
            .write(toFile: root + "/etc/passwd", atomically: true, encoding: .utf8)
        try "root:x:0:\ntools:x:5151:app\n".write(toFile: root + "/etc/group", atomically: true, encoding: .utf8)
        return root
    }

    @Test func namesAndNumbersResolveAsDockerResolvesThem() throws {
        let root = try Self.imageRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try SandboxUser(imageUser: "", root: root) == nil)
        #expect(try SandboxUser(imageUser: "app", root: root) == SandboxUser(uid: 4242, gid: 4343))
        #expect(try SandboxUser(imageUser: "app:tools", root: root) == SandboxUser(uid: 4242, gid: 5151))
        #expect(try SandboxUser(imageUser: "app:7", root: root) == SandboxUser(uid: 4242, gid: 7))
        // A number takes its group from passwd when it is there, else group 0.
        #expect(try SandboxUser(imageUser: "4242", root: root) == SandboxUser(uid: 4242, gid: 4343))
        #expect(try SandboxUser(imageUser: "65534", root: root) == SandboxUser(uid: 65534, gid: 0))
        #expect(try SandboxUser(imageUser: "65534:65534", root: root) == SandboxUser(uid: 65534, gid: 65534))
        #expect(try SandboxUser(imageUser: "root", root: root) == SandboxUser(uid: 0, gid: 0))
    }

    @Test func whatCannotBeResolvedIsRefusedByName() throws {
        let root = try Self.imageRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        for (user, says) in [
            ("ghost", "ghost is not in its /etc/passwd"), ("app:ghosts", "ghosts is not in its /etc/group"),
            ("broken", "broken is not in its /etc/passwd"), ("4294967295", "out of range"),
            ("99999999999", "out of range"), ("a:b:c", "is not USER or USER:GROUP"), (":5", "has an empty part"),
            ("app:", "has an empty part"),
        ] {
            let error = #expect(throws: GatehouseError.self) { try SandboxUser(imageUser: user, root: root) }
            #expect(error?.message.contains(says) == true, "\(user): \(error?.message ?? "")")
        }
        // An image without the files knows numbers only.
        let bare = NSTemporaryDirectory() + "gatehouse-image-bare-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: bare, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: bare) }
        #expect(try SandboxUser(imageUser: "10:20", root: bare) == SandboxUser(uid: 10, gid: 20))
        #expect(throws: GatehouseError.self) { try SandboxUser(imageUser: "app", root: bare) }
    }

    @Test func anImagesPasswdIsNeverReadThroughASymlink() throws {
        let root = NSTemporaryDirectory() + "gatehouse-image-link-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/etc", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        // /etc/passwd pointing at the host's: refused, not read.
        try FileManager.default.createSymbolicLink(atPath: root + "/etc/passwd", withDestinationPath: "/etc/passwd")
        let error = #expect(throws: GatehouseError.self) { try SandboxUser(imageUser: "root", root: root) }
        #expect(error?.message.contains("not a regular file") == true)
        // /etc itself a symlink to the host's /etc: refused too.
        let other = NSTemporaryDirectory() + "gatehouse-image-etc-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: other) }
        try FileManager.default.createSymbolicLink(atPath: other + "/etc", withDestinationPath: "/etc")
        let etcError = #expect(throws: GatehouseError.self) { try SandboxUser(imageUser: "root", root: other) }
        #expect(etcError?.message.contains("not a directory") == true)
    }

    @Test func theCommandRunsAsTheUserInsideItsNamespace() async throws {
        let backend = try await SandboxHarness.namespaces()
        let (result, output) = try await SandboxHarness.run("id -u; id -g", backend: backend) {
            $0.user = SandboxUser(uid: 4242, gid: 4343)
        }
        #expect(result.exitStatus == 0)
        #expect(output.stdout == "4242\n4343\n")
        let (_, standard) = try await SandboxHarness.run("id -u; id -g", backend: backend)
        #expect(standard.stdout == "1000\n1000\n")
    }
}
