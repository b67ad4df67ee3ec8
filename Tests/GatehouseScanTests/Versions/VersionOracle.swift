import Foundation
import GatehouseTestSupport
import Testing

/// The reference implementations (`scripts/scan/version_oracle.py` run by the scan venv's python).
enum VersionOracle {
    /// The oracle's answers for `pairs` under `scheme`, one process for the whole batch:
    /// `-1`, `0`, `1` or `invalid` each. Cancels the test when the venv is not installed.
    static func answers(_ scheme: String, _ pairs: [(String, String)]) throws -> [String] {
        guard let python = ProcessInfo.processInfo.environment["GATEHOUSE_TEST_SCAN_PYTHON"], !python.isEmpty else {
            try Test.cancel("GATEHOUSE_TEST_SCAN_PYTHON is not set (scripts/scan-deps.sh installs it)")
        }
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("oracle-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: input) }
        let lines = pairs.map { "\(scheme) \($0.0) \($0.1)\n" }.joined()
        try Data(lines.utf8).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [try script().path]
        process.standardInput = try FileHandle(forReadingFrom: input)
        let output = Pipe()
        process.standardOutput = output
        try ProcessLaunch.run(process)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let answers = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        guard process.terminationStatus == 0, answers.count == pairs.count else {
            throw OracleFailure(message: "the oracle exited \(process.terminationStatus) with \(answers.count) answers")
        }
        return answers
    }

    /// `scripts/scan/version_oracle.py`, found by walking up from this file to the repository root.
    static func script() throws -> URL {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("scripts/scan/version_oracle.py")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        throw OracleFailure(message: "scripts/scan/version_oracle.py not found above \(#filePath)")
    }

    /// Our answer in the oracle's words.
    static func answer(_ compare: () throws -> Int) -> String {
        guard let order = try? compare() else { return "invalid" }
        return order < 0 ? "-1" : (order == 0 ? "0" : "1")
    }
}

/// The oracle could not be run.
struct OracleFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// SplitMix64: a small seeded generator, so a failing run can be repeated from its seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    /// The seed: `GATEHOUSE_TEST_SEED` if set, else random.
    static func seed() -> UInt64 {
        if let text = ProcessInfo.processInfo.environment["GATEHOUSE_TEST_SEED"], let seed = UInt64(text) {
            return seed
        }
        return UInt64.random(in: 0...UInt64.max)
    }

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A random element of `choices`.
    mutating func pick(_ choices: [String]) -> String { choices[Int.random(in: 0..<choices.count, using: &self)] }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }

    /// `count` picks from `choices`, concatenated.
    mutating func run(_ choices: [String], count: ClosedRange<Int>) -> String {
        (0..<Int.random(in: count, using: &self)).map { _ in pick(choices) }.joined()
    }
}
