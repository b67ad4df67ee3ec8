import Foundation

extension ScanReport {
    /// The report for a terminal: a summary line, then one line per finding.
    public func table() -> String {
        var lines = ["\(image) \(digest)" + (distro.map { " (\($0))" } ?? "")]
        let summary = Finding.severities.compactMap { severity in counts[severity].map { "\($0) \(severity)" } }
        lines.append(
            "\(packages) packages, "
                + (summary.isEmpty ? "no vulnerabilities found" : summary.joined(separator: ", "))
                + " (vulnerability data generation \(vulnGeneration)"
                + (vulnImported.map { ", imported \($0)" } ?? ", none imported") + ")")
        let rows = findings.map { finding in
            [
                finding.suppressed == nil ? finding.severity.uppercased() : "suppressed", finding.id,
                finding.package, finding.version, finding.fixedVersion ?? "-",
                finding.layer.map { String($0.dropFirst("sha256:".count).prefix(12)) } ?? "-",
            ]
        }
        if !rows.isEmpty {
            let header = ["SEVERITY", "ID", "PACKAGE", "VERSION", "FIXED IN", "LAYER"]
            let widths = header.indices.map { column in
                ([header] + rows).map { $0[column].count }.max() ?? 0
            }
            for row in [header] + rows {
                lines.append(
                    row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                        .joined(separator: "  ").trimmingTrailingSpaces())
            }
        }
        for finding in findings {
            if let why = finding.suppressed { lines.append("\(finding.id) in \(finding.package): \(why)") }
        }
        for note in notes { lines.append("note: \(note)") }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
