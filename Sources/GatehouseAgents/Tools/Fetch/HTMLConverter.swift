import Foundation

/// Turns an HTML page into what the model reads: plain text (tags, scripts and styles gone,
/// whitespace collapsed) or simple Markdown (headings, links and list items kept). One pass over
/// the tokens of ``HTMLScanner``; nothing in the input can make it slower than linear.
struct HTMLConverter {
    /// What to produce.
    enum Format {
        /// Plain text.
        case text
        /// Markdown.
        case markdown
    }

    static let blockElements: Set<String> = [
        "p", "div", "section", "article", "header", "footer", "nav", "main", "aside", "ul", "ol", "table",
        "tr", "blockquote", "pre", "form", "dl", "dt", "dd", "figure", "figcaption", "title", "h1", "h2", "h3",
        "h4", "h5", "h6", "li", "hr", "body", "address", "details", "summary",
    ]

    private let format: Format
    private let base: URL?
    private var output = HTMLOutput()
    private var listDepth = 0
    private var preDepth = 0
    private var skipDepth = 0
    private var openLink: String?

    /// Converts `html` to `format`, resolving relative links against `base`.
    static func convert(_ html: String, to format: Format, base: URL? = nil) -> String {
        var converter = HTMLConverter(format: format, base: base)
        var scanner = HTMLScanner(html)
        while let token = scanner.next() { converter.consume(token) }
        return converter.output.finished
    }

    private init(format: Format, base: URL?) {
        self.format = format
        self.base = base
    }

    private mutating func consume(_ token: HTMLToken) {
        switch token {
        case .text(let bytes):
            guard skipDepth == 0 else { return }
            let text = HTMLText.decode(bytes)
            if preDepth > 0 {
                output.raw(text)
            } else {
                output.text(text, escapingBrackets: openLink != nil)
            }
        case .open(let name, let attributes):
            open(name, attributes)
        case .close(let name):
            close(name)
        }
    }

    private mutating func open(_ name: String, _ attributes: ArraySlice<UInt8>) {
        if HTMLScanner.skippedElements.contains(name) || name == "head" {
            // The scanner already skipped a skipped element's content; `head` holds no reading text.
            if name == "head" { skipDepth += 1 }
            return
        }
        switch name {
        case "br": output.lineBreak()
        case "pre": preDepth += 1
        case "ul", "ol": listDepth += 1
        default: break
        }
        if Self.blockElements.contains(name) { output.blockBreak(tight: name == "li") }
        guard format == .markdown else { return }
        switch name {
        case "h1", "h2", "h3", "h4", "h5", "h6":
            output.markup(String(repeating: "#", count: Int(String(name.dropFirst())) ?? 1) + " ")
        case "li": output.markup(String(repeating: "  ", count: max(listDepth - 1, 0)) + "- ")
        case "hr": output.markup("---")
        case "a":
            closeLink()
            if let href = HTMLText.attribute("href", in: attributes), let target = Self.linkTarget(href, base: base) {
                openLink = target
                output.markup("[", spaced: true)
            }
        default: break
        }
    }

    private mutating func close(_ name: String) {
        switch name {
        case "head": skipDepth = max(skipDepth - 1, 0)
        case "pre": preDepth = max(preDepth - 1, 0)
        case "ul", "ol": listDepth = max(listDepth - 1, 0)
        case "a": closeLink()
        default: break
        }
        if Self.blockElements.contains(name) {
            closeLink()
            output.blockBreak(tight: name == "li")
        }
    }

    private mutating func closeLink() {
        guard let target = openLink else { return }
        openLink = nil
        output.endLink(target)
    }

    /// The target of a link the model may follow: http(s) or mailto, relative ones resolved
    /// against the page; others (`javascript:`, `data:`) give none. Characters that would end
    /// the Markdown link are percent-encoded.
    static func linkTarget(_ href: String, base: URL?) -> String? {
        let trimmed = href.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), let url = URL(string: trimmed, relativeTo: base) else {
            return nil
        }
        guard let scheme = url.scheme?.lowercased(), ["http", "https", "mailto"].contains(scheme) else { return nil }
        var target = ""
        for character in url.absoluteString {
            switch character {
            case " ": target += "%20"
            case "(": target += "%28"
            case ")": target += "%29"
            case "<": target += "%3C"
            case ">": target += "%3E"
            case "\n", "\r", "\t": continue
            default: target.append(character)
            }
        }
        return target
    }
}
