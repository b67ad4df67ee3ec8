import GatehouseInference
import Testing

/// Prices per million tokens by route glob.
@Suite struct PriceTableTests {
    let table = PriceTable([
        .init(route: "openai/gpt-4o-mini*", input: 0.15, output: 0.60),
        .init(route: "openai/*", input: 2.5, output: 10),
    ])

    @Test func firstMatchingGlobPrices() {
        #expect(table.costMicros(route: "openai/gpt-4o-mini", promptTokens: 1000, completionTokens: 100) == 210)
        #expect(table.costMicros(route: "openai/gpt-4o", promptTokens: 1000, completionTokens: 100) == 3500)
    }

    @Test func unmatchedRoutesAreFree() {
        #expect(table.costMicros(route: "local/ai/smollm2:latest", promptTokens: 10_000, completionTokens: 10) == 0)
        #expect(!table.isPriced("local/ai/smollm2:latest"))
        #expect(table.isPriced("openai/x"))
    }
}
