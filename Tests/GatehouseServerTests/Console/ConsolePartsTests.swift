import Foundation
import GatehouseCore
import Testing

@testable import GatehouseServer

/// The console's small parts: form parsing, chart escaping, the CSRF token's binding.
@Suite struct ConsolePartsTests {
    @Test func formsAreParsedStrictly() throws {
        let form = try ConsoleForm.parse("name=laptop+CLI&ttl=7d&scopes=model.use%20tool.call")
        #expect(form["name"] == "laptop CLI")
        #expect(form["scopes"] == "model.use tool.call")
        #expect(throws: GatehouseError.self) { try ConsoleForm.parse("a=1&a=2") }
        #expect(throws: GatehouseError.self) { try ConsoleForm.parse("a=%zz") }
        let many = (0..<33).map { "f\($0)=x" }.joined(separator: "&")
        #expect(throws: GatehouseError.self) { try ConsoleForm.parse(many) }
    }

    @Test func chartLabelsAreEscapedAndBarsScaleToThePeak() {
        let chart = ConsoleChart(
            title: "<b>t</b>", bars: [.init(label: "a<script>", value: 1), .init(label: "b", value: 4)])
        let svg = chart.svg
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("a&lt;script&gt;"))
        #expect(svg.contains(#"height="130""#))  // the peak fills the plot (180 - 26 - 24)
        #expect(svg.contains(#"height="33""#))  // a quarter of it (32.5, rounded)
    }

    @Test func theCSRFTokenIsBoundToTheSessionAndTheServerKey() {
        let csrf = ConsoleCSRF(secret: Array(repeating: 1, count: 32))
        let other = ConsoleCSRF(secret: Array(repeating: 2, count: 32))
        #expect(csrf.token(session: "a") == csrf.token(session: "a"))
        #expect(csrf.token(session: "a") != csrf.token(session: "b"))
        #expect(csrf.token(session: "a") != other.token(session: "a"))
        #expect(!csrf.token(session: "a").contains("="))
    }

    @Test func everyTemplateParses() {
        let renderer = ConsoleRenderer()
        for name in ConsoleTemplates.all.keys {
            #expect(renderer.has(template: name), "\(name)")
        }
    }
}
