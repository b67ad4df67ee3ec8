import GatehouseCore
import Testing

@testable import GatehouseIdentity

@Suite struct SCIMFilterParserTests {
    static func path(_ name: String, _ sub: String? = nil, schema: String? = nil) -> SCIMAttributePath {
        SCIMAttributePath(schema: schema, name: name, subAttribute: sub)
    }

    @Test func comparisonsAndPresence() throws {
        #expect(
            try SCIMFilterParser.parse(#"userName eq "bjensen""#)
                == .compare(Self.path("userName"), .eq, .string("bjensen")))
        #expect(try SCIMFilterParser.parse("title pr") == .present(Self.path("title")))
        #expect(
            try SCIMFilterParser.parse("meta.lastModified GT \"2011-05-13T04:42:34Z\"")
                == .compare(Self.path("meta", "lastModified"), .gt, .string("2011-05-13T04:42:34Z")))
        #expect(try SCIMFilterParser.parse("active EQ True") == .compare(Self.path("active"), .eq, .bool(true)))
        #expect(try SCIMFilterParser.parse("x.y le -2.5e3") == .compare(Self.path("x", "y"), .le, .number(-2500)))
        #expect(try SCIMFilterParser.parse("manager eq null") == .compare(Self.path("manager"), .eq, .null))
    }

    @Test func precedenceIsNotThenAndThenOr() throws {
        let a = SCIMFilter.present(Self.path("a"))
        let b = SCIMFilter.present(Self.path("b"))
        let c = SCIMFilter.present(Self.path("c"))
        #expect(try SCIMFilterParser.parse("a pr or b pr and c pr") == .or(a, .and(b, c)))
        #expect(try SCIMFilterParser.parse("(a pr or b pr) and c pr") == .and(.or(a, b), c))
        #expect(try SCIMFilterParser.parse("a pr and not (b pr or c pr)") == .and(a, .not(.or(b, c))))
        #expect(try SCIMFilterParser.parse("a pr AND b pr Or c pr") == .or(.and(a, b), c))
    }

    @Test func valuePathsAndSchemaQualifiedAttributes() throws {
        #expect(
            try SCIMFilterParser.parse(#"emails[type eq "work" and value co "@example.com"]"#)
                == .valuePath(
                    Self.path("emails"),
                    .and(
                        .compare(Self.path("type"), .eq, .string("work")),
                        .compare(Self.path("value"), .co, .string("@example.com")))))
        let enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
        #expect(
            try SCIMFilterParser.parse("\(enterprise):employeeNumber eq \"701984\"")
                == .compare(Self.path("employeeNumber", schema: enterprise), .eq, .string("701984")))
        #expect(
            try SCIMFilterParser.parse(#"members[value eq "2819c223"] and members.$ref pr"#)
                == .and(
                    .valuePath(Self.path("members"), .compare(Self.path("value"), .eq, .string("2819c223"))),
                    .present(Self.path("members", "$ref"))))
    }

    @Test func stringsUseJSONEscapes() throws {
        #expect(
            try SCIMFilterParser.parse(#"displayName eq "a \"quoted\" name\u00e9 (x) [y]""#)
                == .compare(Self.path("displayName"), .eq, .string("a \"quoted\" name\u{e9} (x) [y]")))
    }

    @Test(arguments: [
        ("", "the filter is empty"),
        ("userName", "expected an operator after userName at offset 0"),
        ("userName eq", "the filter ends where a value was expected"),
        (
            "userName like \"x\"",
            "unknown operator \"like\" at offset 9 (expected eq, ne, co, sw, ew, gt, lt, ge, le or pr)"
        ),
        (
            "userName eq bjensen",
            "expected a value (a quoted string, number, true, false or null) at offset 12, found \"bjensen\""
        ),
        ("(a pr", "the filter ends where \")\" was expected"),
        ("a pr)", "unexpected \")\" at offset 4"),
        ("not a pr", "expected \"(\" after not at offset 4, found \"a\""),
        ("\"x\" eq \"y\"", "expected an attribute at offset 0, found a string"),
        ("emails[type eq \"work\"", "the filter ends where \"]\" was expected"),
        ("emails[members[value eq \"x\"]]", "value paths cannot nest (offset 7)"),
        ("name.given.more eq \"x\"", "invalid attribute \"name.given.more\" at offset 0"),
        ("9lives pr", "invalid attribute \"9lives\" at offset 0"),
        ("42 eq 1", "expected an attribute at offset 0, found a number"),
        ("a eq \"unterminated", "unterminated string starting at offset 5"),
        ("a eq \"bad \\q escape\"", "invalid string literal at offset 5"),
        ("a pr b pr", "unexpected \"b\" at offset 5"),
        ("http://x:y eq 1", "invalid attribute \"http://x:y\" at offset 0"),
    ])
    func malformedFiltersAreInvalidFilterErrors(filter: String, message: String) {
        let error = #expect(throws: GatehouseError.self) { try SCIMFilterParser.parse(filter) }
        #expect(error?.code == .invalidFilter)
        #expect(error?.message == message)
    }

    @Test func hostileFiltersAreBoundedNotCrashes() {
        let deep = String(repeating: "(", count: 10_000) + "a pr" + String(repeating: ")", count: 10_000)
        #expect(throws: GatehouseError.self) { try SCIMFilterParser.parse(deep) }
        let nested = String(repeating: "not (", count: 40) + "a pr" + String(repeating: ")", count: 40)
        let error = #expect(throws: GatehouseError.self) { try SCIMFilterParser.parse(nested) }
        #expect(error?.message == "the filter nests deeper than 32 levels")
        let long = Array(repeating: "a pr", count: 2_000).joined(separator: " or ")
        #expect(throws: GatehouseError.self) { try SCIMFilterParser.parse(long) }
        var limits = SCIMFilterLimits()
        limits.maxTokens = 10
        let many = #expect(throws: GatehouseError.self) {
            try SCIMFilterParser.parse("a pr or b pr or c pr or d pr", limits: limits)
        }
        #expect(many?.message == "the filter has more than 10 tokens")
    }
}
