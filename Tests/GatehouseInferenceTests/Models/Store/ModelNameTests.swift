import GatehouseCore
import Testing

@testable import GatehouseInference

@Suite struct ModelNameTests {
    @Test(arguments: [
        ("smollm2", "smollm2:latest"), ("ai/smollm2", "ai/smollm2:latest"),
        ("ai/smollm2:135m-q4_1", "ai/smollm2:135m-q4_1"),
        ("a.b_c-d/e:v1.0", "a.b_c-d/e:v1.0"),
    ])
    func acceptsAndTags(raw: String, expected: String) throws {
        let name = try ModelName(validating: raw)
        #expect(name.value == expected)
    }

    @Test(arguments: [
        ("", "empty"), ("Smol", "lowercase"), ("a/../b", "\"..\""), ("../x", "\"..\""), ("/abs", "start and end"),
        ("a//b", "empty path component"), ("a:b:c", "more than one tag"), ("host:5/x", "before the last"),
        ("a b", "lowercase"), ("x:", "start and end"), ("ä", "lowercase"),
        (String(repeating: "a", count: 200), "longer than 200"),
    ])
    func rejects(raw: String, reason: String) {
        #expect {
            try ModelName(validating: raw)
        } throws: { error in
            guard let error = error as? GatehouseError else { return false }
            return error.code == .badRequest && error.message.contains(reason)
        }
    }

    @Test func repositoryAndTag() throws {
        let name = try ModelName(validating: "ai/smollm2:q4")
        #expect(name.repository == "ai/smollm2")
        #expect(name.tag == "q4")
    }
}
