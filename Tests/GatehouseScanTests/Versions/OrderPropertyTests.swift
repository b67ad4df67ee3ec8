import GatehouseCore
import Testing

@testable import GatehouseScan

/// apk and Go have no reference implementation here: check that their orders are total orders.
@Suite struct OrderPropertyTests {
    /// Reflexivity, antisymmetry and transitivity (every pair of a sorted sample in order).
    private func checkTotalOrder(_ scheme: VersionScheme, _ generate: (inout SeededGenerator) -> String) throws {
        let seed = SeededGenerator.seed()
        var generator = SeededGenerator(seed: seed)
        var sample: [ParsedVersion] = []
        for _ in 0..<300 {
            let text = generate(&generator)
            do {
                sample.append(try scheme.parse(text))
            } catch {
                Issue.record("\(scheme) refused generated \(text): \(error) (seed \(seed))")
            }
        }
        for version in sample { #expect(version.compare(to: version) == 0, "seed \(seed)") }
        for (a, b) in zip(sample, sample.reversed()) {
            #expect(a.compare(to: b).signum() == -b.compare(to: a).signum(), "seed \(seed)")
        }
        let sorted = sample.sorted { $0.compare(to: $1) < 0 }
        var violations = 0
        for i in sorted.indices {
            for j in sorted.indices where j > i && sorted[i].compare(to: sorted[j]) > 0 { violations += 1 }
        }
        #expect(violations == 0, "seed \(seed)")
    }

    @Test func apkIsATotalOrder() throws { try checkTotalOrder(.apk, VersionGenerators.apk) }

    @Test func goIsATotalOrder() throws { try checkTotalOrder(.go, VersionGenerators.go) }
}
