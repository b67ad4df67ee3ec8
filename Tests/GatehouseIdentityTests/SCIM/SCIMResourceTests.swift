import Foundation
import GatehouseCore
import Testing

@testable import GatehouseIdentity

/// Normalizing what clients send, and projecting what they get back.
@Suite struct SCIMResourceTests {
    static func json(_ text: String) -> SCIMJSON { SCIMPatchTests.json(text) }

    @Test func normalizationCanonicalisesNamesAndTypesAndDropsWhatIsNotStored() throws {
        let body = Self.json(
            #"""
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "client-chosen", "USERNAME": "x",
             "Active": "True", "password": "secret-1", "groups": [{"value": "g"}], "meta": {"version": "1"},
             "Emails": [{"Value": "a@b", "Primary": false}], "displayName": null, "nickName": ""}
            """#)
        let document = try SCIMResourceType.user.normalize(body)
        #expect(
            document == [
                "userName": .string("x"), "active": .bool(true),
                "emails": .array([.object(["value": .string("a@b"), "primary": .bool(false)])]),
            ])
    }

    @Test(arguments: [
        (#"{"userName": 5}"#, "userName must be a string"),
        (#"{"title": "x"}"#, "userName is required"),
        (#"{"userName": "x", "emails": {"value": "a"}}"#, "emails must be an array"),
        (#"{"userName": "x", "name": {"nick": "y"}}"#, "unknown attribute \"name.nick\""),
        (#"{"userName": "x", "urn:example:custom:2.0:User": {}}"#, "unsupported schema extension"),
        (
            #"{"userName": "x", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"badge": 1}}"#,
            "unknown attribute"
        ),
    ])
    func badResourcesNameTheirProblem(body: String, message: String) {
        do {
            _ = try SCIMResourceType.user.normalize(Self.json(body))
            Issue.record("accepted \(body)")
        } catch {
            #expect(error.code == .invalidValue)
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test func projectionKeepsIdAndSchemasAndHonoursBothLists() throws {
        let resource: [String: SCIMJSON] = [
            "schemas": .array([]), "id": .string("1"), "userName": .string("u"), "title": .string("t"),
            "name": Self.json(#"{"givenName": "g", "familyName": "f"}"#),
            "emails": Self.json(#"[{"value": "a", "type": "work"}]"#),
        ]
        let only = try SCIMProjection(attributes: "title,name.givenName,emails.value", excluded: nil, type: .user)
        #expect(
            only.apply(resource, type: .user) == [
                "schemas": .array([]), "id": .string("1"), "title": .string("t"),
                "name": Self.json(#"{"givenName": "g"}"#), "emails": Self.json(#"[{"value": "a"}]"#),
            ])
        let without = try SCIMProjection(attributes: nil, excluded: "name,emails.type,id", type: .user)
        #expect(
            without.apply(resource, type: .user) == [
                "schemas": .array([]), "id": .string("1"), "userName": .string("u"), "title": .string("t"),
                "emails": Self.json(#"[{"value": "a"}]"#),
            ])
        #expect(throws: GatehouseError.self) {
            try SCIMProjection(attributes: "title,shoeSize", excluded: nil, type: .user)
        }
    }

    @Test func listQueriesParseAndBound() throws {
        let query = try SCIMListQuery(
            parameters: [
                "FILTER": #"userName eq "x""#, "count": "5000", "startIndex": "-3", "sortBy": "name.givenName",
            ],
            type: .user)
        #expect(query.count == SCIMLimits.maxResults)
        #expect(query.startIndex == 1)
        #expect(query.filter?.equalityHint(for: "username") == "x")
        for bad in [["count": "many"], ["sortBy": "shoe"], ["filter": "emails[shoe eq 1]"], ["filter": "x eq"]] {
            #expect(throws: GatehouseError.self) { try SCIMListQuery(parameters: bad, type: .user) }
        }
    }

    @Test func preconditionsCompareWeakAndStrongTags() throws {
        #expect(SCIMPreconditions.matches(#"W/"3""#, version: 3))
        #expect(SCIMPreconditions.matches(#""3""#, version: 3))
        #expect(SCIMPreconditions.matches(#"W/"1", W/"3""#, version: 3))
        #expect(SCIMPreconditions.matches("*", version: 3))
        #expect(!SCIMPreconditions.matches(#"W/"2""#, version: 3))
        #expect(try SCIMPreconditions(ifMatch: #"W/"3""#).requiredVersion(current: 3) == 3)
        #expect(try SCIMPreconditions(ifMatch: "*").requiredVersion(current: 3) == nil)
        #expect(throws: GatehouseError.self) { try SCIMPreconditions(ifMatch: #"W/"2""#).requiredVersion(current: 3) }
    }

    @Test func bulkRequestsAreCheckedAndReferencesResolved() throws {
        #expect(throws: GatehouseError.self) {
            try SCIMBulk(
                Self.json(
                    #"{"schemas": ["\#(SCIMURN.bulkRequest)"], "Operations": [{"method": "POST", "path": "/Users"}]}"#))
        }
        #expect(throws: GatehouseError.self) {
            try SCIMBulk(
                Self.json(
                    #"{"schemas": ["\#(SCIMURN.bulkRequest)"], "Operations": [{"method": "GET", "path": "/Users"}]}"#))
        }
        #expect(throws: GatehouseError.self) {
            try SCIMBulk(Self.json(#"{"schemas": ["\#(SCIMURN.bulkRequest)"], "failOnErrors": 0, "Operations": []}"#))
        }
        #expect(try SCIMBulk.resolve("/Groups/bulkId:g1", ["g1": "abc"]) == "/Groups/abc")
        #expect(
            try SCIMBulk.resolve(Self.json(#"{"members": [{"value": "bulkId:u"}]}"#), ["u": "9"])
                == Self.json(#"{"members": [{"value": "9"}]}"#))
        #expect(throws: GatehouseError.self) { try SCIMBulk.resolve("bulkId:nope", [:]) }
    }
}
