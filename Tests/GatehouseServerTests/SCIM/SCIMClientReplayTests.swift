import Foundation
import GatehouseCore
import GatehouseIdentity
import GatehouseStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The request sequences Okta and Microsoft Entra send, replayed as they send them.
@Suite struct SCIMClientReplayTests {
    typealias H = SCIMHarness

    /// Okta: looks the user up by userName, creates, updates the profile with PUT, and
    /// deprovisions with a path-less `replace` of `active` (never DELETE).
    @Test func oktaProvisionsUpdatesAndDeactivates() async throws {
        try await H.withServer { context in
            let client = context.client
            let lookup = try await H.send(
                client, .get, "/Users?filter=userName%20eq%20%22dana%40example.com%22&startIndex=1&count=100")
            #expect(lookup.status == 200)
            #expect(lookup["totalResults"] == .number(0))
            let created = try await H.send(
                client, .post, "/Users",
                #"""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "dana@example.com",
                 "name": {"givenName": "Dana", "familyName": "Lee"}, "emails": [{"primary": true,
                 "value": "dana@example.com", "type": "work"}], "displayName": "Dana Lee", "locale": "en-US",
                 "externalId": "00u1dana", "groups": [], "password": "never-stored-1", "active": true}
                """#)
            #expect(created.status == 201)
            #expect(created["password"] == nil)
            #expect(created.headers[.location] == created["meta"]?[attribute: "location"]?.stringValue)
            let id = created.id
            let token = try await H.signIn(context, userID: id, subject: "00u1dana")
            let whoami = try await client.execute(
                uri: "/api/v1/audit?limit=1", method: .get, headers: ServerHarness.bearer(token)
            ) { $0.status }
            #expect(whoami == .forbidden)  // signed in, but in no group that may read the audit trail

            let profile = try await H.send(
                client, .put, "/Users/\(id)",
                #"""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "\#(id)",
                 "userName": "dana@example.com", "name": {"givenName": "Dana", "familyName": "Lee-Park"},
                 "emails": [{"primary": true, "value": "dana@example.com", "type": "work"}],
                 "displayName": "Dana Lee-Park", "externalId": "00u1dana", "active": true}
                """#)
            #expect(profile.status == 200)
            #expect(profile["name"]?[attribute: "familyName"] == .string("Lee-Park"))
            #expect(profile["locale"] == nil)  // PUT replaces: what is left out is gone

            let deactivated = try await H.send(
                client, .patch, "/Users/\(id)", H.patch(#"{"op": "replace", "value": {"active": false}}"#))
            #expect(deactivated.status == 200)
            #expect(deactivated["active"] == .bool(false))
            let after = try await client.execute(
                uri: "/api/v1/audit?limit=1", method: .get, headers: ServerHarness.bearer(token)
            ) { $0.status }
            #expect(after == .unauthorized)
            let store = try await H.openStore(context)
            #expect(try await store.token(id: "tok_00u1dana")?.revokedMicros != nil)
            let records = try await store.queryAudit(AuditQuery(action: "user.deprovision", limit: 10))
            #expect(records.first?.event.subject == "scim")
            #expect(records.first?.event.resource == "scim:Users/\(id)")
            await store.shutdown()
        }
    }

    /// Entra: filters on externalId, capitalised operation names, string booleans, group
    /// look-ups that leave members out, member adds and removes by value.
    @Test func entraProvisionsGroupsAndDisables() async throws {
        try await H.withServer { context in
            let client = context.client
            let none = try await H.send(
                client, .get, "/Users?filter=externalId+eq+%22a1b2c3%22")
            #expect(none.status == 200 && none["totalResults"] == .number(0))
            let created = try await H.send(
                client, .post, "/Users",
                #"""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "externalId": "a1b2c3", "userName": "Erin@Contoso.com", "active": true,
                 "displayName": "Erin", "emails": [{"primary": true, "type": "work", "value": "erin@contoso.com"}],
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "R&D"}}
                """#)
            #expect(created.status == 201)
            let id = created.id
            let found = try await H.send(client, .get, "/Users?filter=externalId+eq+%22a1b2c3%22")
            #expect(found["totalResults"] == .number(1))
            let byName = try await H.send(client, .get, "/Users?filter=userName+eq+%22erin%40contoso.com%22")
            #expect(byName["totalResults"] == .number(1))  // userName compares case-insensitively

            let updated = try await H.send(
                client, .patch, "/Users/\(id)",
                H.patch(
                    #"""
                    {"op": "Replace", "path": "displayName", "value": "Erin Q"},
                    {"op": "Add", "path": "emails[type eq \"work\"].value", "value": "erin.q@contoso.com"},
                    {"op": "Add", "path": "phoneNumbers[type eq \"mobile\"].value", "value": "+1 555 0100"},
                    {"op": "Replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "value": "Ops"}
                    """#))
            #expect(updated.status == 200)
            #expect(updated["displayName"] == .string("Erin Q"))
            #expect(
                updated["emails"]
                    == .array([
                        .object([
                            "primary": .bool(true), "type": .string("work"), "value": .string("erin.q@contoso.com"),
                        ])
                    ]))
            #expect(
                updated["phoneNumbers"]
                    == .array([.object(["type": .string("mobile"), "value": .string("+1 555 0100")])]))
            #expect(updated[SCIMURN.enterpriseUser]?[attribute: "department"] == .string("Ops"))

            let noGroup = try await H.send(
                client, .get, "/Groups?excludedAttributes=members&filter=displayName+eq+%22developers%22")
            #expect(noGroup["totalResults"] == .number(0))
            let group = try await H.send(client, .post, "/Groups", H.group("developers"))
            #expect(group.status == 201)
            let gid = group.id
            let added = try await H.send(
                client, .patch, "/Groups/\(gid)",
                H.patch(#"{"op": "Add", "path": "members", "value": [{"value": "\#(id)"}]}"#))
            #expect(added.status == 200)
            let listed = try await H.send(
                client, .get, "/Groups?excludedAttributes=members&filter=displayName+eq+%22developers%22")
            let first = listed["Resources"].flatMap { if case .array(let items) = $0 { items.first } else { nil } }
            #expect(first?[attribute: "members"] == nil)
            #expect(first?[attribute: "displayName"] == .string("developers"))

            // The person's groups are SCIM's: the developers rule now applies to them.
            let token = try await H.signIn(context, userID: id, subject: "entra-oid-erin")
            let whoami = try await client.execute(
                uri: "/api/v1/audit?limit=1", method: .get, headers: ServerHarness.bearer(token)
            ) { $0.status }
            #expect(whoami == .ok)

            let removed = try await H.send(
                client, .patch, "/Groups/\(gid)",
                H.patch(#"{"op": "Remove", "path": "members", "value": [{"value": "\#(id)"}]}"#))
            #expect(removed["members"] == nil)
            let denied = try await client.execute(
                uri: "/api/v1/audit?limit=1", method: .get, headers: ServerHarness.bearer(token)
            ) { $0.status }
            #expect(denied == .forbidden)

            let disabled = try await H.send(
                client, .patch, "/Users/\(id)", H.patch(#"{"op": "Replace", "path": "active", "value": "False"}"#))
            #expect(disabled["active"] == .bool(false))
            let refused = try await client.execute(
                uri: "/api/v1/audit?limit=1", method: .get, headers: ServerHarness.bearer(token)
            ) { $0.status }
            #expect(refused == .unauthorized)
        }
    }

    @Test func deleteRevokesEveryTokenBeforeAnswering() async throws {
        try await H.withServer { context in
            let created = try await H.send(context.client, .post, "/Users", H.user("frank"))
            let token = try await H.signIn(context, userID: created.id, subject: "sub-frank")
            let deleted = try await H.send(context.client, .delete, "/Users/\(created.id)")
            #expect(deleted.status == 204)
            #expect(deleted.json == nil)
            let refused = try await context.client.execute(
                uri: "/api/v1/tokens", method: .get, headers: ServerHarness.bearer(token)
            ) { $0.status }
            #expect(refused == .unauthorized)
            #expect(try await H.send(context.client, .get, "/Users/\(created.id)").status == 404)
        }
    }
}
