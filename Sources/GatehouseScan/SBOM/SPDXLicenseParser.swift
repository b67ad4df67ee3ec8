import Foundation

/// A recursive-descent parser for SPDX licence expressions:
///
///     expression := conjunction ("OR" conjunction)*
///     conjunction := term ("AND" term)*
///     term := "(" expression ")" | identifier ("WITH" exception)?
///
/// Operators match in any case (Debian writes `or`); nesting is limited so hostile input cannot
/// exhaust the stack.
struct SPDXLicenseParser {
    /// The deepest parenthesis nesting accepted.
    static let depthLimit = 16

    private let tokens: [String]
    private var position = 0
    private var depth = 0

    /// A parser over `tokens`.
    init(tokens: [String]) {
        self.tokens = tokens
    }

    /// Splits on white space; parentheses are tokens of their own.
    static func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        for character in text {
            if character == "(" || character == ")" || character.isWhitespace {
                if !current.isEmpty { tokens.append(current) }
                current = ""
                if !character.isWhitespace { tokens.append(String(character)) }
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// The whole token list as one expression, or nil.
    mutating func parseAll() -> SPDXLicenseExpression? {
        guard !tokens.isEmpty, let expression = parseExpression(), position == tokens.count else { return nil }
        return expression
    }

    private mutating func parseExpression() -> SPDXLicenseExpression? {
        guard var terms = parseConjunction().map({ [$0] }) else { return nil }
        while accept("OR") {
            guard let next = parseConjunction() else { return nil }
            terms.append(next)
        }
        return SPDXLicenseExpression.disjunction(terms)
    }

    private mutating func parseConjunction() -> SPDXLicenseExpression? {
        guard var terms = parseTerm().map({ [$0] }) else { return nil }
        while accept("AND") {
            guard let next = parseTerm() else { return nil }
            terms.append(next)
        }
        return SPDXLicenseExpression.conjunction(terms)
    }

    private mutating func parseTerm() -> SPDXLicenseExpression? {
        guard position < tokens.count else { return nil }
        let token = tokens[position]
        position += 1
        if token == "(" {
            depth += 1
            guard depth <= Self.depthLimit, let inner = parseExpression(), accept(")") else { return nil }
            depth -= 1
            return inner
        }
        guard !isOperator(token), token != ")", let id = SPDXLicense.identifier(token) else { return nil }
        guard accept("WITH") else { return .license(id) }
        guard position < tokens.count,
            let exception = SPDXLicense.canonicalExceptions[tokens[position].lowercased()],
            !id.hasPrefix(SPDXLicense.licenseRefPrefix)
        else { return nil }
        position += 1
        return .exception(license: id, exception: exception)
    }

    private mutating func accept(_ word: String) -> Bool {
        guard position < tokens.count, tokens[position].uppercased() == word else { return false }
        position += 1
        return true
    }

    private func isOperator(_ token: String) -> Bool {
        ["AND", "OR", "WITH"].contains(token.uppercased())
    }
}
