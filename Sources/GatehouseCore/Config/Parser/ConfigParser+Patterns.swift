/// Reading the action and resource patterns of a rule.
extension ConfigParser {
    /// `actions`: one pattern or a non-empty sequence. A pattern without `*` or `?` must name
    /// a known action; one with them must match at least one.
    static func readActionPatterns(_ value: YAMLValue) -> [Glob]? {
        guard let items = value.stringOrSequence() else { return nil }
        guard !items.isEmpty else {
            value.report("expected at least one action pattern")
            return nil
        }
        let patterns = items.compactMap(readActionPattern)
        return patterns.count == items.count ? patterns : nil
    }

    /// `resources`: one pattern or a non-empty sequence; `*` matches any run of characters,
    /// `?` any one.
    static func readResourcePatterns(_ value: YAMLValue) -> [Glob]? {
        guard let items = value.stringOrSequence() else { return nil }
        guard !items.isEmpty else {
            value.report("expected at least one resource pattern")
            return nil
        }
        let patterns = items.compactMap { $0.string().map(Glob.init) }
        return patterns.count == items.count ? patterns : nil
    }

    private static func readActionPattern(_ value: YAMLValue) -> Glob? {
        guard let pattern = value.string() else { return nil }
        let names = ActionKind.allNames
        if pattern.contains(where: { $0 == "*" || $0 == "?" }) {
            let glob = Glob(pattern)
            guard names.contains(where: glob.matches) else {
                value.report("pattern \(ConfigEcho.quoted(pattern)) matches no action")
                return nil
            }
            return glob
        }
        guard names.contains(pattern) else {
            let hint = DidYouMean.hint(for: pattern, among: names).map { " (\($0))" } ?? ""
            value.report("unknown action \(ConfigEcho.quoted(pattern))\(hint)")
            return nil
        }
        return Glob(pattern)
    }
}
