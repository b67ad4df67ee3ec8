import Foundation

/// The checked arguments of a `fetch` call.
struct FetchRequest {
    /// The format asked for.
    enum Format: String {
        /// Text without markup.
        case text
        /// Markdown.
        case markdown
        /// The page as it came.
        case html
    }

    /// The URLs, each http or https with a host.
    let urls: [String]
    /// The format.
    let format: Format
    /// How long to wait for each URL.
    let timeout: Duration

    /// Checks every argument (all URLs before any is fetched).
    init(_ arguments: ToolArguments, defaultTimeout: Duration) throws(ToolFailure) {
        urls = try arguments.strings("urls")
        guard (1...FetchToolbox.maxURLs).contains(urls.count) else {
            throw ToolFailure("argument 'urls' must hold 1 to \(FetchToolbox.maxURLs) URLs, not \(urls.count)")
        }
        for url in urls {
            guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
                scheme == "http" || scheme == "https", parsed.host?.isEmpty == false
            else { throw ToolFailure("'\(url)' is not an http or https URL") }
        }
        let name = try arguments.string("format")
        guard let format = Format(rawValue: name) else {
            throw ToolFailure("argument 'format' must be one of text, markdown, html (not '\(name)')")
        }
        self.format = format
        if let seconds = try arguments.optionalInteger("timeout") {
            guard (1...FetchToolbox.maxTimeout).contains(seconds) else {
                throw ToolFailure("argument 'timeout' must be between 1 and \(FetchToolbox.maxTimeout) seconds")
            }
            timeout = .seconds(seconds)
        } else {
            timeout = defaultTimeout
        }
    }
}
