/// How values written in the file are repeated in messages: truncated, with control characters
/// escaped. Secret-bearing values are never echoed (callers decide; see ``YAMLValue``).
package enum ConfigEcho {
    /// The most characters of a value repeated in a message.
    static let limit = 40

    /// The value as written, truncated to ``limit`` characters, control characters escaped.
    package static func plain(_ text: String) -> String {
        escape(text, quoting: false)
    }

    /// The value in double quotes, as ``plain(_:)`` shows it, with `"` and `\` escaped too.
    package static func quoted(_ text: String) -> String {
        "\"" + escape(text, quoting: true) + "\""
    }

    private static func escape(_ text: String, quoting: Bool) -> String {
        let truncated = text.count > limit
        var result = ""
        for scalar in (truncated ? String(text.prefix(limit)) : text).unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case "\"" where quoting: result += "\\\""
            case "\\" where quoting: result += "\\\\"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                result += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return truncated ? result + "..." : result
    }
}
