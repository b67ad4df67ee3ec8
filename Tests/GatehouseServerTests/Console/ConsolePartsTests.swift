import Foundation
import GatehouseCore
import GatehouseSandbox
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

    @Test func theRunningChartShowsEachHoursPeakAndForgetsAfterADay() async {
        let sampler = SandboxSampler(manager: SandboxManager(backends: [], reports: [], stateRoot: "/nonexistent"))
        let hour: Int64 = 3_600_000_000
        let now = 100 * hour + 30 * 60_000_000  // half past hour 100
        sampler.record(running: 9, atMicros: now - 30 * hour)  // older than a day: dropped below
        sampler.record(running: 2, atMicros: now - 2 * hour)
        sampler.record(running: 5, atMicros: now - 2 * hour + 60_000_000)
        sampler.record(running: 1, atMicros: now)
        let bars = sampler.hourlyPeak(hours: 24, nowMicros: now)
        #expect(bars.count == 24)
        #expect(bars.map(\.value).suffix(3) == [5, 0, 1])
        #expect(bars.map(\.value).dropLast(3).allSatisfy { $0 == 0 })
        #expect(bars.last?.label == "04:00")  // hour 100 is 04:00 UTC on day 4
        #expect(sampler.sampleCount == 3)
    }

    @Test func everyTemplateParses() {
        let renderer = ConsoleRenderer()
        for name in ConsoleTemplates.all.keys {
            #expect(renderer.has(template: name), "\(name)")
        }
    }
}
