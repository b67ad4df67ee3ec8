import Foundation
import GatehouseAgents
import GatehouseCore
import Testing

/// A fetcher answering from a fixed table of pages; other URLs fail.
struct FakeFetcher: WebFetcher {
    struct Unreachable: Error {}
    let pages: [String: FetchedPage]

    func fetch(_ url: String, timeout: Duration) async throws -> FetchedPage {
        guard let page = pages[url] else { throw Unreachable() }
        return page
    }
}

@Suite struct FetchToolboxTests {
    static let html = """
        <html><head><title>T</title><style>body { color: red }</style></head>
        <body><h1>Big &amp; bold</h1><script>alert("<b>x</b>")</script>
        <p>Read   the <a href="/docs?a=1">docs</a> or <a href="javascript:evil()">this</a>.</p>
        <ul><li>one</li><li>two <!-- hidden --></li></ul></body></html>
        """

    private let toolbox = FetchToolbox(
        fetcher: FakeFetcher(pages: [
            "https://example.com/page": FetchedPage(
                status: 200, contentType: "text/html", body: Data(FetchToolboxTests.html.utf8)),
            "https://example.com/gone": FetchedPage(status: 404, contentType: "text/html", body: Data()),
        ]))

    private func fetch(_ format: String, _ urls: [JSONValue] = ["https://example.com/page"]) async throws -> ToolOutput
    {
        try await toolbox.call(invocation("fetch", ["urls": .array(urls), "format": .string(format)]))
    }

    @Test func textStripsTagsScriptsAndStylesAndCollapsesWhitespace() async throws {
        let output = try await fetch("text")
        #expect(output == ToolOutput("Big & bold\n\nRead the docs or this.\n\none\ntwo"))
    }

    @Test func markdownKeepsHeadingsLinksAndListItems() async throws {
        let output = try await fetch("markdown")
        #expect(
            output.text == "# Big & bold\n\nRead the [docs](https://example.com/docs?a=1) or this.\n\n- one\n- two")
    }

    @Test func htmlIsTheRawPage() async throws {
        #expect(try await fetch("html").text == Self.html)
    }

    @Test func errorsAreReportedPerURL() async throws {
        let output = try await fetch(
            "text", ["https://example.com/page", "https://example.com/gone", "https://example.com/down"])
        #expect(!output.isError)
        #expect(
            output.text.contains(
                "=== https://example.com/gone ===\nError fetching https://example.com/gone: HTTP status 404"))
        #expect(output.text.contains("=== https://example.com/down ===\nError fetching"))
        let allFailed = try await fetch("text", ["https://example.com/gone"])
        #expect(allFailed.isError)
    }

    @Test func badArgumentsAreRefused() async throws {
        #expect(try await fetch("text", ["file:///etc/passwd"]).text.contains("not an http or https URL"))
        #expect(try await fetch("pdf").text.contains("'format'"))
        #expect(try await fetch("text", []).text.contains("'urls'"))
        let timeout = try await toolbox.call(
            invocation("fetch", ["urls": ["https://example.com/page"], "format": "text", "timeout": 301]))
        #expect(timeout.isError && timeout.text.contains("'timeout'"))
    }

    @Test func hostileMarkupDoesNotBreakTheConversion() async throws {
        let hostile =
            String(repeating: "<a href=\"", count: 2000) + String(repeating: "<div <", count: 2000) + "<script>"
        let fetcher = FakeFetcher(pages: [
            "http://h.test/": FetchedPage(status: 200, contentType: "text/html", body: Data(hostile.utf8))
        ])
        let output = try await FetchToolbox(fetcher: fetcher).call(
            invocation("fetch", ["urls": ["http://h.test/"], "format": "markdown"]))
        #expect(!output.isError)
    }
}
