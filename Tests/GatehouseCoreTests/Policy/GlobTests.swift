import Testing

@testable import GatehouseCore

@Suite struct GlobTests {
    @Test(arguments: [
        ("*", "", true), ("*", "anything/at/all", true), ("audit.*", "audit.read", true),
        ("audit.*", "auditread", false), ("a?c", "abc", true), ("a?c", "ac", false),
        ("docker.io/library/*", "docker.io/library/alpine", true),
        ("docker.io/library/*", "ghcr.io/library/alpine", false), ("*.read", "audit.read", true),
        ("a*b*c", "aXXbYYc", true), ("a*b*c", "aXXbYY", false), ("exact", "exact", true),
        ("exact", "exactly", false), ("", "", true), ("", "x", false),
    ])
    func matches(pattern: String, text: String, expected: Bool) {
        #expect(Glob(pattern).matches(text) == expected)
    }

    @Test func hostilePatternsStayFast() {
        // Exponential in a naive backtracking matcher; linear here.
        let pattern = String(repeating: "*a", count: 200) + "b"
        let text = String(repeating: "a", count: 5_000)
        #expect(!Glob(pattern).matches(text))
    }
}
