/// Scanning one line for ``YAMLPrescan``.
extension YAMLPrescan {
    /// Reported for `? key`.
    static let explicitKeyMessage =
        "explicit mapping keys (\"? key\") are not supported; write \"key: value\""
    /// Reported for `*alias: value`.
    static let aliasKeyMessage = "an alias cannot be used as a mapping key"
    /// Reported for `[a, b]: value` and `{a: b}: value`.
    static let collectionKeyMessage = "a sequence or mapping cannot be used as a mapping key"

    /// Scans one line (without its break); returns a refusal message, or nil.
    mutating func scan(_ line: [Unicode.Scalar]) -> String? {
        let indent = line.prefix { $0 == " " }.count
        if let parent = blockScalarParent {
            if indent == line.count || indent > parent { return nil }
            blockScalarParent = nil
        }
        var i = 0
        if quote == nil, flowDepth == 0 {
            inPlain = false
            if indent == line.count || line[indent] == "#" || (indent == 0 && line[0] == "%") {
                return nil
            }
            i = indent
            if indent == 0, line.count >= 3, line[0] == line[1], line[1] == line[2],
                line[0] == "-" || line[0] == ".", line.count == 3 || Self.isSpace(line[3])
            {
                i = 3  // a document marker
            }
            while let top = indents.last, top > indent { indents.removeLast() }
            if let message = push(column: i) { return message }
        }
        while i < line.count {
            if let open = quote {
                i = Self.endOfQuote(open, in: line, from: i, closed: &quote)
            } else if inPlain {
                guard let next = endOfPlain(in: line, from: i) else { return nil }
                i = next
            } else {
                switch token(in: line, at: &i) {
                case .refuse(let message): return message
                case .endOfLine: return nil
                case .next: continue
                }
            }
        }
        return nil
    }

    private enum Step {
        case next
        case endOfLine
        case refuse(String)
    }

    /// Reads the token starting at `i` (between tokens) and moves past it.
    private mutating func token(in line: [Unicode.Scalar], at i: inout Int) -> Step {
        let c = line[i]
        let following: Unicode.Scalar? = i + 1 < line.count ? line[i + 1] : nil
        let isIndicator =
            following.map { Self.isSpace($0) || (flowDepth > 0 && Self.isFlow($0)) } ?? true
        i += 1
        switch c {
        case " ", "\t", ",": return .next
        case "#": return .endOfLine
        case "[", "{":
            flowDepth += 1
            return estimatedDepth > Self.depthLimit
                ? .refuse(YAMLStructureCheck.depthMessage) : .next
        case "]", "}":
            flowDepth = max(0, flowDepth - 1)
            return followedByKeyIndicator(line, from: i)
                ? .refuse(Self.collectionKeyMessage) : .next
        case "\"", "'":
            quote = c
            return .next
        case "?" where isIndicator:
            return .refuse(Self.explicitKeyMessage)
        case "-" where isIndicator && flowDepth == 0:
            while i < line.count, Self.isSpace(line[i]) { i += 1 }
            if i < line.count, line[i] != "#", let message = push(column: i) {
                return .refuse(message)
            }
            return .next
        case ":" where isIndicator:
            return .next
        case "|" where flowDepth == 0, ">" where flowDepth == 0:
            blockScalarParent = line.prefix { $0 == " " }.count
            return .endOfLine
        case "&", "!":
            while i < line.count, !Self.isSpace(line[i]), !(flowDepth > 0 && Self.isFlow(line[i])) {
                i += 1
            }
            return .next
        case "*":
            while i < line.count, !Self.isSpace(line[i]), !Self.isFlow(line[i]) { i += 1 }
            return followedByKeyIndicator(line, from: i) ? .refuse(Self.aliasKeyMessage) : .next
        default:
            inPlain = true
            return .next
        }
    }
}
