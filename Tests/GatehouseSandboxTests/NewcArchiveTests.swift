import Foundation
import Testing

@testable import GatehouseSandbox

/// The initramfs archive writer, read back by a real cpio (busybox's, which the microVM image
/// script needs anyway).
@Suite struct NewcArchiveTests {
    @Test func busyboxCpioExtractsWhatWasWritten() async throws {
        guard let busybox = SandboxProbe.executable("busybox") else {
            try Test.cancel("busybox is not installed (Debian package busybox-static)")
        }
        var archive = NewcArchive()
        archive.append(.init(path: "bin", mode: UInt32(S_IFDIR) | 0o755, contents: Data()))
        let odd = Data((0..<1021).map { UInt8($0 % 251) })  // not a multiple of four: padding matters
        archive.append(.init(path: "bin/tool", mode: UInt32(S_IFREG) | 0o755, contents: odd))
        archive.append(.init(path: "bin/second", mode: UInt32(S_IFREG) | 0o644, contents: Data("two\n".utf8)))
        let bytes = archive.finished()
        #expect(bytes.count % 4 == 0)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("newc-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try bytes.write(to: URL(fileURLWithPath: directory + "/archive.cpio"))
        let status = await SandboxProbe.capture(
            busybox,
            ["sh", "-c", "cd \(directory) && mkdir out && cd out && busybox cpio -i -d < ../archive.cpio; echo $?"])
        #expect(status == "0\n")
        #expect(FileManager.default.contents(atPath: directory + "/out/bin/tool") == odd)
        #expect(FileManager.default.contents(atPath: directory + "/out/bin/second") == Data("two\n".utf8))
        let mode = try FileManager.default.attributesOfItem(atPath: directory + "/out/bin/tool")[.posixPermissions]
        #expect((mode as? NSNumber)?.intValue == 0o755)
    }
}
