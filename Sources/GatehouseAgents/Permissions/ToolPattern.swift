public import GatehouseCore

/// A permission pattern, docker-agent's syntax: `toolglob[:arg=valueglob[:arg2=valueglob…]]`.
/// The tool part runs up to the first `:segment` holding `=` (so tool names may hold colons);
/// every argument condition must match. Matching ignores case; `*` and `?` are wildcards, and a
/// pattern whose only wildcard is a trailing `*` is a prefix match.
public struct ToolPattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let text: String
    private let tool: String
    private let conditions: [(name: String, value: String)]

    /// Parses a pattern; nil when it is empty or has an empty tool or argument name.
    public init?(_ text: String) {
        let segments = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        var toolParts: [String] = []
        var conditions: [(String, String)] = []
        for segment in segments {
            if conditions.isEmpty, !segment.contains("=") {
                toolParts.append(segment)
                continue
            }
            guard let equals = segment.firstIndex(of: "="), equals != segment.startIndex else { return nil }
            conditions.append(
                (String(segment[..<equals]).lowercased(), String(segment[segment.index(after: equals)...])))
        }
        let tool = toolParts.joined(separator: ":")
        guard !tool.isEmpty else { return nil }
        self.text = text
        self.tool = tool.lowercased()
        self.conditions = conditions.map { ($0.0, $0.1.lowercased()) }
    }

    /// The pattern as written.
    public var description: String { text }

    /// Whether a call of `name` with `arguments` matches.
    public func matches(name: String, arguments: JSONValue) -> Bool {
        guard Self.glob(tool, matches: name.lowercased()) else { return false }
        for condition in conditions {
            guard let value = arguments[condition.name].flatMap(Self.text(of:)),
                Self.glob(condition.value, matches: value.lowercased())
            else { return false }
        }
        return true
    }

    public static func == (lhs: ToolPattern, rhs: ToolPattern) -> Bool { lhs.text == rhs.text }

    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// An argument as text: strings as they are, booleans `true`/`false`, whole numbers
    /// without a fraction; objects and arrays never match.
    private static func text(of value: JSONValue) -> String? {
        switch value {
        case .string(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .integer(let number): String(number)
        case .number(let number):
            number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        default: nil
        }
    }

    private static func glob(_ pattern: String, matches text: String) -> Bool {
        let body = pattern.dropLast()
        if pattern.hasSuffix("*"), !body.contains("*"), !body.contains("?") {
            return text.hasPrefix(body)
        }
        return Glob(pattern).matches(text)
    }
}
