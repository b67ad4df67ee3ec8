import Testing

@testable import GatehouseCore

/// Helpers shared by the configuration tests.
enum ConfigTestSupport {
    /// The file name every test parses under.
    static let file = "gatehouse.yaml"

    /// The diagnostics of `yaml` as text, one per problem; empty when it parses.
    static func diagnostics(_ yaml: String) -> [String] {
        do {
            _ = try ConfigParser.parse(yaml, file: file)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }
}

/// A configuration text that must be refused, with the exact diagnostics expected.
struct MalformedConfig: Sendable, CustomTestStringConvertible {
    /// What the case shows.
    let name: String
    /// The text.
    let yaml: String
    /// The diagnostics, in order.
    let expected: [String]

    var testDescription: String { name }
}
