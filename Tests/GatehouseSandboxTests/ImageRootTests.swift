import Foundation
import GatehouseCore
import Testing

@testable import GatehouseSandbox

/// A sandbox whose root is an unpacked image instead of the host's system directories.
@Suite struct ImageRootTests {
    @Test func commandsRunInTheImageAndSeeNothingOfTheHost() async throws {
        let backend = try await SandboxHarness.namespaces()
        guard let busybox = ["/bin/busybox", "/usr/bin/busybox"].first(where: FileManager.default.isExecutableFile)
        else { try Test.cancel("busybox (Debian busybox-static) is not installed, so no image root can be made here") }
        let image = try SandboxHarness.workspace()
        defer { try? FileManager.default.removeItem(atPath: image) }
        for directory in ["bin", "proc", "dev", "tmp", "run", "etc"] {
            try FileManager.default.createDirectory(atPath: image + "/" + directory, withIntermediateDirectories: true)
        }
        try FileManager.default.copyItem(atPath: busybox, toPath: image + "/bin/busybox")
        try FileManager.default.createSymbolicLink(atPath: image + "/bin/sh", withDestinationPath: "busybox")
        try "image\n".write(toFile: image + "/etc/marker", atomically: true, encoding: .utf8)
        let (result, output) = try await SandboxHarness.run(
            "cat /etc/marker; /bin/busybox ls /usr 2>&1 || echo NO-USR; /bin/busybox touch /etc/x 2>&1 || echo RO",
            backend: backend
        ) { $0.root = .image(image) }
        #expect(result.reason == .exited(0), "\(output.text)")
        #expect(output.stdout.contains("image\n"))
        #expect(output.stdout.contains("NO-USR"))  // the host's /usr is not there
        #expect(output.stdout.contains("RO"))  // the image is read-only
    }
}
