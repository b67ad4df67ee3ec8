import Foundation
import GatehouseCore
import GatehouseTestSupport
import Testing

@testable import GatehouseScan

/// The scanner over real and hand-made images: the SBOM's Debian packages must equal what dpkg
/// itself says is installed in the same root, and layers, whiteouts and corruption are handled.
@Suite struct ImageScannerTests {
    typealias Fixture = LayoutFixture

    @Test func theDebootstrapImagesDebianPackagesAreExactlyWhatDpkgQuerySays() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard let layout = environment["GATEHOUSE_TEST_SCAN_LAYOUT"],
            let root = environment["GATEHOUSE_TEST_SCAN_ROOTFS"]
        else {
            try Test.cancel(
                "the debootstrap image is not built (scripts/scan-image.sh build, via scripts/test-deps.sh)")
        }
        let result = try ImageScanner().scan(try OCILayout.input(layout))
        let (status, output) = try await ChildProcess.run(
            "/usr/bin/dpkg-query",
            [
                "--admindir=\(root)/var/lib/dpkg", "-W", "-f",
                "${db:Status-Abbrev} ${Package} ${Version} ${Architecture}\n",
            ])
        #expect(status == 0)
        let expected = Set(
            output.split(separator: "\n").filter { $0.hasPrefix("ii ") }.map {
                String($0.dropFirst(3)).trimmingCharacters(in: .whitespaces)
            })
        let found = Set(
            result.packages.filter { $0.kind == .deb }.map { "\($0.name) \($0.version) \($0.architecture ?? "")" })
        #expect(expected.count > 50)
        #expect(
            found == expected,
            "missing: \(expected.subtracting(found).sorted()) extra: \(found.subtracting(expected).sorted())")
        #expect(result.distro?.id == "debian")
        #expect(result.packages.allSatisfy { $0.layer == result.layers.first })
        let bash = result.packages.first { $0.name == "bash" }
        #expect(bash?.purl.hasPrefix("pkg:deb/debian/bash@") == true)
        #expect(bash?.licenses.isEmpty == false, "licences come from usr/share/doc/bash/copyright")
    }

    @Test func packagesAreCreditedToTheLayerThatAddedThemAndWhiteoutsRemoveThem() throws {
        let python = "usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA"
        let lower =
            Fixture.member("var/lib/dpkg/status", Fixture.dpkg("base-files", "12.4"))
            + Fixture.member(
                python, "Metadata-Version: 2.1\nName: six\nVersion: 1.16.0\nLicense: MIT\n\n")
            + Fixture.member("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n") + Fixture.end
        let upper =
            Fixture.member(
                "var/lib/dpkg/status",
                Fixture.dpkg("base-files", "12.4") + Fixture.dpkg("libssl3", "3.0.11-1", source: "openssl"))
            + Fixture.member("usr/lib/python3/dist-packages/.wh.six-1.16.0.dist-info") + Fixture.end
        let (path, layers) = try Fixture.write(layers: [lower, upper])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try ImageScanner().scan(try OCILayout.input(path + ":test"))
        let byName = Dictionary(result.packages.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(Set(byName.keys) == ["base-files", "libssl3"], "six was whited out")
        #expect(byName["base-files"]?.layer == layers[0])
        #expect(byName["libssl3"]?.layer == layers[1])
        #expect(byName["libssl3"]?.sourceName == "openssl")
        #expect(byName["libssl3"]?.purl.contains("distro=debian-12") == true)
    }

    @Test func anOpaqueDirectoryHidesLowerFilesButKeepsItsOwn() throws {
        let lower =
            Fixture.member("app/node_modules/left-pad/package.json", #"{"name":"left-pad","version":"1.3.0"}"#)
            + Fixture.end
        let upper =
            Fixture.member("app/node_modules/.wh..wh..opq")
            + Fixture.member("app/node_modules/right-pad/package.json", #"{"name":"right-pad","version":"2.0.0"}"#)
            + Fixture.end
        let (path, _) = try Fixture.write(layers: [lower, upper])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try ImageScanner().scan(try OCILayout.input(path))
        #expect(result.packages.map(\.name) == ["right-pad"])
    }

    @Test func aLayerThatDoesNotMatchItsDigestIsRefused() throws {
        let (path, layers) = try Fixture.write(layers: [Fixture.member("etc/os-release", "ID=debian\n") + Fixture.end])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let blob = path + "/blobs/sha256/" + layers[0].dropFirst("sha256:".count)
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: blob)))
        bytes[600] ^= 0x20
        try Data(bytes).write(to: URL(fileURLWithPath: blob))
        #expect(throws: GatehouseError.self) { try ImageScanner().scan(try OCILayout.input(path)) }
        #expect(throws: GatehouseError.self) { try OCILayout.input(path + ":missing-tag") }
        #expect(throws: GatehouseError.self) { try OCILayout.input(NSTemporaryDirectory()) }
    }

    @Test func aRealGoBinaryInALayerYieldsItsModules() async throws {
        guard let go = GoBinaryTests.findGo() else {
            try Test.cancel("the go toolchain is not installed (scripts/scan-deps.sh installs golang-go)")
        }
        let directory = NSTemporaryDirectory() + "gatehouse-gobin-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "module example.com/hello\n\ngo 1.18\n".write(
            toFile: directory + "/go.mod", atomically: true, encoding: .utf8)
        try "package main\n\nfunc main() { println(\"hi\") }\n".write(
            toFile: directory + "/main.go", atomically: true, encoding: .utf8)
        let (built, output) = try await ChildProcess.run(
            "/usr/bin/env", ["-C", directory, "GOTOOLCHAIN=local", "CGO_ENABLED=0", go, "build", "-o", "hello", "."])
        try #require(built == 0, "\(output)")
        let binary = try Data(contentsOf: URL(fileURLWithPath: directory + "/hello"))
        // The binary as a layer member: its content goes through the tar stream in 512-byte
        // blocks and the layer file is read in 256 KiB chunks, so the build info is found across
        // chunk boundaries as a real image would present it.
        let member = Self.fileMember("usr/local/bin/hello", Array(binary), mode: 0o755)
        let (path, layers) = try Fixture.write(layers: [member + Fixture.end])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try ImageScanner().scan(try OCILayout.input(path))
        let stdlib = result.packages.first { $0.kind == .golang && $0.name == "stdlib" }
        #expect(stdlib?.purl.hasPrefix("pkg:golang/stdlib@1.") == true, "\(result.packages) \(result.notes)")
        #expect(stdlib?.layer == layers[0] && stdlib?.locations == ["usr/local/bin/hello"])
    }

    /// A tar member holding arbitrary bytes.
    static func fileMember(_ name: String, _ bytes: [UInt8], mode: Int) -> [UInt8] {
        var header = Array(Fixture.member(name, "", mode: mode).prefix(512))
        let size = Array(String(format: "%011o\0", bytes.count).utf8)
        for (index, byte) in size.enumerated() { header[124 + index] = byte }
        for index in 148..<156 { header[index] = 32 }
        let sum = header.reduce(0) { $0 + Int($1) }
        for (index, byte) in Array(String(format: "%06o\0 ", sum).utf8).enumerated() { header[148 + index] = byte }
        return header + bytes + [UInt8](repeating: 0, count: (512 - bytes.count % 512) % 512)
    }

    @Test func goBuildInfoIsFoundWhereverTheStreamSplitsIt() {
        let magic = GoBuildInfoWindow.magic
        var binary = [UInt8](repeating: 0x41, count: 64)
        binary[5] = 0xff  // a lone 0xff, not the magic
        binary += magic + [8, 2] + Array("payload".utf8) + [UInt8](repeating: 0, count: 100)
        for split in [1, 7, 63, 64, 65, 70, 77] {
            var window = GoBuildInfoWindow()
            window.feed(binary[..<split])
            window.feed(binary[split...])
            #expect(window.found.map { Array($0.prefix(magic.count)) } == magic, "split at \(split)")
        }
        var unaligned = GoBuildInfoWindow()
        unaligned.feed([0] + magic + [8, 2])
        #expect(unaligned.found == nil, "the magic only counts at a 16-byte aligned offset")
    }
}
