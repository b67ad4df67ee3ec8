import Foundation
import GatehouseCore
import NIOCore
import Testing

@testable import GatehouseRegistry

/// The unpacker against hostile layers: nothing may be written, linked or removed outside the
/// root, whatever symlinks, hardlinks and whiteouts the layers combine.
@Suite struct LayerUnpackerTests {
    typealias Tar = TarReaderTests

    /// A scratch folder holding `root` (the unpack target) and `outside` (which must stay
    /// untouched), removed afterwards.
    static func withFolders(_ body: (_ root: String, _ outside: String) throws -> Void) throws {
        let base = NSTemporaryDirectory() + "gatehouse-unpack-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: base + "/root", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: base + "/outside", withIntermediateDirectories: true)
        try "keep".write(toFile: base + "/outside/passwd", atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: base) }
        try body(base + "/root", base + "/outside")
    }

    /// Writes each layer to a file and unpacks them all into `root`.
    static func unpack(_ layers: [[UInt8]], into root: String, limits: TarLimits = TarLimits()) throws {
        var files: [(path: String, mediaType: String)] = []
        for (index, layer) in layers.enumerated() {
            let path = root + "-layer\(index).tar"
            try Data(layer).write(to: URL(fileURLWithPath: path))
            files.append((path, "application/vnd.oci.image.layer.v1.tar"))
        }
        defer { for file in files { try? FileManager.default.removeItem(atPath: file.path) } }
        try RegistryProxy.unpack(files, into: root, limits: limits)
    }

    static func text(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    static func mode(_ path: String) -> Int {
        var info = stat()
        return lstat(path, &info) == 0 ? Int(info.st_mode) & 0o7777 : -1
    }

    @Test func filesDirectoriesLinksAndModesArriveIntact() throws {
        try Self.withFolders { root, _ in
            let content = String(repeating: "0123456789", count: 300)  // several tar blocks
            let layer =
                Tar.member("usr/", type: "5", mode: 0o555) + Tar.member("usr/bin/tool", content, mode: 0o4755)
                + Tar.member("bin", type: "2", link: "usr/bin")
                + Tar.member("usr/bin/alias", type: "1", link: "usr/bin/tool")
                + Tar.member("empty") + Tar.end
            try Self.unpack([layer], into: root)
            #expect(Self.text(root + "/usr/bin/tool") == content)
            #expect(Self.text(root + "/bin/tool") == content)
            #expect(Self.text(root + "/usr/bin/alias") == content)
            #expect(Self.text(root + "/empty") == "")
            #expect(Self.mode(root + "/usr/bin/tool") == 0o755, "set-user-ID is dropped, the rest kept")
            #expect(Self.mode(root + "/usr") == 0o755, "directories stay writable by their owner while unpacking")
            #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: root + "/bin")) == "usr/bin")
        }
    }

    @Test func symlinksAreFollowedInsideTheRootOnly() throws {
        try Self.withFolders { root, outside in
            let layer =
                Tar.member("up", type: "2", link: "../../../outside") + Tar.member("up/passwd", "owned")
                + Tar.member("abs", type: "2", link: outside) + Tar.member("abs/passwd", "owned")
                + Tar.member("sys", type: "2", link: "/etc") + Tar.member("sys/gatehouse-test", "x")
                + Tar.end
            try Self.unpack([layer], into: root)
            #expect(Self.text(outside + "/passwd") == "keep")
            #expect(Self.text(root + "/outside/passwd") == "owned", "../ stops at the root")
            #expect(Self.text(root + outside + "/passwd") == "owned", "an absolute target starts at the root")
            #expect(!FileManager.default.fileExists(atPath: "/etc/gatehouse-test"))
            #expect(Self.text(root + "/etc/gatehouse-test") == "x")
        }
    }

    @Test func aFileReplacesASymlinkInsteadOfWritingThroughIt() throws {
        try Self.withFolders { root, outside in
            let lower = Tar.member("passwd", type: "2", link: outside + "/passwd") + Tar.end
            let upper = Tar.member("passwd", "replaced") + Tar.end
            try Self.unpack([lower, upper], into: root)
            #expect(Self.text(outside + "/passwd") == "keep")
            #expect(Self.text(root + "/passwd") == "replaced")
            #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: root + "/passwd")) == nil)
        }
    }

    @Test func hardlinksReachOnlyMembersAlreadyInTheRoot() throws {
        try Self.withFolders { root, outside in
            let viaLink =
                Tar.member("out", type: "2", link: outside) + Tar.member("stolen", type: "1", link: "out/passwd")
                + Tar.end
            #expect(throws: GatehouseError.self) { try Self.unpack([viaLink], into: root) }
            #expect(Self.text(root + "/stolen") == nil)
            let missing = Tar.member("ghost", type: "1", link: "nowhere") + Tar.end
            #expect(throws: GatehouseError.self) { try Self.unpack([missing], into: root) }
        }
    }

    @Test func whiteoutsRemoveLowerLayersOnly() throws {
        try Self.withFolders { root, outside in
            let lower =
                Tar.member("a/x", "1") + Tar.member("a/y", "2") + Tar.member("b/z", "3")
                + Tar.member("out", type: "2", link: outside) + Tar.end
            let upper =
                Tar.member("a/.wh..wh..opq") + Tar.member("a/new", "4") + Tar.member(".wh.b")
                + Tar.member("out/.wh.passwd") + Tar.end
            try Self.unpack([lower, upper], into: root)
            let names = try FileManager.default.contentsOfDirectory(atPath: root + "/a").sorted()
            #expect(names == ["new"])
            #expect(!FileManager.default.fileExists(atPath: root + "/b"))
            #expect(Self.text(outside + "/passwd") == "keep", "a whiteout through a symlink stays in the root")
        }
    }

    @Test func truncatedContentAndOversizedImagesAreRefused() throws {
        try Self.withFolders { root, _ in
            let whole = Tar.member("big", String(repeating: "x", count: 2000)) + Tar.end
            let truncated = Array(whole.prefix(512 + 700))
            #expect(throws: GatehouseError.self) { try Self.unpack([truncated], into: root) }
            var limits = TarLimits()
            limits.maxTotalBytes = 3000
            let layer = Tar.member("a", String(repeating: "x", count: 2000)) + Tar.end
            #expect(throws: GatehouseError.self) { try Self.unpack([layer, layer], into: root, limits: limits) }
        }
    }
}
