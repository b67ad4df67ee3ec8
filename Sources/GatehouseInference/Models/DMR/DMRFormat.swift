package import Foundation

/// How DMR renders numbers in its config: a value and a unit with no space between.
package enum DMRFormat {
    /// A parameter count with two decimals and a K/M/B/T unit, e.g. 134515008 → `134.52M`.
    package static func parameters(_ count: Int64) -> String {
        scaled(Double(count), base: 1000, units: ["", "K", "M", "B", "T"])
    }

    /// A byte count with two decimals and a binary unit, e.g. 91 000 000 → `86.78MiB`.
    package static func bytes(_ count: Int64) -> String {
        scaled(Double(count), base: 1024, units: ["B", "KiB", "MiB", "GiB", "TiB"])
    }

    /// RFC 3339 in UTC with seconds, e.g. `2025-07-01T12:00:00Z`.
    package static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }

    private static func scaled(_ value: Double, base: Double, units: [String]) -> String {
        var value = value
        var unit = 0
        while value >= base, unit < units.count - 1 {
            value /= base
            unit += 1
        }
        if unit == 0 { return "\(Int64(value))\(units[0])" }
        return String(format: "%.2f", value) + units[unit]
    }
}

/// The value of the `org.cncf.model.file.metadata+json` annotation, as DMR writes it.
struct DMRFileMetadata: Encodable {
    var name: String
    var mode: UInt32 = 0o644
    var uid: UInt32 = 0
    var gid: UInt32 = 0
    var size: Int64
    var mtime: String
    var typeflag: UInt8 = 0

    init(name: String, size: Int64, modified: Date) {
        self.name = name
        self.size = size
        self.mtime = DMRFormat.timestamp(modified)
    }

    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }
}
