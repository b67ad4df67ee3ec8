import Foundation
import GatehouseCore
import Testing

@testable import GatehouseIdentity

/// PATCH as RFC 7644 §3.5.2 defines it, and as Okta and Entra send it.
@Suite struct SCIMPatchTests {
    static func json(_ text: String) -> SCIMJSON {
        try! JSONDecoder().decode(SCIMJSON.self, from: Data(text.utf8))
    }

    static let user: [String: SCIMJSON] = {
        guard
            case .object(let members) = json(
                #"""
                {"userName": "bjensen", "active": true, "name": {"givenName": "Barbara", "familyName": "Jensen"},
                 "emails": [{"type": "work", "value": "b@work.example", "primary": true},
                            {"type": "home", "value": "b@home.example"}],
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "R&D"}}
                """#)
        else { return [:] }
        return members
    }()

    /// Applies one operation (given as JSON) to ``user`` and normalizes the result.
    static func apply(_ operations: String, to resource: [String: SCIMJSON] = user, type: SCIMResourceType = .user)
        throws(GatehouseError) -> [String: SCIMJSON]
    {
        let body = json(#"{"schemas": ["\#(SCIMURN.patchOp)"], "Operations": [\#(operations)]}"#)
        let patched = try SCIMPatch(body, type: type).apply(to: resource, type: type)
        return try type.normalize(.object(patched))
    }

    @Test func pathlessReplaceSetsEachMember() throws {
        let result = try Self.apply(#"{"op": "replace", "value": {"active": false, "title": "CEO"}}"#)
        #expect(result["active"] == .bool(false))
        #expect(result["title"] == .string("CEO"))
        #expect(result["userName"] == .string("bjensen"))
    }

    @Test func entraCapitalisedOperationsAndStringBooleans() throws {
        let result = try Self.apply(
            #"{"op": "Replace", "path": "active", "value": "False"}, {"op": "Add", "path": "nickName", "value": "Babs"}"#
        )
        #expect(result["active"] == .bool(false))
        #expect(result["nickName"] == .string("Babs"))
    }

    @Test func valueFilterPathsReplaceAddAndRemove() throws {
        let replaced = try Self.apply(
            #"{"op": "replace", "path": "emails[type eq \"work\"].value", "value": "new@work.example"}"#)
        #expect(
            replaced["emails"]
                == Self.json(
                    #"[{"type": "work", "value": "new@work.example", "primary": true}, {"type": "home", "value": "b@home.example"}]"#
                ))
        let removed = try Self.apply(#"{"op": "remove", "path": "emails[type eq \"home\"]"}"#)
        #expect(removed["emails"] == Self.json(#"[{"type": "work", "value": "b@work.example", "primary": true}]"#))
        let created = try Self.apply(
            #"{"op": "add", "path": "phoneNumbers[type eq \"mobile\"].value", "value": "555"}"#)
        #expect(created["phoneNumbers"] == Self.json(#"[{"type": "mobile", "value": "555"}]"#))
        let subRemoved = try Self.apply(#"{"op": "remove", "path": "emails[type eq \"work\"].primary"}"#)
        #expect(
            subRemoved["emails"]
                == Self.json(
                    #"[{"type": "work", "value": "b@work.example"}, {"type": "home", "value": "b@home.example"}]"#))
    }

    @Test func addingAPrimaryValueDemotesTheOthers() throws {
        let result = try Self.apply(
            #"{"op": "add", "path": "emails", "value": [{"type": "other", "value": "o@x.example", "primary": true}]}"#)
        guard case .array(let emails)? = result["emails"] else { throw GatehouseError(.internal, "no emails") }
        #expect(emails.count == 3)
        #expect(emails.filter { $0[attribute: "primary"] == .bool(true) }.count == 1)
        #expect(emails.last?[attribute: "primary"] == .bool(true))
    }

    @Test func complexAttributesMergeAndSubAttributesChange() throws {
        let merged = try Self.apply(#"{"op": "replace", "path": "name", "value": {"givenName": "Babs"}}"#)
        #expect(merged["name"] == Self.json(#"{"givenName": "Babs", "familyName": "Jensen"}"#))
        let sub = try Self.apply(#"{"op": "remove", "path": "name.familyName"}"#)
        #expect(sub["name"] == Self.json(#"{"givenName": "Barbara"}"#))
        let caseless = try Self.apply(#"{"op": "replace", "path": "NAME.GIVENNAME", "value": "B"}"#)
        #expect(caseless["name"]?[attribute: "givenName"] == .string("B"))
    }

    @Test func extensionAttributesByURN() throws {
        let urn = SCIMURN.enterpriseUser
        let one = try Self.apply(#"{"op": "replace", "path": "\#(urn):department", "value": "Ops"}"#)
        #expect(one[urn]?[attribute: "department"] == .string("Ops"))
        let whole = try Self.apply(
            #"{"op": "add", "path": "\#(urn)", "value": {"schemas": ["\#(urn)"], "employeeNumber": "7"}}"#)
        #expect(whole[urn] == Self.json(#"{"department": "R&D", "employeeNumber": "7"}"#))
        let gone = try Self.apply(#"{"op": "remove", "path": "\#(urn)"}"#)
        #expect(gone[urn] == nil)
        let pathless = try Self.apply(#"{"op": "replace", "value": {"\#(urn):department": "Sales"}}"#)
        #expect(pathless[urn]?[attribute: "department"] == .string("Sales"))
    }

    @Test func groupMembersByFilterAndByValue() throws {
        let group: [String: SCIMJSON] = [
            "displayName": .string("devs"),
            "members": Self.json(#"[{"value": "u1"}, {"value": "u2"}, {"value": "u3"}]"#),
        ]
        let okta = try Self.apply(#"{"op": "remove", "path": "members[value eq \"u2\"]"}"#, to: group, type: .group)
        #expect(okta["members"] == Self.json(#"[{"value": "u1"}, {"value": "u3"}]"#))
        let entra = try Self.apply(
            #"{"op": "Remove", "path": "members", "value": [{"value": "u1"}, {"value": "u3"}]}"#, to: group,
            type: .group)
        #expect(entra["members"] == Self.json(#"[{"value": "u2"}]"#))
        let again = try Self.apply(
            #"{"op": "add", "path": "members", "value": [{"value": "u1"}]}"#, to: group, type: .group)
        #expect(again["members"] == group["members"])  // adding an existing member changes nothing
        let missing = try Self.apply(#"{"op": "remove", "path": "members[value eq \"u9\"]"}"#, to: group, type: .group)
        #expect(missing["members"] == group["members"])  // removing an absent member is not an error
    }

    @Test(arguments: [
        (#"{"op": "replace", "path": "shoeSize", "value": 1}"#, GatehouseError.Code.invalidPath),
        (#"{"op": "replace", "path": "urn:example:custom:Thing:x", "value": 1}"#, .invalidPath),
        (#"{"op": "add", "path": "emails.value", "value": "x"}"#, .invalidPath),
        (#"{"op": "replace", "path": "meta.created", "value": "x"}"#, .mutability),
        (#"{"op": "replace", "path": "name[givenName eq \"x\"]", "value": {}}"#, .invalidPath),
        (#"{"op": "replace", "path": "emails[type eq \"x\" and value co \"y\"].value", "value": "z"}"#, .noTarget),
        (#"{"op": "remove", "path": ""}"#, .invalidPath),
        (#"{"op": "add", "path": "title"}"#, .invalidValue),
        (#"{"op": "replace", "value": "not an object"}"#, .invalidValue),
        (#"{"op": "replace", "path": "active", "value": 3}"#, .invalidValue),
        (#"{"op": "replace", "path": "userName", "value": null}"#, .invalidValue),
        (
            #"{"op": "replace", "path": "emails", "value": [{"value": "a", "primary": true}, {"value": "b", "primary": true}]}"#,
            .invalidValue
        ),
    ])
    func badOperationsNameTheirProblem(operation: String, code: GatehouseError.Code) {
        #expect(throws: GatehouseError.self) { try Self.apply(operation) }
        do {
            _ = try Self.apply(operation)
        } catch {
            #expect(error.code == code, "\(operation): \(error.message)")
        }
    }

    @Test func patchMessagesAreChecked() {
        for body in [
            #"{"Operations": [{"op": "add", "path": "title", "value": "x"}]}"#,
            #"{"schemas": ["\#(SCIMURN.patchOp)"], "Operations": []}"#,
            #"{"schemas": ["\#(SCIMURN.patchOp)"]}"#,
            #"[1, 2]"#,
        ] {
            #expect(throws: GatehouseError.self) { try SCIMPatch(Self.json(body), type: .user) }
        }
        let many = Array(repeating: #"{"op": "remove", "path": "title"}"#, count: SCIMLimits.maxPatchOperations + 1)
        #expect(throws: GatehouseError.self) {
            try SCIMPatch(
                Self.json(#"{"schemas": ["\#(SCIMURN.patchOp)"], "Operations": [\#(many.joined(separator: ","))]}"#),
                type: .user)
        }
    }

    @Test func deactivationIsRecognisedInEveryShape() {
        let shapes = [
            (#"{"active": false}"#, true),
            (#"{"active": "False"}"#, true),
            (#"{"active": true}"#, false),
            (#"{"Operations": [{"op": "replace", "value": {"active": false}}]}"#, true),
            (#"{"Operations": [{"op": "Replace", "path": "active", "value": "False"}]}"#, true),
            (#"{"Operations": [{"op": "replace", "path": "ACTIVE", "value": false}]}"#, true),
            (#"{"Operations": [{"op": "replace", "path": "title", "value": false}]}"#, false),
            (#"{"Operations": [{"op": "remove", "path": "active"}]}"#, false),
        ]
        for (body, expected) in shapes {
            #expect(SCIMDirectory.deactivates(Self.json(body)) == expected, "\(body)")
        }
    }
}
