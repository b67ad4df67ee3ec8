public import Foundation

extension ScanReport {
    /// The report as SARIF 2.1.0 (one run; a rule per advisory, a result per finding that counts,
    /// located at the package's purl in the image), for code-scanning dashboards.
    public func sarif(toolVersion: String) throws -> Data {
        var rules: [[String: Any]] = []
        var ruleIDs = Set<String>()
        var results: [[String: Any]] = []
        for finding in active {
            if ruleIDs.insert(finding.id).inserted {
                var rule: [String: Any] = [
                    "id": finding.id,
                    "shortDescription": ["text": finding.summary.isEmpty ? finding.id : finding.summary],
                    "properties": ["security-severity": finding.score.map { String(format: "%.1f", $0) } ?? "0.0"],
                ]
                if !finding.aliases.isEmpty {
                    rule["help"] = ["text": "Also known as " + finding.aliases.joined(separator: ", ")]
                }
                rules.append(rule)
            }
            let fix = finding.fixedVersion.map { ", fixed in \($0)" } ?? ", no fix yet"
            results.append([
                "ruleId": finding.id,
                "level": Self.level(finding.severity),
                "message": ["text": "\(finding.package) \(finding.version) is affected by \(finding.id)\(fix)"],
                "locations": [
                    ["physicalLocation": ["artifactLocation": ["uri": finding.purl]]]
                ],
                "properties": ["layer": finding.layer ?? "", "image": image, "digest": digest],
            ])
        }
        let document: [String: Any] = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                [
                    "tool": [
                        "driver": [
                            "name": "gatehouse", "version": toolVersion,
                            "rules": rules,
                        ]
                    ],
                    "results": results,
                ]
            ],
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted])
    }

    static func level(_ severity: String) -> String {
        switch severity {
        case "critical", "high": "error"
        case "medium": "warning"
        default: "note"
        }
    }
}
