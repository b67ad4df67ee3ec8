import Foundation
import GatehouseCore
import GatehouseTestSupport
import Testing

@testable import GatehouseScan

/// Compares the dpkg cataloger with `dpkg-query` over a status file built from this machine's own.
@Suite struct DpkgGroundTruthTests {
    @Test func matchesDpkgQuery() throws {
        let query = "/usr/bin/dpkg-query"
        guard FileManager.default.isExecutableFile(atPath: query),
            let machine = FileManager.default.contents(atPath: "/var/lib/dpkg/status")
        else {
            try Test.cancel("dpkg-query or /var/lib/dpkg/status is not available on this machine")
        }
        // This machine's packages, plus packages in states dpkg-query lists but that are not installed.
        let extra = """

            Package: gatehouse-removed
            Status: deinstall ok config-files
            Maintainer: Gatehouse <gatehouse@example.com>
            Description: removed
            Architecture: amd64
            Version: 1:2.0-1

            Package: gatehouse-held
            Status: hold ok installed
            Maintainer: Gatehouse <gatehouse@example.com>
            Architecture: all
            Version: 3.0~rc1-2+b1
            Description: held
             with a continuation line

            """
        var status = machine
        if status.last != UInt8(ascii: "\n") { status.append(UInt8(ascii: "\n")) }
        status.append(contentsOf: Data(extra.utf8))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dpkg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try status.write(to: directory.appendingPathComponent("status"))
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("info"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("updates"), withIntermediateDirectories: true)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: query)
        process.arguments = [
            "--admindir=\(directory.path)", "-W", "-f", "${Status}\t${Package} ${Version} ${Architecture}\n",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try ProcessLaunch.run(process)
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        // dpkg-query -W also lists packages that are not installed (config-files); keep the installed ones.
        var expected: Set<String> = []
        for line in String(decoding: output, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2 else { continue }
            if parts[0].hasSuffix(" ok installed") { expected.insert(String(parts[1])) }
        }
        let result = try Catalogers.catalog(Array(status), path: "var/lib/dpkg/status", distro: nil)
        let actual = Set(result.packages.map { "\($0.name) \($0.version) \($0.architecture ?? "")" })
        #expect(result.notes.isEmpty)
        #expect(expected.count > 2)
        #expect(expected.contains("gatehouse-held 3.0~rc1-2+b1 all"))
        #expect(!actual.contains { $0.hasPrefix("gatehouse-removed ") })
        #expect(actual == expected)
        #expect(actual.count == result.packages.count)
    }
}
