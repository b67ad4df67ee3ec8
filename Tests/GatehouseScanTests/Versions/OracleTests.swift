import GatehouseCore
import Testing

@testable import GatehouseScan

/// Random pairs compared by our comparators and by the reference implementations on this machine.
@Suite struct OracleTests {
    /// Compares `count` pairs from `generate` under `scheme` with the oracle; reports the seed on failure.
    private func check(
        _ scheme: VersionScheme, oracleName: String, count: Int = 400,
        _ generate: (inout SeededGenerator) -> String
    ) throws {
        let seed = SeededGenerator.seed()
        var generator = SeededGenerator(seed: seed)
        var pairs: [(String, String)] = []
        for _ in 0..<count {
            let a = generate(&generator)
            let b = generator.chance(0.2) ? a : generate(&generator)
            pairs.append((a, b))
        }
        let expected = try VersionOracle.answers(oracleName, pairs)
        var failures = 0
        for ((a, b), want) in zip(pairs, expected) {
            let got = VersionOracle.answer { try scheme.compare(a, b) }
            if got != want {
                failures += 1
                if failures <= 10 {
                    Issue.record("\(scheme) \(a) vs \(b): ours \(got), oracle \(want) (GATEHOUSE_TEST_SEED=\(seed))")
                }
            }
        }
        #expect(failures == 0, "seed \(seed)")
        #expect(expected.contains("-1") && expected.contains("1") && expected.contains("0"), "seed \(seed)")
    }

    @Test func dpkgAgreesWithDpkg() throws {
        try check(.dpkg, oracleName: "dpkg", VersionGenerators.dpkg)
    }

    @Test func pep440AgreesWithPackaging() throws {
        try check(.pep440, oracleName: "pep440", count: 1_000, VersionGenerators.pep440)
    }

    @Test func semverAgreesWithSemver() throws {
        try check(.semver, oracleName: "semver", count: 1_000, VersionGenerators.semver)
    }

    @Test func handPickedPairsAgree() throws {
        let dpkg: [(String, String)] = [
            ("1.0~rc1", "1.0"), ("1:0", "9.9"), ("1.0-1", "1.0"), ("1.0-0", "1.0"), ("1.0a", "1.0+"),
            ("1.0", "1.0."), ("2.36-9+deb12u4", "2.36-9+deb12u10"), ("1.2.3~~", "1.2.3~"), ("0:1", "1"),
            ("1.0-1~bpo1", "1.0-1"), ("7.88.1-10+deb12u5", "7.88.1-10+deb12u12"), ("1:2:3", "1:2:4"),
        ]
        let expected = try VersionOracle.answers("dpkg", dpkg)
        for ((a, b), want) in zip(dpkg, expected) {
            #expect(VersionOracle.answer { try DpkgVersion.compare(a, b) } == want, "\(a) vs \(b)")
        }
    }
}
