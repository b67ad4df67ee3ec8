public import GatehouseCore

/// Bounds on the work one filter may cause; beyond them the filter is refused.
public struct SCIMFilterLimits: Sendable, Hashable {
    /// Longest filter, in bytes.
    public var maxLength = 4_096
    /// Most tokens.
    public var maxTokens = 512
    /// Deepest nesting of parentheses, `not` and value paths.
    public var maxDepth = 32

    /// The default limits.
    public init() {}
}

/// A recursive-descent parser for RFC 7644 filters. Precedence: `not` and grouping bind
/// tightest, then `and`, then `or`. Operators and keywords are case-insensitive. Every error is
/// an ``GatehouseError/Code/invalidFilter`` naming the offset and what was expected.
public struct SCIMFilterParser {
    private let tokens: [SCIMFilterToken]
    private let limits: SCIMFilterLimits
    private var position = 0

    /// Parses `text`.
    public static func parse(_ text: String, limits: SCIMFilterLimits = .init()) throws(GatehouseError) -> SCIMFilter {
        var parser = SCIMFilterParser(tokens: try SCIMFilterLexer.tokens(text, limits: limits), limits: limits)
        guard !parser.tokens.isEmpty else { throw error("the filter is empty") }
        let filter = try parser.parseOr(depth: 0, inValuePath: false)
        if let extra = parser.peek {
            throw error("unexpected \(describe(extra)) at offset \(extra.offset)")
        }
        return filter
    }

    static func error(_ message: String) -> GatehouseError {
        GatehouseError(.invalidFilter, message)
    }

    private var peek: SCIMFilterToken? { position < tokens.count ? tokens[position] : nil }

    private mutating func next() -> SCIMFilterToken? {
        defer { position += 1 }
        return peek
    }

    private func isKeyword(_ token: SCIMFilterToken?, _ keyword: String) -> Bool {
        if case .word(let word)? = token?.kind { return word.lowercased() == keyword }
        return false
    }

    private mutating func parseOr(depth: Int, inValuePath: Bool) throws(GatehouseError) -> SCIMFilter {
        var left = try parseAnd(depth: depth, inValuePath: inValuePath)
        while isKeyword(peek, "or") {
            position += 1
            left = .or(left, try parseAnd(depth: depth, inValuePath: inValuePath))
        }
        return left
    }

    private mutating func parseAnd(depth: Int, inValuePath: Bool) throws(GatehouseError) -> SCIMFilter {
        var left = try parseUnary(depth: depth, inValuePath: inValuePath)
        while isKeyword(peek, "and") {
            position += 1
            left = .and(left, try parseUnary(depth: depth, inValuePath: inValuePath))
        }
        return left
    }

    private mutating func parseUnary(depth: Int, inValuePath: Bool) throws(GatehouseError) -> SCIMFilter {
        guard depth < limits.maxDepth else {
            throw Self.error("the filter nests deeper than \(limits.maxDepth) levels")
        }
        if isKeyword(peek, "not") {
            position += 1
            try expect(.openParen, "\"(\" after not")
            let inner = try parseOr(depth: depth + 1, inValuePath: inValuePath)
            try expect(.closeParen, "\")\"")
            return .not(inner)
        }
        if peek?.kind == .openParen {
            position += 1
            let inner = try parseOr(depth: depth + 1, inValuePath: inValuePath)
            try expect(.closeParen, "\")\"")
            return inner
        }
        return try parseAttributeExpression(depth: depth, inValuePath: inValuePath)
    }

    private mutating func parseAttributeExpression(depth: Int, inValuePath: Bool) throws(GatehouseError) -> SCIMFilter {
        guard let token = next() else { throw Self.error("the filter ends where an attribute was expected") }
        guard case .word(let word) = token.kind else {
            throw Self.error("expected an attribute at offset \(token.offset), found \(Self.describe(token))")
        }
        let path = try Self.attributePath(word, offset: token.offset)
        if peek?.kind == .openBracket {
            guard !inValuePath else {
                throw Self.error("value paths cannot nest (offset \(token.offset))")
            }
            guard path.subAttribute == nil else {
                throw Self.error("a value path applies to an attribute, not a sub-attribute (offset \(token.offset))")
            }
            position += 1
            let inner = try parseOr(depth: depth + 1, inValuePath: true)
            try expect(.closeBracket, "\"]\"")
            return .valuePath(path, inner)
        }
        guard let operatorToken = next(), case .word(let name) = operatorToken.kind else {
            throw Self.error("expected an operator after \(path) at offset \(token.offset)")
        }
        if name.lowercased() == "pr" { return .present(path) }
        guard let op = SCIMCompareOperator(rawValue: name.lowercased()) else {
            throw Self.error(
                "unknown operator \"\(name.prefix(20))\" at offset \(operatorToken.offset) (expected eq, ne, co, sw, ew, gt, lt, ge, le or pr)"
            )
        }
        guard let valueToken = next() else { throw Self.error("the filter ends where a value was expected") }
        return .compare(path, op, try Self.value(valueToken))
    }

    private mutating func expect(_ kind: SCIMFilterToken.Kind, _ what: String) throws(GatehouseError) {
        guard let token = next() else { throw Self.error("the filter ends where \(what) was expected") }
        guard token.kind == kind else {
            throw Self.error("expected \(what) at offset \(token.offset), found \(Self.describe(token))")
        }
    }

    private static func value(_ token: SCIMFilterToken) throws(GatehouseError) -> SCIMValue {
        switch token.kind {
        case .string(let text): return .string(text)
        case .number(let number): return .number(number)
        case .word(let word):
            switch word.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null": return .null
            default: break
            }
        default: break
        }
        throw error(
            "expected a value (a quoted string, number, true, false or null) at offset \(token.offset), found \(describe(token))"
        )
    }

    static func attributePath(_ word: String, offset: Int) throws(GatehouseError) -> SCIMAttributePath {
        var schema: String?
        var rest = Substring(word)
        if let colon = word.lastIndex(of: ":") {
            schema = String(word[..<colon])
            rest = word[word.index(after: colon)...]
            guard schema?.lowercased().hasPrefix("urn:") == true else {
                throw error("invalid attribute \"\(word.prefix(64))\" at offset \(offset)")
            }
        }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy(isAttributeName) else {
            throw error("invalid attribute \"\(word.prefix(64))\" at offset \(offset)")
        }
        return SCIMAttributePath(
            schema: schema, name: String(parts[0]), subAttribute: parts.count == 2 ? String(parts[1]) : nil)
    }

    /// `ALPHA *(ALPHA / DIGIT / "-" / "_")`, and `$ref`.
    static func isAttributeName(_ name: Substring) -> Bool {
        if name == "$ref" { return true }
        guard let first = name.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { return false }
        return name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_")
        }
    }

    static func describe(_ token: SCIMFilterToken) -> String {
        switch token.kind {
        case .word(let word): "\"\(word.prefix(32))\""
        case .string: "a string"
        case .number: "a number"
        case .openParen: "\"(\""
        case .closeParen: "\")\""
        case .openBracket: "\"[\""
        case .closeBracket: "\"]\""
        }
    }
}
