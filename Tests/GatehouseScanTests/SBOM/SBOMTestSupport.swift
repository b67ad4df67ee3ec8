import Foundation
import GatehouseCore
import GatehouseTestSupport
import Testing

@testable import GatehouseScan

/// Fixtures and the schema validator (`scripts/scan/validate_sbom.py`) for the SBOM tests.
enum SBOMTestSupport {
    /// The venv python the validator needs (`scripts/scan-deps.sh install` builds it).
    static let pythonVariable = "GATEHOUSE_TEST_SCAN_PYTHON"

    /// A fixed creation time: 2024-05-01T12:34:56Z.
    static let created = Date(timeIntervalSince1970: 1_714_566_896)

    /// What the validator said about a document.
    struct Verdict {
        /// The validator's exit status (0: valid).
        var status: Int32
        /// Its reasons, when invalid.
        var stderr: String
    }

    /// Validates `data` as `format` (`spdx-json`, `cyclonedx-json`); cancels the test when the
    /// validator's python is not configured.
    static func validate(_ data: Data, format: String) throws -> Verdict {
        guard let python = ProcessInfo.processInfo.environment[pythonVariable], !python.isEmpty else {
            try Test.cancel("\(pythonVariable) is not set (scripts/scan-deps.sh installs it)")
        }
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("gatehouse-sbom-\(UUID().uuidString).json")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [try validatorPath(), format, file.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try ProcessLaunch.run(process)
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Verdict(status: process.terminationStatus, stderr: String(decoding: output, as: UTF8.self))
    }

    /// `scripts/scan/validate_sbom.py`, found by walking up from this file to the repository root.
    static func validatorPath(from file: String = #filePath) throws -> String {
        var directory = URL(fileURLWithPath: file).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("scripts/scan/validate_sbom.py")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate.path }
            directory.deleteLastPathComponent()
        }
        throw GatehouseError(.internal, "scripts/scan/validate_sbom.py not found above \(file)")
    }

    /// The document `data` holds, as a JSON object.
    static func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// `data` re-serialised with the top-level `keys` removed, for comparing documents apart from
    /// their per-document unique fields.
    static func without(_ keys: Set<String>, in data: Data) throws -> Data {
        let document = try object(data).filter { !keys.contains($0.key) }
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
    }

    /// A subject with the fixture packages.
    static func subject(_ packages: [Package] = packages(), distro: Distro? = debian) -> SBOMSubject {
        SBOMSubject(
            name: "docker.io/library/debian:12",
            digest: "sha256:" + String(repeating: "ab", count: 32),
            distro: distro, packages: packages, created: created, toolVersion: "0.9.0")
    }

    /// Debian 12.
    static let debian = Distro(id: "debian", versionID: "12", codename: "bookworm", prettyName: "Debian GNU/Linux 12")
}
