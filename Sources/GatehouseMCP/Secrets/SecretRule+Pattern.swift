import Foundation

extension SecretRule {
    /// A rule from configuration: `pattern` is an ICU regular expression (the syntax of
    /// `NSRegularExpression`: `(?i)`, `\b`, `[A-Za-z0-9]{32}`, named groups...). The whole
    /// match is the secret, unless the pattern has a group named `secret`, e.g.
    /// `acme_key\s*=\s*(?<secret>[a-z0-9]{40})`: then only that group is reported and redacted.
    ///
    /// - Throws: ``SecretRuleError`` naming `id` when the identifier is empty or holds other
    ///   than ASCII letters, digits, `.`, `_`, `-` (it goes into `[REDACTED:<id>]` markers),
    ///   when the pattern does not compile, or when it matches the empty string (it would
    ///   match everywhere).
    public init(id: String, pattern: String, category: Category = .token, description: String? = nil) throws {
        let allowed = ByteSet("A-Za-z0-9._-")
        guard !id.isEmpty, id.utf8.allSatisfy({ allowed.contains($0) }) else {
            throw SecretRuleError(
                ruleID: id, reason: "the id must be non-empty ASCII letters, digits, '.', '_' or '-'")
        }
        let regex: NSRegularExpression
        do {
            regex = try NSRegularExpression(pattern: pattern)
        } catch {
            throw SecretRuleError(ruleID: id, reason: "pattern does not compile: \(Self.diagnose(pattern))")
        }
        guard regex.firstMatch(in: "", range: NSRange(location: 0, length: 0)) == nil else {
            throw SecretRuleError(ruleID: id, reason: "pattern matches the empty string")
        }
        self.init(
            id: id, category: category, description: description ?? "custom rule \(id)",
            precedence: Precedence.custom,
            pattern: PatternMatcher(regex: regex, hasSecretGroup: pattern.contains("(?<secret>")))
    }

    /// A reason for a pattern ICU refused. ICU's own error only says "the value is invalid"
    /// (and quotes the pattern), so ask the Swift regex parser, whose syntax is close enough
    /// for the common mistakes (`expected ')'`, `invalid quantifier`...).
    private static func diagnose(_ pattern: String) -> String {
        do {
            _ = try Regex(pattern)
            return "not a valid ICU regular expression"
        } catch {
            return String(describing: error)
        }
    }
}

/// The matcher of a custom rule: a compiled ICU regular expression.
struct PatternMatcher: @unchecked Sendable {
    // NSRegularExpression is immutable once made and documented as safe to share between
    // threads; the annotation is only needed where Foundation does not declare it Sendable.
    let regex: NSRegularExpression
    /// Whether the pattern has a group named `secret`, which then is the finding.
    let hasSecretGroup: Bool

    /// The UTF-8 byte ranges of every non-empty match in `text`.
    func matches(in text: String) -> [Range<Int>] {
        let utf8 = text.utf8
        let length = text.utf16.count
        var found: [Range<Int>] = []
        regex.enumerateMatches(in: text, range: NSRange(location: 0, length: length)) { match, _, _ in
            guard let match else { return }
            var range = match.range
            if hasSecretGroup {
                let group = match.range(withName: "secret")
                if group.location != NSNotFound { range = group }
            }
            guard range.length > 0, range.location + range.length <= length else { return }
            // Breadcrumbed UTF-16 offsets: no walk from the start of the text per match.
            let start = String.Index(utf16Offset: range.location, in: text)
            let end = String.Index(utf16Offset: range.location + range.length, in: text)
            guard let lower = start.samePosition(in: utf8), let upper = end.samePosition(in: utf8) else { return }
            found.append(
                utf8.distance(from: utf8.startIndex, to: lower)..<utf8.distance(from: utf8.startIndex, to: upper))
        }
        return found
    }
}
