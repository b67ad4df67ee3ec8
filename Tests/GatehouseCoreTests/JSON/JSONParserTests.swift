import Foundation
import Testing

@testable import GatehouseCore

/// The JSON reader and writer every message goes through.
@Suite struct JSONParserTests {
    @Test func valuesReadAsWrittenAndWriteBackTheSame() throws {
        let text =
            #"{"a":[1,-2,3.5,1e3,true,false,null],"b":{"c":"x\"y\\z\n\t\u00e9\ud83d\ude00/"},"d":9007199254740993}"#
        let value = try #require(JSONValue.parse(Data(text.utf8)))
        #expect(value["a"] == [1, -2, .number(3.5), .number(1000), true, false, .null])
        #expect(value["b"]?["c"] == .string("x\"y\\z\n\té😀/"))
        // Integers keep every digit (a double would not).
        #expect(value["d"] == .integer(9_007_199_254_740_993))
        let again = try #require(JSONValue.parse(value.encoded))
        #expect(again == value)
        #expect(
            value.text == #"{"a":[1,-2,3.5,1000.0,true,false,null],"b":{"c":"x\"y\\z\n\té😀/"},"d":9007199254740993}"#)
    }

    @Test(arguments: [
        "", " ", "{", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "-", "1e", "+1", "tru", "nul",
        "\"unterminated", "\"tab\there\"", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\"",
        "{\"a\" 1}", "{1:2}", "[1 2]", "1 2", "nan", "Infinity", "1e999",
    ])
    func malformedTextIsRefused(_ text: String) {
        #expect(JSONValue.parse(Data(text.utf8)) == nil)
    }

    @Test func invalidUTF8AndDeepNestingAreRefused() {
        #expect(JSONValue.parse(Data([0x22, 0xC3, 0x28, 0x22])) == nil)
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(JSONValue.parse(Data(deep.utf8)) == nil)
        let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(JSONValue.parse(Data(fine.utf8)) != nil)
    }

    @Test func controlCharactersAreEscapedOnTheWayOut() {
        let value = JSONValue.string("a\u{01}b\u{1f}")
        #expect(value.text == #""a\u0001b\u001f""#)
        #expect(JSONValue.parse(value.encoded) == value)
        #expect(JSONValue.number(.infinity).text == "null")
    }

    @Test func itAgreesWithFoundationOnARealMessage() throws {
        let text = """
            {"jsonrpc":"2.0","id":7,"result":{"content":[{"type":"text","text":"{\\n  \\"timezone\\": \\"UTC\\"\\n}"}],
            "structuredContent":{"is_dst":false,"offset":-3.5},"isError":false}}
            """
        let ours = try #require(JSONValue.parse(Data(text.utf8)))
        let theirs = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(ours == theirs)
    }
}
