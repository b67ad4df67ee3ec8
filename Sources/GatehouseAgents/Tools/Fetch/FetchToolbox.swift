import Foundation
import GatehouseCore

/// The `fetch` toolset: fetches up to 10 http(s) URLs through the ``WebFetcher`` (which applies
/// Gatehouse's egress rules) and gives them back as text, Markdown or raw HTML.
public struct FetchToolbox: AgentToolbox {
    /// The most URLs one call may fetch.
    public static let maxURLs = 10
    /// The longest timeout a call may ask for, in seconds.
    public static let maxTimeout: Int64 = 300

    /// Fetches the pages.
    public let fetcher: any WebFetcher
    /// The timeout of a call that names none (the toolset's `timeout`).
    public let defaultTimeout: Duration

    /// A toolbox fetching through `fetcher`, waiting `defaultTimeout` per URL unless a call says otherwise.
    public init(fetcher: any WebFetcher, defaultTimeout: Duration = .seconds(30)) {
        self.fetcher = fetcher
        self.defaultTimeout = defaultTimeout
    }

    /// The `fetch` tool.
    public func tools() -> [ToolDefinition] {
        let urls: JSONValue = [
            "type": "array", "items": ["type": "string"], "minItems": 1, "maxItems": .integer(Int64(Self.maxURLs)),
            "description": "The http or https URLs to fetch",
        ]
        let timeout: JSONValue = [
            "type": "integer", "minimum": 1, "maximum": .integer(Self.maxTimeout),
            "default": .integer(defaultTimeout.components.seconds), "description": "Seconds to wait for each URL",
        ]
        let format = ToolSchema.enumeration(["text", "markdown", "html"], "The format to return the content in")
        return [
            ToolDefinition(
                name: "fetch", description: "Fetch content from one or more HTTP or HTTPS URLs",
                parameters: ToolSchema.object(
                    ["urls": urls, "format": format, "timeout": timeout], required: ["urls", "format"]),
                readOnly: true)
        ]
    }

    /// Fetches the call's URLs. Each URL's failure is reported in the output; the output is an
    /// error only when every URL failed.
    public func call(_ invocation: ToolInvocation) async throws -> ToolOutput {
        guard invocation.name == "fetch" else { return .unknownTool(invocation.name) }
        return try await ToolOutput.guarding {
            let request = try FetchRequest(ToolArguments(invocation), defaultTimeout: defaultTimeout)
            var sections: [String] = []
            var failures = 0
            for url in request.urls {
                let result = await fetch(url, request)
                if result.isError { failures += 1 }
                sections.append(request.urls.count == 1 ? result.text : "=== \(url) ===\n\(result.text)")
            }
            return ToolOutput(
                OutputLimit.cap(sections.joined(separator: "\n\n")), isError: failures == request.urls.count)
        }
    }

    private func fetch(_ url: String, _ request: FetchRequest) async -> ToolOutput {
        let page: FetchedPage
        do {
            page = try await fetcher.fetch(url, timeout: request.timeout)
        } catch {
            return .failure("Error fetching \(url): \(error)")
        }
        guard (200..<400).contains(page.status) else {
            return .failure("Error fetching \(url): HTTP status \(page.status)")
        }
        let body = OutputLimit.text(page.body)
        let isHTML =
            page.contentType?.lowercased().contains("html")
            ?? body.drop(while: \.isWhitespace).hasPrefix("<")
        switch request.format {
        case .text where isHTML: return ToolOutput(HTMLConverter.convert(body, to: .text))
        case .markdown where isHTML:
            return ToolOutput(HTMLConverter.convert(body, to: .markdown, base: URL(string: url)))
        default: return ToolOutput(body)
        }
    }
}
