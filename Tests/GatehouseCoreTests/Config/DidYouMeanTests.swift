import Testing

@testable import GatehouseCore

@Suite("Did you mean")
struct DidYouMeanTests {
    @Test("edit distance")
    func distance() {
        #expect(DidYouMean.distance("models", "models") == 0)
        #expect(DidYouMean.distance("modles", "models") == 2)
        #expect(DidYouMean.distance("prot", "port") == 2)
        #expect(DidYouMean.distance("hots", "host") == 2)
        #expect(DidYouMean.distance("rule", "rules") == 1)
        #expect(DidYouMean.distance("warn", "warning") > DidYouMean.maxDistance)
    }

    @Test("suggestions: case-insensitive match first, then the closest within two edits")
    func suggestions() {
        let keys = ["host", "port", "data_dir"]
        #expect(DidYouMean.suggestion(for: "PORT", among: keys) == "port")
        #expect(DidYouMean.suggestion(for: "datadir", among: keys) == "data_dir")
        #expect(DidYouMean.suggestion(for: "listen", among: keys) == nil)
        #expect(DidYouMean.hint(for: "prt", among: keys) == #"did you mean "port"?"#)
        #expect(
            DidYouMean.hint(for: "listen", among: keys) == "expected one of: host, port, data_dir")
        #expect(DidYouMean.hint(for: "listen", among: []) == nil)
    }
}
