import Foundation
import GatehouseCore
import GatehouseTestSupport
import Testing

@testable import GatehouseScan

@Suite struct GoBinaryTests {
    static let modInfo = """
        path\tgithub.com/acme/tool/cmd/tool
        mod\tgithub.com/acme/tool\tv1.4.0\th1:abc=
        dep\tgithub.com/Masterminds/semver/v3\tv3.2.1\th1:def=
        dep\tgolang.org/x/net\tv0.17.0\th1:ghi=
        =>\tgithub.com/fork/net\tv0.17.1-0.20231101000000-abcdef123456\th1:jkl=
        dep\tgithub.com/acme/local\tv0.0.0
        =>\t../local\t\t
        dep\tgopkg.in/yaml.v3\tv3.0.1\th1:mno=
        build\t-compiler=gc
        build\tCGO_ENABLED=0
        build\tGOARCH=arm64
        build\tGOOS=linux

        """

    /// Bytes shaped like a Go ≥ 1.18 binary: junk, a decoy magic, then an aligned inline build-info blob.
    static func binary(goVersion: String = "go1.21.5", modInfo: String = modInfo, flags: UInt8 = 0x2) -> [UInt8] {
        var bytes: [UInt8] = [0x7F, 0x45, 0x4C, 0x46] + Array(repeating: 0xAB, count: 40)
        bytes += GoBuildInfo.magic + [0x11, 0x02]  // unaligned decoy with a bad pointer size
        while bytes.count % 16 != 0 { bytes.append(0) }
        bytes += Array(repeating: 0xCC, count: 32)
        var header = GoBuildInfo.magic + [8, flags]
        header += Array(repeating: 0, count: 32 - header.count)
        bytes += header
        let sentinel: [UInt8] = Array(repeating: 0x30, count: 16)
        bytes += varint(goVersion.utf8.count) + Array(goVersion.utf8)
        let framed = sentinel + Array(modInfo.utf8) + sentinel
        bytes += varint(framed.count) + framed
        bytes += Array(repeating: 0, count: 64)
        return bytes
    }

    static func varint(_ value: Int) -> [UInt8] {
        var value = UInt64(value)
        var out: [UInt8] = []
        while value >= 0x80 {
            out.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        return out + [UInt8(value)]
    }

    @Test func readsHandAssembledBlob() throws {
        let bytes = Self.binary()
        #expect(Self.varint(Self.modInfo.utf8.count + 32).count == 2)
        let result = try Catalogers.catalog(bytes, path: "usr/local/bin/tool", distro: nil)
        let found = result.packages.map { "\($0.name)@\($0.version)" }
        #expect(
            found == [
                "github.com/acme/tool@v1.4.0", "github.com/Masterminds/semver/v3@v3.2.1",
                "github.com/fork/net@v0.17.1-0.20231101000000-abcdef123456", "github.com/acme/local@v0.0.0",
                "gopkg.in/yaml.v3@v3.0.1", "stdlib@1.21.5",
            ])
        #expect(result.packages.allSatisfy { $0.architecture == "arm64" && $0.locations == ["usr/local/bin/tool"] })
        #expect(result.packages[1].purl == "pkg:golang/github.com/Masterminds/semver/v3@v3.2.1")
        #expect(result.packages.last?.purl == "pkg:golang/stdlib@1.21.5")
    }

    /// The scanner keeps only the bytes from the aligned magic on (`GoBuildInfoWindow`).
    @Test func readsWindowStartingAtMagic() throws {
        let bytes = Self.binary()
        let start = try #require(stride(from: 0, to: bytes.count, by: 16).first { bytes[$0] == 0xFF })
        let packages = try Catalogers.packages(in: Array(bytes[start...]), path: "usr/bin/tool", distro: nil)
        #expect(packages.count == 6)
    }

    @Test func develMainModuleIsSkipped() throws {
        let info = "path\texample.com/x\nmod\texample.com/x\t(devel)\t\n"
        let packages = try Catalogers.packages(in: Self.binary(modInfo: info), path: "app", distro: nil)
        #expect(packages.map(\.purl) == ["pkg:golang/stdlib@1.21.5"])
    }

    @Test func olderFormatsAndNonBinariesYieldNothing() throws {
        #expect(try Catalogers.packages(in: Self.binary(flags: 0), path: "app", distro: nil).isEmpty)
        #expect(try Catalogers.packages(in: Array(repeating: 0xFF, count: 4096), path: "app", distro: nil).isEmpty)
        var truncated = Self.binary()
        truncated.removeLast(Self.modInfo.utf8.count + 64)
        #expect(try Catalogers.packages(in: truncated, path: "app", distro: nil).isEmpty)
        #expect(GoBinaryCataloger.stdlibVersion("go1.22.0 X:boringcrypto") == "1.22.0")
        #expect(GoBinaryCataloger.stdlibVersion("devel go1.23-abc") == nil)
    }

    @Test func interestNeedsExecutableRegularFile() {
        #expect(Catalogers.interest(path: "usr/bin/tool", mode: 0o755, size: 5 << 20)?.cataloger == .goBinary)
        #expect(Catalogers.interest(path: "usr/bin/tool", mode: 0o100755, size: 5 << 20)?.maxBytes == 256 << 20)
        #expect(Catalogers.interest(path: "usr/bin/tool", mode: 0o644, size: 5 << 20) == nil)
        #expect(Catalogers.interest(path: "usr/bin/tool", mode: 0o120777, size: 5 << 20) == nil)
        #expect(Catalogers.interest(path: "usr/bin/tool", mode: 0o755, size: 100) == nil)
    }

    /// A real binary built by the Go toolchain, when one is installed.
    @Test func readsRealGoBinary() throws {
        guard let go = Self.findGo() else {
            try Test.cancel("the go toolchain is not installed on this machine")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gobin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "module example.com/hello\n\ngo 1.18\n".write(
            to: directory.appendingPathComponent("go.mod"), atomically: true, encoding: .utf8)
        try "package main\n\nfunc main() { println(\"hi\") }\n".write(
            to: directory.appendingPathComponent("main.go"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: go)
        process.arguments = ["build", "-o", "hello", "."]
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["GOFLAGS": "-mod=mod", "GOTOOLCHAIN": "local", "CGO_ENABLED": "0"]) { $1 }
        try ProcessLaunch.run(process)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let binary = try Data(contentsOf: directory.appendingPathComponent("hello"))
        let packages = try Catalogers.packages(in: Array(binary), path: "usr/bin/hello", distro: nil)
        #expect(packages.contains { $0.name == "stdlib" && $0.purl.hasPrefix("pkg:golang/stdlib@1.") })
        #expect(packages.allSatisfy { $0.architecture != nil })
    }

    static func findGo() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let candidates = path.split(separator: ":").map { "\($0)/go" } + ["/usr/local/go/bin/go", "/usr/lib/go/bin/go"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
