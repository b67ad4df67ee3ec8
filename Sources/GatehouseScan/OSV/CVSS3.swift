import Foundation

/// The base score of a CVSS v3.0 or v3.1 vector, computed with the specification's formula.
///
/// `CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H` is 9.8. Temporal and environmental metrics may
/// follow but do not change the base score; a vector missing a base metric, repeating one or
/// giving it an unknown value is not a vector (nil).
enum CVSS3 {
    /// The base score, or nil if `vector` is not a CVSS v3 vector.
    static func baseScore(_ vector: String) -> Double? {
        guard vector.utf8.count <= 256 else { return nil }
        var parts = vector.split(separator: "/", omittingEmptySubsequences: false)
        guard let prefix = parts.first, prefix == "CVSS:3.0" || prefix == "CVSS:3.1" else { return nil }
        let isV30 = prefix == "CVSS:3.0"
        parts.removeFirst()
        var metrics: [Substring: Substring] = [:]
        for part in parts {
            let pair = part.split(separator: ":", omittingEmptySubsequences: false)
            guard pair.count == 2, metrics[pair[0]] == nil else { return nil }
            metrics[pair[0]] = pair[1]
        }
        guard let scope = metrics["S"], scope == "U" || scope == "C" else { return nil }
        let changed = scope == "C"
        guard let av = weight(metrics["AV"], ["N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2]),
            let ac = weight(metrics["AC"], ["L": 0.77, "H": 0.44]),
            let pr = weight(metrics["PR"], ["N": 0.85, "L": changed ? 0.68 : 0.62, "H": changed ? 0.5 : 0.27]),
            let ui = weight(metrics["UI"], ["N": 0.85, "R": 0.62]),
            let c = weight(metrics["C"], impact), let i = weight(metrics["I"], impact),
            let a = weight(metrics["A"], impact)
        else { return nil }
        let iss = 1 - (1 - c) * (1 - i) * (1 - a)
        let impactScore = changed ? 7.52 * (iss - 0.029) - 3.25 * pow(iss - 0.02, 15) : 6.42 * iss
        if impactScore <= 0 { return 0 }
        let exploitability = 8.22 * av * ac * pr * ui
        let sum = changed ? 1.08 * (impactScore + exploitability) : impactScore + exploitability
        return roundUp(min(sum, 10), v30: isV30)
    }

    /// Confidentiality, integrity and availability weights.
    private static let impact: [Substring: Double] = ["H": 0.56, "L": 0.22, "N": 0]

    /// The weight of a metric's value, or nil if absent or unknown.
    private static func weight(_ value: Substring?, _ table: [Substring: Double]) -> Double? {
        guard let value else { return nil }
        return table[value]
    }

    /// The specification's Roundup: the smallest one-decimal number not below `value` (v3.1
    /// defines it on integers to avoid floating-point artefacts; v3.0 is a plain ceiling).
    static func roundUp(_ value: Double, v30: Bool) -> Double {
        if v30 { return (value * 10).rounded(.up) / 10 }
        let scaled = Int((value * 100_000).rounded())
        if scaled % 10_000 == 0 { return Double(scaled) / 100_000 }
        return Double(scaled / 10_000 + 1) / 10
    }
}
