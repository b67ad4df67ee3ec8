import Foundation
import Testing

@testable import GatehouseIdentity

@Suite struct SCIMFilterEvaluateTests {
    static let user: SCIMJSON = try! JSONDecoder().decode(
        SCIMJSON.self,
        from: Data(
            #"""
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
              "userName": "BJensen@example.com",
              "externalId": "00u1abcd",
              "active": true,
              "name": {"familyName": "Jensen", "givenName": "Barbara"},
              "emails": [
                {"type": "work", "value": "bjensen@example.com", "primary": true},
                {"type": "home", "value": "babs@jensen.org"}
              ],
              "title": "",
              "meta": {"lastModified": "2026-05-13T04:42:34Z"},
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "701984"}
            }
            """#.utf8))

    static func matches(_ filter: String, caseExact: Set<String> = []) throws -> Bool {
        try SCIMFilterParser.parse(filter).matches(Self.user) { caseExact.contains($0.description) }
    }

    @Test(arguments: [
        (#"userName eq "bjensen@example.com""#, true),
        (#"USERNAME Eq "BJENSEN@EXAMPLE.COM""#, true),
        (#"externalId eq "00u1abcd""#, true),
        (#"name.familyName sw "Jen" and name.givenName ew "bara""#, true),
        (#"emails[type eq "work" and value co "@example.com"]"#, true),
        (#"emails[type eq "home" and value co "@example.com"]"#, false),
        (#"emails.value ew ".org""#, true),
        ("emails.primary eq true", true),
        ("title pr", false),
        ("manager pr", false),
        ("manager eq null", true),
        ("active eq true", true),
        ("active ne true", false),
        (#"active eq "False""#, false),
        (#"meta.lastModified gt "2026-01-01T00:00:00Z""#, true),
        (#"meta.lastModified lt "2026-01-01T00:00:00Z""#, false),
        (#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "701984""#, true),
        (#"not (userName eq "someone") and emails pr"#, true),
        (#"userName eq "x" or name.familyName eq "jensen""#, true),
    ])
    func evaluates(filter: String, expected: Bool) throws {
        #expect(try Self.matches(filter) == expected)
    }

    @Test func caseExactAttributesCompareExactly() throws {
        #expect(try !Self.matches(#"externalId eq "00U1ABCD""#, caseExact: ["externalId"]))
        #expect(try Self.matches(#"externalId eq "00U1ABCD""#))
    }

    @Test func entraStringBooleansCompareAsBooleans() throws {
        let resource = SCIMJSON.object(["active": .string("False")])
        #expect(try SCIMFilterParser.parse("active eq false").matches(resource))
    }
}
